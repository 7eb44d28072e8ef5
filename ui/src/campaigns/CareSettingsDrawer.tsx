import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, InputNumber, Skeleton } from "antd";
import { useLayoutEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { CareSettings, Language } from "../bindings";
import { fieldPath } from "../errors";
import { FormDrawer, useRefusal, type Place } from "../forms";
import { useChanged } from "../live";
import { SettingsChanged, useSettingsEdit } from "../live/edit";
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

const signature = (settings: CareSettings) => FIELDS.map((f) => settings[f.name]).join("|");

/** The manager's care settings: how far ahead each list looks, the service interval, the attempts. */
export function CareSettingsDrawer({ open, lang, onClose }: { open: boolean; lang: Language; onClose: () => void }) {
  // Each opening starts from the settings as read, nothing of what was typed the time before.
  const [opening, setOpening] = useState({ open, round: 0 });
  if (open !== opening.open) setOpening({ open, round: opening.round + (open ? 1 : 0) });
  return <Settings key={opening.round} open={open} lang={lang} onClose={onClose} />;
}

function Settings({ open, lang, onClose }: { open: boolean; lang: Language; onClose: () => void }) {
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
  // Read again when the settings change on any desk; the form keeps what was typed (see `useSettingsEdit`).
  const query = useQuery({ ...careSettingsQuery, enabled: open });
  const edit = useSettingsEdit(query.data, signature);

  // The boxes are filled from `base` (the form's `initialValues`) when the settings
  // first arrive, when an untouched form follows another desk's change, and on
  // Reload — before paint, so they never show empty.
  const base = edit.base;
  useLayoutEffect(() => {
    if (open && base) form.resetFields();
  }, [form, open, base, edit.formKey]);

  const save = async () => {
    if (!edit.base) return;
    const values = form.getFieldsValue(true) as CareSettings;
    setSaving(true);
    try {
      const saved = await api.updateCareSettings(values);
      refusal.clear();
      // The lists look as far ahead as the settings now say: they are read again.
      client.setQueryData(careSettingsQuery.queryKey, saved);
      edit.refill();
      changed("settings");
      message.success(t("campaigns.care.settings.saved"));
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
      formProps={{
        initialValues: edit.base ?? undefined,
        onValuesChange: edit.edited,
        onFinish: save,
        ...({ "data-testid": "care-settings-form" } as Record<string, string>),
      }}
      testId="care-settings"
      saving={saving}
      notice={edit.changed && <SettingsChanged at={query.dataUpdatedAt} lang={lang} onReload={edit.refill} />}
      summary={problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} className="form-errors" />}
      onClose={onClose}
    >
      {edit.base ? (
        FIELDS.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
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
      ) : query.error ? (
        <ReadFailure query={query} />
      ) : (
        <Skeleton active />
      )}
    </FormDrawer>
  );
}
