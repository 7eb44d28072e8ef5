import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, InputNumber, Skeleton } from "antd";
import { useLayoutEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { ComplaintLimits, Language } from "../bindings";
import { FormDrawer } from "../forms";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { complaintLimitsQuery } from "./queries";
import { useComplaintRefusal } from "./ui";
import { SettingsChanged, useSettingsEdit } from "../live/edit";

const KEYS: (keyof ComplaintLimits)[] = [
  "assignMinutes",
  "resolveHours",
  "minorResolveHours",
  "oneTimeTargetPercent",
  "escalationTargetPercent",
];

const FIELDS: Record<string, string> = Object.fromEntries(KEYS.map((key) => [key, key]));

const signature = (limits: ComplaintLimits) => KEYS.map((key) => limits[key]).join("|");

/** The service manager's time limits and targets. */
export function LimitsDrawer({ open, lang, onClose }: { open: boolean; lang: Language; onClose: () => void }) {
  // Each opening starts from the limits as read, nothing of what was typed the time before.
  const [opening, setOpening] = useState({ open, round: 0 });
  if (open !== opening.open) setOpening({ open, round: opening.round + (open ? 1 : 0) });
  return <Limits key={opening.round} open={open} lang={lang} onClose={onClose} />;
}

function Limits({ open, lang, onClose }: { open: boolean; lang: Language; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const changed = useChanged();
  const [form] = Form.useForm<ComplaintLimits>();
  const [saving, setSaving] = useState(false);
  const refusal = useComplaintRefusal(form, FIELDS);
  // Read again when the settings change on any desk; the form keeps what was typed (see `useSettingsEdit`).
  const query = useQuery({ ...complaintLimitsQuery, enabled: open });
  const edit = useSettingsEdit(query.data, signature);

  // The form is filled again from `base` (its `initialValues`) when the limits first
  // arrive, when an untouched form follows another desk's change, and on Reload.
  // Before paint, so the boxes never show empty.
  const base = edit.base;
  useLayoutEffect(() => {
    if (open && base) form.resetFields();
  }, [form, open, base, edit.formKey]);

  const save = async () => {
    if (!edit.base) return;
    const v = form.getFieldsValue(true) as ComplaintLimits;
    setSaving(true);
    try {
      const saved = await api.updateComplaintLimits(v);
      client.setQueryData(complaintLimitsQuery.queryKey, saved);
      edit.refill();
      changed("settings");
      message.success(t("complaints.limits.saved"));
      onClose();
    } catch (error) {
      refusal.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer<ComplaintLimits>
      open={open}
      size={440}
      title={t("complaints.limits.title")}
      form={form}
      formProps={{ initialValues: edit.base ?? undefined, onValuesChange: edit.edited, onFinish: save }}
      testId="limits"
      saving={saving}
      notice={edit.changed && <SettingsChanged at={query.dataUpdatedAt} lang={lang} onReload={edit.refill} />}
      summary={refusal.problems.length > 0 && <Alert type="error" showIcon title={refusal.problems.join("；")} />}
      onClose={onClose}
    >
      {edit.base ? (
        KEYS.map((key) => (
          <Form.Item key={key} name={key} label={t(`complaints.limits.${key}`)}>
            <InputNumber data-testid={`limits-${key}`} precision={0} controls={false} style={{ width: "100%" }} />
          </Form.Item>
        ))
      ) : query.error ? (
        <ReadFailure query={query} />
      ) : (
        <Skeleton active paragraph={{ rows: 5 }} />
      )}
    </FormDrawer>
  );
}
