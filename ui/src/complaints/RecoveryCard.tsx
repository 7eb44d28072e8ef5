import { CheckCircleFilled } from "@ant-design/icons";
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Complaint, Language, Recovery, RecoveryInput, RecoveryStep } from "../bindings";
import { isStale } from "../errors";
import { formatDate, formatMoney, fromIsoDate, toIsoDate } from "../format";
import { dateFormats } from "../visits/Order";
import { SectionTitle } from "../visits/ui";
import type { Versioned } from "./ComplaintPage";
import { placeIssues, RECOVERY_STEPS, yuanToFen } from "./model";
import { ReloadButton } from "./ui";

type StepValues = { doneOn?: Dayjs | null; note?: string; compensation?: string; cost?: number | null };

const STEP_FIELDS: Record<string, string> = {
  doneOn: "doneOn",
  note: "note",
  compensation: "compensation",
  cost: "cost",
};

/** The input a step's values make: the cost typed in yuan, sent in fen. */
export function toRecoveryInput(step: RecoveryStep, v: StepValues): RecoveryInput {
  const cost = step === "symbolic_compensation" ? yuanToFen(v.cost) : undefined;
  return {
    step,
    doneOn: toIsoDate(v.doneOn) ?? "",
    note: v.note ?? "",
    ...(step === "symbolic_compensation" ? { compensation: v.compensation ?? "" } : {}),
    ...(cost !== undefined ? { cost } : {}),
  };
}

/**
 * Service recovery (服务补救): the five steps, each with its date, note and
 * Save (against the `version` the card was filled from); done ones ticked.
 */
export function RecoveryCard({
  complaint,
  editable,
  lang,
  version,
  onReload,
  onDone,
}: {
  complaint: Complaint;
  editable: boolean;
  lang: Language;
  onDone: (next: Complaint) => void;
} & Versioned) {
  const { t } = useTranslation();
  return (
    <section className="panel visit-section" data-testid="complaint-recovery">
      <SectionTitle>{t("complaints.recovery.title")}</SectionTitle>
      <Typography.Paragraph type="secondary" className="small">
        {t("complaints.recovery.hint")}
      </Typography.Paragraph>
      {RECOVERY_STEPS.map((step, i) => (
        <RecoveryRow
          key={`${step}-${complaint.recovery.find((r) => r.step === step)?.doneOn ?? ""}`}
          index={i + 1}
          complaint={complaint}
          step={step}
          recorded={complaint.recovery.find((r) => r.step === step)}
          editable={editable}
          lang={lang}
          version={version}
          onReload={onReload}
          onDone={onDone}
        />
      ))}
    </section>
  );
}

function RecoveryRow({
  index,
  complaint,
  step,
  recorded,
  editable,
  lang,
  version,
  onReload,
  onDone,
}: {
  index: number;
  complaint: Complaint;
  step: RecoveryStep;
  recorded?: Recovery;
  editable: boolean;
  lang: Language;
  onDone: (next: Complaint) => void;
} & Versioned) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StepValues>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const compensation = step === "symbolic_compensation";

  const save = async () => {
    const input = toRecoveryInput(step, form.getFieldsValue(true) as StepValues);
    setSaving(true);
    try {
      const next = await api.recordRecovery(complaint.id, { ...input, version });
      setProblems([]);
      setStale(false);
      onDone(next);
    } catch (error) {
      setProblems(placeIssues(form, error, STEP_FIELDS, t));
      setStale(isStale(error));
    } finally {
      setSaving(false);
    }
  };

  const head = (
    <div className="recovery-step-head">
      <Typography.Text strong>
        {index}. {t(`complaints.recovery.steps.${step}`)}
      </Typography.Text>{" "}
      {recorded && (
        <Tag color="green" icon={<CheckCircleFilled />} data-testid={`recovery-${step}-done`}>
          {t("complaints.recovery.done")} ·{" "}
          {t("complaints.recovery.doneBy", { date: formatDate(recorded.doneOn, lang), by: recorded.by })}
          {recorded.compensation ? ` · ${recorded.compensation}` : ""}
          {recorded.cost !== undefined ? ` · ${formatMoney(recorded.cost, lang)}` : ""}
        </Tag>
      )}
    </div>
  );

  if (!editable) {
    return (
      <div className="recovery-step" data-step={step}>
        {head}
        {recorded?.note && <div className="small pre-wrap">{recorded.note}</div>}
      </div>
    );
  }

  return (
    <div className="recovery-step" data-step={step}>
      {head}
      <Form<StepValues>
        form={form}
        component={false}
        layout="vertical"
        initialValues={{
          doneOn: recorded ? fromIsoDate(recorded.doneOn) : null,
          note: recorded?.note ?? "",
          compensation: recorded?.compensation ?? "",
          cost: recorded?.cost !== undefined ? recorded.cost / 100 : null,
        }}
      >
        <Row gutter={12} align="bottom">
          <Col xs={24} md={5}>
            <Form.Item name="doneOn" label={t("complaints.recovery.doneOn")}>
              <DatePicker
                data-testid={`recovery-${step}-date`}
                format={dateFormats(lang)}
                style={{ width: "100%" }}
                placeholder={t("form.datePlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={compensation ? 7 : 15}>
            <Form.Item name="note" label={t("complaints.recovery.note")}>
              <Input data-testid={`recovery-${step}-note`} maxLength={1000} autoComplete="off" />
            </Form.Item>
          </Col>
          {compensation && (
            <>
              <Col xs={24} md={5}>
                <Form.Item name="compensation" label={t("complaints.recovery.compensation")}>
                  <Input data-testid="recovery-compensation" maxLength={200} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={3}>
                <Form.Item name="cost" label={t("complaints.recovery.cost")}>
                  <InputNumber
                    data-testid="recovery-cost"
                    precision={2}
                    controls={false}
                    prefix="¥"
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={4}>
            <Form.Item label=" ">
              <Button onClick={save} loading={saving} data-testid={`recovery-${step}-save`}>
                {t("complaints.recovery.save")}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={problems.join("；")}
          data-testid={`recovery-${step}-refusal`}
          action={stale && <ReloadButton onReload={onReload} />}
        />
      )}
    </div>
  );
}
