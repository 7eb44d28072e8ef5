import { deskNow } from "../clock";
import { GiftOutlined, PrinterOutlined, ReloadOutlined, SettingOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { App, Button, DatePicker, Flex, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { PlateTag } from "../archive/tags";
import { useCan } from "../auth/session";
import type { CareCall, CareKind, Language, Printed, Segment } from "../bindings";
import { errorText } from "../errors";
import { formatDate, formatMobile, fromIsoDate, toIsoDate } from "../format";
import { formatLocal } from "../followup/model";
import { ReadFailure } from "../live/ReadFailure";
import { dateFormats } from "../visits/Order";
import { PrintedNotice } from "../visits/Print";
import { PickSelect } from "../visits/ui";
import { CarePanel } from "./CarePanel";
import { CareSettingsDrawer } from "./CareSettingsDrawer";
import { CARE_KINDS } from "./model";
import { careListQueryOf } from "./queries";
import { CareStatusTag } from "./ui";

/**
 * Proactive care (主动关怀): "we go to the customer". A list per occasion —
 * maintenance due, insurance expiring, annual inspection due, birthdays this
 * month, work declined at an earlier visit — worked like the follow-up calls,
 * printed as a call sheet with the same row numbers, and (for the manager)
 * turned into a campaign's segment.
 */
export function CareTab({
  lang,
  onMakeCampaign,
}: {
  lang: Language;
  /** The list's customers as a new campaign's segment. */
  onMakeCampaign: (segment: Segment, kind: CareKind) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const calls = can("call_customers");
  const plan = can("plan_campaigns");
  const [kind, setKind] = useState<CareKind>("maintenance_due");
  const [date, setDate] = useState(() => deskNow().format("YYYY-MM-DD"));
  const [open, setOpen] = useState<CareCall | null>(null);
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [making, setMaking] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);

  // Read again when a call is taken or worked on any desk, and when what the lists are drawn from changes.
  const query = useQuery(careListQueryOf(kind, date));
  const rows = query.data ?? null;

  const counts = useMemo(() => {
    const list = rows ?? [];
    return {
      due: list.filter((c) => c.status === "open" && c.due === "due").length,
      overdue: list.filter((c) => c.status === "open" && c.due === "overdue").length,
      done: list.filter((c) => c.status !== "open").length,
    };
  }, [rows]);

  const print = async () => {
    setPrinting(true);
    try {
      setPrinted(await api.printCareSheet(kind, date, lang));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setPrinting(false);
    }
  };

  const makeCampaign = async () => {
    setMaking(true);
    try {
      onMakeCampaign(await api.careSegment(kind), kind);
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setMaking(false);
    }
  };

  const columns: TableColumnsType<CareCall> = [
    {
      key: "row",
      title: t("campaigns.care.row"),
      width: 64,
      align: "center",
      className: "call-row-number",
      onCell: (c) =>
        ({
          "data-testid": `care-row-${c.row}`,
          "data-call-id": c.id,
          "data-status": c.status,
          onClick: () => setOpen(c),
        }) as HTMLAttributes<HTMLTableCellElement>,
      render: (_, c) => <span className="call-row-no tabular">{c.row}</span>,
    },
    { key: "customer", title: t("campaigns.guests.customer"), render: (_, c) => <span className="nowrap">{c.customerName}</span> },
    { key: "phone", title: t("campaigns.guests.phone"), render: (_, c) => <span className="tabular nowrap">{formatMobile(c.mobile)}</span> },
    {
      key: "vehicle",
      title: `${t("campaigns.guests.plate")} / ${t("campaigns.guests.model")}`,
      render: (_, c) =>
        c.vehicleId !== undefined ? (
          <div className="nowrap">
            <PlateTag plate={c.plate} />
            <div className="small muted">{c.vehicleLabel}</div>
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: "dueOn",
      title: t(`campaigns.care.dueOn.${kind}`),
      render: (_, c) => <span className="tabular nowrap">{formatDate(c.dueOn, lang)}</span>,
    },
    {
      key: "reason",
      title: t("campaigns.care.reason"),
      render: (_, c) => (
        <Typography.Text className="call-work" ellipsis={{ tooltip: c.reason }}>
          {c.reason}
        </Typography.Text>
      ),
    },
    { key: "status", title: t("campaigns.care.status"), render: (_, c) => <CareStatusTag call={c} testId={`care-status-${c.row}`} /> },
    {
      key: "attempts",
      title: t("campaigns.care.attempts"),
      align: "center",
      render: (_, c) => (
        <div className="nowrap">
          <span className="tabular">{c.attempts}</span>
          {c.lastOutcome && <div className="small muted">{t(`campaigns.care.outcomes.${c.lastOutcome}`)}</div>}
        </div>
      ),
    },
    {
      key: "note",
      title: t("campaigns.care.lastNote"),
      render: (_, c) =>
        c.lastNote ? (
          <Typography.Text className="call-work small" ellipsis={{ tooltip: c.lastNote }}>
            {c.lastNote}
          </Typography.Text>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: "next",
      title: t("campaigns.care.next"),
      render: (_, c) =>
        c.status !== "open" ? (
          <span className="muted">—</span>
        ) : c.callBackAt ? (
          <span className="tabular nowrap call-back-at">{t("followup.list.callBackAt", { at: formatLocal(c.callBackAt, lang) })}</span>
        ) : (
          <span className={c.due === "overdue" ? "overdue-text tabular nowrap" : "tabular nowrap"}>{formatDate(c.nextOn, lang)}</span>
        ),
    },
    { key: "caller", title: t("campaigns.care.caller"), render: (_, c) => c.callerName ?? <span className="muted">—</span> },
  ];

  return (
    <div className="panel care-list-panel" data-testid="care-list">
      <Flex justify="space-between" align="center" gap={12} wrap className="campaign-toolbar">
        <Flex align="center" gap={8} wrap>
          <PickSelect<CareKind>
            testId="care-kind"
            style={{ minWidth: 190 }}
            value={kind}
            onChange={(k) => setKind(k)}
            options={CARE_KINDS.map((k) => ({ value: k, text: t(`campaigns.care.kinds.${k}`) }))}
            aria-label={t("campaigns.care.kind")}
          />
          <Typography.Text>{t("campaigns.care.date")}</Typography.Text>
          <DatePicker
            data-testid="care-date"
            value={fromIsoDate(date)}
            format={dateFormats(lang)}
            allowClear={false}
            onChange={(d: Dayjs | null) => {
              const iso = toIsoDate(d);
              if (iso) setDate(iso);
            }}
          />
        </Flex>
        <Flex align="center" gap={8} wrap>
          <Tooltip title={t("campaigns.refresh")}>
            <Button
              icon={<ReloadOutlined />}
              loading={query.isFetching}
              onClick={() => void query.refetch()}
              aria-label={t("campaigns.refresh")}
            />
          </Tooltip>
          {calls && (
            <Button icon={<PrinterOutlined />} loading={printing} onClick={print} data-testid="care-print">
              {t("campaigns.care.print")}
            </Button>
          )}
          {plan && (
            <Button icon={<GiftOutlined />} loading={making} onClick={makeCampaign} data-testid="care-to-campaign">
              {t("campaigns.care.toCampaign")}
            </Button>
          )}
          {plan && (
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="care-settings">
              {t("campaigns.care.settings.open")}
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" className="small care-kind-hint">
        {t(`campaigns.care.hints.${kind}`)}
      </Typography.Paragraph>
      <Flex gap={12} wrap className="followup-counts" data-testid="care-counts">
        <Count label={t("campaigns.care.counts.due")} value={counts.due} testId="care-count-due" />
        <Count label={t("campaigns.care.counts.overdue")} value={counts.overdue} testId="care-count-overdue" bad={counts.overdue > 0} />
        <Count label={t("campaigns.care.counts.done")} value={counts.done} testId="care-count-done" />
      </Flex>
      {printed && <PrintedNotice printed={printed} lang={lang} onClose={() => setPrinted(null)} />}
      {query.error && (
        <div className="campaign-notice">
          <ReadFailure query={query} />
        </div>
      )}
      <Table<CareCall>
        data-testid="care-table"
        rowKey="id"
        size="small"
        className="followup-table"
        loading={rows === null && query.isFetching}
        dataSource={rows ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("campaigns.care.empty") }}
        onRow={(c) =>
          ({
            className: c.due === "overdue" && c.status === "open" ? "clickable-row call-overdue" : "clickable-row",
            "data-row": c.row,
            onClick: (e: React.MouseEvent) => {
              if ((e.target as HTMLElement).closest(".call-row-number")) return;
              setOpen(c);
            },
          }) as HTMLAttributes<HTMLTableRowElement>
        }
        columns={columns}
      />
      <CarePanel call={open} lang={lang} onClose={() => setOpen(null)} />
      {plan && <CareSettingsDrawer open={settingsOpen} lang={lang} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}

function Count({ label, value, testId, bad }: { label: string; value: number; testId: string; bad?: boolean }) {
  return (
    <div className={bad ? "followup-count followup-count-bad" : "followup-count"}>
      <span className="followup-count-value tabular" data-testid={testId}>
        {value}
      </span>
      <span className="small muted">{label}</span>
    </div>
  );
}
