import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Typography } from "antd";
import type { InputRef } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { AuthStatus, Issue, Language } from "../bindings";
import { issueText, toIssues } from "../errors";
import { formatDateTime } from "../format";
import type { SignInNotice } from "./session";

type SignInValues = { login?: string; password?: string };

/**
 * Login and password; Enter submits. A refusal is shown under the field it
 * names (wrong password, disabled account, too many attempts), in the active
 * language, and the password is selected for typing it again.
 */
export function SignInForm({
  notice,
  lang,
  onSignedIn,
}: {
  notice: SignInNotice | null;
  lang: Language;
  onSignedIn: (status: AuthStatus) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SignInValues>();
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const password = useRef<InputRef>(null);

  const submit = async () => {
    const values = form.getFieldsValue(true) as SignInValues;
    setBusy(true);
    try {
      const status = await api.signIn(values.login ?? "", values.password ?? "");
      onSignedIn(status);
    } catch (error) {
      setIssues(toIssues(error));
      setBusy(false);
      password.current?.focus({ cursor: "all" });
    }
  };

  // Which of login and password was wrong is not said, on purpose.
  const text = (issue: Issue) => (issue.kind === "wrong_password" ? t("auth.wrongLogin") : issueText(issue, t));
  const on = (field: "login" | "password") => issues.filter((issue) => issue.field === field);
  const elsewhere = issues.filter((issue) => issue.field !== "login" && issue.field !== "password");
  const status = (found: Issue[]) => (found.length > 0 ? ("error" as const) : undefined);
  const help = (found: Issue[]) =>
    found.length > 0 ? (
      <span data-testid="signin-error" role="alert">
        {found.map(text).join(" ")}
      </span>
    ) : undefined;

  return (
    <>
      <Typography.Title level={4} className="auth-title">
        {t("auth.signInTitle")}
      </Typography.Title>
      {notice && (
        <Alert
          className="auth-notice"
          showIcon
          type={notice.kind === "expired" ? "warning" : notice.kind === "signedOut" ? "info" : "success"}
          title={
            notice.kind === "restored"
              ? t("auth.restored")
              : notice.kind === "moved"
                ? t("auth.moved")
                : notice.kind === "expired"
                  ? t("auth.expired")
                  : t("auth.signedOut")
          }
          description={
            notice.kind === "restored" ? (
              <Typography.Text type="secondary" className="small break-all">
                {formatDateTime(notice.backup.takenAt, lang)} · {notice.backup.path}
              </Typography.Text>
            ) : undefined
          }
          data-testid="signin-notice"
        />
      )}
      <Form<SignInValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        onValuesChange={() => issues.length > 0 && setIssues([])}
        data-testid="signin-form"
      >
        <Form.Item
          name="login"
          label={t("fields.login")}
          className="field-login"
          validateStatus={status(on("login"))}
          help={help(on("login"))}
        >
          <Input
            size="large"
            prefix={<UserOutlined className="muted-icon" />}
            placeholder={t("auth.loginPlaceholder")}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
            data-testid="signin-login"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("fields.password")}
          className="field-password"
          validateStatus={status(on("password"))}
          help={help(on("password"))}
        >
          <Input.Password
            ref={password}
            size="large"
            prefix={<LockOutlined className="muted-icon" />}
            placeholder={t("auth.passwordPlaceholder")}
            autoComplete="current-password"
            data-testid="signin-password"
          />
        </Form.Item>
        {elsewhere.length > 0 && (
          <div className="auth-error">
            <Alert type="error" showIcon title={help(elsewhere)} />
          </div>
        )}
        <Button type="primary" size="large" htmlType="submit" block loading={busy} data-testid="signin-submit">
          {t("auth.signInSubmit")}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" className="auth-help small">
        {t("auth.signInHelp")}
      </Typography.Paragraph>
    </>
  );
}
