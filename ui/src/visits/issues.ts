// The backend's refusals on the visit screens: each issue in the active
// language, named by the visit's own field labels, placed on the field it is
// about. Nothing here decides whether a value is valid.

import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Issue, Language } from "../bindings";
import { fieldPath, isKnownKind, issueText, type NamePath } from "../errors";
import { useRefusal, type Place } from "../forms";
import { formatMoney, formatNumber } from "../format";
import visitsZh from "../i18n/visits.zh-CN";
import { qcItemOf } from "./options";

/** The step the user tried, to say why it is not allowed now. */
export type StepAction = "receive" | "walkIn" | "order" | "start" | "extra" | "decide" | "finish" | "qc" | "handover";

/** A refused step: what was tried and every issue the backend found. */
export type Refusal = { action: StepAction; issues: Issue[] };

/** What the texts may mention: the order's total (the amount to be paid). */
export type RefusalContext = { lang: Language; total?: number };

type FieldKey = keyof typeof visitsZh.fields;

function namedSegments(field: string | null | undefined): string[] {
  return fieldPath(field ?? "").filter((s): s is string => typeof s === "string");
}

/** A backend field's label on the visit screens: `lines.1.quantity` → "数量". */
export function visitFieldLabel(field: string | null | undefined, t: TFunction): string {
  const named = namedSegments(field);
  const last = named.at(-1);
  if (!last) return t("common.thisRecord");
  if (named[0] === "items") {
    const item = qcItemOf(last);
    if (item) return t(`visits.qc.items.${item}.title`);
  }
  // The extra work's own description, not a line's.
  if (last === "description" && named.length === 1 && fieldPath(field ?? "").length === 1) {
    return t("visits.fields.extraDescription");
  }
  if (last in visitsZh.fields) return t(`visits.fields.${last as FieldKey}`);
  return t("common.thisRecord");
}

/** Where the issue sits in a list ("Line 2 · ", "Damage 1 · "); empty elsewhere. */
export function refusalContext(issue: Issue, t: TFunction): string {
  const path = fieldPath(issue.field ?? "");
  for (let i = 0; i + 1 < path.length; i++) {
    const index = path[i + 1];
    if (typeof index !== "number") continue;
    if (path[i] === "lines") return t("visits.refusal.lineN", { n: index + 1 });
    if (path[i] === "damages") return t("visits.refusal.damageN", { n: index + 1 });
  }
  return "";
}

/** Why a step is not allowed now, in the user's language. */
function stateText(issue: Issue, action: StepAction, t: TFunction): string {
  const last = namedSegments(issue.field).at(-1);
  switch (last) {
    case "state":
      return t(`visits.refusal.state.${action}`);
    case "extraWork":
      return t("visits.refusal.extraWaiting");
    case "technicianId":
      return t("visits.refusal.noTechnician");
    case "customerConfirmed":
      return t("visits.refusal.notConfirmed");
    case "lines":
      return t("visits.refusal.noLines");
    case "extraWorkId":
      return t("visits.refusal.alreadyDecided");
    default:
      return issue.message;
  }
}

/** One issue as the visit screens say it. */
export function refusalText(issue: Issue, action: StepAction, t: TFunction, context: RefusalContext): string {
  if (issue.kind === "invalid_state") return stateText(issue, action, t);
  if (!isKnownKind(issue.kind)) return issue.message;
  if (!issue.field || issue.kind === "forbidden") return issueText(issue, t);
  const named = namedSegments(issue.field);
  const last = named.at(-1) ?? "";
  const field = visitFieldLabel(issue.field, t);
  switch (`${last}:${issue.kind}`) {
    case "mileageKm:out_of_range": {
      const known = /last known (\d+)/.exec(issue.message);
      return known
        ? t("visits.refusal.mileageBelow", { km: formatNumber(Number(known[1]), context.lang) })
        : t("errors.out_of_range", { field });
    }
    case "promisedAt:in_the_past":
    case "nextServiceDate:in_the_past":
      return t("visits.refusal.mustBeFuture", { field });
    case "nextServiceKm:out_of_range": {
      const today = /today's (\d+)/.exec(issue.message);
      return today
        ? t("visits.refusal.nextKmAbove", { km: formatNumber(Number(today[1]), context.lang) })
        : t("errors.out_of_range", { field });
    }
    case "amountPaid:out_of_range":
      return context.total === undefined
        ? t("errors.out_of_range", { field })
        : t("visits.refusal.payTotal", { total: formatMoney(context.total, context.lang) });
    case "explainedLineIds:required":
      return t("visits.refusal.explainAll");
    case "conditionConfirmed:required":
      return t("visits.refusal.confirmCondition");
    case "lines:required":
      return t(action === "extra" ? "visits.refusal.extraNeedsLine" : "visits.refusal.orderNeedsLine");
    case "hours:out_of_range":
    case "quantity:out_of_range":
    case "rate:out_of_range":
    case "unitPrice:out_of_range":
      return t("visits.refusal.aboveZero", { field });
  }
  if (named[0] === "items" && qcItemOf(last)) {
    if (issue.kind === "out_of_range") return t("visits.refusal.naOnlyRoadTest");
    if (issue.kind === "required") {
      return /note/.test(issue.message)
        ? t("visits.refusal.failNeedsNote", { field })
        : t("visits.refusal.answerItem", { field });
    }
  }
  return t(`errors.${issue.kind}`, { field, owner: t("common.anotherCustomer"), detail: issue.message });
}

/**
 * A visit form's refusal, in the visit screens' words (`refusalText`): the
 * form's `useRefusal`, each issue on the field `place` gives it.
 */
export function useFieldIssues(form: FormInstance, place: Place, action: StepAction, context: RefusalContext) {
  const { t } = useTranslation();
  return useRefusal(form, (issue) => refusalText(issue, action, t, context), place);
}

/** The order lines' backend fields on the line editor's cells: hours and quantity share a cell. */
export function placeLine(field: string): NamePath | null {
  const path = fieldPath(field);
  if (path[0] !== "lines" || typeof path[1] !== "number" || path.length !== 3) return null;
  const cell = path[2];
  switch (cell) {
    case "description":
    case "partNumber":
      return ["lines", path[1], cell];
    case "hours":
    case "quantity":
      return ["lines", path[1], "quantity"];
    case "rate":
    case "unitPrice":
      return ["lines", path[1], "price"];
    default:
      return null;
  }
}
