import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Table, Tooltip } from "antd";
import type { HTMLAttributes } from "react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan, useSession } from "../auth/session";
import type { CampaignSummary, Language } from "../bindings";
import { errorText } from "../errors";
import { formatDate, formatMoney } from "../format";
import { CampaignStatusTag } from "./ui";

/** The campaigns, newest first as the backend lists them; a row opens the campaign. */
export function CampaignList({
  lang,
  reloadKey,
  onOpen,
  onNew,
}: {
  lang: Language;
  reloadKey: unknown;
  onOpen: (id: number) => void;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const resumed = useSession().resumed;
  const [rows, setRows] = useState<CampaignSummary[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .listCampaigns()
      .then((r) => {
        if (!current) return;
        setRows(r);
        setFailure(null);
      })
      .catch((e: unknown) => current && setFailure(errorText(e, t)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [attempt, reloadKey, resumed]);

  return (
    <div className="panel campaigns-list-panel">
      <Flex justify="space-between" align="center" gap={12} wrap className="campaign-toolbar">
        <span className="muted small">{t("campaigns.list.hint")}</span>
        <Flex gap={8}>
          <Tooltip title={t("campaigns.refresh")}>
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => setAttempt((n) => n + 1)} aria-label={t("campaigns.refresh")} />
          </Tooltip>
          {can("plan_campaigns") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onNew} data-testid="campaigns-new">
              {t("campaigns.list.new")}
            </Button>
          )}
        </Flex>
      </Flex>
      {failure && <Alert type="warning" showIcon title={failure} className="campaign-notice" />}
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
