import { Table, Tag, Typography, type TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { Figure, Language, LeagueRow, StaffId } from "../bindings";
import { formatFigure, formatShare } from "../figures";

/** Rows without a value sort last, whichever way the column is sorted. */
function byFigure(pick: (row: LeagueRow) => Figure) {
  return (a: LeagueRow, b: LeagueRow) => (pick(a).value ?? -Infinity) - (pick(b).value ?? -Infinity);
}

/**
 * The advisor league (服务顾问排行): each advisor's CSI, show rate, on-time
 * handover, extra-work approval and complaints in the period, sortable. An
 * advisor's league holds their own row only (the backend's scoping).
 */
export function League({
  rows,
  loading,
  lang,
  me,
  selected,
}: {
  rows: readonly LeagueRow[];
  loading: boolean;
  lang: Language;
  /** The signed-in member, whose row is marked. */
  me: StaffId;
  /** The advisor the dashboard is filtered to, whose row is highlighted. */
  selected: StaffId | null;
}) {
  const { t } = useTranslation();
  const figure = (key: "csi" | "showRate" | "onTimeHandover" | "extraWorkApproval", unit: "points" | "percent") => ({
    key,
    title: t(`locale.kpiKey.${key}`),
    align: "right" as const,
    sorter: byFigure((row) => row[key]),
    render: (_: unknown, row: LeagueRow) => {
      const share = formatShare(row[key]);
      return (
        <span className="tabular" data-testid={`league-${key}-${row.advisorId}`} title={share || undefined}>
          {formatFigure(row[key].value, unit, lang)}
        </span>
      );
    },
  });
  const columns: TableColumnsType<LeagueRow> = [
    {
      key: "advisor",
      title: t("locale.report.advisor"),
      sorter: (a, b) => a.advisorName.localeCompare(b.advisorName, lang),
      render: (_, row) => (
        <span>
          {row.advisorName}
          {row.advisorId === me && (
            <Tag className="league-own" color="blue" style={{ marginInlineStart: 8 }}>
              {t("reports.ownRow")}
            </Tag>
          )}
        </span>
      ),
    },
    figure("csi", "points"),
    figure("showRate", "percent"),
    figure("onTimeHandover", "percent"),
    figure("extraWorkApproval", "percent"),
    {
      key: "complaints",
      title: t("locale.report.complaints"),
      align: "right",
      sorter: (a, b) => a.complaints - b.complaints,
      render: (_, row) => (
        <span className="tabular" data-testid={`league-complaints-${row.advisorId}`}>
          {formatFigure(row.complaints, "count", lang)}
        </span>
      ),
    },
  ];
  return (
    <section className="panel report-league">
      <Typography.Title level={5}>{t("locale.report.league")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("reports.leagueHint")}</Typography.Paragraph>
      <Table<LeagueRow>
        data-testid="advisor-league"
        size="small"
        rowKey="advisorId"
        loading={loading}
        dataSource={[...rows]}
        columns={columns}
        pagination={false}
        scroll={{ x: "max-content" }}
        rowClassName={(row) => (row.advisorId === selected ? "league-selected" : "")}
        onRow={(row) => ({ "data-testid": `league-row-${row.advisorId}` }) as HTMLAttributes<HTMLElement>}
      />
    </section>
  );
}
