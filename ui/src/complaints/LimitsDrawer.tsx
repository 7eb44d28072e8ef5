import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Drawer, Flex, Form, InputNumber, Skeleton, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { ComplaintLimits, Language } from "../bindings";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { placeIssues } from "./model";
import { complaintLimitsQuery } from "./queries";
import { SettingsChanged, useSettingsEdit } from "../live/edit";

const KEYS: (keyof ComplaintLimits)[] = [
  "assignMinutes",
  "resolveHours",
  "minorResolveHours",
  "oneTimeTargetPercent",
  "escalationTargetPercent",
];

const signature = (limits: ComplaintLimits) => KEYS.map((key) => limits[key]).join("|");

/** The service manager's time limits and targets. */
export function LimitsDrawer({ open, lang, onClose }: { open: boolean; lang: Language; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} onClose={onClose} title={t("complaints.limits.title")} size={440} destroyOnHidden>
      <Limits lang={lang} onClose={onClose} />
    </Drawer>
  );
}

function Limits({ lang, onClose }: { lang: Language; onClose: () => void }) {
  const client = useQueryClient();
  const changed = useChanged();
  // Read again when the settings change on any desk; the form keeps what was typed (see `useSettingsEdit`).
  const query = useQuery(complaintLimitsQuery);
  const edit = useSettingsEdit(query.data, signature);

  if (!edit.base) return query.error ? <ReadFailure query={query} /> : <Skeleton active paragraph={{ rows: 5 }} />;
  return (
    <>
      {edit.changed && <SettingsChanged at={query.dataUpdatedAt} lang={lang} onReload={edit.refill} />}
      <LimitsForm
        key={edit.formKey}
        limits={edit.base}
        onEdited={edit.edited}
        onClose={onClose}
        onSaved={(saved) => {
          client.setQueryData(complaintLimitsQuery.queryKey, saved);
          edit.refill();
          changed("settings");
        }}
      />
    </>
  );
}

function LimitsForm({
  limits,
  onEdited,
  onClose,
  onSaved,
}: {
  limits: ComplaintLimits;
  onEdited: () => void;
  onClose: () => void;
  onSaved: (saved: ComplaintLimits) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ComplaintLimits>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const save = async () => {
    const v = form.getFieldsValue(true) as ComplaintLimits;
    setSaving(true);
    try {
      onSaved(await api.updateComplaintLimits(v));
      message.success(t("complaints.limits.saved"));
      onClose();
    } catch (error) {
      setProblems(placeIssues(form, error, Object.fromEntries(KEYS.map((k) => [k, k])), t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Form<ComplaintLimits> form={form} component={false} layout="vertical" initialValues={limits} onValuesChange={onEdited}>
        {KEYS.map((key) => (
          <Form.Item key={key} name={key} label={t(`complaints.limits.${key}`)}>
            <InputNumber data-testid={`limits-${key}`} precision={0} controls={false} style={{ width: "100%" }} />
          </Form.Item>
        ))}
      </Form>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} />}
      <Flex justify="end" style={{ marginTop: 16 }}>
        <Space>
          <Button onClick={onClose}>{t("complaints.limits.cancel")}</Button>
          <Button type="primary" onClick={save} loading={saving} data-testid="limits-save">
            {t("complaints.limits.save")}
          </Button>
        </Space>
      </Flex>
    </>
  );
}
