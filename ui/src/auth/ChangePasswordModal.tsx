import { App, Button, Flex, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { FormErrors, useFormIssues } from "../forms";
import { confirmRule } from "./passwords";

type PasswordValues = { currentPassword?: string; newPassword?: string; newPasswordConfirm?: string };

/** The signed-in member changes their own password, giving the current one. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t("password.title")} onCancel={onClose} footer={null} destroyOnHidden width={440}>
      {open && <ChangePasswordBody onClose={onClose} />}
    </Modal>
  );
}

function ChangePasswordBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const issues = useFormIssues(form);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = form.getFieldsValue(true) as PasswordValues;
    setSaving(true);
    try {
      await api.changePassword(values.currentPassword ?? "", values.newPassword ?? "");
      issues.clear();
      message.success(t("password.changed"));
      onClose();
    } catch (error) {
      issues.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<PasswordValues> form={form} layout="vertical" requiredMark={false} onFinish={save} data-testid="change-password-form">
      <Form.Item name="currentPassword" label={t("fields.currentPassword")} className="field-currentPassword">
        <Input.Password autoComplete="current-password" autoFocus data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("fields.newPassword")}
        className="field-newPassword"
        extra={t("auth.passwordHint")}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="newPasswordConfirm"
        label={t("fields.passwordConfirm")}
        className="field-newPasswordConfirm"
        dependencies={["newPassword"]}
        validateTrigger="onBlur"
        rules={[confirmRule("newPassword", t("auth.passwordMismatch"))]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <FormErrors issues={issues.issues.filter((issue) => !issue.field)} />
      <Flex justify="end" className="modal-buttons">
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="password-save">
            {t("password.save")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}
