// Turns the backend's refusals into what the user reads: a message per issue
// in the active language, placed on the form field it is about. The rules
// themselves live in Rust; nothing here decides whether a value is valid.

import dayjs from "dayjs";
import type { TFunction } from "i18next";
import type { CommandError, ErrorKind, Issue } from "./bindings";
import { isCommandError } from "./bindings";
import zhCN from "./i18n/zh-CN";

/** An antd Form name path: `vehicles.0.vin` → `["vehicles", 0, "vin"]`. */
export type NamePath = (string | number)[];

export function fieldPath(field: string): NamePath {
  return field
    .split(".")
    .filter((segment) => segment !== "")
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Where a form's labels are looked up before `fields`: a staff member's
 * `name` is "姓名", not the customer's "客户姓名".
 */
export type FieldScope = keyof typeof zhCN.scopedFields;

/** Every scoped label's key: `scopedFields.staff.name`, … */
type ScopedKey = { [S in FieldScope]: `scopedFields.${S}.${keyof (typeof zhCN.scopedFields)[S] & string}` }[FieldScope];

/** The key of the field's label: the last named segment (`vehicles.0.vin` → `vin`). */
export function fieldKey(field: string | null | undefined): keyof typeof zhCN.fields | undefined {
  if (!field) return undefined;
  const named = fieldPath(field).filter((s): s is string => typeof s === "string");
  for (let i = named.length - 1; i >= 0; i--) {
    const key = named[i];
    if (key in zhCN.fields) return key as keyof typeof zhCN.fields;
  }
  return undefined;
}

/** The label of a field in the active language, or undefined when the field has none. */
export function knownFieldLabel(field: string | null | undefined, t: TFunction, scope?: FieldScope): string | undefined {
  if (!field) return undefined;
  if (scope) {
    const scoped: Record<string, string> = zhCN.scopedFields[scope];
    const last = fieldPath(field).filter((s): s is string => typeof s === "string").at(-1);
    if (last !== undefined && last in scoped) {
      return t(`scopedFields.${scope}.${last}` as ScopedKey);
    }
  }
  const key = fieldKey(field);
  return key ? t(`fields.${key}`) : undefined;
}

/** The field's label in the active language, or a neutral word when unknown. */
export function fieldLabel(field: string | null | undefined, t: TFunction, scope?: FieldScope): string {
  return knownFieldLabel(field, t, scope) ?? t("common.thisRecord");
}

export function isKnownKind(kind: string): kind is ErrorKind {
  return kind in zhCN.errors;
}

/** One issue in the active language, naming its field. */
export function issueText(issue: Issue, t: TFunction, scope?: FieldScope): string {
  if (!isKnownKind(issue.kind)) return issue.message;
  if (issue.kind === "forbidden") {
    // The refusal carries the action it refused; name it in the user's language.
    return issue.action ? t("access.forbiddenAction", { action: t(`actions.${issue.action}`) }) : t("errors.forbidden");
  }
  if (issue.kind === "stale" && issue.changed) {
    // Who changed the record meanwhile, and when (the desk's local time).
    return t("common.staleBy", { by: issue.changed.by, at: dayjs(issue.changed.at).format("YYYY-MM-DD HH:mm") });
  }
  const owner = issue.conflict
    ? t("common.quoted", { label: issue.conflict.label })
    : scope === "staff"
      ? t("staff.anotherMember")
      : t("common.anotherCustomer");
  return t(`errors.${issue.kind}`, { field: fieldLabel(issue.field, t, scope), owner, detail: issue.message });
}

/** Where in the form the issue sits, for the summary ("Vehicle 2 · "); empty at the top level. */
export function issueContext(issue: Issue, t: TFunction): string {
  if (!issue.field) return "";
  const path = fieldPath(issue.field);
  if (path[0] === "vehicles" && typeof path[1] === "number" && path.length > 2) {
    return t("form.vehicleN", { n: path[1] + 1 });
  }
  return "";
}

/** Every issue a refusal carries (the first one is repeated at the top level). */
export function issuesOf(error: CommandError): Issue[] {
  if (error.issues.length > 0) return error.issues;
  return [{ kind: error.kind, field: error.field, message: error.message, conflict: error.conflict }];
}

/** A rejected command as issues: a CommandError as sent, anything else as `internal`. */
export function toIssues(error: unknown): Issue[] {
  if (isCommandError(error)) return issuesOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return [{ kind: "internal", message }];
}

/** The save was refused because someone else changed the record since the form was filled. */
export function isStale(error: unknown): boolean {
  return toIssues(error).some((issue) => issue.kind === "stale");
}

/** A one-line text for a refusal outside a form (archive, load demo data…). */
export function errorText(error: unknown, t: TFunction, scope?: FieldScope): string {
  return toIssues(error)
    .map((issue) => issueText(issue, t, scope))
    .join("；");
}

export type FieldErrors = { name: NamePath; errors: string[] };

/** The issues grouped by form field, each with its translated messages. */
export function fieldErrors(issues: Issue[], t: TFunction, scope?: FieldScope): FieldErrors[] {
  const byField = new Map<string, FieldErrors>();
  for (const issue of issues) {
    if (!issue.field) continue;
    const entry = byField.get(issue.field) ?? { name: fieldPath(issue.field), errors: [] };
    entry.errors.push(issueText(issue, t, scope));
    byField.set(issue.field, entry);
  }
  return [...byField.values()];
}
