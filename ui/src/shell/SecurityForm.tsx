import { FolderOpenOutlined } from "@ant-design/icons";
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Row, Skeleton, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useSession } from "../auth/session";
import type { Settings } from "../bindings";
import { errorText } from "../errors";
import { FormErrors, useFormIssues } from "../forms";

type SecurityValues = {
  lockMinutes?: number | null;
  backupDir?: string;
  keepDaily?: number | null;
  keepWeekly?: number | null;
};

const values = (settings: Settings): SecurityValues => ({ ...settings, backupDir: settings.backupDir ?? "" });

/** The lock time and the backup rules (administrators). */
export function SecurityForm({ folder, onSaved }: { folder: string | undefined; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const [form] = Form.useForm<SecurityValues>();
  const issues = useFormIssues(form);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [choosing, setChoosing] = useState(false);

  useEffect(() => {
    let current = true;
    api
      .getSettings()
      .then((found) => {
        if (!current) return;
        setSettings(found);
        setFailure(null);
      })
      .catch((e: unknown) => current && setFailure(e));
    return () => {
      current = false;
    };
  }, [session.resumed]);

  const save = async () => {
    const v = form.getFieldsValue(true) as SecurityValues;
    const dir = (v.backupDir ?? "").trim();
    setSaving(true);
    try {
      const saved = await api.updateSettings({
        lockMinutes: v.lockMinutes ?? 0,
        backupDir: dir === "" ? null : dir,
        keepDaily: v.keepDaily ?? 0,
        keepWeekly: v.keepWeekly ?? 0,
      });
      issues.clear();
      form.setFieldsValue(values(saved));
      message.success(t("settings.saved"));
      // The lock time is the session's; the folder is the backups'.
      session.refresh();
      onSaved();
    } catch (error) {
      issues.show(error);
    } finally {
      setSaving(false);
    }
  };

  /** The native folder picker fills the field; cancelling it leaves the field as it was. */
  const chooseFolder = async () => {
    setChoosing(true);
    try {
      const chosen = await api.chooseBackupFolder();
      if (chosen !== null) form.setFieldValue("backupDir", chosen);
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setChoosing(false);
    }
  };

  if (!settings) {
    return failure ? (
      <Alert type="error" showIcon title={t("common.loadFailed")} description={errorText(failure, t)} />
    ) : (
      <Skeleton active paragraph={{ rows: 3 }} />
    );
  }

  return (
    <Form<SecurityValues>
      form={form}
      layout="vertical"
      initialValues={values(settings)}
      onFinish={save}
      data-testid="settings-form"
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="lockMinutes"
            label={t("fields.lockMinutes")}
            className="field-lockMinutes"
            extra={t("settings.lockMinutesHint")}
          >
            <InputNumber
              min={0}
              precision={0}
              suffix={t("settings.minutes")}
              style={{ width: "100%" }}
              data-testid="settings-lock-minutes"
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label={t("fields.backupDir")} className="field-backupDir" extra={t("settings.backupDirHint")}>
            <Space.Compact block>
              <Form.Item name="backupDir" noStyle>
                <Input placeholder={folder} spellCheck={false} className="mono" data-testid="settings-backup-dir" />
              </Form.Item>
              <Button icon={<FolderOpenOutlined />} loading={choosing} onClick={chooseFolder} data-testid="backup-dir-choose">
                {t("settings.chooseFolder")}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="keepDaily" label={t("fields.keepDaily")} className="field-keepDaily">
            <InputNumber
              min={0}
              precision={0}
              suffix={t("settings.days")}
              style={{ width: "100%" }}
              data-testid="settings-keep-daily"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="keepWeekly" label={t("fields.keepWeekly")} className="field-keepWeekly">
            <InputNumber
              min={0}
              precision={0}
              suffix={t("settings.weeks")}
              style={{ width: "100%" }}
              data-testid="settings-keep-weekly"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <div className="form-extra">{t("settings.keepHint")}</div>
        </Col>
      </Row>
      <FormErrors issues={issues.issues} />
      <Flex justify="end" className="modal-buttons">
        <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
          {t("settings.save")}
        </Button>
      </Flex>
    </Form>
  );
}
