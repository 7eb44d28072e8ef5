import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Col,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Spin,
  TimePicker,
  Tooltip,
  Typography,
} from "antd";
import { useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Colleague, Issue, Language, ServiceSettings } from "../bindings";
import { fieldPath, type NamePath } from "../errors";
import { FormDrawer } from "../forms";
import { useChanged } from "../live";
import { SettingsChanged, useSettingsEdit } from "../live/edit";
import { ReadFailure } from "../live/ReadFailure";
import { AdvisorSelect, OptionSelect } from "./fields";
import { IssueSummary, useAppointmentIssues } from "./issues";
import { SLOT_LENGTHS, settingsValues, toServiceSettings, type SettingsValues } from "./model";
import { serviceSettingsQuery } from "./queries";

const SETTINGS_FIELDS = [
  "dealership",
  "opens",
  "closes",
  "slotMinutes",
  "workshopHours",
  "labourRate",
  "taxBasisPoints",
  "followUpFromDays",
  "followUpToDays",
  "advisorHours",
];

/** The backend's field is the form's: `advisorHours.0.to` is the first row's end. */
export function settingsField(field: string): NamePath | null {
  const path = fieldPath(field);
  return typeof path[0] === "string" && SETTINGS_FIELDS.includes(path[0]) ? path : null;
}

const SIZE = 720;

function SectionTitle({ children }: { children: ReactNode }) {
  return <div className="form-section-title">{children}</div>;
}

/**
 * How the service desk works: hours, slots, workshop capacity, rates,
 * follow-up, advisors' hours. The form is filled from the settings as read
 * when it opens and follows another desk's change until something is typed;
 * then it keeps what was typed and says the settings changed (`useSettingsEdit`).
 */
export function ScheduleSettings({
  open,
  lang,
  advisors,
  onClose,
  onSaved,
}: {
  open: boolean;
  lang: Language;
  /** Who may receive customers (advisors and managers). */
  advisors: Colleague[];
  onClose: () => void;
  onSaved: (settings: ServiceSettings) => void;
}) {
  return open ? <SettingsBody lang={lang} advisors={advisors} onClose={onClose} onSaved={onSaved} /> : null;
}

const signature = (settings: ServiceSettings) => JSON.stringify(settings);

function SettingsBody({
  lang,
  advisors,
  onClose,
  onSaved,
}: {
  lang: Language;
  advisors: Colleague[];
  onClose: () => void;
  onSaved: (settings: ServiceSettings) => void;
}) {
  const { t } = useTranslation();
  const query = useQuery(serviceSettingsQuery);
  // The form starts from the settings read as it opens (not an older read kept
  // in the cache); a failed later read leaves it as it is.
  const edit = useSettingsEdit(query.isFetchedAfterMount ? query.data : undefined, signature);

  if (edit.base)
    return (
      <SettingsForm
        read={edit.base}
        formKey={edit.formKey}
        advisors={advisors}
        notice={edit.changed && <SettingsChanged at={query.dataUpdatedAt} lang={lang} onReload={edit.refill} />}
        onEdited={edit.edited}
        onClose={onClose}
        onSaved={(saved) => {
          edit.refill();
          onSaved(saved);
        }}
      />
    );
  // Until the settings are read there is no form yet: the same frame, with Cancel only.
  return (
    <Drawer
      open
      size={SIZE}
      onClose={onClose}
      mask={{ closable: false }}
      keyboard={false}
      title={null}
      closable={false}
      styles={{ body: { padding: 0 } }}
    >
      <div className="drawer-form">
        <div className="drawer-header">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("appointments.settings.title")}
          </Typography.Title>
        </div>
        <div className="drawer-body">
          {query.error ? (
            <ReadFailure query={query} />
          ) : (
            <Flex justify="center" className="drawer-loading">
              <Spin />
            </Flex>
          )}
        </div>
        <div className="drawer-footer">
          <Flex justify="end">
            <Button onClick={onClose}>{t("common.cancel")}</Button>
          </Flex>
        </div>
      </div>
    </Drawer>
  );
}

function SettingsForm({
  read,
  formKey,
  advisors,
  notice,
  onEdited,
  onClose,
  onSaved,
}: {
  /** The settings the form is filled from (see `useSettingsEdit`). */
  read: ServiceSettings;
  /** A new key fills the form again from `read` (Reload). */
  formKey: string;
  advisors: Colleague[];
  notice: ReactNode;
  onEdited: () => void;
  onClose: () => void;
  onSaved: (settings: ServiceSettings) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const markChanged = useChanged();
  const [form] = Form.useForm<SettingsValues>();
  const issues = useAppointmentIssues(form, settingsField);
  const loaded = useMemo<SettingsValues>(() => settingsValues(read), [read]);
  // Filled again, before paint, when an untouched form follows another desk's
  // change and on Reload.
  useLayoutEffect(() => {
    form.resetFields();
  }, [form, loaded, formKey]);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const made = toServiceSettings(form.getFieldsValue(true) as SettingsValues);
    if ("missing" in made) {
      issues.show(made.missing.map<Issue>((field) => ({ kind: "required", field, message: `${field} is required` })));
      return;
    }
    setSaving(true);
    try {
      const saved = await api.updateServiceSettings(made.settings);
      issues.clear();
      client.setQueryData(serviceSettingsQuery.queryKey, saved);
      // The board's slots, hours and load follow the settings.
      markChanged("settings");
      message.success(t("appointments.settings.saved"));
      onSaved(saved);
    } catch (e) {
      issues.show(e);
    } finally {
      setSaving(false);
    }
  };

  const time = (testId: string) => (
    <TimePicker
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      placeholder={t("appointments.settings.timePlaceholder")}
      style={{ width: "100%" }}
      data-testid={testId}
    />
  );
  const number = (testId: string, suffix: string, precision = 0) => (
    <InputNumber style={{ width: "100%" }} min={0} precision={precision} suffix={suffix} controls={false} data-testid={testId} />
  );

  return (
    <FormDrawer<SettingsValues>
      open
      size={SIZE}
      title={t("appointments.settings.title")}
      form={form}
      formProps={{
        initialValues: loaded,
        onValuesChange: onEdited,
        onFinish: save,
        ...({ "data-testid": "schedule-settings-form" } as Record<string, string>),
      }}
      testId="settings"
      saving={saving}
      notice={notice}
      summary={<IssueSummary shown={issues} />}
      onClose={onClose}
    >
      <Form.Item
        name="dealership"
        label={t("appointments.fields.dealership")}
        extra={t("appointments.settings.dealershipHint")}
        className="field-dealership"
      >
        <Input maxLength={60} data-testid="settings-dealership" />
      </Form.Item>
      <SectionTitle>{t("appointments.settings.sections.hours")}</SectionTitle>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="opens" label={t("appointments.fields.opens")} required className="field-opens">
            {time("settings-opens")}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="closes" label={t("appointments.fields.closes")} required className="field-closes">
            {time("settings-closes")}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="slotMinutes" label={t("appointments.fields.slotMinutes")} required className="field-slotMinutes">
            <OptionSelect<number>
              testId="settings-slot-minutes"
              choices={SLOT_LENGTHS.map((m) => ({ value: m, text: `${m} ${t("appointments.settings.minutes")}` }))}
            />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t("appointments.settings.sections.workshop")}</SectionTitle>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="workshopHours"
            label={t("appointments.fields.workshopHours")}
            required
            className="field-workshopHours"
          >
            {number("settings-workshop-hours", t("appointments.settings.hoursPerDay"))}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="labourRate" label={t("appointments.fields.labourRate")} required className="field-labourRate">
            {number("settings-labour-rate", t("appointments.settings.yuanPerHour"), 2)}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="taxBasisPoints"
            label={t("appointments.fields.taxBasisPoints")}
            required
            className="field-taxBasisPoints"
          >
            {number("settings-tax", t("appointments.settings.percent"), 2)}
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t("appointments.settings.sections.followUp")}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="followUpFromDays"
            label={t("appointments.fields.followUpFromDays")}
            required
            className="field-followUpFromDays"
          >
            {number("settings-follow-up-from", t("appointments.settings.days"))}
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="followUpToDays"
            label={t("appointments.fields.followUpToDays")}
            required
            className="field-followUpToDays"
          >
            {number("settings-follow-up-to", t("appointments.settings.days"))}
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t("appointments.settings.sections.advisors")}</SectionTitle>
      <Typography.Paragraph type="secondary" className="small">
        {t("appointments.settings.advisorsHint")}
      </Typography.Paragraph>
      <Form.List name="advisorHours">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start" data-testid={`advisor-hours-${field.name}`}>
                <Form.Item
                  name={[field.name, "advisorId"]}
                  className={`field-advisorHours-${field.name}-advisorId`}
                  style={{ flex: 2, marginBottom: 0 }}
                >
                  <AdvisorSelect advisors={advisors} testId={`advisor-hours-advisor-${field.name}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, "from"]}
                  className={`field-advisorHours-${field.name}-from`}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  {time(`advisor-hours-from-${field.name}`)}
                </Form.Item>
                <Form.Item
                  name={[field.name, "to"]}
                  className={`field-advisorHours-${field.name}-to`}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  {time(`advisor-hours-to-${field.name}`)}
                </Form.Item>
                <Tooltip title={t("appointments.settings.removeAdvisor")}>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t("appointments.settings.removeAdvisor")}
                    onClick={() => remove(field.name)}
                    data-testid={`advisor-hours-remove-${field.name}`}
                  />
                </Tooltip>
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ advisorId: null, from: loaded.opens ?? null, to: loaded.closes ?? null })}
              data-testid="advisor-hours-add"
              style={{ alignSelf: "flex-start" }}
            >
              {t("appointments.settings.addAdvisor")}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}
