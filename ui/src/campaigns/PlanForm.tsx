import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, Row, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Budget, Campaign, Language } from "../bindings";
import { formatDate, formatDateTime, formatMoney } from "../format";
import { useRefusal, useRequired } from "../forms";
import { ChangedNotice, reachedByOwnWrites, useEditBase, type OwnWrites } from "../live/edit";
import { dateFormats } from "../visits/Order";
import { lineAmount } from "../visits/money";
import { Fact, PickSelect, SectionTitle } from "../visits/ui";
import {
  ACTIVITY_KINDS,
  type BudgetValues,
  budgetValues,
  type PlanValues,
  campaignIssueText,
  newActivity,
  newBudgetLine,
  newPlan,
  newPrize,
  placeOnPlan,
  planValues,
  sameLine,
  toBudgetLine,
  toCampaignInput,
} from "./model";

/**
 * The plan (活动方案) as the service manager writes it: theme, dates, venue,
 * background and objectives, the activities, the prizes with their stock and
 * the budget lines, planned and actual side by side. `campaign` is the saved
 * plan as it stands now (null for a new one); saving creates or rewrites it,
 * and the amounts and totals shown are the backend's.
 * What is typed is never overwritten by a change from another desk: the form
 * keeps the plan it was filled from, says when the plan changed underneath,
 * and fills again from the new one only when asked (Reload).
 */
export function PlanForm({
  campaign,
  ownWrites,
  lang,
  onSaved,
}: {
  campaign: Campaign | null;
  /** What this desk itself wrote since: not a change underneath the form. */
  ownWrites: OwnWrites;
  lang: Language;
  /** Saved: the campaign as the backend returns it, and the one it was written over (null when created). */
  onSaved: (campaign: Campaign, before: Campaign | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Untyped: the refusals name paths the form only knows at run time (`budget.2.quantity`).
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const required = useRequired();
  const watched = Form.useWatch("budget", form) as (BudgetValues | undefined)[] | undefined;
  const { base, changed, reload } = useEditBase(campaign, campaign !== null);
  // The saved plan the form stands on: as it was when the form was filled, or as this desk
  // has written it since (its own writes leave what is typed valid).
  const ours = !!campaign && !!base && reachedByOwnWrites(base.updatedAt, campaign.updatedAt, ownWrites);
  const standing = ours ? campaign : base;
  const underneath = changed && !ours;

  const drawnOf = (index: number): number | undefined => {
    const id = (form.getFieldValue(["prizes", index, "id"]) as number | undefined) ?? undefined;
    return campaign?.prizes.find((p) => p.id === id)?.drawn;
  };

  const refusal = useRefusal(form, (issue) => campaignIssueText(issue, t, "plan", drawnOf), placeOnPlan);
  // What has no cell on the plan is said above the button.
  const problems = refusal.issues
    .filter((issue) => !issue.field || !placeOnPlan(issue.field))
    .map((issue) => campaignIssueText(issue, t, "plan", drawnOf));

  /** Fills the form again from the plan as it now stands, dropping what was typed. */
  const reloadPlan = () => {
    if (!campaign) return;
    reload();
    refusal.clear();
    form.setFieldsValue(planValues(campaign));
  };

  const save = async () => {
    try {
      await form.validateFields(["startsOn", "endsOn"]);
    } catch {
      return;
    }
    const input = toCampaignInput(form.getFieldsValue(true) as PlanValues);
    setSaving(true);
    try {
      // An edit saves against the version read: a change made meanwhile on another desk refuses it as stale.
      const saved = standing
        ? await api.updateCampaign(standing.id, { ...input, version: standing.updatedAt })
        : await api.createCampaign(input);
      refusal.clear();
      form.setFieldsValue(planValues(saved));
      message.success(standing ? t("campaigns.plan.saved") : t("campaigns.plan.created", { theme: saved.theme }));
      onSaved(saved, standing);
    } catch (error) {
      refusal.show(error);
    } finally {
      setSaving(false);
    }
  };

  const kinds = ACTIVITY_KINDS.map((k) => ({ value: k, text: t(`campaigns.activityKinds.${k}`) }));
  const savedBudget = standing?.budgetLines ?? [];
  // Before the form has reported its lines (the first render), they are the saved ones.
  const budget = watched ?? savedBudget.map(budgetValues);
  // The totals are the backend's: once a line differs from what was saved, they say so.
  const budgetChanged =
    standing !== null &&
    JSON.stringify(budget.map(toBudgetLine)) !== JSON.stringify(savedBudget.map((l) => toBudgetLine(budgetValues(l))));

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={base ? planValues(base) : newPlan()}
      className="campaign-plan-form"
      data-testid="campaign-plan-form"
    >
      {underneath && campaign && (
        <div className="campaign-notice">
          <ChangedNotice at={campaign.updatedAt} lang={lang} onReload={reloadPlan} />
        </div>
      )}
      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.basics")}</SectionTitle>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="theme" label={t("campaigns.fields.theme")}>
              <Input data-testid="campaign-theme" maxLength={80} placeholder={t("campaigns.plan.themePlaceholder")} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="startsOn" label={t("campaigns.fields.startsOn")} rules={[required(t("campaigns.fields.startsOn"))]}>
              <DatePicker data-testid="campaign-starts" format={dateFormats(lang)} style={{ width: "100%" }} placeholder={t("form.datePlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="endsOn" label={t("campaigns.fields.endsOn")} rules={[required(t("campaigns.fields.endsOn"))]}>
              <DatePicker data-testid="campaign-ends" format={dateFormats(lang)} style={{ width: "100%" }} placeholder={t("form.datePlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="venue" label={t("campaigns.fields.venue")}>
              <Input data-testid="campaign-venue" maxLength={200} placeholder={t("campaigns.plan.venuePlaceholder")} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              name="attributionDays"
              label={t("campaigns.fields.attributionDays")}
              extra={t("campaigns.plan.attributionHint")}
            >
              <InputNumber
                data-testid="campaign-attribution-days"
                precision={0}
                controls={false}
                suffix={t("campaigns.plan.days")}
                style={{ width: 160 }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="background" label={t("campaigns.fields.background")}>
              <Input.TextArea
                data-testid="campaign-background"
                autoSize={{ minRows: 2, maxRows: 8 }}
                maxLength={2000}
                placeholder={t("campaigns.plan.backgroundPlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="objectives" label={t("campaigns.fields.objectives")}>
              <Input.TextArea
                data-testid="campaign-objectives"
                autoSize={{ minRows: 2, maxRows: 8 }}
                maxLength={2000}
                placeholder={t("campaigns.plan.objectivesPlaceholder")}
              />
            </Form.Item>
          </Col>
        </Row>
      </section>

      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.activities")}</SectionTitle>
        <Form.List name="activities">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.length === 0 && (
                <Typography.Text type="secondary">{t("campaigns.plan.noActivities")}</Typography.Text>
              )}
              {fields.map((field) => (
                <Row key={field.key} gutter={8} align="top" className="campaign-list-row" data-testid={`activity-${field.name}`}>
                  <Col flex="170px">
                    <Form.Item name={[field.name, "kind"]} label={field.name === 0 ? t("campaigns.fields.kind") : undefined}>
                      <PickSelect testId={`activity-${field.name}-kind`} options={kinds} aria-label={t("campaigns.fields.kind")} />
                    </Form.Item>
                  </Col>
                  <Col flex="1 1 200px">
                    <Form.Item name={[field.name, "title"]} label={field.name === 0 ? t("campaigns.fields.title") : undefined}>
                      <Input
                        data-testid={`activity-${field.name}-title`}
                        maxLength={120}
                        autoComplete="off"
                        aria-label={t("campaigns.fields.title")}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="200px">
                    <Form.Item name={[field.name, "at"]} label={field.name === 0 ? t("campaigns.fields.at") : undefined}>
                      <DatePicker
                        data-testid={`activity-${field.name}-at`}
                        showTime={{ format: "HH:mm" }}
                        format="YYYY-MM-DD HH:mm"
                        needConfirm={false}
                        style={{ width: "100%" }}
                        placeholder={t("campaigns.plan.atPlaceholder")}
                        aria-label={t("campaigns.fields.at")}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="1 1 200px">
                    <Form.Item name={[field.name, "notes"]} label={field.name === 0 ? t("campaigns.fields.notes") : undefined}>
                      <Input
                        data-testid={`activity-${field.name}-notes`}
                        maxLength={1000}
                        autoComplete="off"
                        aria-label={t("campaigns.fields.notes")}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="40px" className={field.name === 0 ? "campaign-remove-first" : undefined}>
                    <RemoveButton testId={`activity-${field.name}-remove`} label={t("campaigns.plan.removeActivity")} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <div>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newActivity())} data-testid="activity-add">
                  {t("campaigns.plan.addActivity")}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </section>

      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.prizes")}</SectionTitle>
        <Form.List name="prizes">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.length === 0 && <Typography.Text type="secondary">{t("campaigns.plan.noPrizes")}</Typography.Text>}
              {fields.map((field) => {
                const id = form.getFieldValue(["prizes", field.name, "id"]) as number | undefined;
                const drawn = campaign?.prizes.find((p) => p.id === id)?.drawn;
                return (
                  <Row key={field.key} gutter={8} align="top" className="campaign-list-row" data-testid={`prize-${field.name}`}>
                    <Col flex="1 1 220px">
                      <Form.Item name={[field.name, "name"]} label={field.name === 0 ? t("campaigns.fields.name") : undefined}>
                        <Input
                          data-testid={`prize-${field.name}-name`}
                          maxLength={80}
                          autoComplete="off"
                          aria-label={t("campaigns.fields.name")}
                          placeholder={t("campaigns.plan.prizePlaceholder")}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="120px">
                      <Form.Item name={[field.name, "stock"]} label={field.name === 0 ? t("campaigns.fields.stock") : undefined}>
                        <InputNumber
                          data-testid={`prize-${field.name}-stock`}
                          min={0}
                          precision={0}
                          controls={false}
                          style={{ width: "100%" }}
                          aria-label={t("campaigns.fields.stock")}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="150px">
                      <Form.Item name={[field.name, "value"]} label={field.name === 0 ? t("campaigns.fields.unitValue") : undefined}>
                        <InputNumber
                          data-testid={`prize-${field.name}-value`}
                          min={0}
                          precision={2}
                          controls={false}
                          prefix="¥"
                          style={{ width: "100%" }}
                          aria-label={t("campaigns.fields.unitValue")}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="110px" className={field.name === 0 ? "campaign-remove-first" : undefined}>
                      {drawn !== undefined && drawn > 0 && (
                        <span className="small muted campaign-prize-drawn" data-testid={`prize-${field.name}-drawn`} data-value={drawn}>
                          {t("campaigns.plan.drawnSoFar", { n: drawn })}
                        </span>
                      )}
                    </Col>
                    <Col flex="40px" className={field.name === 0 ? "campaign-remove-first" : undefined}>
                      <RemoveButton testId={`prize-${field.name}-remove`} label={t("campaigns.plan.removePrize")} onClick={() => remove(field.name)} />
                    </Col>
                  </Row>
                );
              })}
              <div>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newPrize())} data-testid="prize-add">
                  {t("campaigns.plan.addPrize")}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </section>

      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.budget")}</SectionTitle>
        <Form.List name="budget">
          {(fields, { add, remove }) => {
            type Line = (typeof fields)[number];
            const amountCell = (row: Line, actual: boolean) => {
              const typed = budget[row.name];
              const savedLine = standing?.budget.lines[row.name];
              if (savedLine && sameLine(typed, savedBudget[row.name])) {
                const fen = actual ? savedLine.actualAmount : savedLine.amount;
                return (
                  <Amount
                    testId={actual ? `budget-${row.name}-actual-amount` : `budget-${row.name}-amount`}
                    fen={fen}
                    lang={lang}
                  />
                );
              }
              // Not saved yet: the planned amount as the backend will compute it (the repair
              // order's `lineAmount`, the same rule), marked provisional; the actual one once saved.
              const input = toBudgetLine(typed);
              return (
                <Amount
                  testId={actual ? `budget-${row.name}-actual-amount` : `budget-${row.name}-amount`}
                  fen={actual ? undefined : lineAmount(input.unitPrice, input.quantityCenti)}
                  provisional
                  lang={lang}
                />
              );
            };
            const number = (row: Line, name: keyof BudgetValues, testId: string, label: string, money: boolean) => (
              <Form.Item name={[row.name, name]} className="line-cell">
                <InputNumber
                  data-testid={testId}
                  min={0}
                  precision={2}
                  controls={false}
                  prefix={money ? "¥" : undefined}
                  style={{ width: "100%" }}
                  aria-label={label}
                />
              </Form.Item>
            );
            const columns: TableColumnsType<Line> = [
              { key: "n", title: "#", width: 40, render: (_, row) => <span className="tabular muted">{row.name + 1}</span> },
              {
                key: "item",
                title: t("campaigns.fields.item"),
                width: 180,
                render: (_, row) => (
                  <Form.Item name={[row.name, "item"]} className="line-cell">
                    <Input data-testid={`budget-${row.name}-item`} maxLength={120} autoComplete="off" aria-label={t("campaigns.fields.item")} />
                  </Form.Item>
                ),
              },
              {
                key: "planned",
                title: t("campaigns.budget.planned"),
                className: "budget-planned-group",
                children: [
                  {
                    key: "quantity",
                    title: t("campaigns.fields.quantityCenti"),
                    width: 100,
                    render: (_, row) => number(row, "quantity", `budget-${row.name}-quantity`, t("campaigns.fields.quantityCenti"), false),
                  },
                  {
                    key: "price",
                    title: t("campaigns.fields.unitPrice"),
                    width: 120,
                    render: (_, row) => number(row, "price", `budget-${row.name}-price`, t("campaigns.fields.unitPrice"), true),
                  },
                  { key: "amount", title: t("campaigns.budget.amount"), width: 120, align: "right", render: (_, row) => amountCell(row, false) },
                ],
              },
              {
                key: "actual",
                title: t("campaigns.budget.actual"),
                className: "budget-actual-group",
                children: [
                  {
                    key: "actualQuantity",
                    title: t("campaigns.fields.actualQuantityCenti"),
                    width: 100,
                    render: (_, row) =>
                      number(row, "actualQuantity", `budget-${row.name}-actual-quantity`, t("campaigns.fields.actualQuantityCenti"), false),
                  },
                  {
                    key: "actualPrice",
                    title: t("campaigns.fields.actualUnitPrice"),
                    width: 120,
                    render: (_, row) =>
                      number(row, "actualPrice", `budget-${row.name}-actual-price`, t("campaigns.fields.actualUnitPrice"), true),
                  },
                  { key: "actualAmount", title: t("campaigns.budget.amount"), width: 120, align: "right", render: (_, row) => amountCell(row, true) },
                ],
              },
              {
                key: "note",
                title: t("campaigns.fields.note"),
                width: 160,
                render: (_, row) => (
                  <Form.Item name={[row.name, "note"]} className="line-cell">
                    <Input data-testid={`budget-${row.name}-note`} maxLength={200} autoComplete="off" aria-label={t("campaigns.fields.note")} />
                  </Form.Item>
                ),
              },
              {
                key: "remove",
                width: 44,
                render: (_, row) => (
                  <RemoveButton testId={`budget-${row.name}-remove`} label={t("campaigns.plan.removeLine")} onClick={() => remove(row.name)} />
                ),
              },
            ];
            return (
              <div className="line-editor campaign-budget-editor">
                <Table<Line>
                  size="small"
                  rowKey="key"
                  bordered
                  columns={columns}
                  dataSource={fields}
                  pagination={false}
                  tableLayout="fixed"
                  scroll={{ x: "max-content" }}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.plan.noBudget")} /> }}
                />
                <Flex justify="space-between" align="start" gap={16} wrap className="campaign-budget-foot">
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newBudgetLine())} data-testid="budget-add">
                    {t("campaigns.plan.addLine")}
                  </Button>
                  <BudgetTotals budget={standing?.budget ?? null} stale={budgetChanged} lang={lang} />
                </Flex>
                <Typography.Text type="secondary" className="small">
                  {t("campaigns.budget.hint")}
                </Typography.Text>
              </div>
            );
          }}
        </Form.List>
      </section>

      {problems.length > 0 && (
        <div className="form-errors" role="alert" data-testid="campaign-problems">
          <Alert type="error" showIcon title={problems.join("；")} />
        </div>
      )}
      <Flex justify="end" className="campaign-save-row">
        {/* Not a submit button: Enter in a date box sets the date, it does not save a half-written plan. */}
        <Button type="primary" onClick={save} loading={saving} data-testid="campaign-save">
          {standing ? t("campaigns.plan.save") : t("campaigns.plan.create")}
        </Button>
      </Flex>
    </Form>
  );
}

function RemoveButton({ testId, label, onClick }: { testId: string; label: string; onClick: () => void }) {
  return (
    <Tooltip title={label}>
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} data-testid={testId} onClick={onClick} />
    </Tooltip>
  );
}

/** An amount in fen with its raw value; provisional ones (not saved yet) marked as such. */
function Amount({ fen, testId, lang, provisional }: { fen: number | undefined; testId: string; lang: Language; provisional?: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={provisional ? "tabular budget-amount budget-provisional" : "tabular budget-amount"}
      data-testid={testId}
      data-fen={fen ?? ""}
      data-provisional={provisional ? "true" : undefined}
      title={provisional ? t("campaigns.budget.provisional") : undefined}
    >
      {fen === undefined ? "—" : formatMoney(fen, lang)}
      {provisional && <sup className="budget-provisional-mark">*</sup>}
    </span>
  );
}

/** The backend's planned and actual totals side by side; marked when the lines on screen differ from them. */
export function BudgetTotals({ budget, stale, lang }: { budget: Budget | null; stale?: boolean; lang: Language }) {
  const { t } = useTranslation();
  return (
    <div className={stale ? "campaign-budget-totals campaign-budget-stale" : "campaign-budget-totals"} data-stale={stale ? "true" : "false"}>
      <div>
        <div className="small muted">{t("campaigns.budget.plannedTotal")}</div>
        <div className="campaign-budget-total tabular" data-testid="budget-total" data-fen={budget?.planned ?? ""}>
          {budget ? formatMoney(budget.planned, lang) : "—"}
        </div>
      </div>
      <div>
        <div className="small muted">
          {t("campaigns.budget.actualTotal")}
          {budget && budget.lines.length > 0 && (
            <span> {t("campaigns.budget.actualLines", { n: budget.actualLines, of: budget.lines.length })}</span>
          )}
        </div>
        <div className="campaign-budget-total tabular" data-testid="budget-actual-total" data-fen={budget?.actual ?? ""}>
          {budget ? formatMoney(budget.actual, lang) : "—"}
        </div>
      </div>
      {stale && <div className="small campaign-budget-stale-note">{t("campaigns.budget.stale")}</div>}
      {!budget && <div className="small muted">{t("campaigns.budget.afterSaving")}</div>}
    </div>
  );
}

/** The plan read-only, for those who may not plan: the same figures, all the backend's. */
export function PlanView({ campaign, lang }: { campaign: Campaign; lang: Language }) {
  const { t } = useTranslation();
  const c = campaign;
  return (
    <Flex vertical gap={12} data-testid="campaign-plan-view">
      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.basics")}</SectionTitle>
        <div className="visit-facts">
          <Fact label={t("campaigns.fields.theme")} wide>
            {c.theme}
          </Fact>
          <Fact label={t("campaigns.fields.startsOn")}>
            <span className="tabular">{formatDate(c.startsOn, lang)}</span>
          </Fact>
          <Fact label={t("campaigns.fields.endsOn")}>
            <span className="tabular">{formatDate(c.endsOn, lang)}</span>
          </Fact>
          <Fact label={t("campaigns.fields.venue")}>{c.venue || "—"}</Fact>
          <Fact label={t("campaigns.fields.attributionDays")}>{t("campaigns.plan.daysN", { n: c.attributionDays })}</Fact>
          <Fact label={t("campaigns.fields.background")} wide>
            <span className="pre-wrap">{c.background || "—"}</span>
          </Fact>
          <Fact label={t("campaigns.fields.objectives")} wide>
            <span className="pre-wrap">{c.objectives || "—"}</span>
          </Fact>
        </div>
      </section>
      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.activities")}</SectionTitle>
        {c.activities.length === 0 ? (
          <Typography.Text type="secondary">{t("campaigns.plan.noActivities")}</Typography.Text>
        ) : (
          <ul className="plain-list campaign-activities">
            {c.activities.map((a, i) => (
              <li key={i} data-testid={`activity-view-${i}`}>
                <Typography.Text strong>{a.title}</Typography.Text>{" "}
                <span className="small muted">
                  {t(`campaigns.activityKinds.${a.kind}`)}
                  {a.at && ` · ${formatDateTime(a.at, lang)}`}
                </span>
                {a.notes && <div className="small pre-wrap">{a.notes}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.prizes")}</SectionTitle>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.prizes}
          locale={{ emptyText: t("campaigns.plan.noPrizes") }}
          columns={[
            { key: "name", title: t("campaigns.fields.name"), dataIndex: "name" },
            { key: "stock", title: t("campaigns.fields.stock"), align: "right", render: (_, p) => <span className="tabular">{p.stock}</span> },
            { key: "drawn", title: t("campaigns.lottery.drawn"), align: "right", render: (_, p) => <span className="tabular">{p.drawn}</span> },
            {
              key: "value",
              title: t("campaigns.fields.unitValue"),
              align: "right",
              render: (_, p) => <span className="tabular">{formatMoney(p.unitValue, lang)}</span>,
            },
          ]}
        />
      </section>
      <section className="panel campaign-section">
        <SectionTitle>{t("campaigns.plan.budget")}</SectionTitle>
        <Table
          size="small"
          rowKey={(r) => String(r.i)}
          bordered
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={c.budget.lines.map((line, i) => ({ line, i }))}
          locale={{ emptyText: t("campaigns.plan.noBudget") }}
          columns={[
            { key: "n", title: "#", width: 40, render: (_, r) => <span className="tabular muted">{r.i + 1}</span> },
            { key: "item", title: t("campaigns.fields.item"), render: (_, r) => r.line.item },
            {
              key: "planned",
              title: t("campaigns.budget.planned"),
              children: [
                { key: "q", title: t("campaigns.fields.quantityCenti"), align: "right", render: (_, r) => <Hundredths value={r.line.quantityCenti} /> },
                { key: "p", title: t("campaigns.fields.unitPrice"), align: "right", render: (_, r) => <span className="tabular">{formatMoney(r.line.unitPrice, lang)}</span> },
                {
                  key: "a",
                  title: t("campaigns.budget.amount"),
                  align: "right",
                  render: (_, r) => <Amount testId={`budget-${r.i}-amount`} fen={r.line.amount} lang={lang} />,
                },
              ],
            },
            {
              key: "actual",
              title: t("campaigns.budget.actual"),
              children: [
                {
                  key: "q",
                  title: t("campaigns.fields.actualQuantityCenti"),
                  align: "right",
                  render: (_, r) => (r.line.actualQuantityCenti !== undefined ? <Hundredths value={r.line.actualQuantityCenti} /> : "—"),
                },
                {
                  key: "p",
                  title: t("campaigns.fields.actualUnitPrice"),
                  align: "right",
                  render: (_, r) =>
                    r.line.actualUnitPrice !== undefined ? <span className="tabular">{formatMoney(r.line.actualUnitPrice, lang)}</span> : "—",
                },
                {
                  key: "a",
                  title: t("campaigns.budget.amount"),
                  align: "right",
                  render: (_, r) => <Amount testId={`budget-${r.i}-actual-amount`} fen={r.line.actualAmount} lang={lang} />,
                },
              ],
            },
            { key: "note", title: t("campaigns.fields.note"), render: (_, r) => r.line.note },
          ]}
        />
        <Flex justify="end" className="campaign-budget-foot">
          <BudgetTotals budget={c.budget} lang={lang} />
        </Flex>
      </section>
    </Flex>
  );
}

/** A quantity in hundredths as people write it: 150 → "1.5". */
function Hundredths({ value }: { value: number }) {
  return <span className="tabular">{String(Number((value / 100).toFixed(2)))}</span>;
}
