import { deskNow } from "../clock";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DatePicker, Flex, Progress, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AdvisorMonth, CsiGroup, CsiReport, Language } from "../bindings";
import { Chart } from "../charts/Chart";
import { csiBandsOption, csiByAdvisorOption, csiTrendOption } from "../charts/options";
import { ComplaintStateTag } from "../complaints/ui";
import { formatDate, formatNumber, fromIsoDate, toIsoDate } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { api } from "../api";
import { ExportButton } from "../archive/ExportButton";
import { useNavigate } from "../shell/navigation";
import { dateFormats } from "../visits/Order";
import { formatCsi, formatMean, formatWeight, share } from "./model";
import { csiReportQueryOf } from "./queries";

/** The default period: the last 90 days, today included. */
export function defaultPeriod(today = deskNow()): { from: string; to: string } {
  return { from: today.subtract(89, "day").format("YYYY-MM-DD"), to: today.format("YYYY-MM-DD") };
}

/**
 * The satisfaction index over a period (客户满意度): the overall CSI, how many
 * calls were completed in their window and reached the customer, CSI by
 * advisor and by month, its distribution, each factor's mean, the hot alerts.
 */
export function CsiTab({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(() => defaultPeriod());
  // Read again when a call is made on any desk (or what the report names changes); the
  // last period's report stays while another is read.
  const query = useQuery({ ...csiReportQueryOf(period.from, period.to), placeholderData: keepPreviousData });
  const report = query.data ?? null;

  const pick = (which: "from" | "to") => (d: Dayjs | null) => {
    const iso = toIsoDate(d);
    if (iso) setPeriod((p) => ({ ...p, [which]: iso }));
  };

  return (
    <div className="csi-tab" data-testid="csi-tab">
      <Flex gap={8} align="center" wrap className="panel followup-toolbar">
        <Typography.Text>{t("followup.csi.from")}</Typography.Text>
        <DatePicker
          data-testid="csi-from"
          value={fromIsoDate(period.from)}
          format={dateFormats(lang)}
          allowClear={false}
          onChange={pick("from")}
        />
        <Typography.Text>{t("followup.csi.to")}</Typography.Text>
        <DatePicker
          data-testid="csi-to"
          value={fromIsoDate(period.to)}
          format={dateFormats(lang)}
          allowClear={false}
          onChange={pick("to")}
        />
        <ExportButton
          testId="csi-export"
          label={t("followup.csi.export")}
          run={() => api.exportCsiReport(period.from, period.to, lang)}
          done={(exported) => t("followup.csi.exported", { rows: formatNumber(exported.rows, lang), path: exported.path })}
        />
      </Flex>
      {query.error && (
        <div className="followup-failure">
          <ReadFailure query={query} />
        </div>
      )}
      {report && <ReportView report={report} lang={lang} />}
    </div>
  );
}

function ReportView({ report: r, lang }: { report: CsiReport; lang: Language }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <div className="csi-cards">
        <Card label={t("followup.csi.overall")} big>
          <span className="csi-overall tabular" data-testid="csi-overall" data-value={r.csi ?? ""}>
            {formatCsi(r.csi)}
          </span>
        </Card>
        <Card label={t("followup.csi.surveys")}>
          <span className="tabular" data-testid="csi-surveys">
            {formatNumber(r.surveys, lang)}
          </span>
        </Card>
        <Card
          label={t("followup.csi.inWindow")}
          sub={t("followup.csi.inWindowSub", { done: r.completedInWindow, due: r.callsDue })}
        >
          <span className="tabular" data-testid="csi-in-window">
            {share(r.inWindow, lang)}
          </span>
        </Card>
        <Card label={t("followup.csi.reach")} sub={t("followup.csi.reachSub", { reached: r.reached, closed: r.callsClosed })}>
          <span className="tabular" data-testid="csi-reach">
            {share(r.reach, lang)}
          </span>
        </Card>
        <Card label={t("followup.csi.alerts")} bad={r.hotAlerts > 0}>
          <span className="tabular" data-testid="csi-hot-alerts">
            {formatNumber(r.hotAlerts, lang)}
          </span>
        </Card>
      </div>
      <div className="csi-grid">
        <section className="panel" data-testid="csi-by-advisor">
          <Typography.Title level={5}>{t("followup.csi.byAdvisor")}</Typography.Title>
          <AdvisorBars report={r} lang={lang} />
          <Table<CsiGroup>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={r.byAdvisor}
            locale={{ emptyText: t("followup.csi.none") }}
            columns={[
              { key: "advisor", title: t("followup.csi.advisor"), render: (_, g) => g.label },
              { key: "surveys", title: t("followup.csi.count"), align: "right", render: (_, g) => g.surveys },
              {
                key: "csi",
                title: t("followup.csi.csi"),
                align: "right",
                render: (_, g) => (
                  <span className="tabular" data-value={g.csi}>
                    {formatCsi(g.csi)}
                  </span>
                ),
              },
            ]}
          />
        </section>
        <section className="panel">
          <Typography.Title level={5}>{t("followup.csi.trend")}</Typography.Title>
          <Trend report={r} lang={lang} />
        </section>
      </div>
      <section className="panel">
        <Typography.Title level={5}>{t("followup.csi.byAdvisorMonth")}</Typography.Title>
        <AdvisorMonths rows={r.byAdvisorMonth} />
      </section>
      <div className="csi-grid">
        <section className="panel" data-testid="csi-distribution">
          <Typography.Title level={5}>{t("followup.csi.distribution")}</Typography.Title>
          <Distribution report={r} lang={lang} />
        </section>
        <section className="panel" data-testid="csi-factors">
          <Typography.Title level={5}>{t("followup.csi.factors")}</Typography.Title>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={r.factors}
            locale={{ emptyText: t("followup.csi.none") }}
            columns={[
              {
                key: "factor",
                title: t("followup.csi.factor"),
                render: (_, f) => (lang === "zh-CN" ? f.zh : f.en),
              },
              {
                key: "weight",
                title: t("followup.csi.weight"),
                align: "right",
                render: (_, f) => <span className="tabular">{formatWeight(f.weightBp)}</span>,
              },
              {
                key: "mean",
                title: t("followup.csi.mean"),
                render: (_, f) =>
                  f.answers === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <Flex align="center" gap={8}>
                      <Progress
                        className="csi-meter"
                        percent={Math.max(0, Math.min(100, ((f.mean - 100) / 400) * 100))}
                        showInfo={false}
                        size={[80, 8]}
                        strokeColor="#0f6e8c"
                        aria-hidden
                      />
                      <span className="tabular" data-testid={`csi-factor-${f.key}`} data-value={f.mean}>
                        {formatMean(f.mean)}
                      </span>
                    </Flex>
                  ),
              },
              { key: "answers", title: t("followup.csi.answers"), align: "right", render: (_, f) => f.answers },
            ]}
          />
        </section>
      </div>
      <section className="panel">
        <Typography.Title level={5}>{t("followup.csi.alertList")}</Typography.Title>
        <Table
          data-testid="csi-alerts"
          size="small"
          rowKey="callId"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={r.alerts}
          locale={{ emptyText: t("followup.csi.none") }}
          columns={[
            {
              key: "surveyedOn",
              title: t("followup.csi.surveyedOn"),
              render: (_, a) => <span className="tabular">{formatDate(a.surveyedOn, lang)}</span>,
            },
            { key: "customer", title: t("followup.csi.customer"), render: (_, a) => a.customerName },
            {
              key: "visit",
              title: t("followup.csi.visit"),
              render: (_, a) => (
                <Typography.Link onClick={() => navigate({ module: "visits", visitId: a.visitId })}>
                  <span className="tabular">{a.visitNumber}</span>
                </Typography.Link>
              ),
            },
            { key: "advisor", title: t("followup.csi.advisor"), render: (_, a) => a.advisorName },
            {
              key: "csi",
              title: t("followup.csi.csi"),
              align: "right",
              render: (_, a) => <span className="tabular">{formatCsi(a.csi)}</span>,
            },
            {
              key: "complaint",
              title: t("followup.csi.complaint"),
              render: (_, a) => (
                <Typography.Link
                  onClick={() => navigate({ module: "complaints", complaintId: a.complaintId })}
                  data-testid={`csi-alert-complaint-${a.complaintId}`}
                >
                  <span className="tabular">{a.complaintNumber}</span>
                </Typography.Link>
              ),
            },
            {
              key: "state",
              title: t("followup.csi.complaintState"),
              render: (_, a) => <ComplaintStateTag state={a.complaintState} />,
            },
          ]}
        />
      </section>
    </>
  );
}

function Card({ label, children, sub, big, bad }: { label: string; children: ReactNode; sub?: string; big?: boolean; bad?: boolean }) {
  return (
    <div className={`panel csi-card${big ? " csi-card-big" : ""}${bad ? " csi-card-bad" : ""}`}>
      <div className="small muted">{label}</div>
      <div className="csi-card-value">{children}</div>
      {sub && <div className="small muted">{sub}</div>}
    </div>
  );
}

/** The CSI of each advisor as horizontal bars on the 0–100 scale. */
function AdvisorBars({ report: r, lang }: { report: CsiReport; lang: Language }) {
  const { t } = useTranslation();
  const option = useMemo(() => csiByAdvisorOption(r.byAdvisor, t, period(r)), [r, t]);
  if (r.byAdvisor.length === 0) return null;
  return (
    <Chart
      option={option}
      lang={lang}
      label={t("followup.csi.byAdvisor")}
      testId="csi-advisor-bars"
      height={48 + 28 * r.byAdvisor.length}
      value={r.byAdvisor.map((g) => g.csi).join(",")}
    />
  );
}

/** The monthly trend: a bar per month on the 0–100 scale, and the surveys behind each. */
function Trend({ report: r, lang }: { report: CsiReport; lang: Language }) {
  const { t } = useTranslation();
  const option = useMemo(() => csiTrendOption(r.byMonth, t, lang, period(r)), [r, t, lang]);
  if (r.byMonth.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="csi-trend">
        {t("followup.csi.none")}
      </Typography.Text>
    );
  }
  return (
    <Chart
      option={option}
      lang={lang}
      label={t("followup.csi.trend")}
      testId="csi-trend"
      height={240}
      value={r.byMonth.map((m) => `${m.key}:${m.csi}`).join(",")}
    />
  );
}

/** The period a report covers, for the names of its saved pictures. */
function period(r: CsiReport): string {
  return `${r.from}~${r.to}`;
}

/** Advisors down, months across, the CSI (and the number of surveys) in each cell. */
function AdvisorMonths({ rows }: { rows: AdvisorMonth[] }) {
  const { t } = useTranslation();
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const advisors = [...new Map(rows.map((r) => [r.advisorId, r.advisorName])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const cell = (advisorId: number, month: string) => rows.find((r) => r.advisorId === advisorId && r.month === month);
  return (
    <Table
      data-testid="csi-by-advisor-month"
      size="small"
      rowKey={(r) => String(r[0])}
      pagination={false}
      scroll={{ x: "max-content" }}
      dataSource={advisors}
      locale={{ emptyText: t("followup.csi.none") }}
      columns={[
        { key: "advisor", title: t("followup.csi.advisor"), render: (_, [, name]) => name },
        ...months.map((month) => ({
          key: month,
          title: month,
          align: "right" as const,
          render: (_: unknown, [id]: [number, string]) => {
            const c = cell(id, month);
            return c ? (
              <span className="tabular">
                {formatCsi(c.csi)} <span className="small muted">({c.surveys})</span>
              </span>
            ) : (
              <span className="muted">—</span>
            );
          },
        })),
      ]}
    />
  );
}

/** Visits per band of the index. */
function Distribution({ report, lang }: { report: CsiReport; lang: Language }) {
  const { t } = useTranslation();
  const option = useMemo(() => csiBandsOption(report.distribution, t, lang, period(report)), [report, t, lang]);
  return (
    <>
      <Chart
        option={option}
        lang={lang}
        label={t("followup.csi.distribution")}
        testId="csi-bands"
        height={220}
        value={report.distribution.map((b) => `${b.from}-${b.to}:${b.visits}`).join(",")}
      />
      {report.surveys === 0 && <Tag>{t("followup.csi.none")}</Tag>}
    </>
  );
}
