import { DatabaseOutlined, ExportOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Checkbox, Empty, Flex, Input, Result, Space, Table, Typography } from "antd";
import type { InputRef, TableColumnsType } from "antd";
import { useEffect, useRef, useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerId, CustomerSummary, Language } from "../bindings";
import { api } from "../api";
import { useCan } from "../auth/session";
import { errorText } from "../errors";
import { formatMobile, formatNumber } from "../format";
import { useDebounced } from "../hooks";
import { ReadFailure } from "../live/ReadFailure";
import { ExportButton } from "./ExportButton";
import { ImportButton } from "../import/ImportButton";
import { archiveStatsQuery, customerSearchQueryOf } from "./queries";
import { GradeTag, LeadGradeTag, PlateTag } from "./tags";

/** What the list shows; kept by the archive module so "back" returns to it. */
export type ArchiveSearch = { text: string; leadsOnly: boolean; includeArchived: boolean };

export const SEARCH_DEBOUNCE_MS = 150;
const SEARCH_LIMIT = 200;

export function ArchiveList({
  search,
  onSearchChange,
  onOpenCustomer,
  onNewCustomer,
  lang,
}: {
  search: ArchiveSearch;
  onSearchChange: (search: ArchiveSearch) => void;
  onOpenCustomer: (id: CustomerId) => void;
  onNewCustomer: () => void;
  lang: Language;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const canEdit = can("edit_archive");
  const canLoadDemo = can("load_demo_data");
  const canExport = can("export_data");
  const [loadingDemo, setLoadingDemo] = useState(false);
  const [exporting, setExporting] = useState(false);
  const searchBox = useRef<InputRef>(null);
  const text = useDebounced(search.text, SEARCH_DEBOUNCE_MS);
  // Both read again when a customer or a vehicle changes on any desk. Each
  // search has its own key, so a slow answer to an older search never fills
  // the table; the previous rows stay while the next search is under way.
  const statsQuery = useQuery(archiveStatsQuery);
  const searchQuery = useQuery({
    ...customerSearchQueryOf({
      text,
      leadsOnly: search.leadsOnly,
      includeArchived: search.includeArchived,
      limit: SEARCH_LIMIT,
    }),
    placeholderData: keepPreviousData,
  });
  const stats = statsQuery.data ?? null;
  const rows = searchQuery.data ?? null;
  const searching = searchQuery.isFetching;
  const failed = searchQuery.error ? searchQuery : statsQuery.error ? statsQuery : null;

  // The search box takes the keyboard when the list opens — unless someone is
  // already typing elsewhere: a dialog opened while the list was still loading
  // keeps its focus.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) searchBox.current?.focus();
  }, []);

  const loadDemo = async () => {
    setLoadingDemo(true);
    try {
      const loaded = await api.loadDemoData();
      message.success(t("archive.demoLoaded", { customers: loaded.customers, vehicles: loaded.vehicles }));
      // The demo fills every part of the desk.
      void client.invalidateQueries();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setLoadingDemo(false);
    }
  };

  const archiveEmpty =
    stats !== null && stats.customers === 0 && stats.archived === 0 && search.text.trim() === "";

  const columns: TableColumnsType<CustomerSummary> = [
    {
      key: "name",
      title: t("archive.columns.name"),
      width: "28%",
      render: (_, row) => (
        <Space size={6} wrap={false}>
          <Typography.Text strong className="customer-name">
            {row.name}
          </Typography.Text>
          <GradeTag grade={row.grade} />
          <LeadGradeTag grade={row.leadGrade} />
        </Space>
      ),
    },
    {
      key: "mobile",
      title: t("archive.columns.mobile"),
      width: 150,
      render: (_, row) => <span className="tabular">{formatMobile(row.mobile)}</span>,
    },
    {
      key: "vehicles",
      title: t("archive.columns.vehicles"),
      render: (_, row) =>
        row.vehicles.length === 0 ? (
          <Typography.Text type="secondary">{t("archive.noVehicle")}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {row.vehicles.slice(0, 2).map((v) => (
              <Flex key={v.id} gap={8} align="center">
                <PlateTag plate={v.plate} />
                <Typography.Text>{v.model}</Typography.Text>
                <Typography.Text type="secondary" className="mono small">
                  …{v.vin.slice(-6)}
                </Typography.Text>
              </Flex>
            ))}
            {row.vehicles.length > 2 && (
              <Typography.Text type="secondary" className="small">
                {t("archive.moreVehicles", { n: row.vehicles.length - 2 })}
              </Typography.Text>
            )}
          </Flex>
        ),
    },
    {
      key: "status",
      title: t("archive.columns.status"),
      width: 110,
      render: (_, row) =>
        row.archived ? (
          <Badge status="default" text={t("archive.archived")} />
        ) : (
          <Badge status="success" text={t("archive.active")} />
        ),
    },
  ];

  const onRow = (row: CustomerSummary): HTMLAttributes<HTMLElement> => {
    const attributes: HTMLAttributes<HTMLElement> & Record<`data-${string}`, string> = {
      "data-testid": "customer-row",
      "data-customer-name": row.name,
      className: row.archived ? "customer-row row-archived" : "customer-row",
      tabIndex: 0,
      onClick: () => onOpenCustomer(row.id),
      onKeyDown: (event) => {
        if (event.key === "Enter") onOpenCustomer(row.id);
      },
    };
    return attributes;
  };

  /** The whole archive as a workbook, where the person picks (nothing when they cancel). */
  const exportArchive = async () => {
    setExporting(true);
    try {
      const exported = await api.exportArchive(lang);
      if (exported) {
        message.success(
          t("archive.exported", { rows: formatNumber(exported.rows, lang), path: exported.path }),
        );
      }
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setExporting(false);
    }
  };

  // Only the rows of the text as typed, not those of a search still under way.
  const openFirst = () => {
    if (rows && rows.length > 0 && text === search.text && !searchQuery.isPlaceholderData) onOpenCustomer(rows[0].id);
  };

  return (
    <Flex vertical gap={16} className="archive-list">
      <Flex justify="space-between" align="center" gap={16} wrap>
        <div data-testid="archive-stats" className="archive-stats">
          <Stat label={t("archive.stats.customers")} value={stats?.customers} lang={lang} />
          <Stat label={t("archive.stats.leads")} value={stats?.leads} lang={lang} />
          <Stat label={t("archive.stats.vehicles")} value={stats?.vehicles} lang={lang} />
          {stats !== null && stats.archived > 0 && (
            <Stat label={t("archive.stats.archived")} value={stats.archived} lang={lang} muted />
          )}
        </div>
        <Space>
          <ExportButton
            size="large"
            testId="archive-export-list"
            label={t("archive.exportList")}
            // Every customer the search finds — the list as filtered, not only the lines shown.
            run={() =>
              api.exportCustomerList(
                { text, leadsOnly: search.leadsOnly, includeArchived: search.includeArchived, limit: null },
                lang,
              )
            }
            done={(exported) =>
              t("archive.exportedList", { rows: formatNumber(exported.rows, lang), path: exported.path })
            }
          />
          {canExport && (
            <Button
              size="large"
              icon={<ExportOutlined />}
              loading={exporting}
              onClick={() => void exportArchive()}
              data-testid="archive-export"
            >
              {t("archive.export")}
            </Button>
          )}
          <ImportButton lang={lang} size="large" />
          {canEdit && (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={onNewCustomer}
              data-testid="archive-new-customer"
            >
              {t("archive.newCustomer")}
            </Button>
          )}
        </Space>
      </Flex>

      <div className="archive-toolbar">
        <Input
          ref={searchBox}
          size="large"
          allowClear
          prefix={<SearchOutlined className="search-icon" />}
          placeholder={t("archive.searchPlaceholder")}
          value={search.text}
          onChange={(e) => onSearchChange({ ...search, text: e.target.value })}
          onPressEnter={openFirst}
          data-testid="archive-search"
          aria-label={t("archive.searchPlaceholder")}
          autoComplete="off"
          spellCheck={false}
          className="archive-search"
        />
        <Space size={16} className="archive-filters">
          <Checkbox
            checked={search.leadsOnly}
            onChange={(e) => onSearchChange({ ...search, leadsOnly: e.target.checked })}
            data-testid="archive-leads-only"
          >
            {t("archive.leadsOnly")}
          </Checkbox>
          <Checkbox
            checked={search.includeArchived}
            onChange={(e) => onSearchChange({ ...search, includeArchived: e.target.checked })}
            data-testid="archive-show-archived"
          >
            {t("archive.showArchived")}
          </Checkbox>
        </Space>
      </div>

      {failed && <ReadFailure query={failed} />}

      {archiveEmpty ? (
        <div className="panel">
          <Result
            icon={<DatabaseOutlined className="empty-archive-icon" />}
            title={t("archive.emptyTitle")}
            subTitle={canEdit || canLoadDemo ? t("archive.emptyDescription") : t("archive.emptyReadOnly")}
            extra={
              <Space>
                {canEdit && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={onNewCustomer}>
                    {t("archive.newCustomer")}
                  </Button>
                )}
                {canLoadDemo && (
                  <Button loading={loadingDemo} onClick={loadDemo} data-testid="archive-load-demo">
                    {t("archive.loadDemo")}
                  </Button>
                )}
              </Space>
            }
          />
        </div>
      ) : (
        <div className="panel">
          <Table<CustomerSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows ?? []}
            loading={(rows === null && !searchQuery.error) || (searching && rows?.length === 0)}
            onRow={onRow}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, size: "small" }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    <>
                      <div>{t("archive.noResults")}</div>
                      <Typography.Text type="secondary">{t("archive.noResultsHint")}</Typography.Text>
                    </>
                  }
                />
              ),
            }}
            footer={
              rows && rows.length >= SEARCH_LIMIT ? () => t("archive.limitHint", { n: SEARCH_LIMIT }) : undefined
            }
          />
        </div>
      )}
    </Flex>
  );
}

function Stat({ label, value, lang, muted }: { label: string; value: number | undefined; lang: Language; muted?: boolean }) {
  return (
    <div className={muted ? "stat stat-muted" : "stat"}>
      <div className="stat-value">{value === undefined ? "–" : formatNumber(value, lang)}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
