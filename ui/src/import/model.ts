// The import wizard's words: the backend says what is wrong with a file, a
// cell or a row (kinds, fields, rows and columns); these put it in the user's
// language. No rule is decided here: the store's dry run decides.

import type { TFunction } from "i18next";
import type {
  CellIssueKind,
  Duplicate,
  FailedReason,
  FailedRow,
  Field,
  FieldChange,
  ImportError,
  ImportSummary,
  Language,
  Mapping,
  Planned,
  RowIssue,
} from "../bindings";
import { ALL_FIELD } from "../bindings";
import { issueText } from "../errors";
import { formatDate, formatMoney } from "../format";

/** A spreadsheet column's letter: 0 → A, 27 → AB. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** An import field's label (`customerName` → 客户姓名). */
export function fieldText(field: Field | string, t: TFunction): string {
  const name = field.startsWith("vehicle.") ? field.slice("vehicle.".length) : field;
  const known = (ALL_FIELD as readonly string[]).includes(name);
  if (known) return t(`scopedFields.import.${name as Field}`);
  return t(`fields.${name}` as "fields.name", { defaultValue: name });
}

/** Why the file, a sheet or the mapping cannot be imported. */
export function importErrorText(error: ImportError, t: TFunction): string {
  return t(`importer.error.${error.kind}`, {
    sheet: error.sheet ?? "",
    row: error.row !== undefined ? error.row + 1 : "",
    column: error.column !== undefined ? columnLetter(error.column) : "",
    field: error.field ? fieldText(error.field, t) : "",
    columns: error.columns ? error.columns.map(columnLetter).join("、") : "",
  });
}

/** A cell that could not be converted, naming its field and column. */
export function cellIssueText(issue: RowIssue, t: TFunction): string {
  const kind: CellIssueKind = issue.kind;
  // The message's last part is the cell as it was (`#N/A`, `1.38001E+10`).
  const detail = /#[A-Z0-9/!?]+|\d[\d.]*E\+?\d+/i.exec(issue.message)?.[0] ?? "";
  return t(`importer.cell.${kind}`, { field: fieldText(issue.field, t), column: columnLetter(issue.column), detail });
}

function valueText(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === "") return t("importer.preview.emptyValue");
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function changeText(change: FieldChange, t: TFunction): string {
  return t("importer.preview.change", {
    field: fieldText(change.field, t),
    before: valueText(change.before, t),
    after: valueText(change.after, t),
  });
}

/** What a row's problems are, each in a sentence. */
export function problemsOf(issues: FailedRow["issues"], cells: RowIssue[], t: TFunction): string[] {
  return [...cells.map((c) => cellIssueText(c, t)), ...issues.map((issue) => issueText(issue, t, "import"))];
}

/** The preview's sentence for a row: what committing it would do. */
export function plannedDetail(row: Planned, t: TFunction, lang: Language): string {
  const outcome = row.outcome;
  const parts: string[] = [];
  switch (outcome.kind) {
    case "new":
      if (outcome.sameCustomerAs !== undefined) {
        parts.push(t("importer.preview.sameCustomerAs", { row: outcome.sameCustomerAs + 1 }));
      }
      break;
    case "update":
      parts.push(
        t("importer.preview.updates", {
          customer: outcome.customer.label,
          changes: outcome.changes.map((c) => changeText(c, t)).join("，"),
        }),
      );
      break;
    case "skip":
      parts.push(t("importer.preview.alreadyThere", { customer: outcome.customer.label }));
      break;
    case "conflict":
      parts.push(
        t("importer.preview.conflict", {
          field: fieldText(outcome.field, t),
          customers: outcome.customers.map((c) => c.label).join("、"),
        }),
      );
      break;
    case "invalid":
      parts.push(...problemsOf(outcome.issues, outcome.cells, t));
      break;
  }
  if (row.visit) {
    const date = formatDate(row.visit.date, lang);
    const amount = row.visit.amount > 0 ? ` ${formatMoney(row.visit.amount, lang)}` : "";
    parts.push(
      row.visit.status === "known"
        ? t("importer.preview.visitKnown", { date })
        : `${t("importer.preview.visit", { date })}${amount}`,
    );
  }
  return parts.join("；");
}

/** A row of the file repeated in it, in a sentence. */
export function duplicateText(duplicate: Duplicate, t: TFunction): string {
  return t("importer.preview.duplicate", {
    rows: duplicate.rows.map((r) => r + 1).join("、"),
    key: t(`importer.preview.duplicateKey.${duplicate.key}`),
    value: duplicate.value,
  });
}

/** The reasons of the rows a commit did not write, for the saved report. */
export function failedReasons(summary: ImportSummary, t: TFunction): FailedReason[] {
  return summary.failedRows.map((failed) => ({
    row: failed.row,
    reason: problemsOf(failed.issues, failed.cells, t).join("；"),
  }));
}

/** The reasons of the preview's invalid and conflicting rows. */
export function previewReasons(rows: Planned[], t: TFunction, lang: Language): FailedReason[] {
  return rows
    .filter((r) => r.outcome.kind === "invalid" || r.outcome.kind === "conflict")
    .map((r) => ({ row: r.row, reason: plannedDetail(r, t, lang) }));
}

/** The fields mapped to more than one column, with those columns. */
export function mappedTwice(columns: Mapping["columns"]): Map<Field, number[]> {
  const byField = new Map<Field, number[]>();
  for (const [column, field] of Object.entries(columns)) {
    if (!field) continue;
    byField.set(field, [...(byField.get(field) ?? []), Number(column)]);
  }
  return new Map([...byField].filter(([, cols]) => cols.length > 1));
}
