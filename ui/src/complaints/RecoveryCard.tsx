import { CheckCircleFilled } from "@ant-design/icons";
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Complaint, Language, RecoveryInput, RecoveryStep } from "../bindings";
import { isStale } from "../errors";
import { formatDate, formatMoney, fromIsoDate, toIsoDate } from "../format";
import { dateFormats } from "../visits/Order";
import { SectionTitle } from "../visits/ui";
import { RECOVERY_STEPS, yuanToFen } from "./model";
import { CardChanged, ReloadButton, useCardEdit, useComplaintRefusal, type CardProps } from "./ui";

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
 * Save; done ones ticked. Each step's form keeps what was typed in it while
 * the complaint changes (see `useCardEdit`).
 */
export function RecoveryCard({ editable, ...card }: CardProps & { editable: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="panel visit-section" data-testid="complaint-recovery">
      <SectionTitle>{t("complaints.recovery.title")}</SectionTitle>
      <Typography.Paragraph type="secondary" className="small">
        {t("complaints.recovery.hint")}
      </Typography.Paragraph>
      {RECOVERY_STEPS.map((step, i) => (
        <RecoveryRow key={step} index={i + 1} step={step} editable={editable} {...card} />
      ))}
    </section>
  );
}

function RecoveryRow({
  index,
  step,
  editable,
  ...card
}: CardProps & {
  index: number;
  step: RecoveryStep;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const edit = useCardEdit(card.complaint, card.own);
  const { lang } = card;
  const recorded = card.complaint.recovery.find((r) => r.step === step);

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
      <CardChanged edit={edit} complaint={card.complaint} lang={lang} />
      <RecoveryForm
        key={edit.formKey}
        complaint={edit.base}
        step={step}
        version={edit.version}
        lang={lang}
        onEdited={edit.edited}
        onReload={() => {
          card.onReread();
          edit.refill();
        }}
        onDone={(next, from) => {
          card.onDone(next, from);
          edit.refill();
        }}
      />
    </div>
  );
}

/** A step's form, filled from the complaint it is given. */
function RecoveryForm({
  complaint,
  step,
  version,
  lang,
  onEdited,
  onReload,
  onDone,
}: {
  complaint: Complaint;
  step: RecoveryStep;
  version: string;
  lang: Language;
  onEdited: () => void;
  onReload: () => void;
  onDone: (next: Complaint, from: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StepValues>();
  const [saving, setSaving] = useState(false);
  const refusal = useComplaintRefusal(form, STEP_FIELDS);
  const { problems } = refusal;
  const [stale, setStale] = useState(false);
  const compensation = step === "symbolic_compensation";
  const recorded = complaint.recovery.find((r) => r.step === step);

  const save = async () => {
    const input = toRecoveryInput(step, form.getFieldsValue(true) as StepValues);
    setSaving(true);
    try {
      const next = await api.recordRecovery(complaint.id, { ...input, version });
      refusal.clear();
      setStale(false);
      onDone(next, version);
    } catch (error) {
      refusal.show(error);
      setStale(isStale(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Form<StepValues>
        form={form}
        component={false}
        layout="vertical"
        onValuesChange={onEdited}
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
    </>
  );
}
