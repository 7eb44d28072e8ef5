import { CheckOutlined, PhoneOutlined } from "@ant-design/icons";
import { Button, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { HandoverInput, Language, LineId, PaymentMethod, Visit } from "../bindings";
import { fieldPath } from "../errors";
import { useRequired, type Place } from "../forms";
import { formatDate, formatDateTime, formatMoney, formatNumber, toIsoDate } from "../format";
import { useFieldIssues, type StepAction } from "./issues";
import { fromHundredths, formatHundredths, toHundredths } from "./money";
import { countedLines, dateFormats } from "./Order";
import { PAYMENT_METHODS } from "./options";
import { Fact, PickSelect, SectionTitle } from "./ui";

type HandoverValues = {
  explainedLineIds: LineId[];
  invoiceNumber?: string;
  nextServiceDate?: Dayjs | null;
  nextServiceKm?: number | null;
  paymentMethod?: PaymentMethod;
  amountPaid?: number | null;
  conditionConfirmed?: boolean;
};

const HANDOVER_FIELDS = new Set([
  "explainedLineIds",
  "invoiceNumber",
  "nextServiceDate",
  "nextServiceKm",
  "paymentMethod",
  "amountPaid",
  "conditionConfirmed",
]);
const placeHandover: Place = (field) => {
  const [first] = fieldPath(field);
  return typeof first === "string" && HANDOVER_FIELDS.has(first) ? [first] : null;
};

/**
 * Handover and settlement (交车/结算, DOMAIN.md §3.6): every item of work and
 * its cost explained, the invoice, advice on the next service, payment of the
 * total and the customer's confirmation of the vehicle's condition.
 */
export function HandoverForm({
  visit,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: (action: StepAction, error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HandoverValues>();
  const [saving, setSaving] = useState(false);
  const total = visit.totals.total;
  const issues = useFieldIssues(form, placeHandover, "handover", { lang, total });
  const lines = countedLines(visit);
  const explained = Form.useWatch<LineId[] | undefined>("explainedLineIds", form) ?? [];
  const required = useRequired();

  const submit = async () => {
    const values = form.getFieldsValue(true) as HandoverValues;
    if (!values.paymentMethod) return; // the form's rule says so
    const nextDate = toIsoDate(values.nextServiceDate);
    const input: HandoverInput = {
      explainedLineIds: values.explainedLineIds ?? [],
      invoiceNumber: values.invoiceNumber ?? "",
      ...(nextDate ? { nextServiceDate: nextDate } : {}),
      ...(values.nextServiceKm !== null && values.nextServiceKm !== undefined
        ? { nextServiceKm: Math.round(values.nextServiceKm) }
        : {}),
      paymentMethod: values.paymentMethod,
      amountPaid: Math.max(0, toHundredths(values.amountPaid)),
      conditionConfirmed: values.conditionConfirmed === true,
    };
    setSaving(true);
    try {
      const next = await api.handOver(visit.id, input);
      issues.clear();
      onDone(next);
    } catch (error) {
      issues.show(error);
      onRefused("handover", error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel visit-section" data-testid="handover-section">
      <SectionTitle>{t("visits.handover.title")}</SectionTitle>
      <Form<HandoverValues>
        form={form}
        layout="vertical"
        initialValues={{
          explainedLineIds: lines.filter((l) => l.explained).map((l) => l.id),
          invoiceNumber: "",
          nextServiceDate: null,
          nextServiceKm: null,
          amountPaid: fromHundredths(total),
          conditionConfirmed: false,
        }}
        onFinish={submit}
        scrollToFirstError
        data-testid="handover-form"
      >
        <Form.Item
          label={
            <Flex gap={12} align="center">
              <span>{t("visits.handover.explain")}</span>
              <Typography.Text type="secondary" className="small">
                {t("visits.handover.explainedCount", { n: explained.length, total: lines.length })}
              </Typography.Text>
            </Flex>
          }
          extra={t("visits.handover.explainHint")}
        >
          <Form.Item name="explainedLineIds" noStyle>
            <Checkbox.Group className="handover-lines">
              {lines.map((line) => (
                <div key={line.id} className="handover-line">
                  <Checkbox value={line.id} data-testid={`handover-line-${line.id}`}>
                    <span className="handover-line-text">{line.description}</span>
                  </Checkbox>
                  <span className="small muted">
                    {line.kind === "labour"
                      ? t("visits.lines.hours", { n: formatHundredths(line.quantityCenti) })
                      : `× ${formatHundredths(line.quantityCenti)}`}
                    {line.extraWorkId !== undefined && ` · ${t("visits.handover.extra")}`}
                  </span>
                  <span className="tabular handover-line-amount">{formatMoney(line.amount, lang)}</span>
                </div>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Button
            size="small"
            icon={<CheckOutlined />}
            className="explain-all"
            onClick={() => form.setFieldsValue({ explainedLineIds: lines.map((l) => l.id) })}
            data-testid="handover-explain-all"
          >
            {t("visits.handover.explainAll")}
          </Button>
        </Form.Item>

        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="invoiceNumber" label={t("visits.fields.invoiceNumber")} required>
              <Input data-testid="handover-invoice" maxLength={40} autoComplete="off" className="mono" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="nextServiceDate" label={t("visits.fields.nextServiceDate")}>
              <DatePicker
                data-testid="handover-next-date"
                format={dateFormats(lang)}
                style={{ width: "100%" }}
                placeholder={t("form.datePlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="nextServiceKm"
              label={t("visits.fields.nextServiceKm")}
              extra={
                visit.reception
                  ? t("visits.handover.mileageToday", { km: formatNumber(visit.reception.mileageKm, lang) })
                  : undefined
              }
            >
              <InputNumber
                data-testid="handover-next-km"
                min={0}
                max={4_000_000_000}
                precision={0}
                controls={false}
                style={{ width: "100%" }}
                suffix={t("form.mileageUnit")}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="paymentMethod"
              label={t("visits.fields.paymentMethod")}
              rules={[required(t("visits.fields.paymentMethod"))]}
            >
              <PickSelect<PaymentMethod>
                testId="handover-payment"
                options={PAYMENT_METHODS.map((value) => ({ value, text: t(`visits.payment.${value}`) }))}
                placeholder={t("form.selectPlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="amountPaid"
              label={t("visits.fields.amountPaid")}
              extra={t("visits.handover.totalIs", { total: formatMoney(total, lang) })}
            >
              <InputNumber
                data-testid="handover-amount"
                min={0}
                max={100_000_000_000}
                precision={2}
                controls={false}
                prefix="¥"
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="conditionConfirmed" valuePropName="checked">
          <Checkbox data-testid="handover-condition">{t("visits.handover.condition")}</Checkbox>
        </Form.Item>
        <Flex justify="end">
          <Button type="primary" onClick={() => form.submit()} loading={saving} data-testid="handover-submit">
            {t("visits.handover.submit")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}

/** The recorded handover and when the follow-up call is due. */
export function HandoverFacts({ visit, lang }: { visit: Visit; lang: Language }) {
  const { t } = useTranslation();
  const handover = visit.handover;
  if (!handover) return null;
  const due = visit.followUpDue;
  return (
    <section className="panel visit-section" data-testid="handover-facts">
      <SectionTitle>{t("visits.handover.done")}</SectionTitle>
      <div className="visit-facts">
        <Fact label={t("visits.handover.at")}>
          {t("visits.handover.by", { at: formatDateTime(handover.handedOverAt, lang), who: handover.handedOverBy })}
        </Fact>
        <Fact label={t("visits.fields.invoiceNumber")}>
          <span className="mono">{handover.invoiceNumber}</span>
        </Fact>
        <Fact label={t("visits.fields.paymentMethod")}>{t(`visits.payment.${handover.paymentMethod}`)}</Fact>
        <Fact label={t("visits.fields.amountPaid")}>
          <span className="tabular">{formatMoney(handover.amountPaid, lang)}</span>
        </Fact>
        <Fact label={t("visits.handover.nextService")}>
          {handover.nextServiceDate || handover.nextServiceKm !== undefined
            ? [
                handover.nextServiceDate ? formatDate(handover.nextServiceDate, lang) : null,
                handover.nextServiceKm !== undefined
                  ? t("common.km", { value: formatNumber(handover.nextServiceKm, lang) })
                  : null,
              ]
                .filter(Boolean)
                .join(t("visits.handover.or"))
            : t("visits.handover.noNextService")}
        </Fact>
        {due && (
          <Fact label={t("visits.handover.followUp")}>
            <span data-testid="visit-follow-up-due" data-from={due[0]} data-to={due[1]}>
              <PhoneOutlined />{" "}
              {t("visits.handover.followUpDue", { from: formatDate(due[0], lang), to: formatDate(due[1], lang) })}
            </span>
          </Fact>
        )}
      </div>
    </section>
  );
}
