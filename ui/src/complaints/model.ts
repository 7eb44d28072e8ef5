// What the complaint screens share: the choices in their order, colours, the
// deadlines as the list and the page read them, and the refusals in the
// user's language. Nothing here decides whether a value is valid.

import { deskNow } from "../clock";
import type { TFunction } from "i18next";
import type {
  Category,
  Deadline,
  ComplaintState,
  Issue,
} from "../bindings";
import { isKnownKind, issueText } from "../errors";
import type { Place } from "../forms";
import complaintsZh from "../i18n/complaints.zh-CN";
import {
  ALL_CATEGORY,
  ALL_CAUSE,
  ALL_CHANNEL,
  ALL_COMPLAINT_STATE,
  ALL_HARD_CASE,
  ALL_RECOVERY_STEP,
  ALL_SEVERITY,
} from "../bindings";

export const CHANNELS = ALL_CHANNEL;
export const SEVERITIES = ALL_SEVERITY;
export const CATEGORIES = ALL_CATEGORY;
export const HARD_CASES = ALL_HARD_CASE;
export const CAUSES = ALL_CAUSE;
export const RECOVERY_STEPS = ALL_RECOVERY_STEP;
export const STATES = ALL_COMPLAINT_STATE;

export const STATE_COLOUR: Record<ComplaintState, string> = {
  received: "orange",
  assigned: "gold",
  contacted: "blue",
  agreed: "geekblue",
  resolved: "cyan",
  return_called: "green",
  closed: "default",
};

/** The categories whose complaints must name who was responsible. */
export const NEEDS_RESPONSIBLE: Category[] = ["reliability", "parts"];

/** Minutes as "2 h 5 min" / "2 小时 5 分". */
export function formatMinutes(minutes: number | null | undefined, t: TFunction): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return t("complaints.kpis.none");
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return h > 0 ? t("complaints.kpis.hours", { h, m }) : t("complaints.kpis.minutes", { m });
}

/** A percentage with one decimal: 85 → "85.0%"; "—" without data. */
export function formatPercent(value: number | null | undefined, t: TFunction): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t("complaints.kpis.none");
  return `${value.toFixed(1)}%`;
}

/** "2 h 5 min left" or "… overdue", red when passed. */
export function deadlineText(d: Deadline, t: TFunction): string {
  const time = formatMinutes(Math.abs(d.minutesLeft), t);
  if (d.minutesLeft < 0) {
    return d.kind === "assign"
      ? t("complaints.list.assignOverdue", { time })
      : t("complaints.list.resolveOverdue", { time });
  }
  return d.kind === "assign" ? t("complaints.list.toAssign", { time }) : t("complaints.list.toResolve", { time });
}

type FieldKey = keyof typeof complaintsZh.fields;

/** A backend field's label on the complaint screens. */
export function complaintFieldLabel(field: string | null | undefined, t: TFunction): string {
  const last = (field ?? "").split(".").at(-1) ?? "";
  if (last in complaintsZh.fields) return t(`complaints.fields.${last as FieldKey}`);
  return t("common.thisRecord");
}

/** One refusal issue as the complaint screens say it. */
export function complaintIssueText(issue: Issue, t: TFunction): string {
  const last = (issue.field ?? "").split(".").at(-1) ?? "";
  if (issue.kind === "invalid_state" || last === "state") return t("complaints.refusal.state", { detail: issue.message });
  if (!isKnownKind(issue.kind)) return issue.message;
  if (!issue.field || issue.kind === "forbidden") return issueText(issue, t);
  return t(`errors.${issue.kind}`, {
    field: complaintFieldLabel(issue.field, t),
    owner: t("common.anotherCustomer"),
    detail: issue.message,
  });
}

/**
 * Where a complaint form shows a backend field: the form name `fields` gives
 * its last segment (backend field → form name); a refusal of the state has no
 * field — it is said below the form.
 */
export function placeOnComplaint(fields: Record<string, string>): Place {
  return (field, issue) => {
    if (issue.kind === "invalid_state") return null;
    const last = field.split(".").at(-1) ?? "";
    return Object.hasOwn(fields, last) ? [fields[last]] : null;
  };
}

/** Yuan as typed → fen. */
export function yuanToFen(yuan: number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return undefined;
  return Math.round(yuan * 100);
}

/** The first day of the month two months back: the KPIs' default start. */
export function defaultSince(today = deskNow()): string {
  return today.startOf("month").subtract(2, "month").format("YYYY-MM-DD");
}
