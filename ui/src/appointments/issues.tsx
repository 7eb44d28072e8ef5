// The backend's refusals of the appointment commands, in the active language
// and on the form field they are about (placed by forms.tsx's `useRefusal`).
// The words are this module's own: the fields here (`at`, `advisorId`,
// `slotMinutes`, `advisorHours.0.to`…) have their own labels, and a few
// refusals need their own words: a taken slot names the advisor and the
// customer, "must be in the future" is not "not after today".

import { Alert } from "antd";
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Issue, Language } from "../bindings";
import { fieldPath, issueText, knownFieldLabel, toIssues } from "../errors";
import { useRefusal, type Place, type Refusal } from "../forms";
import appointmentsZh from "../i18n/appointments.zh-CN";
import { atText } from "./model";

/** What a message may name beyond the issue: the advisor and time being booked. */
export type IssueContext = { lang: Language; advisorName?: string; at?: string };

type AppointmentField = keyof typeof appointmentsZh.fields;

function lastNamed(field: string | undefined): string | undefined {
  if (!field) return undefined;
  return fieldPath(field)
    .filter((s): s is string => typeof s === "string")
    .at(-1);
}

function isAppointmentField(key: string | undefined): key is AppointmentField {
  return key !== undefined && key in appointmentsZh.fields;
}

/** The field's label: the appointment screens' own, else the archive's (name, plate, VIN…). */
export function appointmentFieldLabel(field: string | undefined, t: TFunction): string {
  const key = lastNamed(field);
  if (isAppointmentField(key)) return t(`appointments.fields.${key}`);
  return knownFieldLabel(field, t) ?? t("common.thisRecord");
}

/** One refusal in the active language. */
export function appointmentIssueText(issue: Issue, t: TFunction, ctx?: IssueContext): string {
  const key = lastNamed(issue.field);
  const kind = issue.kind;
  if (key === "at") {
    if (kind === "duplicate") {
      return t("appointments.errors.slotTaken", {
        advisor: ctx?.advisorName ?? appointmentFieldLabel("advisorId", t),
        time: ctx?.at && ctx.lang ? atText(ctx.at, ctx.lang) : "",
        customer: issue.conflict?.label ?? "",
      });
    }
    if (kind === "in_the_past") return t("appointments.errors.atPast");
    if (kind === "out_of_range") return t("appointments.errors.atOffHours");
  }
  if (key === "advisorId") {
    if (kind === "out_of_range") return t("appointments.errors.notAdvisor");
    if (kind === "invalid_state") return t("appointments.errors.advisorDisabled");
    if (kind === "duplicate") return t("appointments.errors.advisorTwice");
  }
  if (kind === "invalid_state") {
    if (key === "customerId") return t("appointments.errors.customerArchived");
    if (key === "vehicleId") return t("appointments.errors.vehicleInvalid");
    return t("appointments.errors.state");
  }
  if (kind === "date_order") {
    if (key === "closes") return t("appointments.errors.closesOrder");
    if (key === "followUpToDays") return t("appointments.errors.followUpOrder");
    if (key === "to") return t("appointments.errors.hoursOrder");
  }
  if (isAppointmentField(key)) {
    const owner = issue.conflict ? t("common.quoted", { label: issue.conflict.label }) : t("common.anotherCustomer");
    return t(`errors.${kind}`, { field: appointmentFieldLabel(issue.field, t), owner, detail: issue.message });
  }
  // The archive's fields (a new customer's name, mobile, plate, VIN) and refusals of the whole request.
  return issueText(issue, t);
}

export type ShownIssues = Refusal<IssueContext>;

/**
 * The issues of one appointment form, through the one `useRefusal`: each on
 * the field `place` maps it to (or only in the summary when it maps to
 * none), in the appointment screens' words, with the advisor and time being
 * booked as the context.
 */
export function useAppointmentIssues(form: FormInstance, place: Place): ShownIssues {
  const { t } = useTranslation();
  return useRefusal<IssueContext>(form, (issue, ctx) => appointmentIssueText(issue, t, ctx), place);
}

/** The summary above a form's buttons: every issue, with an action where one helps. */
export function IssueSummary({
  shown,
  action,
}: {
  shown: Pick<ShownIssues, "issues" | "context">;
  action?: (issue: Issue) => ReactNode;
}) {
  const { t } = useTranslation();
  if (shown.issues.length === 0) return null;
  return (
    <div data-testid="form-errors" className="form-errors" role="alert">
      <Alert
        type="error"
        showIcon
        title={t("form.errorsTitle", { n: shown.issues.length })}
        description={
          <ul className="form-errors-list">
            {shown.issues.map((issue, i) => {
              const extra = action?.(issue);
              return (
                <li key={`${issue.field ?? ""}-${issue.kind}-${i}`}>
                  {appointmentIssueText(issue, t, shown.context)}
                  {extra && <> {extra}</>}
                </li>
              );
            })}
          </ul>
        }
      />
    </div>
  );
}

/** A refusal outside a form (a toast), in the appointment screens' words. */
export function refusalText(error: unknown, t: TFunction): string {
  return toIssues(error)
    .map((issue) => appointmentIssueText(issue, t))
    .join("；");
}
