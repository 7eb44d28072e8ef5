import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Checkbox, Empty, Form, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { Fen, Language, LineInput, LineKind, OrderLine, Totals } from "../bindings";
import { formatMoney } from "../format";
import { formatRate, fromHundredths, lineAmount, toHundredths, totalsOf } from "./money";

/** A line as the editor holds it: hours/quantity and price as decimals (yuan). */
export type LineValues = {
  kind: LineKind;
  description?: string;
  partNumber?: string;
  quantity?: number | null;
  price?: number | null;
  genuine?: boolean;
};

/** A new line; labour starts at the workshop's labour rate. */
export function newLine(kind: LineKind, labourRate: Fen | null): LineValues {
  return {
    kind,
    description: "",
    partNumber: "",
    quantity: null,
    price: kind === "labour" && labourRate ? fromHundredths(labourRate) : null,
    genuine: true,
  };
}

/** A stored line in the editor. */
export function lineValues(line: OrderLine): LineValues {
  return {
    kind: line.kind,
    description: line.description,
    partNumber: line.partNumber,
    quantity: fromHundredths(line.quantityCenti),
    price: fromHundredths(line.unitPrice),
    genuine: line.genuine,
  };
}

/** What the backend receives: hundredths of hours/quantity and fen, rounded half up. */
export function toLineInput(values: LineValues): LineInput {
  const part = values.kind === "part";
  return {
    kind: values.kind,
    description: values.description ?? "",
    partNumber: part ? (values.partNumber ?? "") : "",
    quantityCenti: Math.max(0, toHundredths(values.quantity)),
    unitPrice: Math.max(0, toHundredths(values.price)),
    genuine: part ? values.genuine !== false : true,
  };
}

/** The amount of a line being typed, as the backend will compute it. */
export function amountOf(values: LineValues | undefined): Fen {
  if (!values) return 0;
  const input = toLineInput(values);
  return lineAmount(input.unitPrice, input.quantityCenti);
}

/** The sums of the lines being typed. */
export function liveTotals(lines: (LineValues | undefined)[] | undefined, taxBasisPoints: number): Totals {
  return totalsOf(
    (lines ?? []).filter((l): l is LineValues => !!l).map((l) => ({ kind: l.kind, amount: amountOf(l) })),
    taxBasisPoints,
  );
}

/**
 * The lines of a repair order (or of extra work) as an editable table, in a
 * form's `lines` list: labour (hours × rate) and parts (quantity × unit
 * price, genuine by default), each line's amount computed as it is typed.
 * `prefix` names the test ids: `order-line-0-quantity`, `extra-add-part`.
 */
export function LineEditor({
  prefix,
  labourRate,
  lang,
}: {
  prefix: "order" | "extra";
  labourRate: Fen | null;
  lang: Language;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const watched = Form.useWatch<(LineValues | undefined)[] | undefined>("lines", form);

  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => {
        type Row = (typeof fields)[number];
        const kindOf = (row: Row): LineKind => watched?.[row.name]?.kind ?? "labour";
        const columns: TableColumnsType<Row> = [
          {
            key: "n",
            title: "#",
            width: 36,
            render: (_, row) => <span className="tabular muted">{row.name + 1}</span>,
          },
          {
            key: "kind",
            title: t("visits.lines.kind"),
            width: 96,
            render: (_, row) => (
              <Form.Item name={[row.name, "kind"]} noStyle>
                <Select
                  size="small"
                  popupMatchSelectWidth={false}
                  options={[
                    { value: "labour", label: t("visits.lines.labour") },
                    { value: "part", label: t("visits.lines.part") },
                  ]}
                  aria-label={t("visits.lines.kind")}
                />
              </Form.Item>
            ),
          },
          {
            key: "description",
            title: t("visits.lines.description"),
            render: (_, row) => (
              <Form.Item name={[row.name, "description"]} className="line-cell">
                <Input
                  data-testid={`${prefix}-line-${row.name}-description`}
                  placeholder={
                    kindOf(row) === "labour" ? t("visits.lines.labourPlaceholder") : t("visits.lines.partPlaceholder")
                  }
                  maxLength={200}
                  autoComplete="off"
                />
              </Form.Item>
            ),
          },
          {
            key: "partNumber",
            title: t("visits.lines.partNumber"),
            width: 150,
            render: (_, row) =>
              kindOf(row) === "part" ? (
                <Form.Item name={[row.name, "partNumber"]} className="line-cell">
                  <Input
                    data-testid={`${prefix}-line-${row.name}-part-number`}
                    className="mono"
                    maxLength={40}
                    autoComplete="off"
                    spellCheck={false}
                  />
                </Form.Item>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            key: "quantity",
            title: t("visits.lines.quantity"),
            width: 112,
            render: (_, row) => (
              <Form.Item name={[row.name, "quantity"]} className="line-cell">
                <InputNumber
                  data-testid={`${prefix}-line-${row.name}-quantity`}
                  min={0}
                  max={40_000_000}
                  precision={2}
                  step={kindOf(row) === "labour" ? 0.1 : 1}
                  controls={false}
                  style={{ width: "100%" }}
                  suffix={kindOf(row) === "labour" ? t("visits.lines.hoursUnit") : undefined}
                  aria-label={t("visits.lines.quantity")}
                />
              </Form.Item>
            ),
          },
          {
            key: "price",
            title: t("visits.lines.price"),
            width: 132,
            render: (_, row) => (
              <Form.Item name={[row.name, "price"]} className="line-cell">
                <InputNumber
                  data-testid={`${prefix}-line-${row.name}-price`}
                  min={0}
                  max={100_000_000_000}
                  precision={2}
                  controls={false}
                  prefix="¥"
                  style={{ width: "100%" }}
                  aria-label={t("visits.lines.price")}
                />
              </Form.Item>
            ),
          },
          {
            key: "genuine",
            title: t("visits.lines.genuine"),
            width: 76,
            align: "center",
            render: (_, row) =>
              kindOf(row) === "part" ? (
                <Form.Item name={[row.name, "genuine"]} valuePropName="checked" className="line-cell">
                  <Checkbox data-testid={`${prefix}-line-${row.name}-genuine`} aria-label={t("visits.lines.genuine")} />
                </Form.Item>
              ) : null,
          },
          {
            key: "amount",
            title: t("visits.lines.amount"),
            width: 116,
            align: "right",
            render: (_, row) => {
              const fen = amountOf(watched?.[row.name]);
              return (
                <span className="tabular line-amount" data-testid={`${prefix}-line-${row.name}-amount`} data-fen={fen}>
                  {formatMoney(fen, lang)}
                </span>
              );
            },
          },
          {
            key: "remove",
            width: 44,
            render: (_, row) => (
              <Tooltip title={t("visits.lines.remove")}>
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("visits.lines.remove")}
                  data-testid={`${prefix}-line-${row.name}-remove`}
                  onClick={() => remove(row.name)}
                />
              </Tooltip>
            ),
          },
        ];
        return (
          <div className="line-editor">
            <Table<Row>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={fields}
              pagination={false}
              tableLayout="fixed"
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("visits.lines.empty")} />,
              }}
            />
            <Space className="line-editor-add">
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add(newLine("labour", labourRate))}
                data-testid={`${prefix}-add-labour`}
              >
                {t("visits.lines.addLabour")}
              </Button>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add(newLine("part", labourRate))}
                data-testid={`${prefix}-add-part`}
              >
                {t("visits.lines.addPart")}
              </Button>
            </Space>
          </div>
        );
      }}
    </Form.List>
  );
}

/** Labour, parts, subtotal, tax and total; `testId` marks the total with its fen. */
export function TotalsTable({
  totals,
  taxBasisPoints,
  lang,
  testId,
}: {
  totals: Totals;
  taxBasisPoints: number;
  lang: Language;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <dl className="visit-totals">
      <dt>{t("visits.totals.labour")}</dt>
      <dd className="tabular">{formatMoney(totals.labour, lang)}</dd>
      <dt>{t("visits.totals.parts")}</dt>
      <dd className="tabular">{formatMoney(totals.parts, lang)}</dd>
      <dt>{t("visits.totals.subtotal")}</dt>
      <dd className="tabular">{formatMoney(totals.subtotal, lang)}</dd>
      <dt>{t("visits.totals.tax", { rate: formatRate(taxBasisPoints) })}</dt>
      <dd className="tabular">{formatMoney(totals.tax, lang)}</dd>
      <dt className="visit-total-label">{t("visits.totals.total")}</dt>
      <dd className="tabular visit-total" data-testid={testId} data-fen={totals.total}>
        {formatMoney(totals.total, lang)}
      </dd>
    </dl>
  );
}
