import { useQuery } from "@tanstack/react-query";
import { Drawer, Table, Typography, type TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { KpiKey, Language, ReportQuery, ReportRecord } from "../bindings";
import { formatDate } from "../format";
import { ReadFailure } from "../live/ReadFailure";
import { useNavigate } from "../shell/navigation";
import { destinationOf } from "./model";
import { recordsQueryOf } from "./queries";

/**
 * The records behind a figure (the drill-down): kind, number, customer and
 * the day that put each in the period; a click on a row opens the record.
 */
export function RecordsDrawer({
  query,
  kpi,
  lang,
  onClose,
}: {
  query: ReportQuery;
  kpi: KpiKey | null;
  lang: Language;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Drawer
      open={kpi !== null}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={kpi ? t("reports.recordsOf", { kpi: t(`locale.kpiKey.${kpi}`) }) : t("locale.report.records")}
      data-testid="kpi-records-drawer"
    >
      {kpi && <Records query={query} kpi={kpi} lang={lang} onOpen={(r) => navigate(destinationOf(r.kind, r.id))} />}
    </Drawer>
  );
}

function Records({
  query,
  kpi,
  lang,
  onOpen,
}: {
  query: ReportQuery;
  kpi: KpiKey;
  lang: Language;
  onOpen: (record: ReportRecord) => void;
}) {
  const { t } = useTranslation();
  const records = useQuery(recordsQueryOf(query, kpi));
  const columns: TableColumnsType<ReportRecord> = [
    {
      key: "kind",
      title: t("locale.report.kind"),
      width: 120,
      render: (_, r) => t(`locale.recordKind.${r.kind}`),
    },
    {
      key: "number",
      title: t("locale.report.number"),
      render: (_, r) => <span className="tabular">{r.number}</span>,
    },
    {
      key: "customer",
      title: t("locale.report.customer"),
      dataIndex: "customerName",
    },
    {
      key: "date",
      title: t("locale.report.date"),
      width: 140,
      sorter: (a, b) => a.on.localeCompare(b.on),
      render: (_, r) => <span className="tabular">{formatDate(r.on, lang)}</span>,
    },
  ];
  if (records.error) return <ReadFailure query={records} testId="kpi-records-failed" />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t("reports.recordsHint")}</Typography.Paragraph>
      <Table<ReportRecord>
        data-testid="kpi-records"
        size="small"
        rowKey={(r) => `${r.kind}-${r.id}`}
        loading={records.isPending}
        dataSource={records.data ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t("reports.noRecords") }}
        rowClassName="report-record-row"
        onRow={(r) =>
          ({
            "data-testid": `kpi-record-${r.id}`,
            onClick: () => onOpen(r),
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </>
  );
}
