import { ReloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Flex, Skeleton, Space, Tooltip, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Campaign, Language, Results } from "../bindings";
import { api } from "../api";
import { ExportButton } from "../archive/ExportButton";
import { Chart } from "../charts/Chart";
import { turnoutFigures, turnoutOption } from "../charts/options";
import { formatDate, formatMoney, formatNumber } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { resultsQueryOf } from "./queries";
import { Figure } from "./ui";

/**
 * What the campaign brought back (活动效果), as the backend computes it: the
 * turnout, the repair orders and revenue attributed until `attributedUntil`,
 * the cost and what each attendee cost, the return; and the turnout as a bar chart.
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
        <TurnoutChart results={r} lang={lang} campaignName={campaign.theme} />
      </section>
    </div>
  );
}

/** Invited, confirmed, attended and repair orders as bars on one scale. */
export function TurnoutChart({ results, lang, campaignName }: { results: Results; lang: Language; campaignName: string }) {
  const { t } = useTranslation();
  const option = useMemo(() => turnoutOption(results, t, lang, campaignName), [results, t, lang, campaignName]);
  return (
    <Chart
      option={option}
      lang={lang}
      label={t("campaigns.results.chart")}
      testId="results-chart"
      className="results-chart"
      height={240}
      value={turnoutFigures(results).join(",")}
    />
  );
}
