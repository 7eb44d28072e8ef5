// How a form shows the backend's refusal: every issue on its field (in the
// active language), the first field scrolled into view, and a summary above
// the buttons with a link to the customer who already holds a VIN/plate/phone.

import { Alert, Typography } from "antd";
import type { FormInstance } from "antd";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerId, Issue } from "./bindings";
import { fieldErrors, issueContext, issueText, toIssues, type FieldScope, type NamePath } from "./errors";

export type FormIssues = {
  issues: Issue[];
  /** Shows a rejected command's issues on the form. */
  show: (error: unknown) => Issue[];
  clear: () => void;
};

/** `scope` names the record, where a field's label depends on it (a staff member's name). */
export function useFormIssues(form: FormInstance, scope?: FieldScope): FormIssues {
  const { t } = useTranslation();
  const [issues, setIssues] = useState<Issue[]>([]);
  const marked = useRef<NamePath[]>([]);

  const clear = useCallback(() => {
    if (marked.current.length > 0) {
      form.setFields(marked.current.map((name) => ({ name, errors: [] })));
      marked.current = [];
    }
    setIssues([]);
  }, [form]);

  const show = useCallback(
    (error: unknown) => {
      const found = toIssues(error);
      const byField = fieldErrors(found, t, scope);
      form.setFields([
        ...marked.current.map((name) => ({ name, errors: [] as string[] })),
        ...byField.map(({ name, errors }) => ({ name, errors })),
      ]);
      marked.current = byField.map(({ name }) => name);
      setIssues(found);
      const first = byField[0];
      if (first) {
        try {
          form.scrollToField(first.name, { block: "center" });
          form.focusField(first.name);
        } catch {
          // A field outside the form (e.g. the whole vehicle) has nothing to scroll to.
        }
      }
      return found;
    },
    [form, t, scope],
  );

  return { issues, show, clear };
}

/** The summary of a refusal, above the form's buttons. */
export function FormErrors({
  issues,
  onOpenCustomer,
  scope,
}: {
  issues: Issue[];
  onOpenCustomer?: (id: CustomerId) => void;
  scope?: FieldScope;
}) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <div data-testid="form-errors" className="form-errors" role="alert">
    <Alert
      type="error"
      showIcon
      title={t("form.errorsTitle", { n: issues.length })}
      description={
        <ul className="form-errors-list">
          {issues.map((issue, i) => {
            const context = issueContext(issue, t);
            const conflict = issue.conflict;
            return (
              <li key={`${issue.field ?? ""}-${issue.kind}-${i}`}>
                {context && <Typography.Text strong>{context} · </Typography.Text>}
                {issueText(issue, t, scope)}
                {conflict && onOpenCustomer && (
                  <>
                    {" "}
                    <Typography.Link
                      data-testid="form-errors-open-conflict"
                      onClick={() => onOpenCustomer(conflict.customerId)}
                    >
                      {t("common.open", { label: conflict.label })}
                    </Typography.Link>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      }
    />
    </div>
  );
}
