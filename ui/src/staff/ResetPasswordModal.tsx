import { Alert, App, Button, Flex, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { StaffMember } from "../bindings";
import { FormErrors, useFormIssues } from "../forms";

type ResetValues = { password?: string };

/** The administrator sets a new password for a member who forgot theirs. */
export function ResetPasswordModal({ member, onClose }: { member: StaffMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={member !== null}
      title={member ? t("staff.resetTitle", { name: member.name }) : ""}
      onCancel={onClose}
      footer={null}
      width={460}
      destroyOnHidden
    >
      {member && <ResetPasswordBody member={member} onClose={onClose} />}
    </Modal>
  );
}

function ResetPasswordBody({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const issues = useFormIssues(form, "staff");
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = form.getFieldsValue(true) as ResetValues;
    setSaving(true);
    try {
      await api.resetPassword(member.id, values.password ?? "");
      issues.clear();
      message.success(t("staff.passwordReset", { name: member.name }));
      onClose();
    } catch (error) {
      issues.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<ResetValues> form={form} layout="vertical" requiredMark={false} onFinish={save} data-testid="reset-password-form">
      <Alert type="info" showIcon title={t("staff.resetHint")} className="modal-hint" />
      <Form.Item name="password" label={t("fields.newPassword")} className="field-password" extra={t("auth.passwordHint")}>
        <Input.Password autoComplete="new-password" autoFocus data-testid="reset-password" />
      </Form.Item>
      <FormErrors issues={issues.issues.filter((issue) => !issue.field)} scope="staff" />
      <Flex justify="end" className="modal-buttons">
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="reset-password-save">
            {t("staff.resetPassword")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}
