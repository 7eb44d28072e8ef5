import { useQuery } from "@tanstack/react-query";
import { Empty, Skeleton, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { AuditAction, AuditEntry, Language } from "../bindings";
import { ReadFailure } from "../live/ReadFailure";
import { formatDateTime } from "../format";
import { describeChange, scopeOf } from "./changes";

const ACTION_COLOUR: Record<AuditAction, string> = {
  created: "green",
  updated: "blue",
  archived: "default",
  restored: "cyan",
  owner_changed: "purple",
  password_changed: "gold",
  password_reset: "gold",
  backup_restored: "red",
  demo_loaded: "default",
  rescheduled: "gold",
  preparation_updated: "blue",
  prepared: "cyan",
  received: "blue",
  order_updated: "blue",
  repair_started: "orange",
  extra_work_found: "gold",
  extra_work_approved: "green",
  extra_work_declined: "volcano",
  repair_finished: "orange",
  qc_passed: "green",
  qc_failed: "red",
  handed_over: "green",
  followed_up: "purple",
  no_show: "red",
  cancelled: "default",
  complaint_step: "blue",
  escalated: "red",
  call_attempted: "purple",
  calls_assigned: "cyan",
  status_changed: "geekblue",
  invited: "blue",
  checked_in: "green",
  prize_drawn: "gold",
  care_call_attempted: "purple",
  exported: "volcano",
};

/** Newest first; entries of the same instant by their order of writing. */
export function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => {
    const at = Date.parse(b.at) - Date.parse(a.at);
    return at !== 0 && !Number.isNaN(at) ? at : b.id - a.id;
  });
}

/**
 * A record's audit trail: when, who, what, and each field before → after.
 * The same list serves the customer page (customer and vehicle entries), a
 * vehicle's history and a staff account's.
 */
export function AuditHistory({
  query,
  lang,
  vehicleLabel,
}: {
  /** The read of the entries: its key starts with the kind of record they are about (see `live`). */
  query: { queryKey: readonly unknown[]; queryFn: () => Promise<AuditEntry[]> };
  lang: Language;
  /** How to name a vehicle in its entries (plate and model); leave out where every entry is the same vehicle's. */
  vehicleLabel?: (entry: AuditEntry) => string;
}) {
  const { t } = useTranslation();
  // Every write adds an entry: read again on any change of the record's kind.
  const read = useQuery(query);
  const entries = useMemo(() => (read.data ? newestFirst(read.data) : null), [read.data]);

  if (read.error && !entries) return <ReadFailure query={read} />;
  if (entries === null) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("history.empty")} />;

  return (
    <ol className="history-list" data-testid="history-list">
      {entries.map((entry) => (
        <HistoryEntry key={entry.id} entry={entry} lang={lang} vehicleLabel={vehicleLabel} />
      ))}
    </ol>
  );
}

function HistoryEntry({
  entry,
  lang,
  vehicleLabel,
}: {
  entry: AuditEntry;
  lang: Language;
  vehicleLabel?: (entry: AuditEntry) => string;
}) {
  const { t } = useTranslation();
  const scope = scopeOf(entry.entity);
  const changes = entry.changes
    .map((change) => describeChange(change, entry.action, t, lang, scope))
    .filter((change) => change !== null);
  const subject =
    entry.entity === "vehicle" && vehicleLabel
      ? `${t("history.entities.vehicle")} ${vehicleLabel(entry)}`
      : t(`history.entities.${entry.entity}`);

  return (
    <li className="history-entry" data-testid="history-entry" data-action={entry.action}>
      <div className="history-head">
        <time className="history-time tabular" dateTime={entry.at}>
          {formatDateTime(entry.at, lang)}
        </time>
        <Typography.Text strong className="history-who">
          {entry.staffName}
        </Typography.Text>
        <Tag color={ACTION_COLOUR[entry.action]} className="history-action">
          {t(`history.actions.${entry.action}`)}
        </Tag>
        <Typography.Text className="history-subject">{subject}</Typography.Text>
      </div>
      {changes.length > 0 && (
        <ul className="history-changes">
          {changes.map((change, i) => (
            <li key={i}>
              <span className="history-field">{t("common.labelled", { field: change.label })}</span>
              {change.before === null ? (
                <span className="history-after">{change.after}</span>
              ) : (
                <>
                  <span className="history-before">{change.before}</span>
                  <span className="history-arrow"> → </span>
                  <span className="history-after">{change.after}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
