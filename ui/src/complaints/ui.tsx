import { Button, Tag } from "antd";
import type { FormInstance } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Complaint, ComplaintState, Escalation, Issue, Language } from "../bindings";
import { useRefusal } from "../forms";
import { ChangedNotice, reachedByOwnWrites, useEditBase, type OwnWrites } from "../live/edit";
import { complaintIssueText, placeOnComplaint, STATE_COLOUR } from "./model";
import { complaintHistoryQueryOf } from "./queries";

/** The complaint's state, its raw value in `data-state` for the tests. */
export function ComplaintStateTag({ state, testId }: { state: ComplaintState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOUR[state]} data-testid={testId} data-state={state}>
      {t(`complaints.states.${state}`)}
    </Tag>
  );
}

/** Beside a save refused as stale: reads the complaint again and fills the form from it. */
export function ReloadButton({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="small" onClick={onReload} data-testid="complaint-reload">
      {t("common.reload")}
    </Button>
  );
}

/** "Escalated" in red, the reasons in its title. */
export function EscalatedTag({ escalations, testId }: { escalations: Escalation[]; testId?: string }) {
  const { t } = useTranslation();
  if (escalations.length === 0) return null;
  const reasons = [...new Set(escalations.map((e) => e.reason))].map((r) => t(`complaints.escalations.${r}`));
  return (
    <Tag color="red" data-testid={testId} title={reasons.join("；")}>
      {t("complaints.list.escalated")}: {reasons.join("；")}
    </Tag>
  );
}

/** What each card of the complaint page is given. */
export type CardProps = {
  /** The complaint as last read: it follows the changes of every desk. */
  complaint: Complaint;
  own: OwnWrites;
  lang: Language;
  /** Reads the complaint again (after a save refused as stale). */
  onReread: () => void;
  /** A save went through: the complaint as it now is, and the version it was made from. */
  onDone: (next: Complaint, from: string) => void;
};

/**
 * A card's form over the open complaint, never overwritten while it holds
 * what the user typed (see `useEditBase`). Untouched, the form follows the
 * complaint as it changes; once typed in, it keeps the complaint it was
 * filled from (`base`), saves against its version, and `changed` says another
 * desk has changed the complaint since. The page's own saves from other cards
 * move the version on without that notice: what was typed here still holds.
 * `formKey` keys the form: a new key fills it again.
 */
export function useCardEdit(complaint: Complaint, own: OwnWrites) {
  const [edited, setEdited] = useState(false);
  const [round, setRound] = useState(0);
  const { base, changed } = useEditBase(complaint, edited);
  const filled = base ?? complaint;
  const onlyOwn = changed && reachedByOwnWrites(filled.updatedAt, complaint.updatedAt, own);
  return {
    base: filled,
    version: onlyOwn ? complaint.updatedAt : filled.updatedAt,
    changed: changed && !onlyOwn,
    formKey: `${filled.updatedAt}-${round}`,
    /** The user typed in the form (its `onValuesChange`). */
    edited: () => setEdited(true),
    /** Fills the form again from the complaint as last read: Reload, or after the card's own save. */
    refill: () => {
      setEdited(false);
      setRound((n) => n + 1);
    },
  };
}

export type CardEdit = ReturnType<typeof useCardEdit>;

/** Above a card's form whose complaint another desk changed: who and when, and Reload. */
export function CardChanged({ edit, complaint, lang }: { edit: CardEdit; complaint: Complaint; lang: Language }) {
  if (!edit.changed) return null;
  return (
    <ChangedNotice
      at={complaint.updatedAt}
      history={complaintHistoryQueryOf(complaint.id)}
      lang={lang}
      onReload={edit.refill}
    />
  );
}

/**
 * A complaint form's refusal (see `useRefusal`): each issue on the form name
 * `fields` gives its backend field, in the complaint screens' words;
 * `problems` says those without a field, for the alert below the form.
 */
export function useComplaintRefusal(form: FormInstance, fields: Record<string, string>) {
  const { t } = useTranslation();
  const place = placeOnComplaint(fields);
  const refusal = useRefusal(form, (issue: Issue) => complaintIssueText(issue, t), place);
  const problems = refusal.issues
    .filter((issue) => !issue.field || !place(issue.field, issue))
    .map((issue) => complaintIssueText(issue, t));
  return { ...refusal, problems };
}
