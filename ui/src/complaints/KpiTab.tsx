import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DatePicker, Flex, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ComplaintKpis, Language } from "../bindings";
import { Chart } from "../charts/Chart";
import { complaintMonths, complaintsByMonthOption } from "../charts/options";
import { formatNumber, fromIsoDate, toIsoDate } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { dateFormats } from "../visits/Order";
import { defaultSince, formatMinutes, formatPercent } from "./model";
import { complaintKpisQueryOf } from "./queries";

/** The complaint KPIs since a date, against the dealer's targets. */
export function KpiTab({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const [since, setSince] = useState<string>(() => defaultSince());
  // Read again when a complaint changes on any desk, or the targets do; the last
  // period's figures stay while another period is read.
  const query = useQuery({ ...complaintKpisQueryOf(since), placeholderData: keepPreviousData });
  const data = query.data ?? null;

  const k = data?.kpis;
  const limits = data?.limits;
  const oneTimeBelow =
    k?.oneTimeResolutionPercent !== undefined && limits !== undefined && k.oneTimeResolutionPercent < limits.oneTimeTargetPercent;
  const escalationAbove =
    k?.escalationPercent !== undefined && limits !== undefined && k.escalationPercent > limits.escalationTargetPercent;

  return (
    <div className="complaint-kpis" data-testid="complaint-kpis">
      <Flex gap={12} align="center" className="panel complaints-toolbar">
        <Typography.Text>{t("complaints.kpis.since")}</Typography.Text>
        <DatePicker
          data-testid="kpi-since"
          value={fromIsoDate(since)}
          format={dateFormats(lang)}
          allowClear={false}
          onChange={(d: Dayjs | null) => {
            const iso = toIsoDate(d);
            if (iso) setSince(iso);
          }}
        />
      </Flex>
      {query.error && <ReadFailure query={query} />}
      {k && limits && (
        <>
          <div className="kpi-grid">
            <Kpi
              label={t("complaints.kpis.oneTime")}
              testId="kpi-one-time"
              value={formatPercent(k.oneTimeResolutionPercent, t)}
              bad={oneTimeBelow}
              sub={t("complaints.kpis.target", { value: `${limits.oneTimeTargetPercent}%` })}
            />
            <Kpi
              label={t("complaints.kpis.escalation")}
              testId="kpi-escalation"
              value={formatPercent(k.escalationPercent, t)}
              bad={escalationAbove}
              sub={t("complaints.kpis.target", { value: `${limits.escalationTargetPercent}%` })}
            />
            <Kpi label={t("complaints.kpis.medianAssign")} testId="kpi-median-assign" value={formatMinutes(k.medianMinutesToAssign, t)} />
            <Kpi label={t("complaints.kpis.medianClose")} testId="kpi-median-close" value={formatMinutes(k.medianMinutesToClose, t)} />
            <Kpi label={t("complaints.kpis.reopened")} testId="kpi-reopened" value={formatNumber(k.reopened, lang)} />
            <Kpi
              label={t("complaints.kpis.total")}
              testId="kpi-total"
              value={formatNumber(k.total, lang)}
              sub={t("complaints.kpis.closed", { n: k.closed })}
            />
          </div>
          <div className="kpi-tables">
            <section className="panel">
              <Typography.Title level={5}>{t("complaints.kpis.byCategory")}</Typography.Title>
              <Table
                data-testid="kpi-by-category"
                size="small"
                rowKey="category"
                pagination={false}
                dataSource={k.byCategory}
                locale={{ emptyText: t("complaints.kpis.none") }}
                columns={[
                  {
                    key: "category",
                    title: t("complaints.list.category"),
                    render: (_, r) => t(`complaints.categories.${r.category}`),
                  },
                  { key: "count", title: t("complaints.kpis.count"), align: "right", render: (_, r) => r.count },
                ]}
              />
            </section>
            <section className="panel">
              <Typography.Title level={5}>{t("complaints.kpis.byMonth")}</Typography.Title>
              <MonthBars data={data} lang={lang} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

function Kpi({ label, value, testId, sub, bad }: { label: string; value: string; testId: string; sub?: ReactNode; bad?: boolean }) {
  return (
    <div className="panel kpi-card">
      <div className="small muted">{label}</div>
      <div className="kpi-value tabular" data-testid={testId} data-bad={bad ? "true" : "false"} style={bad ? { color: "#cf1322" } : undefined}>
        {value}
      </div>
      {sub && <div className="small muted">{sub}</div>}
    </div>
  );
}

/** Complaints per month, stacked by category, with each month's total. */
function MonthBars({ data, lang }: { data: ComplaintKpis; lang: Language }) {
  const { t } = useTranslation();
  const option = useMemo(() => complaintsByMonthOption(data.kpis, t, lang, data.since), [data, t, lang]);
  const months = complaintMonths(data.kpis);
  if (months.length === 0) return <Typography.Text type="secondary">{t("complaints.kpis.none")}</Typography.Text>;
  return (
    <Chart
      option={option}
      lang={lang}
      label={t("complaints.kpis.byMonth")}
      testId="kpi-by-month"
      height={260}
      value={data.kpis.byMonth.map((m) => `${m.month}:${m.category}:${m.count}`).join(",")}
    />
  );
}
