import { Alert, App, Button, Drawer, Flex, Form, InputNumber, Skeleton } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { CareSettings } from "../bindings";
import { errorText, fieldPath, toIssues, type NamePath } from "../errors";
import { campaignIssueText } from "./model";

const FIELDS: { name: keyof CareSettings; testId: string; unit: "days" | "km" | "times" }[] = [
  { name: "maintenanceDays", testId: "care-set-maintenance-days", unit: "days" },
  { name: "insuranceDays", testId: "care-set-insurance-days", unit: "days" },
  { name: "inspectionDays", testId: "care-set-inspection-days", unit: "days" },
  { name: "declinedDays", testId: "care-set-declined-days", unit: "days" },
  { name: "serviceIntervalKm", testId: "care-set-service-interval-km", unit: "km" },
  { name: "maxAttempts", testId: "care-set-max-attempts", unit: "times" },
];

/** The manager's care settings: how far ahead each list looks, the service interval, the attempts. */
export function CareSettingsDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const marked = useRef<NamePath[]>([]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setLoaded(false);
    api
      .getCareSettings()
      .then((s) => {
        if (!current) return;
        form.setFieldsValue(s);
        setLoaded(true);
        setFailure(null);
      })
      .catch((e: unknown) => current && setFailure(errorText(e, t)));
    return () => {
      current = false;
    };
  }, [open]);

  const save = async (values: CareSettings) => {
    setSaving(true);
    setProblems([]);
    try {
      const saved = await api.updateCareSettings(values);
      form.setFields(marked.current.map((name) => ({ name, errors: [] })));
      marked.current = [];
      form.setFieldsValue(saved);
      message.success(t("campaigns.care.settings.saved"));
      onSaved();
      onClose();
    } catch (error) {
      const placed: { name: NamePath; errors: string[] }[] = [];
      const rest: string[] = [];
      for (const issue of toIssues(error)) {
        const text = campaignIssueText(issue, t, "careSettings");
        const name = issue.field ? fieldPath(issue.field) : [];
        if (name.length === 1 && FIELDS.some((f) => f.name === name[0])) placed.push({ name, errors: [text] });
        else rest.push(text);
      }
      form.setFields([...marked.current.map((name) => ({ name, errors: [] as string[] })), ...placed]);
      marked.current = placed.map((p) => p.name);
      setProblems(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title={t("campaigns.care.settings.title")} size={440} destroyOnHidden>
      {failure && <Alert type="warning" showIcon title={failure} />}
      {!loaded && !failure && <Skeleton active />}
      <Form form={form} layout="vertical" onFinish={save} hidden={!loaded} data-testid="care-settings-form">
        {FIELDS.map((f) => (
          <Form.Item key={f.name} name={f.name} label={t(`campaigns.care.settings.${f.name}`)} extra={t(`campaigns.care.settings.hints.${f.name}`)}>
            <InputNumber
              data-testid={f.testId}
              precision={0}
              controls={false}
              style={{ width: 180 }}
              suffix={t(`campaigns.care.settings.units.${f.unit}`)}
            />
          </Form.Item>
        ))}
        {problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} />}
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={saving} data-testid="care-settings-save">
            {t("campaigns.care.settings.save")}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
