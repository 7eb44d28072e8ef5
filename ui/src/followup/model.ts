// What the follow-up screens share: the outcomes in the order of their keys,
// the keys a question's box accepts, the index as people read it, the script
// with its placeholders filled, and the refusals in the user's language.
// Nothing here decides whether an answer is valid: the backend does.

import { api } from "../api";
import dayjs from "dayjs";
import type { TFunction } from "i18next";
import type {
  AnswerKind,
  CallDetail,
  CallFilter,
  CallStatus,
  Due,
  FollowUpCall,
  Issue,
  Language,
  Outcome,
  Printed,
  Question,
  Questionnaire,
  Ratio,
  ScriptText,
  Section,
} from "../bindings";
import { ALL_CALL_STATUS, ALL_OUTCOME, ALL_SECTION } from "../bindings";
import { fieldPath, isKnownKind, issueText } from "../errors";
import { formatFigure } from "../figures";
import { formatDate } from "../format";
import followupZh from "../i18n/followup.zh-CN";

/**
 * The outcomes in the order of their keys on the keyboard and on the printed
 * sheet (1–6): Rust's order of `Outcome`.
 */
export const OUTCOMES = ALL_OUTCOME;

/** The key that stands for an outcome: "1" for reached … "6" for call back. */
export function outcomeKey(outcome: Outcome): string {
  return String(OUTCOMES.indexOf(outcome) + 1);
}

/** The outcome a typed key stands for. */
export function outcomeOf(key: string): Outcome | undefined {
  const n = Number(key);
  return Number.isInteger(n) && n >= 1 && n <= OUTCOMES.length ? OUTCOMES[n - 1] : undefined;
}

export const OUTCOME_KEYS: readonly string[] = OUTCOMES.map(outcomeKey);

/** The keys a question's box takes: a score 1–5, yes/no 1 or 0. */
export function answerKeys(kind: AnswerKind): readonly string[] {
  return kind === "score" ? ["1", "2", "3", "4", "5"] : ["1", "0"];
}

export const SECTIONS = ALL_SECTION;

export const CALL_STATUSES = ALL_CALL_STATUS;

export const STATUS_COLOUR: Record<CallStatus, string> = {
  open: "blue",
  completed: "green",
  unreachable: "default",
  refused: "volcano",
};

export const DUE_COLOUR: Record<Due, string> = {
  not_yet: "default",
  due: "gold",
  overdue: "red",
  closed: "default",
};

/** An index in hundredths with one decimal: 8800 → "88.0", 8767 → "87.7". */
export function formatCsi(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined || !Number.isFinite(hundredths)) return "—";
  return (Math.round(hundredths / 10) / 10).toFixed(1);
}

/** A mean score in hundredths (100–500) as "4.25". */
export function formatMean(hundredths: number): string {
  return (hundredths / 100).toFixed(2);
}

/** Basis points as a percentage: 1600 → "16%", 1250 → "12.5%". */
export function formatWeight(bp: number): string {
  const percent = bp / 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(2).replace(/0$/, "")}%`;
}

/** A share the backend computed (`caredesk_domain::kpi`) in the reports' format ("85.0%"); "—" without one. */
export function share(ratio: Ratio | null | undefined, lang: Language): string {
  return ratio ? formatFigure(ratio.percent, "percent", lang) : "—";
}

/** A band of the distribution: "<60", "60–70", …, "90–100". */
export function bandLabel(from: number, to: number): string {
  const lo = Math.round(from / 100);
  const hi = Math.min(100, Math.round(to / 100));
  return lo === 0 ? `<${hi}` : `${lo}–${hi}`;
}

/** A question's text in the active language. */
export function questionText(q: Pick<Question, "zh" | "en">, lang: Language): string {
  return lang === "zh-CN" ? q.zh : q.en;
}

export function scriptText(text: ScriptText, lang: Language): string {
  return lang === "zh-CN" ? text.zh : text.en;
}

/** The script's placeholders filled in for this call. */
export function fillScript(text: string, call: FollowUpCall, dealership: string, lang: Language): string {
  const plate = call.plate ? (lang === "zh-CN" ? `（${call.plate}）` : ` (${call.plate})`) : "";
  const values: Record<string, string> = {
    customer: call.customerName,
    dealership,
    vehicle: `${call.vehicleLabel}${plate}`,
    date: formatDate(call.handedOverOn, lang),
  };
  return text.replace(/\{(customer|dealership|vehicle|date)\}/g, (_, name: string) => values[name] ?? "");
}

/**
 * The questions in the questionnaire's order, grouped by section: a new group
 * wherever the section changes, so the boxes follow the questionnaire (and
 * the printed sheet) exactly.
 */
export function bySection(questionnaire: Questionnaire): { section: Section; questions: Question[] }[] {
  const groups: { section: Section; questions: Question[] }[] = [];
  for (const q of questionnaire.questions) {
    const last = groups.at(-1);
    if (last && last.section === q.section) last.questions.push(q);
    else groups.push({ section: q.section, questions: [q] });
  }
  return groups;
}

/** Still to be called: not completed, unreachable or refused. */
export function isOpen(call: FollowUpCall): boolean {
  return call.status === "open";
}

/** A picked date-time as the backend's local date-time ("2026-11-24T10:00:00"), or null when unreadable. */
export function parseLocalDateTime(text: string): string | null {
  const trimmed = text.trim().replace("T", " ");
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})$/.exec(trimmed);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match;
  const value = dayjs(`${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}T${h.padStart(2, "0")}:${mi}:00`);
  if (!value.isValid()) return null;
  const iso = value.format("YYYY-MM-DDTHH:mm:ss");
  // dayjs rolls 2026-02-30 over to March: a date that does not exist is unreadable.
  return iso.slice(0, 10) === `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}` ? iso : null;
}

/** A local date-time from the backend ("2026-11-24T10:00:00") as "2026-11-24 10:00". */
export function formatLocal(value: string | null | undefined, lang: Language): string {
  if (!value) return "";
  const time = value.slice(11, 16);
  return `${formatDate(value.slice(0, 10), lang)} ${time}`.trim();
}

/** The survey's answer to a question, if given. */
export function answerOf(detail: CallDetail, key: string): number | undefined {
  return detail.survey?.answers.find((a) => a.key === key)?.value;
}

// ---------------------------------------------------------------------------
// Printing

/** Prints the call sheet of a filter (the day's list, its row numbers) in a language. */
export function printCallSheet(filter: CallFilter, language: Language): Promise<Printed> {
  return api.printCallSheet(filter, language);
}

// ---------------------------------------------------------------------------
// Refusals

type FieldKey = keyof typeof followupZh.fields;

/**
 * A backend field's label on the follow-up screens: `answers.friendliness` →
 * the question's text, `questions.2.en` → "Question 3 · English", `script.greeting.zh` → "Greeting · 中文".
 */
export function followUpFieldLabel(
  field: string | null | undefined,
  t: TFunction,
  lang: Language,
  questionnaire?: Pick<Questionnaire, "questions"> | null,
): string {
  const path = fieldPath(field ?? "");
  const [head, second, third] = path;
  if (head === "answers" && typeof second === "string") {
    const q = questionnaire?.questions.find((x) => x.key === second);
    return q ? questionText(q, lang) : second;
  }
  if (head === "questions" && typeof second === "number") {
    const n = t("followup.settings.questionN", { n: second + 1 });
    const part = typeof third === "string" && third in followupZh.fields ? t(`followup.fields.${third as FieldKey}`) : "";
    return part ? `${n} · ${part}` : n;
  }
  if (head === "script" && (second === "greeting" || second === "purpose" || second === "closing")) {
    const part = t(`followup.script.${second}`);
    const language = third === "zh" || third === "en" ? t(`followup.fields.${third}`) : "";
    return language ? `${part} · ${language}` : part;
  }
  const last = path.filter((s): s is string => typeof s === "string").at(-1) ?? "";
  if (last in followupZh.fields) return t(`followup.fields.${last as FieldKey}`);
  return t("common.thisRecord");
}

/** One issue as the follow-up screens say it. */
export function followUpIssueText(
  issue: Issue,
  t: TFunction,
  lang: Language,
  questionnaire?: Pick<Questionnaire, "questions"> | null,
): string {
  const last = fieldPath(issue.field ?? "").filter((s): s is string => typeof s === "string").at(-1) ?? "";
  const head = fieldPath(issue.field ?? "")[0];
  if (!isKnownKind(issue.kind)) return issue.message;
  if (!issue.field || issue.kind === "forbidden") return issueText(issue, t);
  const field = followUpFieldLabel(issue.field, t, lang, questionnaire);
  if (issue.kind === "invalid_state") {
    switch (last) {
      case "status":
        return t("followup.refusal.closed");
      case "visitId":
        return t("followup.refusal.notHandedOver");
      case "outcome":
        return t("followup.refusal.answersOnlyReached");
      case "callBackAt":
        return t("followup.refusal.callBackOnly");
      case "callerId":
        return t("followup.refusal.notCaller", { detail: issue.message });
      case "ids":
        return t("followup.refusal.cannotTake", { detail: issue.message });
      default:
        return issue.message;
    }
  }
  if (head === "answers" && issue.kind === "out_of_range") return t("followup.refusal.answerRange", { field });
  if (head === "answers" && issue.kind === "required") return t("followup.refusal.answerRequired", { field });
  if (last === "callBackAt" && issue.kind === "in_the_past") return t("followup.refusal.callBackFuture");
  // Also what the call panel finds before asking, when the time typed cannot be read.
  if (last === "callBackAt" && issue.kind === "invalid_date") return t("followup.panel.callBackUnreadable");
  if (last === "callBackAt" && issue.kind === "required") return t("followup.refusal.callBackRequired");
  if (last === "survey" && issue.kind === "required") return t("followup.refusal.surveyRequired");
  if (last === "comment" && issue.kind === "required") return t("followup.refusal.flagNeedsComment");
  if (last === "weights") return t("followup.refusal.weights", { detail: issue.message });
  if (last === "weightBp") return t("followup.refusal.weightOnlyFactors", { field });
  if (last === "key" && issue.kind === "out_of_range") return t("followup.refusal.keyFormat", { field });
  if (last === "key" && issue.kind === "duplicate") return t("followup.refusal.keyTwice", { field });
  if (head === "questions" && fieldPath(issue.field).length === 1) {
    if (issue.kind === "out_of_range") return t("followup.refusal.questionCount");
    if (issue.kind === "required") return t("followup.refusal.needsFactor");
  }
  if (last === "maxAttempts" || last === "alertAtOrBelow") {
    return t("followup.refusal.settingRange", {
      field,
      range: last === "maxAttempts" ? "1–10" : "1–4",
    });
  }
  return t(`errors.${issue.kind}`, { field, owner: t("common.anotherCustomer"), detail: issue.message });
}
