import { FolderOpenOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Col, Flex, Form, Input, InputNumber, Row, Skeleton, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useSession } from "../auth/session";
import type { Settings } from "../bindings";
import { errorText } from "../errors";
import { FormErrors, useFormIssues } from "../forms";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { securitySettingsQuery } from "./queries";

type SecurityValues = {
  lockMinutes?: number | null;
  backupDir?: string;
  keepDaily?: number | null;
  keepWeekly?: number | null;
};

const values = (settings: Settings): SecurityValues => ({ ...settings, backupDir: settings.backupDir ?? "" });

/**
 * The lock time and the backup rules (administrators). The form starts from
 * the settings read as the window opens and keeps what is typed: a later read
 * (a change on another desk) does not refill it.
 */
export function SecurityForm({ folder }: { folder: string | undefined }) {
  const query = useQuery(securitySettingsQuery);
  const [read, setRead] = useState<Settings | null>(null);
  // Not an older read kept in the cache: the one made as the window opened.
  if (read === null && query.isFetchedAfterMount && query.data && !query.error) setRead(query.data);

  if (!read) return query.error ? <ReadFailure query={query} /> : <Skeleton active paragraph={{ rows: 3 }} />;
  return <SecurityFormBody read={read} folder={folder} />;
}

function SecurityFormBody({ read, folder }: { read: Settings; folder: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const client = useQueryClient();
  const markChanged = useChanged();
  const [form] = Form.useForm<SecurityValues>();
  const issues = useFormIssues(form);
  const [initialValues] = useState(() => values(read));
  const [saving, setSaving] = useState(false);
  const [choosing, setChoosing] = useState(false);

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
      client.setQueryData(securitySettingsQuery.queryKey, saved);
      message.success(t("settings.saved"));
      // The lock time is the session's; the folder is the backups'.
      session.refresh();
      markChanged("settings");
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

  return (
    <Form<SecurityValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
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
