import { useQuery } from "@tanstack/react-query";
import { Alert, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntry, ChangeKind, Language } from "../bindings";
import { formatDateTime } from "../format";

/**
 * This desk's own saves of a record: the version each was saved from → the
 * version it made. A form over the record is not told "changed underneath"
 * for the versions its own desk made.
 */
export type OwnWrites = Readonly<Record<string, string>>;

/** Whether version `to` follows version `from` through this desk's own saves alone. */
export function reachedByOwnWrites(from: string, to: string, own: OwnWrites): boolean {
  const seen = new Set<string>();
  let at = from;
  while (at !== to) {
    const next = own[at];
    if (next === undefined || seen.has(at)) return false;
    seen.add(at);
    at = next;
  }
  return true;
}

/**
 * A form being edited is never overwritten by a change from another desk.
 *
 * While `editing`, the form works from `base`: the record as it was when the
 * edit began. The query's `current` record keeps following the changes; when
 * its `updatedAt` moves on, `changed` is true, the screen shows
 * `ChangedNotice`, and `reload` takes the new record as the base (the form
 * then fills from it). Saving against the old base is refused as `stale` by
 * the backend, which names who changed it.
 * When not editing, `base` is simply the current record.
 */
export function useEditBase<T extends { updatedAt: string }>(
  current: T | null | undefined,
  editing: boolean,
): { base: T | null; changed: boolean; reload: () => void } {
  const [frozen, setFrozen] = useState<T | null>(null);
  // Derived during render, as React advises for state that follows props:
  // the edit begins from the record then shown, and ends by letting it go.
  if (editing && frozen === null && current) setFrozen(current);
  if (!editing && frozen !== null) setFrozen(null);
  const base = editing ? (frozen ?? current ?? null) : (current ?? null);
  const changed = editing && !!frozen && !!current && current.updatedAt !== frozen.updatedAt;
  return { base, changed, reload: () => setFrozen(current ?? null) };
}

/**
 * Above a form whose record changed underneath: who changed it and when (the
 * newest entry of the record's audit trail, when it has one), and Reload.
 */
export function ChangedNotice({
  at,
  history,
  lang,
  onReload,
}: {
  /** The record's new `updatedAt`. */
  at: string;
  /** The record's audit trail, to name who changed it. */
  history?: {
    queryKey: readonly unknown[];
    queryFn: () => Promise<AuditEntry[]>;
    meta?: { kinds?: readonly ChangeKind[] };
  };
  lang: Language;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  // The same read as the record's history list (same key and kinds), when it has one.
  const trail = useQuery({
    queryKey: history?.queryKey ?? ["none"],
    queryFn: history?.queryFn ?? (() => Promise.resolve([])),
    meta: history?.meta,
    enabled: !!history,
  });
  const newest = trail.data?.reduce<AuditEntry | null>((a, b) => (!a || b.at > a.at ? b : a), null) ?? null;
  const when = formatDateTime(newest?.at ?? at, lang);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="changed-underneath"
      title={
        newest
          ? t("common.changedUnderneathBy", { by: newest.staffName, at: when })
          : t("common.changedUnderneath", { at: when })
      }
      description={t("common.changedUnderneathHint")}
      action={
        <Button size="small" onClick={onReload} data-testid="changed-underneath-reload">
          {t("common.reload")}
        </Button>
      }
    />
  );
}

/**
 * A settings form (the complaint limits, the follow-up rules and
 * questionnaire) never overwritten while it holds what the user typed: as
 * `useEditBase`, for settings that carry no `updatedAt` — `signature` (their
 * values, or a version number) stands for it. The form is keyed by `formKey`
 * and filled from `base`; `edited` is its `onValuesChange`.
 */
export function useSettingsEdit<T>(current: T | undefined, signature: (value: T) => string) {
  const [edited, setEdited] = useState(false);
  const [round, setRound] = useState(0);
  const { base, changed } = useEditBase(
    current === undefined ? null : { value: current, updatedAt: signature(current) },
    edited,
  );
  return {
    /** What the form is filled from; null until first read. */
    base: base?.value ?? null,
    changed,
    formKey: `${base?.updatedAt ?? ""}-${round}`,
    /** The user typed in the form (its `onValuesChange`). */
    edited: () => setEdited(true),
    /** Fills the form again from the settings as last read: Reload, or after this desk's own save. */
    refill: () => {
      setEdited(false);
      setRound((n) => n + 1);
    },
  };
}

/**
 * Above a settings form whose settings another desk changed: when this desk
 * read them (within a second of the change), what saving now would do, and Reload.
 */
export function SettingsChanged({ at, lang, onReload }: { at: number; lang: Language; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="changed-underneath"
      title={t("common.settingsChangedTitle", { at: formatDateTime(new Date(at).toISOString(), lang) })}
      description={t("common.settingsChangedHint")}
      action={
        <Button size="small" onClick={onReload} data-testid="changed-underneath-reload">
          {t("common.reload")}
        </Button>
      }
    />
  );
}
