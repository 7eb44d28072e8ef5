// How a form shows the backend's refusal — every issue on its field (in the
// active language), the first field scrolled into view, and a summary above
// the buttons with a link to the customer who already holds a VIN/plate/phone —
// and the one frame of a form in a drawer.

import { Alert, App, Button, Drawer, Flex, Form, Space, Typography } from "antd";
import type { FormInstance, FormProps } from "antd";
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerId, Issue } from "./bindings";
import { fieldPath, issueContext, issueText, toIssues, type FieldScope, type NamePath } from "./errors";

/** Where a form shows a backend field: its name path, or null when it has no place for it. */
export type Place = (field: string, issue: Issue) => NamePath | null;

export type Refusal<C = undefined> = {
  /** The issues of the last refusal shown, and the context it was shown with. */
  issues: Issue[];
  context?: C;
  /** Shows a rejected command's issues (or issues found before asking) on the form. */
  show: (error: unknown, context?: C) => Issue[];
  clear: () => void;
};

/**
 * The one way a form shows the backend's refusal: each issue on the field
 * `place` maps it to (by default its own path), in the words `text` gives;
 * the previous ones cleared; the first field scrolled into view and focused.
 * What has no field stays in `issues`, for the summary above the buttons.
 */
export function useRefusal<C = undefined>(
  form: FormInstance,
  text: (issue: Issue, context: C | undefined) => string,
  place: Place = (field) => fieldPath(field),
): Refusal<C> {
  const [state, setState] = useState<{ issues: Issue[]; context?: C }>({ issues: [] });
  const marked = useRef<NamePath[]>([]);
  // The latest words and places, without making `show` new on every render.
  const latest = useRef({ text, place });
  useLayoutEffect(() => {
    latest.current = { text, place };
  });

  const clear = useCallback(() => {
    if (marked.current.length > 0) {
      form.setFields(marked.current.map((name) => ({ name, errors: [] })));
      marked.current = [];
    }
    setState({ issues: [] });
  }, [form]);

  const show = useCallback(
    (error: unknown, context?: C) => {
      const found = Array.isArray(error) ? (error as Issue[]) : toIssues(error);
      const byName = new Map<string, { name: NamePath; errors: string[] }>();
      for (const issue of found) {
        const name = issue.field ? latest.current.place(issue.field, issue) : null;
        if (!name) continue;
        const key = name.join(".");
        const entry = byName.get(key) ?? { name, errors: [] };
        entry.errors.push(latest.current.text(issue, context));
        byName.set(key, entry);
      }
      const placed = [...byName.values()];
      form.setFields([
        ...marked.current.map((name) => ({ name, errors: [] as string[] })),
        ...placed.map(({ name, errors }) => ({ name, errors })),
      ]);
      marked.current = placed.map(({ name }) => name);
      setState({ issues: found, context });
      const first = placed[0];
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
    [form],
  );

  return { issues: state.issues, context: state.context, show, clear };
}

export type FormIssues = Refusal;

/** The archive's and settings' forms: `scope` names the record, where a field's label depends on it (a staff member's name). */
export function useFormIssues(form: FormInstance, scope?: FieldScope): FormIssues {
  const { t } = useTranslation();
  return useRefusal(form, (issue) => issueText(issue, t, scope));
}

/** The rule of a field that must be filled, its message naming the field: `rules={[required(label)]}`. */
export function useRequired(): (label: string) => { required: true; message: string } {
  const { t } = useTranslation();
  return (label) => ({ required: true, message: t("errors.required", { field: label }) });
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

/**
 * Closing a form asks first when something was typed: what the user typed is
 * never dropped by a stray click. `testId` names the confirm's button
 * (`<testId>-discard`).
 */
export function useDiscardGuard(form: FormInstance, onClose: () => void, testId: string): () => void {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return () => {
    if (!form.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: t("form.discardTitle"),
      content: t("form.discardText"),
      okText: t("form.discardOk"),
      okButtonProps: { danger: true, ...({ "data-testid": `${testId}-discard` } as Record<string, string>) },
      cancelText: t("form.keepEditing"),
      onOk: onClose,
    });
  };
}

/**
 * The one frame of a form in a drawer: the title, a body that scrolls (with a
 * notice above the fields, such as `ChangedNotice`), and a footer with the
 * refusal's summary, Cancel and Save. The drawer is not closed by a click
 * outside or by Esc; Cancel asks before dropping what was typed.
 * `testId` prefixes the buttons: `<testId>-cancel`, `<testId>-save`, `<testId>-discard`.
 */
export function FormDrawer<V>({
  open,
  size,
  title,
  form,
  formProps,
  testId,
  saving,
  summary,
  notice,
  extra,
  onClose,
  children,
}: {
  open: boolean;
  size: number;
  title: ReactNode;
  form: FormInstance<V>;
  /** The form's own props: its values, `onFinish`, `onValuesChange`, test id and class. */
  formProps: Omit<FormProps<V>, "form" | "children">;
  testId: string;
  saving: boolean;
  /** The refusal's summary above the buttons (`FormErrors`, or a module's own). */
  summary?: ReactNode;
  notice?: ReactNode;
  /** Buttons before Cancel. */
  extra?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const cancel = useDiscardGuard(form, onClose, testId);
  return (
    <Drawer
      open={open}
      size={size}
      onClose={cancel}
      destroyOnHidden
      mask={{ closable: false }}
      keyboard={false}
      title={null}
      closable={false}
      styles={{ body: { padding: 0 } }}
    >
      <Form<V> layout="vertical" requiredMark {...formProps} form={form} className={`drawer-form ${formProps.className ?? ""}`}>
        <div className="drawer-header">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
        </div>
        <div className="drawer-body">
          {notice && <div className="modal-hint">{notice}</div>}
          {children}
        </div>
        <div className="drawer-footer">
          {summary}
          <Flex justify="end">
            <Space>
              {extra}
              <Button onClick={cancel} data-testid={`${testId}-cancel`}>
                {t("common.cancel")}
              </Button>
              <Button type="primary" htmlType="submit" loading={saving} data-testid={`${testId}-save`}>
                {t("common.save")}
              </Button>
            </Space>
          </Flex>
        </div>
      </Form>
    </Drawer>
  );
}
