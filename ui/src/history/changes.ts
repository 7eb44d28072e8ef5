// How a recorded change reads: the field's label and its values as the
// screens show them (dates in the language's format, yes/no, options by
// name, a mobile in groups), "—" for nothing.

import type { TFunction } from "i18next";
import { ROLES } from "../auth/roles";
import type { AuditAction, AuditEntity, FieldChange, JsonValue, Language, Segment } from "../bindings";
import { CONTACT_TIMES, GRADES, LEAD_GRADES, SOURCES } from "../archive/options";
import { knownFieldLabel, type FieldScope } from "../errors";
import { formatDate, formatMobile, formatMoney, formatNumber } from "../format";
import { CALL_STATUSES, OUTCOMES, formatCsi } from "../followup/model";
import { CAMPAIGN_STATUSES, CARE_KINDS, RSVPS, segmentSummary } from "../campaigns/model";

export const EMPTY = "—";

const DATE_FIELDS = new Set([
  "birthday",
  "purchaseDate",
  "warrantyEnd",
  "insuranceExpiry",
  "annualInspectionDue",
  "marketingConsentChanged",
  "date",
  "nextAttemptOn",
  "startsOn",
  "endsOn",
]);
const MONEY_FIELDS = new Set(["plannedBudget", "actualBudget"]);
const PHONE_FIELDS = new Set(["mobile", "otherPhones"]);

function isEmpty(value: JsonValue): boolean {
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** An option's name where the field has named options; undefined otherwise. */
function optionLabel(field: string, value: string, t: TFunction): string | undefined {
  if (field === "grade" && member(GRADES, value)) return t(`options.grade.${value}`);
  if (field === "leadGrade" && member(LEAD_GRADES, value)) return t(`options.leadGrade.${value}`);
  if (field === "source" && member(SOURCES, value)) return t(`options.source.${value}`);
  if (field === "contactTime" && member(CONTACT_TIMES, value)) return t(`options.contactTime.${value}`);
  if (field === "role" && member(ROLES, value)) return t(`roles.${value}`);
  if (field === "outcome" && member(OUTCOMES, value)) return t(`followup.outcomes.${value}`);
  if (field === "callStatus" && member(CALL_STATUSES, value)) return t(`followup.status.${value}`);
  if (field === "status" && member(CAMPAIGN_STATUSES, value)) return t(`campaigns.status.${value}`);
  if (field === "rsvp" && member(RSVPS, value)) return t(`campaigns.rsvp.${value}`);
  if (field === "arrival" && (value === "invited" || value === "walk_in")) return t(`campaigns.arrival.${value}`);
  if (field === "careKind" && member(CARE_KINDS, value)) return t(`campaigns.care.kinds.${value}`);
  return undefined;
}

/** One value of a change as the screens would show it. */
export function formatValue(field: string, value: JsonValue, t: TFunction, lang: Language): string {
  if (isEmpty(value)) return EMPTY;
  if (Array.isArray(value)) {
    return value.map((item) => formatValue(field, item, t, lang)).join(t("history.listSeparator"));
  }
  if (typeof value === "boolean") {
    if (field === "active") return value ? t("staff.active") : t("staff.disabled");
    return value ? t("common.yes") : t("common.no");
  }
  if (typeof value === "number") {
    if (field === "mileageKm") return t("common.km", { value: formatNumber(value, lang) });
    // A visit's satisfaction index, in hundredths.
    if (field === "csi") return formatCsi(value);
    if (MONEY_FIELDS.has(field)) return formatMoney(value, lang);
    return String(value);
  }
  if (typeof value === "string") {
    if (DATE_FIELDS.has(field)) return formatDate(value, lang);
    if (PHONE_FIELDS.has(field)) return formatMobile(value);
    return optionLabel(field, value, t) ?? value;
  }
  // A campaign's segment: its filters in words.
  if (field === "segment") return segmentSummary(value as Segment, t, lang);
  return JSON.stringify(value);
}

/** The field's label; its own name when the UI has none for it. */
export function changeLabel(field: string, t: TFunction, scope?: FieldScope): string {
  return knownFieldLabel(field, t, scope) ?? field;
}

export type ChangeText = { label: string; before: string | null; after: string };

/**
 * A change as text. A new record's fields have no "before": they read as
 * "label: value", and fields left empty are not listed.
 */
export function describeChange(
  change: FieldChange,
  action: AuditAction,
  t: TFunction,
  lang: Language,
  scope?: FieldScope,
): ChangeText | null {
  const label = changeLabel(change.field, t, scope);
  const after = formatValue(change.field, change.after, t, lang);
  if (action === "created" && isEmpty(change.before)) {
    return isEmpty(change.after) ? null : { label, before: null, after };
  }
  return { label, before: formatValue(change.field, change.before, t, lang), after };
}

/** The scope of a record's field labels: a staff account's `name` is not a customer's. */
export function scopeOf(entity: AuditEntity): FieldScope | undefined {
  if (entity === "staff") return "staff";
  if (entity === "campaign") return "campaign";
  return undefined;
}
