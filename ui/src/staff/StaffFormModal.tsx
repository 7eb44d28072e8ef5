import { App, Button, Col, Flex, Form, Input, Modal, Radio, Row, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { ROLES } from "../auth/roles";
import type { Role, StaffInput, StaffMember } from "../bindings";
import { FormErrors, useFormIssues } from "../forms";

export type StaffFormMode = { kind: "new" } | { kind: "edit"; member: StaffMember };

type StaffValues = { name?: string; login?: string; role?: Role; active?: boolean; password?: string };

function toStaffInput(values: StaffValues): StaffInput {
  return {
    name: values.name ?? "",
    login: values.login ?? "",
    role: values.role ?? "service_advisor",
    active: values.active ?? true,
  };
}

/** Adds a member of staff with a first password, or edits name, login, role and whether they may sign in. */
export function StaffFormModal({
  mode,
  onClose,
  onSaved,
}: {
  mode: StaffFormMode | null;
  onClose: () => void;
  onSaved: (member: StaffMember) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={mode !== null}
      title={
        mode?.kind === "edit" ? t("staff.editTitle", { name: mode.member.name }) : mode ? t("staff.addTitle") : ""
      }
      onCancel={onClose}
      footer={null}
      width={600}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {mode && <StaffFormBody mode={mode} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function StaffFormBody({
  mode,
  onClose,
  onSaved,
}: {
  mode: StaffFormMode;
  onClose: () => void;
  onSaved: (member: StaffMember) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffValues>();
  const issues = useFormIssues(form, "staff");
  const [saving, setSaving] = useState(false);
  const initialValues: StaffValues =
    mode.kind === "edit"
      ? { ...mode.member }
      : { name: "", login: "", role: "service_advisor", active: true, password: "" };

  const save = async () => {
    const values = form.getFieldsValue(true) as StaffValues;
    setSaving(true);
    try {
      const member =
        mode.kind === "new"
          ? await api.createStaff(toStaffInput(values), values.password ?? "")
          : await api.updateStaff(mode.member.id, toStaffInput(values));
      issues.clear();
      message.success(mode.kind === "new" ? t("staff.created", { name: member.name }) : t("staff.updated"));
      onSaved(member);
    } catch (error) {
      issues.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<StaffValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={save}
      data-testid="staff-form"
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t("scopedFields.staff.name")} required className="field-name">
            <Input maxLength={50} autoComplete="off" autoFocus data-testid="staff-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="login" label={t("fields.login")} required className="field-login">
            <Input
              maxLength={32}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              className="mono"
              data-testid="staff-login"
            />
          </Form.Item>
        </Col>
      </Row>
      {mode.kind === "new" && (
        <Form.Item
          name="password"
          label={t("fields.password")}
          required
          className="field-password"
          extra={
            <>
              <div>{t("auth.passwordHint")}</div>
              <div>{t("staff.firstPasswordHint")}</div>
            </>
          }
        >
          <Input.Password autoComplete="new-password" data-testid="staff-password" />
        </Form.Item>
      )}
      <Form.Item name="role" label={t("fields.role")} required className="field-role">
        <Radio.Group className="role-options">
          {ROLES.map((role) => (
            <Radio key={role} value={role} className="role-option">
              <span data-testid={`staff-role-${role}`}>
                <Typography.Text strong>{t(`roles.${role}`)}</Typography.Text>
                <Typography.Text type="secondary" className="small role-help">
                  {t(`roleHelp.${role}`)}
                </Typography.Text>
              </span>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      {mode.kind === "edit" && (
        <Form.Item label={t("fields.active")} className="field-active" extra={t("staff.activeHint")}>
          <Flex gap={8} align="center">
            <Form.Item name="active" valuePropName="checked" noStyle>
              <Switch data-testid="staff-active" />
            </Form.Item>
            <Typography.Text>{t("staff.activeSwitch")}</Typography.Text>
          </Flex>
        </Form.Item>
      )}
      <FormErrors issues={issues.issues} scope="staff" />
      <Flex justify="end" className="modal-buttons">
        <Space>
          <Button onClick={onClose} data-testid="staff-cancel">
            {t("common.cancel")}
          </Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="staff-save">
            {t("common.save")}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}
