import { deskNow } from "../clock";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DatePicker, Flex, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AdvisorMonth, CsiGroup, CsiReport, Language } from "../bindings";
import { ComplaintStateTag } from "../complaints/ui";
import { formatDate, formatNumber, fromIsoDate, toIsoDate } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { api } from "../api";
import { ExportButton } from "../archive/ExportButton";
import { useNavigate } from "../shell/navigation";
import { dateFormats } from "../visits/Order";
import { bandLabel, formatCsi, formatMean, formatWeight, share } from "./model";
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
            {share(r.completedInWindow, r.callsDue)}
          </span>
        </Card>
        <Card label={t("followup.csi.reach")} sub={t("followup.csi.reachSub", { reached: r.reached, closed: r.callsClosed })}>
          <span className="tabular" data-testid="csi-reach">
            {share(r.reached, r.callsClosed)}
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
          <GroupBars groups={r.byAdvisor} testId="csi-advisor-bars" />
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
          <Trend months={r.byMonth} />
        </section>
      </div>
      <section className="panel">
        <Typography.Title level={5}>{t("followup.csi.byAdvisorMonth")}</Typography.Title>
        <AdvisorMonths rows={r.byAdvisorMonth} />
      </section>
      <div className="csi-grid">
        <section className="panel" data-testid="csi-distribution">
          <Typography.Title level={5}>{t("followup.csi.distribution")}</Typography.Title>
          <Distribution report={r} />
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
                      <span className="csi-meter">
                        <span style={{ width: `${Math.max(0, Math.min(100, ((f.mean - 100) / 400) * 100))}%` }} />
                      </span>
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

/** Horizontal bars on the 0–100 scale, one per group. */
function GroupBars({ groups, testId }: { groups: CsiGroup[]; testId: string }) {
  if (groups.length === 0) return null;
  return (
    <div className="csi-bars" data-testid={testId}>
      {groups.map((g) => (
        <div key={g.key} className="csi-bar-row">
          <span className="csi-bar-label">{g.label}</span>
          <span className="csi-bar-track">
            <span className="csi-bar-fill" style={{ width: `${Math.max(0, Math.min(100, g.csi / 100))}%` }} />
          </span>
          <span className="csi-bar-value tabular">{formatCsi(g.csi)}</span>
        </div>
      ))}
    </div>
  );
}

/** The monthly trend as a small SVG: a bar per month on the 0–100 scale with a line through their tops. */
function Trend({ months }: { months: CsiGroup[] }) {
  const { t } = useTranslation();
  if (months.length === 0) {
    return (
      <svg data-testid="csi-trend" className="csi-trend" viewBox="0 0 480 40" role="img" aria-label={t("followup.csi.trend")}>
        <text x="240" y="24" textAnchor="middle" className="csi-trend-empty">
          {t("followup.csi.none")}
        </text>
      </svg>
    );
  }
  const width = 480;
  const height = 200;
  const left = 32;
  const bottom = 24;
  const top = 16;
  const plotH = height - bottom - top;
  const step = (width - left - 8) / months.length;
  const barW = Math.min(40, step * 0.6);
  const y = (csi: number) => top + plotH - (Math.max(0, Math.min(10000, csi)) / 10000) * plotH;
  const points = months.map((m, i) => [left + step * i + step / 2, y(m.csi)] as const);
  return (
    <svg
      data-testid="csi-trend"
      className="csi-trend"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t("followup.csi.trend")}
    >
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v}>
          <line x1={left} x2={width - 8} y1={y(v * 100)} y2={y(v * 100)} className="csi-trend-grid" />
          <text x={left - 6} y={y(v * 100) + 4} textAnchor="end" className="csi-trend-axis">
            {v}
          </text>
        </g>
      ))}
      {months.map((m, i) => {
        const [cx, cy] = points[i];
        return (
          <g key={m.key} data-month={m.key} data-value={m.csi}>
            <title>{`${m.label}: ${formatCsi(m.csi)} (${m.surveys})`}</title>
            <rect x={cx - barW / 2} y={cy} width={barW} height={top + plotH - cy} className="csi-trend-bar" />
            <text x={cx} y={cy - 4} textAnchor="middle" className="csi-trend-value">
              {formatCsi(m.csi)}
            </text>
            <text x={cx} y={height - 6} textAnchor="middle" className="csi-trend-axis">
              {m.label}
            </text>
          </g>
        );
      })}
      {points.length > 1 && (
        <polyline points={points.map(([px, py]) => `${px},${py}`).join(" ")} className="csi-trend-line" />
      )}
    </svg>
  );
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
function Distribution({ report }: { report: CsiReport }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...report.distribution.map((b) => b.visits));
  return (
    <div className="csi-bars" data-testid="csi-bands">
      {report.distribution.map((b) => (
        <div key={b.from} className="csi-bar-row" data-band={`${b.from}-${b.to}`}>
          <span className="csi-bar-label tabular">{bandLabel(b.from, b.to)}</span>
          <span className="csi-bar-track">
            <span
              className={b.to <= 6000 ? "csi-bar-fill csi-bar-low" : "csi-bar-fill"}
              style={{ width: `${(100 * b.visits) / max}%` }}
            />
          </span>
          <span className="csi-bar-value tabular">{b.visits}</span>
        </div>
      ))}
      <div className="small muted">{t("followup.csi.visits")}</div>
      {report.surveys === 0 && <Tag>{t("followup.csi.none")}</Tag>}
    </div>
  );
}
