// What the complaint screens share: the choices in their order, colours, the
// deadlines as the list and the page read them, and the refusals in the
// user's language. Nothing here decides whether a value is valid.

import type { FormInstance } from "antd";
import dayjs from "dayjs";
import type { TFunction } from "i18next";
import type {
  Category,
  Cause,
  Channel,
  Complaint,
  ComplaintState,
  HardCase,
  Issue,
  RecoveryStep,
  Severity,
} from "../bindings";
import { isKnownKind, issueText, toIssues } from "../errors";
import complaintsZh from "../i18n/complaints.zh-CN";

export const CHANNELS: Channel[] = ["visit", "phone", "follow_up_call", "other"];
export const SEVERITIES: Severity[] = ["minor", "serious"];
export const CATEGORIES: Category[] = [
  "tangibles",
  "empathy",
  "assurance",
  "responsiveness",
  "reliability",
  "product",
  "parts",
  "price",
  "other",
];
export const HARD_CASES: HardCase[] = [
  "emotional",
  "righteous",
  "stubborn",
  "self_absorbed",
  "well_prepared",
  "socially_influential",
];
export const CAUSES: Cause[] = ["ours", "shared", "customer_misunderstanding"];
export const RECOVERY_STEPS: RecoveryStep[] = [
  "apology",
  "urgent_restoration",
  "empathy",
  "symbolic_compensation",
  "follow_up",
];
export const STATES: ComplaintState[] = [
  "received",
  "assigned",
  "contacted",
  "agreed",
  "resolved",
  "return_called",
  "closed",
];

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

/** A complaint still being worked. */
export function isOpen(c: Complaint): boolean {
  return c.state !== "resolved" && c.state !== "return_called" && c.state !== "closed";
}

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

/** The deadline that matters now: assigning (received, serious), else resolving while open. */
export type Deadline = { kind: "assign" | "resolve"; due: string; minutesLeft: number };

export function currentDeadline(c: Complaint, now = dayjs()): Deadline | null {
  if (!isOpen(c)) return null;
  if (c.severity === "serious" && c.state === "received" && c.assignDue) {
    return { kind: "assign", due: c.assignDue, minutesLeft: dayjs(c.assignDue).diff(now, "minute") };
  }
  return { kind: "resolve", due: c.resolveDue, minutesLeft: dayjs(c.resolveDue).diff(now, "minute") };
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
 * Puts a refusal's issues on the form's fields named in `fields` (backend
 * field → form name); returns the texts of those it could not place.
 */
export function placeIssues(
  form: FormInstance | null,
  error: unknown,
  fields: Record<string, string>,
  t: TFunction,
): string[] {
  const issues = toIssues(error);
  const byName = new Map<string, string[]>();
  const rest: string[] = [];
  for (const issue of issues) {
    const last = (issue.field ?? "").split(".").at(-1) ?? "";
    const name = form && issue.kind !== "invalid_state" ? fields[last] : undefined;
    const text = complaintIssueText(issue, t);
    if (name) byName.set(name, [...(byName.get(name) ?? []), text]);
    else rest.push(text);
  }
  if (form) {
    const names = new Set(Object.values(fields));
    form.setFields([...names].map((name) => ({ name, errors: byName.get(name) ?? [] })));
  }
  return rest;
}

/** Yuan as typed → fen. */
export function yuanToFen(yuan: number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return undefined;
  return Math.round(yuan * 100);
}

/** The first day of the month two months back: the KPIs' default start. */
export function defaultSince(today = dayjs()): string {
  return today.startOf("month").subtract(2, "month").format("YYYY-MM-DD");
}
