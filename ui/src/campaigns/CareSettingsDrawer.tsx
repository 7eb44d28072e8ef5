import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Drawer, Flex, Form, InputNumber, Skeleton } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { CareSettings } from "../bindings";
import { fieldPath, toIssues, type NamePath } from "../errors";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { campaignIssueText } from "./model";
import { careSettingsQuery } from "./queries";

const FIELDS: { name: keyof CareSettings; testId: string; unit: "days" | "km" | "times" }[] = [
  { name: "maintenanceDays", testId: "care-set-maintenance-days", unit: "days" },
  { name: "insuranceDays", testId: "care-set-insurance-days", unit: "days" },
  { name: "inspectionDays", testId: "care-set-inspection-days", unit: "days" },
  { name: "declinedDays", testId: "care-set-declined-days", unit: "days" },
  { name: "serviceIntervalKm", testId: "care-set-service-interval-km", unit: "km" },
  { name: "maxAttempts", testId: "care-set-max-attempts", unit: "times" },
];

/** The manager's care settings: how far ahead each list looks, the service interval, the attempts. */
export function CareSettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} onClose={onClose} title={t("campaigns.care.settings.title")} size={440} destroyOnHidden>
      <SettingsBody onClose={onClose} />
    </Drawer>
  );
}

function SettingsBody({ onClose }: { onClose: () => void }) {
  const query = useQuery(careSettingsQuery);
  // The form is filled once, from the settings as read on opening: a later read leaves what is typed alone.
  const read = query.isFetchedAfterMount ? query.data : undefined;
  return (
    <>
      {query.error && <ReadFailure query={query} />}
      {read ? <SettingsForm initial={read} onClose={onClose} /> : !query.error && <Skeleton active />}
    </>
  );
}

function SettingsForm({ initial, onClose }: { initial: CareSettings; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const changed = useChanged();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const marked = useRef<NamePath[]>([]);

  const save = async (values: CareSettings) => {
    setSaving(true);
    setProblems([]);
    try {
      const saved = await api.updateCareSettings(values);
      form.setFields(marked.current.map((name) => ({ name, errors: [] })));
      marked.current = [];
      form.setFieldsValue(saved);
      message.success(t("campaigns.care.settings.saved"));
      // The lists look as far ahead as the settings now say: they are read again.
      client.setQueryData(careSettingsQuery.queryKey, saved);
      changed("settings");
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
    <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="care-settings-form">
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
  );
}
