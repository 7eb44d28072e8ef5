import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Flex, Table, Tooltip } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { CampaignSummary, Language } from "../bindings";
import { formatDate, formatMoney } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { campaignListQuery } from "./queries";
import { CampaignStatusTag } from "./ui";

/** The campaigns, newest first as the backend lists them; a row opens the campaign. */
export function CampaignList({
  lang,
  onOpen,
  onNew,
}: {
  lang: Language;
  onOpen: (id: number) => void;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  // Read again when a campaign changes on any desk (planned, moved on, a guest checked in).
  const query = useQuery(campaignListQuery);
  const rows = query.data ?? null;
  const loading = query.isFetching;

  return (
    <div className="panel campaigns-list-panel">
      <Flex justify="space-between" align="center" gap={12} wrap className="campaign-toolbar">
        <span className="muted small">{t("campaigns.list.hint")}</span>
        <Flex gap={8}>
          <Tooltip title={t("campaigns.refresh")}>
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void query.refetch()} aria-label={t("campaigns.refresh")} />
          </Tooltip>
          {can("plan_campaigns") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onNew} data-testid="campaigns-new">
              {t("campaigns.list.new")}
            </Button>
          )}
        </Flex>
      </Flex>
      {query.error && (
        <div className="campaign-notice">
          <ReadFailure query={query} />
        </div>
      )}
      <Table<CampaignSummary>
        data-testid="campaigns-list"
        rowKey="id"
        size="middle"
        loading={rows === null && loading}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: can("plan_campaigns") ? t("campaigns.list.emptyPlan") : t("campaigns.list.empty") }}
        onRow={(c) =>
          ({
            onClick: () => onOpen(c.id),
            "data-status": c.status,
            className: "clickable-row",
          }) as HTMLAttributes<HTMLTableRowElement>
        }
        columns={[
          {
            key: "theme",
            title: t("campaigns.fields.theme"),
            onCell: (c) =>
              ({
                "data-testid": `campaign-row-${c.id}`,
                "data-status": c.status,
              }) as HTMLAttributes<HTMLTableCellElement>,
            render: (_, c) => <span className="campaign-row-theme">{c.theme}</span>,
          },
          { key: "status", title: t("campaigns.list.status"), render: (_, c) => <CampaignStatusTag status={c.status} /> },
          {
            key: "dates",
            title: t("campaigns.page.dates"),
            render: (_, c) => (
              <span className="tabular nowrap">
                {t("campaigns.list.range", { from: formatDate(c.startsOn, lang), to: formatDate(c.endsOn, lang) })}
              </span>
            ),
          },
          {
            key: "turnout",
            title: t("campaigns.list.turnout"),
            align: "right",
            render: (_, c) => (
              <span className="tabular nowrap" data-testid={`campaign-turnout-${c.id}`}>
                {c.invited} / {c.attended}
              </span>
            ),
          },
          {
            key: "budget",
            title: t("campaigns.budget.plannedTotal"),
            align: "right",
            render: (_, c) => (
              <span className="tabular" data-fen={c.plannedBudget}>
                {formatMoney(c.plannedBudget, lang)}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
