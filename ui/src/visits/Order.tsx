import { CheckCircleFilled } from "@ant-design/icons";
import { Alert, Button, Checkbox, Col, DatePicker, Flex, Form, Row, Table, Tag, TimePicker, Typography } from "antd";
import type { TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { ExtraWork, Fen, Language, OrderInput, OrderLine, Visit } from "../bindings";
import { fieldPath } from "../errors";
import { useRequired, type Place } from "../forms";
import { datePickerFormat, formatDateTime, formatMoney } from "../format";
import { placeLine, useFieldIssues, type StepAction } from "./issues";
import { LineEditor, TotalsTable, lineValues, liveTotals, toLineInput, type LineValues } from "./LineEditor";
import { formatHundredths } from "./money";
import { SectionTitle } from "./ui";

type OrderValues = {
  lines: LineValues[];
  promisedDate?: Dayjs | null;
  promisedTime?: Dayjs | null;
  customerConfirmed?: boolean;
};

/** A local date-time from the backend ("2026-11-23T17:30:00") as a picker value. */
export function localDateTime(value: string | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/** The lines that count: the order's own and approved extra work's (as the backend counts them). */
export function countedLines(visit: Visit): OrderLine[] {
  return visit.order.lines.filter(
    (l) => l.extraWorkId === undefined || visit.extraWork.some((w) => w.id === l.extraWorkId && w.status === "approved"),
  );
}

const placeOrder: Place = (field) => {
  const line = placeLine(field);
  if (line) return line;
  const [first] = fieldPath(field);
  if (first === "promisedAt") return ["promisedDate"];
  if (first === "customerConfirmed") return ["customerConfirmed"];
  return null;
};

/** Date pickers accept the language's format and ISO typed in full ("2026-11-23"). */
export function dateFormats(lang: Language): string[] {
  const shown = datePickerFormat(lang);
  return shown === "YYYY-MM-DD" ? [shown] : [shown, "YYYY-MM-DD"];
}

/**
 * The repair order at reception (工单): the lines, the live totals, the
 * promised completion time and the customer's confirmation; `writeRepairOrder`,
 * saved against the `version` the form was filled from.
 */
export function OrderEditor({
  visit,
  version,
  labourRate,
  lang,
  onDone,
  onRefused,
}: {
  visit: Visit;
  /** The visit's `updatedAt` the form was filled from: a change made meanwhile on another desk refuses the save as stale. */
  version: string;
  labourRate: Fen | null;
  lang: Language;
  onDone: (visit: Visit) => void;
  onRefused: (action: StepAction, error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OrderValues>();
  const [saving, setSaving] = useState(false);
  const issues = useFieldIssues(form, placeOrder, "order", { lang });
  const watched = Form.useWatch<LineValues[] | undefined>("lines", form);
  const totals = liveTotals(watched, visit.order.taxBasisPoints);
  const promised = localDateTime(visit.order.promisedAt);
  const own = visit.order.lines.filter((l) => l.extraWorkId === undefined);
  const required = useRequired();

  const save = async () => {
    const values = form.getFieldsValue(true) as OrderValues;
    const date = values.promisedDate;
    const time = values.promisedTime;
    if (!date || !time) return; // the form's rules say which is missing
    const order: OrderInput = {
      lines: (values.lines ?? []).map(toLineInput),
      promisedAt: `${date.format("YYYY-MM-DD")}T${time.format("HH:mm")}:00`,
      customerConfirmed: values.customerConfirmed === true,
      version,
    };
    setSaving(true);
    try {
      const next = await api.writeRepairOrder(visit.id, order);
      issues.clear();
      onDone(next);
    } catch (error) {
      issues.show(error);
      onRefused("order", error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel visit-section" data-testid="order-section">
      <SectionTitle>{t("visits.order.title")}</SectionTitle>
      <Form<OrderValues>
        form={form}
        layout="vertical"
        initialValues={{
          lines: own.map(lineValues),
          promisedDate: promised,
          promisedTime: promised,
          customerConfirmed: visit.order.confirmedAt !== undefined,
        }}
        onFinish={save}
        scrollToFirstError
        data-testid="order-form"
      >
        <LineEditor prefix="order" labourRate={labourRate} lang={lang} />
        <Row gutter={24} className="order-foot">
          <Col xs={24} lg={14}>
            <Row gutter={12}>
              <Col span={14}>
                <Form.Item
                  name="promisedDate"
                  label={t("visits.order.promisedDate")}
                  rules={[required(t("visits.order.promisedDate"))]}
                >
                  <DatePicker
                    data-testid="order-promised-date"
                    format={dateFormats(lang)}
                    style={{ width: "100%" }}
                    placeholder={t("form.datePlaceholder")}
                  />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item
                  name="promisedTime"
                  label={t("visits.order.promisedTime")}
                  rules={[required(t("visits.order.promisedTime"))]}
                >
                  <TimePicker
                    data-testid="order-promised-time"
                    format="HH:mm"
                    needConfirm={false}
                    style={{ width: "100%" }}
                    placeholder={t("visits.order.timePlaceholder")}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="customerConfirmed" valuePropName="checked" extra={t("visits.order.confirmedHint")}>
              <Checkbox data-testid="order-confirmed">{t("visits.order.confirmed")}</Checkbox>
            </Form.Item>
            {visit.order.confirmedAt && visit.order.estimate !== undefined && (
              <Estimate estimate={visit.order.estimate} confirmedAt={visit.order.confirmedAt} lang={lang} />
            )}
          </Col>
          <Col xs={24} lg={10}>
            <TotalsTable totals={totals} taxBasisPoints={visit.order.taxBasisPoints} lang={lang} testId="order-total" />
          </Col>
        </Row>
        <Flex justify="end">
          <Button type="primary" onClick={() => form.submit()} loading={saving} data-testid="order-save">
            {t("visits.order.save")}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}

/** The estimate the customer agreed to, and when. */
export function Estimate({ estimate, confirmedAt, lang }: { estimate: Fen; confirmedAt: string; lang: Language }) {
  const { t } = useTranslation();
  return (
    <div data-testid="order-estimate" data-fen={estimate} className="order-estimate">
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleFilled />}
        title={t("visits.order.estimate", { amount: formatMoney(estimate, lang) })}
        description={t("visits.order.confirmedAt", { at: formatDateTime(confirmedAt, lang) })}
      />
    </div>
  );
}

/**
 * The order as it stands: the lines that count (with the approved extra work
 * marked), the backend's totals, the promised time and the estimate.
 */
export function OrderView({ visit, lang }: { visit: Visit; lang: Language }) {
  const { t } = useTranslation();
  const lines = countedLines(visit);
  const extraOf = new Map<number, ExtraWork>(visit.extraWork.map((w) => [w.id, w]));
  const columns: TableColumnsType<OrderLine> = [
    { key: "n", title: "#", width: 36, render: (_, __, i) => <span className="tabular muted">{i + 1}</span> },
    {
      key: "kind",
      title: t("visits.lines.kind"),
      width: 80,
      render: (_, l) => (l.kind === "labour" ? t("visits.lines.labour") : t("visits.lines.part")),
    },
    {
      key: "description",
      title: t("visits.lines.description"),
      render: (_, l) => (
        <Flex gap={6} wrap align="center">
          <span>{l.description}</span>
          {l.extraWorkId !== undefined && (
            <Tag color="gold" className="small">
              {t("visits.order.fromExtra", { description: extraOf.get(l.extraWorkId)?.description ?? "" })}
            </Tag>
          )}
          {l.kind === "part" && !l.genuine && <Tag color="red">{t("visits.lines.notGenuine")}</Tag>}
        </Flex>
      ),
    },
    {
      key: "partNumber",
      title: t("visits.lines.partNumber"),
      width: 140,
      render: (_, l) => <span className="mono small">{l.partNumber || "—"}</span>,
    },
    {
      key: "quantity",
      title: t("visits.lines.quantity"),
      width: 90,
      align: "right",
      render: (_, l) =>
        l.kind === "labour"
          ? t("visits.lines.hours", { n: formatHundredths(l.quantityCenti) })
          : formatHundredths(l.quantityCenti),
    },
    {
      key: "price",
      title: t("visits.lines.price"),
      width: 110,
      align: "right",
      render: (_, l) => <span className="tabular">{formatMoney(l.unitPrice, lang)}</span>,
    },
    {
      key: "amount",
      title: t("visits.lines.amount"),
      width: 110,
      align: "right",
      render: (_, l) => <span className="tabular">{formatMoney(l.amount, lang)}</span>,
    },
  ];
  return (
    <section className="panel visit-section" data-testid="order-view">
      <SectionTitle
        extra={
          visit.order.promisedAt && (
            <Typography.Text type="secondary">
              {t("visits.order.promisedAt", { at: formatDateTime(visit.order.promisedAt, lang) })}
            </Typography.Text>
          )
        }
      >
        {t("visits.order.title")}
      </SectionTitle>
      <Table<OrderLine>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={lines}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: t("visits.order.noLines") }}
      />
      <Row gutter={24} className="order-foot">
        <Col xs={24} lg={14}>
          {visit.order.confirmedAt && visit.order.estimate !== undefined ? (
            <Estimate estimate={visit.order.estimate} confirmedAt={visit.order.confirmedAt} lang={lang} />
          ) : (
            lines.length > 0 && <Alert type="info" showIcon title={t("visits.order.notConfirmed")} />
          )}
        </Col>
        <Col xs={24} lg={10}>
          <TotalsTable totals={visit.totals} taxBasisPoints={visit.order.taxBasisPoints} lang={lang} testId="order-total" />
        </Col>
      </Row>
    </section>
  );
}
