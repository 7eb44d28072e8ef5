import { Alert, App, Button, Drawer, Flex, Form, InputNumber, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { ComplaintLimits } from "../bindings";
import { errorText } from "../errors";
import { placeIssues } from "./model";

const KEYS: (keyof ComplaintLimits)[] = [
  "assignMinutes",
  "resolveHours",
  "minorResolveHours",
  "oneTimeTargetPercent",
  "escalationTargetPercent",
];

/** The service manager's time limits and targets. */
export function LimitsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ComplaintLimits>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setLoaded(false);
    setProblems([]);
    api
      .getComplaintLimits()
      .then((l) => {
        form.setFieldsValue(l);
        setLoaded(true);
      })
      .catch((e: unknown) => setProblems([errorText(e, t)]));
  }, [open]);

  const save = async () => {
    const v = form.getFieldsValue(true) as ComplaintLimits;
    setSaving(true);
    try {
      await api.updateComplaintLimits(v);
      message.success(t("complaints.limits.saved"));
      onClose();
    } catch (error) {
      setProblems(placeIssues(form, error, Object.fromEntries(KEYS.map((k) => [k, k])), t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title={t("complaints.limits.title")} size={440} destroyOnHidden>
      <Form<ComplaintLimits> form={form} component={false} layout="vertical">
        {KEYS.map((key) => (
          <Form.Item key={key} name={key} label={t(`complaints.limits.${key}`)}>
            <InputNumber data-testid={`limits-${key}`} precision={0} controls={false} style={{ width: "100%" }} disabled={!loaded} />
          </Form.Item>
        ))}
      </Form>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} />}
      <Flex justify="end" style={{ marginTop: 16 }}>
        <Space>
          <Button onClick={onClose}>{t("complaints.limits.cancel")}</Button>
          <Button type="primary" onClick={save} loading={saving} disabled={!loaded} data-testid="limits-save">
            {t("complaints.limits.save")}
          </Button>
        </Space>
      </Flex>
    </Drawer>
  );
}
