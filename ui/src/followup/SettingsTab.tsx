import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Skeleton, Tag, Tooltip, Typography } from "antd";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { AnswerKind, Category, FollowUpSettings, Language, Question, Questionnaire, Script, Section } from "../bindings";
import { CATEGORIES } from "../complaints/model";
import { SettingsChanged, useSettingsEdit } from "../live/edit";
import { fieldPath } from "../errors";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { PickSelect } from "../visits/ui";
import { SECTIONS, formatWeight } from "./model";
import { followUpSettingsQuery, questionnaireQuery } from "./queries";
import { useFollowUpRefusal } from "./ui";

type QuestionValues = {
  key: string;
  section: Section;
  answer: AnswerKind;
  zh: string;
  en: string;
  required: boolean;
  /** The weight in percent, as typed (the API keeps basis points). */
  weight?: number | null;
  category: Category;
  /** Added here, not saved yet: its key may still be chosen. */
  added?: boolean;
};

type QuestionnaireValues = { script: Script; questions: QuestionValues[] };

function toValues(q: Questionnaire): QuestionnaireValues {
  return {
    script: q.script,
    questions: q.questions.map((x) => ({
      key: x.key,
      section: x.section,
      answer: x.answer,
      zh: x.zh,
      en: x.en,
      required: x.required,
      weight: x.weightBp !== undefined ? x.weightBp / 100 : null,
      category: x.category,
    })),
  };
}

/** The form as the backend reads it: weights in basis points, only on the factors. */
export function toQuestionnaire(version: number, values: QuestionnaireValues): Questionnaire {
  return {
    version,
    script: values.script,
    questions: (values.questions ?? []).map((q): Question => {
      const question: Question = {
        key: (q.key ?? "").trim(),
        section: q.section,
        answer: q.answer,
        zh: q.zh ?? "",
        en: q.en ?? "",
        required: q.required === true,
        category: q.category,
      };
      if (q.section === "factor" && q.weight !== null && q.weight !== undefined) {
        question.weightBp = Math.round(q.weight * 100);
      }
      return question;
    }),
  };
}

/** The sum of the factors' weights as typed, in basis points. */
export function weightSum(questions: QuestionValues[] | undefined): number {
  return (questions ?? [])
    .filter((q) => q?.section === "factor")
    .reduce((sum, q) => sum + Math.round((q.weight ?? 0) * 100), 0);
}

/** Where the questionnaire form shows a backend field. */
function placeQuestionnaire(field: string): (string | number)[] | null {
  const path = fieldPath(field);
  if (path[0] === "questions" && typeof path[1] === "number" && typeof path[2] === "string") {
    return ["questions", path[1], path[2] === "weightBp" ? "weight" : path[2]];
  }
  if (path[0] === "script" && path.length === 3) return path;
  if (field === "weights") return ["weights"];
  return null;
}

/** Where the rules' form shows a backend field. */
function placeRules(field: string): (string | number)[] | null {
  return field === "maxAttempts" || field === "alertAtOrBelow" ? [field] : null;
}

/** The service manager's questionnaire (script, questions, weights) and the call rules. */
export function SettingsTab({ lang }: { lang: Language }) {
  return (
    <div className="followup-settings" data-testid="followup-settings">
      <RulesForm lang={lang} />
      <QuestionnaireForm lang={lang} />
    </div>
  );
}

function RulesForm({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const changed = useChanged();
  // Read again when the settings change on any desk; the form keeps what was typed (see `useSettingsEdit`).
  const query = useQuery(followUpSettingsQuery);
  const edit = useSettingsEdit(query.data, (s) => `${s.maxAttempts}|${s.alertAtOrBelow}`);
  return (
    <section className="panel followup-rules">
      <Typography.Title level={5}>{t("followup.settings.rules")}</Typography.Title>
      {query.error && !edit.base && <ReadFailure query={query} />}
      {edit.changed && <SettingsChanged at={query.dataUpdatedAt} lang={lang} onReload={edit.refill} />}
      <RulesEditor
        key={edit.formKey}
        settings={edit.base}
        lang={lang}
        onEdited={edit.edited}
        onSaved={(saved) => {
          client.setQueryData(followUpSettingsQuery.queryKey, saved);
          edit.refill();
          changed("settings");
        }}
      />
    </section>
  );
}

/** The rules' form, filled from `settings`; disabled until they are read. */
function RulesEditor({
  settings,
  lang,
  onEdited,
  onSaved,
}: {
  settings: FollowUpSettings | null;
  lang: Language;
  onEdited: () => void;
  onSaved: (saved: FollowUpSettings) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowUpSettings>();
  const [saving, setSaving] = useState(false);
  const refusal = useFollowUpRefusal(form, placeRules, lang);
  const { problems } = refusal;
  const loaded = settings !== null;

  const save = async () => {
    const v = form.getFieldsValue(true) as FollowUpSettings;
    setSaving(true);
    try {
      const saved = await api.updateFollowUpSettings({ maxAttempts: v.maxAttempts, alertAtOrBelow: v.alertAtOrBelow });
      message.success(t("followup.settings.settingsSaved"));
      // The form fills again from what was saved.
      onSaved(saved);
    } catch (error) {
      refusal.show(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<FollowUpSettings>
      form={form}
      layout="vertical"
      onFinish={save}
      onValuesChange={onEdited}
      initialValues={settings ?? undefined}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="maxAttempts" label={t("followup.settings.maxAttempts")}>
            <InputNumber data-testid="fu-max-attempts" precision={0} controls={false} disabled={!loaded} style={{ width: 120 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="alertAtOrBelow" label={t("followup.settings.alertAt")}>
            <InputNumber data-testid="fu-alert-at" precision={0} controls={false} disabled={!loaded} style={{ width: 120 }} />
          </Form.Item>
        </Col>
      </Row>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} className="followup-problems" />}
      <Flex justify="end">
        <Button type="primary" htmlType="submit" loading={saving} disabled={!loaded} data-testid="fu-settings-save">
          {t("followup.settings.settingsSave")}
        </Button>
      </Flex>
    </Form>
  );
}

/** Shows the factors' weight sum where the form's `weights` errors go. */
function WeightSum({ sum }: { sum: number; value?: unknown; onChange?: unknown }) {
  const { t } = useTranslation();
  const whole = sum === 10000;
  return (
    <Flex gap={8} align="center" wrap>
      <Tag color={whole ? "green" : "red"} data-testid="q-weight-sum" data-value={sum}>
        {t("followup.settings.weightSum", { sum: formatWeight(sum) })}
      </Tag>
      <Typography.Text type="secondary" className="small">
        {t("followup.settings.weightRule")}
      </Typography.Text>
    </Flex>
  );
}

function QuestionnaireForm({ lang }: { lang: Language }) {
  const client = useQueryClient();
  const changed = useChanged();
  // Read again when the settings change on any desk; the form keeps what was typed (see `useSettingsEdit`).
  const query = useQuery(questionnaireQuery);
  const edit = useSettingsEdit(query.data, (q) => String(q.version));

  if (!edit.base) {
    return (
      <section className="panel">
        {query.error ? <ReadFailure query={query} /> : <Skeleton active paragraph={{ rows: 8 }} />}
      </section>
    );
  }
  return (
    <QuestionnaireEditor
      key={edit.formKey}
      current={edit.base}
      lang={lang}
      notice={edit.changed && <SettingsChanged at={query.dataUpdatedAt} lang={lang} onReload={edit.refill} />}
      onEdited={edit.edited}
      onSaved={(saved) => {
        client.setQueryData(questionnaireQuery.queryKey, saved);
        edit.refill();
        changed("settings");
      }}
    />
  );
}

/** The questionnaire's form, filled from `current` (the version it saves from). */
function QuestionnaireEditor({
  current,
  lang,
  notice,
  onEdited,
  onSaved,
}: {
  current: Questionnaire;
  lang: Language;
  /** Above the form: the questionnaire changed on another desk. */
  notice: ReactNode;
  onEdited: () => void;
  onSaved: (saved: Questionnaire) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Untyped: the refusals name paths the form only knows at run time (`questions.<i>.<field>`).
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const refusal = useFollowUpRefusal(form, placeQuestionnaire, lang);
  const { problems } = refusal;
  const questions = Form.useWatch("questions", form) as QuestionValues[] | undefined;

  const save = async () => {
    const values = form.getFieldsValue(true) as QuestionnaireValues;
    const questionnaire = toQuestionnaire(current.version, values);
    setSaving(true);
    try {
      const saved = await api.updateQuestionnaire(questionnaire);
      message.success(
        saved.version === current.version
          ? t("followup.settings.unchanged", { version: saved.version })
          : t("followup.settings.saved", { version: saved.version }),
      );
      // The form fills again from what was saved.
      onSaved(saved);
    } catch (error) {
      // The questions are named as they were sent.
      refusal.show(error, questionnaire);
    } finally {
      setSaving(false);
    }
  };

  const sum = weightSum(questions);
  const sections = SECTIONS.map((s) => ({ value: s, text: t(`followup.sections.${s}`) }));
  const answers = [
    { value: "score" as const, text: t("followup.settings.score") },
    { value: "yes_no" as const, text: t("followup.settings.yesNo") },
  ];
  const categories = CATEGORIES.map((c) => ({ value: c, text: t(`complaints.categories.${c}`) }));

  return (
    <section className="panel followup-questionnaire">
      <Flex justify="space-between" align="baseline" wrap>
        <Typography.Title level={5}>{t("followup.settings.questionnaire")}</Typography.Title>
        <Tag data-testid="q-version" data-value={current.version}>
          {t("followup.settings.version", { version: current.version })}
        </Tag>
      </Flex>
      {notice}
      <Form<QuestionnaireValues>
        form={form}
        layout="vertical"
        onFinish={save}
        onValuesChange={onEdited}
        initialValues={toValues(current)}
      >
        <Typography.Text strong>{t("followup.settings.script")}</Typography.Text>
        <Typography.Paragraph type="secondary" className="small">
          {t("followup.settings.placeholders")}
        </Typography.Paragraph>
        {(["greeting", "purpose", "closing"] as const).map((part) => (
          <Row gutter={16} key={part}>
            <Col xs={24} lg={12}>
              <Form.Item name={["script", part, "zh"]} label={`${t(`followup.script.${part}`)} · ${t("followup.settings.zh")}`}>
                <Input.TextArea data-testid={`q-script-${part}-zh`} autoSize={{ minRows: 2, maxRows: 5 }} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name={["script", part, "en"]} label={`${t(`followup.script.${part}`)} · ${t("followup.settings.en")}`}>
                <Input.TextArea data-testid={`q-script-${part}-en`} autoSize={{ minRows: 2, maxRows: 5 }} />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Typography.Text strong>{t("followup.settings.questions")}</Typography.Text>
        <Form.Item name="weights" className="q-weights">
          <WeightSum sum={sum} />
        </Form.Item>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <div className="q-list">
              {fields.map((field, i) => {
                const q = questions?.[i];
                const testKey = q?.key || `new-${i}`;
                return (
                  <div key={field.key} className="q-item" data-testid={`q-item-${testKey}`}>
                    <Row gutter={8} align="bottom">
                      <Col flex="48px">
                        <div className="q-number tabular">{i + 1}</div>
                      </Col>
                      <Col flex="140px">
                        <Form.Item name={[field.name, "key"]} label={t("followup.settings.key")}>
                          <Input data-testid={`q-key-${testKey}`} className="mono" disabled={!q?.added} />
                        </Form.Item>
                      </Col>
                      <Col flex="150px">
                        <Form.Item name={[field.name, "section"]} label={t("followup.settings.section")}>
                          <PickSelect<Section> testId={`q-section-${testKey}`} options={sections} />
                        </Form.Item>
                      </Col>
                      <Col flex="120px">
                        <Form.Item name={[field.name, "answer"]} label={t("followup.settings.answer")}>
                          <PickSelect<AnswerKind> testId={`q-answer-${testKey}`} options={answers} />
                        </Form.Item>
                      </Col>
                      <Col flex="100px">
                        <Form.Item
                          name={[field.name, "weight"]}
                          label={t("followup.settings.weight")}
                          hidden={q?.section !== "factor"}
                        >
                          <InputNumber
                            data-testid={`q-weight-${testKey}`}
                            min={0}
                            max={100}
                            step={1}
                            controls={false}
                            style={{ width: "100%" }}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="150px">
                        <Form.Item name={[field.name, "category"]} label={t("followup.settings.category")}>
                          <PickSelect<Category> testId={`q-category-${testKey}`} options={categories} />
                        </Form.Item>
                      </Col>
                      <Col flex="90px">
                        <Form.Item name={[field.name, "required"]} valuePropName="checked" label=" ">
                          <Checkbox data-testid={`q-required-${testKey}`} disabled={q?.section === "factor"}>
                            {t("followup.settings.required")}
                          </Checkbox>
                        </Form.Item>
                      </Col>
                      <Col flex="40px">
                        <Form.Item label=" ">
                          <Tooltip title={t("followup.settings.remove")}>
                            <Button
                              icon={<DeleteOutlined />}
                              type="text"
                              danger
                              aria-label={t("followup.settings.remove")}
                              onClick={() => remove(field.name)}
                              data-testid={`q-remove-${testKey}`}
                            />
                          </Tooltip>
                        </Form.Item>
                      </Col>
                    </Row>
                    <Row gutter={8}>
                      <Col flex="48px" />
                      <Col flex="1">
                        <Form.Item name={[field.name, "zh"]} label={t("followup.settings.textZh")}>
                          <Input data-testid={`q-zh-${testKey}`} />
                        </Form.Item>
                      </Col>
                      <Col flex="1">
                        <Form.Item name={[field.name, "en"]} label={t("followup.settings.textEn")}>
                          <Input data-testid={`q-en-${testKey}`} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                type="dashed"
                onClick={() =>
                  add({
                    key: "",
                    section: "service_advisor",
                    answer: "score",
                    zh: "",
                    en: "",
                    required: false,
                    weight: null,
                    category: "other",
                    added: true,
                  } satisfies QuestionValues)
                }
                data-testid="q-add"
              >
                {t("followup.settings.add")}
              </Button>
            </div>
          )}
        </Form.List>
        {problems.length > 0 && <Alert type="error" showIcon title={problems.join("；")} className="followup-problems" />}
        <Flex justify="end" className="q-save-row">
          <Button type="primary" htmlType="submit" loading={saving} data-testid="q-save">
            {t("followup.settings.save")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
