import { Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { AuthStatus } from "../bindings";
import { FormErrors, useFormIssues } from "../forms";
import { confirmRule } from "./passwords";

type SetupValues = { name?: string; login?: string; password?: string; passwordConfirm?: string };

/**
 * The first start: the administrator's account. Only the repeated password is
 * compared here (so that a typo does not lock everyone out); the backend
 * checks the rest and names the fields.
 */
export function SetupForm({ onCreated }: { onCreated: (status: AuthStatus) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupValues>();
  const issues = useFormIssues(form, "staff");
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = form.getFieldsValue(true) as SetupValues;
    setBusy(true);
    try {
      const status = await api.createAdministrator({
        name: values.name ?? "",
        login: values.login ?? "",
        password: values.password ?? "",
      });
      issues.clear();
      onCreated(status);
    } catch (error) {
      issues.show(error);
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={4} className="auth-title">
        {t("auth.setupTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("auth.setupIntro")}</Typography.Paragraph>
      <Form<SetupValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        data-testid="setup-form"
      >
        <Form.Item name="name" label={t("scopedFields.staff.name")} className="field-name">
          <Input placeholder={t("auth.namePlaceholder")} maxLength={50} autoComplete="name" autoFocus data-testid="setup-name" />
        </Form.Item>
        <Form.Item name="login" label={t("fields.login")} className="field-login">
          <Input autoComplete="username" autoCapitalize="off" spellCheck={false} maxLength={32} data-testid="setup-login" />
        </Form.Item>
        <Form.Item name="password" label={t("fields.password")} className="field-password" extra={t("auth.passwordHint")}>
          <Input.Password autoComplete="new-password" data-testid="setup-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t("fields.passwordConfirm")}
          className="field-passwordConfirm"
          dependencies={["password"]}
          validateTrigger="onBlur"
          rules={[confirmRule("password", t("auth.passwordMismatch"))]}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-password-confirm" />
        </Form.Item>
        <FormErrors issues={issues.issues.filter((issue) => !issue.field)} scope="staff" />
        <Button type="primary" size="large" htmlType="submit" block loading={busy} data-testid="setup-submit">
          {t("auth.setupSubmit")}
        </Button>
      </Form>
    </>
  );
}
