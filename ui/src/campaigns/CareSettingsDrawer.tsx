import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, InputNumber, Skeleton } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { CareSettings } from "../bindings";
import { fieldPath } from "../errors";
import { FormDrawer, useRefusal, type Place } from "../forms";
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

/** A refused setting sits on its box; anything else is said above the buttons. */
const placeSetting: Place = (field) => {
  const name = fieldPath(field);
  return name.length === 1 && FIELDS.some((f) => f.name === name[0]) ? name : null;
};

/** The manager's care settings: how far ahead each list looks, the service interval, the attempts. */
export function CareSettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const changed = useChanged();
  const [form] = Form.useForm<CareSettings>();
  const [saving, setSaving] = useState(false);
  const refusal = useRefusal(form, (issue) => campaignIssueText(issue, t, "careSettings"), placeSetting);
  const problems = refusal.issues
    .filter((issue) => !issue.field || !placeSetting(issue.field, issue))
    .map((issue) => campaignIssueText(issue, t, "careSettings"));

  // The next opening starts from the settings as read then, without this one's refusal.
  const close = () => {
    refusal.clear();
    onClose();
  };

  const save = async (values: CareSettings) => {
    // Not read yet: the boxes are not there, and there is nothing to save.
    if (FIELDS.some((f) => values[f.name] === undefined)) return;
    setSaving(true);
    try {
      const saved = await api.updateCareSettings(values);
      refusal.clear();
      form.setFieldsValue(saved);
      message.success(t("campaigns.care.settings.saved"));
      // The lists look as far ahead as the settings now say: they are read again.
      client.setQueryData(careSettingsQuery.queryKey, saved);
      changed("settings");
      onClose();
    } catch (error) {
      refusal.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer<CareSettings>
      open={open}
      size={440}
      title={t("campaigns.care.settings.title")}
      form={form}
      // The boxes go with the drawer: each opening fills them from its own read.
      formProps={{ onFinish: save, preserve: false, ...({ "data-testid": "care-settings-form" } as Record<string, string>) }}
      testId="care-settings"
      saving={saving}
      summary={problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} className="form-errors" />}
      onClose={close}
    >
      <SettingsFields />
    </FormDrawer>
  );
}

function SettingsFields() {
  const { t } = useTranslation();
  const query = useQuery(careSettingsQuery);
  // The boxes are filled once, from the settings as read on opening: a later read leaves what is typed alone.
  const read = query.isFetchedAfterMount ? query.data : undefined;
  return (
    <>
      {query.error && <ReadFailure query={query} />}
      {read
        ? FIELDS.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              initialValue={read[f.name]}
              label={t(`campaigns.care.settings.${f.name}`)}
              extra={t(`campaigns.care.settings.hints.${f.name}`)}
            >
              <InputNumber
                data-testid={f.testId}
                precision={0}
                controls={false}
                style={{ width: 180 }}
                suffix={t(`campaigns.care.settings.units.${f.unit}`)}
              />
            </Form.Item>
          ))
        : !query.error && <Skeleton active />}
    </>
  );
}
