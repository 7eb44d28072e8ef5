import { ReloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Flex, Skeleton, Space, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Campaign, Language, Results } from "../bindings";
import { api } from "../api";
import { ExportButton } from "../archive/ExportButton";
import { formatDate, formatMoney, formatNumber } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { resultsQueryOf } from "./queries";
import { Figure } from "./ui";

/**
 * What the campaign brought back (活动效果), as the backend computes it: the
 * turnout, the repair orders and revenue attributed until `attributedUntil`,
 * the cost and what each attendee cost, the return; and the turnout as bars.
 */
export function ResultsTab({ campaign, lang }: { campaign: Campaign; lang: Language }) {
  const { t } = useTranslation();
  // Read again when the campaign's guests or the attendees' visits change on any desk.
  const query = useQuery(resultsQueryOf(campaign.id));
  const results = query.data;

  if (!results) return query.error ? <ReadFailure query={query} /> : <Skeleton active paragraph={{ rows: 6 }} />;
  const r = results;

  return (
    <div className="campaign-results" data-testid="campaign-results">
      <Flex justify="space-between" align="center" gap={12} wrap className="campaign-toolbar">
        <Typography.Text type="secondary" data-testid="results-until" data-value={r.attributedUntil}>
          {t("campaigns.results.window", {
            from: formatDate(campaign.startsOn, lang),
            until: formatDate(r.attributedUntil, lang),
            days: campaign.attributionDays,
          })}
        </Typography.Text>
        <Space>
          <Tooltip title={t("campaigns.refresh")}>
            <Button
              icon={<ReloadOutlined />}
              loading={query.isFetching}
              onClick={() => void query.refetch()}
              aria-label={t("campaigns.refresh")}
            />
          </Tooltip>
          <ExportButton
            testId="results-export"
            label={t("campaigns.results.export")}
            run={() => api.exportCampaignResults(campaign.id, lang)}
            done={(exported) =>
              t("campaigns.results.exported", { rows: formatNumber(exported.rows, lang), path: exported.path })
            }
          />
        </Space>
      </Flex>
      {query.error && <ReadFailure query={query} />}
      <div className="campaign-figures">
        <Figure label={t("campaigns.results.invited")} value={r.invited} shown={formatNumber(r.invited, lang)} testId="results-invited" />
        <Figure label={t("campaigns.results.confirmed")} value={r.confirmed} shown={formatNumber(r.confirmed, lang)} testId="results-confirmed" />
        <Figure
          label={t("campaigns.results.attended")}
          value={r.attended}
          shown={formatNumber(r.attended, lang)}
          testId="results-attended"
          sub={t("campaigns.results.walkIns", { n: r.walkIns })}
        />
        <Figure label={t("campaigns.results.orders")} value={r.repairOrders} shown={formatNumber(r.repairOrders, lang)} testId="results-orders" />
        <Figure label={t("campaigns.results.revenue")} value={r.revenue} shown={formatMoney(r.revenue, lang)} testId="results-revenue" big />
        <Figure
          label={t("campaigns.results.cost")}
          value={r.cost}
          shown={formatMoney(r.cost, lang)}
          testId="results-cost"
          sub={t("campaigns.results.costHint")}
        />
        <Figure
          label={t("campaigns.results.costPerAttendee")}
          value={r.costPerAttendee}
          shown={r.costPerAttendee !== undefined ? formatMoney(r.costPerAttendee, lang) : undefined}
          testId="results-cost-per-attendee"
          sub={r.costPerAttendee === undefined ? t("campaigns.results.noAttendees") : undefined}
        />
        <Figure
          label={t("campaigns.results.return")}
          value={r.returnPercent}
          shown={r.returnPercent !== undefined ? `${formatNumber(r.returnPercent, lang)}%` : undefined}
          testId="results-return"
          sub={r.returnPercent === undefined ? t("campaigns.results.noCost") : t("campaigns.results.returnHint")}
          big
        />
      </div>
      <section className="panel campaign-section">
        <TurnoutChart results={r} lang={lang} />
      </section>
    </div>
  );
}

/** Invited, confirmed, attended and repair orders as bars on one scale, in SVG (no chart library). */
export function TurnoutChart({ results, lang }: { results: Results; lang: Language }) {
  const { t } = useTranslation();
  const bars: [string, number, string][] = [
    ["invited", results.invited, t("campaigns.results.invited")],
    ["confirmed", results.confirmed, t("campaigns.results.confirmed")],
    ["attended", results.attended, t("campaigns.results.attended")],
    ["orders", results.repairOrders, t("campaigns.results.orders")],
  ];
  const width = 520;
  const height = 220;
  const left = 12;
  const top = 24;
  const bottom = 28;
  const plotH = height - top - bottom;
  const step = (width - left * 2) / bars.length;
  const barW = Math.min(72, step * 0.6);
  const max = Math.max(1, ...bars.map(([, n]) => n));
  return (
    <svg
      data-testid="results-chart"
      className="results-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t("campaigns.results.chart")}
      data-value={bars.map(([, n]) => n).join(",")}
    >
      <line x1={left} x2={width - left} y1={top + plotH} y2={top + plotH} className="results-axis" />
      {bars.map(([key, n, label], i) => {
        const h = (n / max) * plotH;
        const cx = left + step * i + step / 2;
        return (
          <g key={key} data-bar={key} data-value={n}>
            <title>{`${label}: ${formatNumber(n, lang)}`}</title>
            <rect x={cx - barW / 2} y={top + plotH - h} width={barW} height={h} className={`results-bar results-bar-${key}`} />
            <text x={cx} y={top + plotH - h - 6} textAnchor="middle" className="results-bar-value">
              {formatNumber(n, lang)}
            </text>
            <text x={cx} y={height - 8} textAnchor="middle" className="results-bar-label">
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
