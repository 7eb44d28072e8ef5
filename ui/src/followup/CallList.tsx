import { deskNow } from "../clock";
import { PrinterOutlined, ReloadOutlined, UserAddOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, DatePicker, Flex, Input, Table, Tooltip, Typography } from "antd";
import type { CheckboxProps, InputRef, TableColumnsType } from "antd";
import type { Dayjs } from "dayjs";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useRef, useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan, useSession } from "../auth/session";
import type { CallFilter, FollowUpCall, Language, Printed, StaffId } from "../bindings";
import { errorText, toIssues } from "../errors";
import { formatDate, formatMobile, formatNumber, fromIsoDate, toIsoDate } from "../format";
import { ExportButton } from "../archive/ExportButton";
import { PlateTag } from "../archive/tags";
import { dateFormats } from "../visits/Order";
import { PrintedNotice } from "../visits/Print";
import { PickSelect } from "../visits/ui";
import { formatCsi, formatLocal, followUpIssueText, printCallSheet } from "./model";
import { serviceStaffQuery } from "../appointments/queries";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { callListQueryOf, followUpCallersQuery } from "./queries";
import { CallStatusTag } from "./ui";

type Filters = { date: string; advisorId?: StaffId; callerId?: StaffId; untaken: boolean };

/** The filter as the backend reads it: only what is set. */
export function callFilter(f: Filters): CallFilter {
  const filter: CallFilter = { date: f.date };
  if (f.advisorId !== undefined) filter.advisorId = f.advisorId;
  if (f.callerId !== undefined) filter.callerId = f.callerId;
  if (f.untaken) filter.untaken = true;
  return filter;
}

/**
 * The day's call list (电话列表): the row numbers of the printed sheet, who is
 * due and overdue, taking calls, printing the sheet, and "go to row" for
 * typing the answers back from paper. A row opens the call.
 */
export function CallList({
  lang,
  onOpen,
  jumpRef,
}: {
  lang: Language;
  onOpen: (call: FollowUpCall) => void;
  /** The "go to row" box, to give it the focus back when a call is closed. */
  jumpRef?: React.RefObject<InputRef | null>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const session = useSession();
  const me = session.info.staff;
  // The store lets the service manager give any open call to any caller; follow-up staff take for themselves.
  const manager = me.role === "service_manager";
  const calls = can("call_customers");
  const [filters, setFilters] = useState<Filters>(() => ({ date: deskNow().format("YYYY-MM-DD"), untaken: false }));
  const [ticked, setTicked] = useState<number[]>([]);
  const [giveTo, setGiveTo] = useState<StaffId>(me.id);
  const [taking, setTaking] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [jump, setJump] = useState("");
  const ownJumpRef = useRef<InputRef>(null);
  const jumpBox = jumpRef ?? ownJumpRef;

  // Read again when a call changes on any desk (taken, made, given to someone else).
  const query = useQuery(callListQueryOf(callFilter(filters)));
  const rows = query.data ?? null;
  const loading = query.isFetching;
  // What was ticked and is no longer on the list is no longer ticked.
  const selected = rows ? ticked.filter((id) => rows.some((c) => c.id === id)) : ticked;
  const changed = useChanged();

  // Who to filter by and give calls to, kept live like the rows.
  const advisors = (useQuery({ ...serviceStaffQuery, enabled: calls }).data ?? []).filter(
    (c) => c.role === "service_advisor",
  );
  const callers = useQuery(followUpCallersQuery).data ?? [];

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
      setPrinted(await printCallSheet(callFilter(filters), lang));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setPrinting(false);
    }
  };

  const take = async () => {
    if (selected.length === 0) {
      message.info(t("followup.list.selectFirst"));
      return;
    }
    const callerId = manager ? giveTo : me.id;
    setTaking(true);
    try {
      await api.takeFollowUpCalls(selected, callerId);
      const name = callers.find((c) => c.id === callerId)?.name ?? me.name;
      message.success(
        callerId === me.id
          ? t("followup.list.taken", { n: selected.length })
          : t("followup.list.assigned", { n: selected.length, name }),
      );
      setTicked([]);
      changed("follow_up");
    } catch (error) {
      message.error(toIssues(error).map((i) => followUpIssueText(i, t, lang)).join("；"));
    } finally {
      setTaking(false);
    }
  };

  const goToRow = () => {
    const n = Number(jump.trim());
    const call = Number.isInteger(n) ? rows?.find((c) => c.row === n) : undefined;
    if (call) {
      onOpen(call);
    } else if (jump.trim() !== "") {
      message.warning(t("followup.list.noRow", { n: jump.trim() }));
    }
  };

  const columns: TableColumnsType<FollowUpCall> = [
    {
      key: "row",
      title: t("followup.list.row"),
      width: 64,
      align: "center",
      className: "call-row-number",
      onCell: (c) =>
        ({
          "data-testid": `followup-row-${c.row}`,
          "data-call-id": c.id,
          "data-status": c.status,
          onClick: () => onOpen(c),
        }) as HTMLAttributes<HTMLTableCellElement>,
      render: (_, c) => <span className="call-row-no tabular">{c.row}</span>,
    },
    ...(calls ? [Table.SELECTION_COLUMN] : []),
    {
      key: "customer",
      title: t("followup.list.customer"),
      render: (_, c) => <span className="call-customer">{c.customerName}</span>,
    },
    {
      key: "phone",
      title: t("followup.list.phone"),
      render: (_, c) => <span className="tabular nowrap">{formatMobile(c.mobile)}</span>,
    },
    {
      key: "vehicle",
      title: `${t("followup.list.plate")} / ${t("followup.list.model")}`,
      render: (_, c) => (
        <div className="nowrap">
          <PlateTag plate={c.plate} />
          <div className="small muted">{c.vehicleLabel}</div>
        </div>
      ),
    },
    {
      key: "work",
      title: t("followup.list.work"),
      render: (_, c) => (
        <Typography.Text className="call-work" ellipsis={{ tooltip: c.workDone }}>
          {c.workDone}
        </Typography.Text>
      ),
    },
    { key: "advisor", title: t("followup.list.advisor"), render: (_, c) => c.advisorName },
    {
      key: "handedOver",
      title: t("followup.list.handedOver"),
      render: (_, c) => <span className="tabular nowrap">{formatDate(c.handedOverOn, lang)}</span>,
    },
    {
      key: "window",
      title: t("followup.list.window"),
      render: (_, c) => (
        <div className="tabular nowrap small">
          <div>{formatDate(c.dueFrom, lang)}</div>
          <div className={c.due === "overdue" ? "overdue-text" : "muted"}>{formatDate(c.dueTo, lang)}</div>
        </div>
      ),
    },
    {
      key: "status",
      title: t("followup.list.status"),
      render: (_, c) => <CallStatusTag call={c} testId={`followup-status-${c.row}`} />,
    },
    {
      key: "attempts",
      title: t("followup.list.attempts"),
      align: "center",
      render: (_, c) => (
        <div className="nowrap">
          <span className="tabular">{c.attempts}</span>
          {c.lastOutcome && <div className="small muted">{t(`followup.outcomes.${c.lastOutcome}`)}</div>}
        </div>
      ),
    },
    {
      key: "next",
      title: t("followup.list.next"),
      render: (_, c) =>
        c.status !== "open" ? (
          <span className="muted">—</span>
        ) : c.callBackAt ? (
          <span className="tabular nowrap call-back-at">{t("followup.list.callBackAt", { at: formatLocal(c.callBackAt, lang) })}</span>
        ) : (
          <span className={c.due === "overdue" ? "overdue-text tabular nowrap" : "tabular nowrap"}>
            {formatDate(c.nextOn, lang)}
          </span>
        ),
    },
    {
      key: "caller",
      title: t("followup.list.caller"),
      render: (_, c) => c.callerName ?? <span className="muted">{t("followup.list.notTaken")}</span>,
    },
    {
      key: "csi",
      title: t("followup.list.csi"),
      align: "right",
      render: (_, c) =>
        c.csi !== undefined ? (
          <span className="tabular call-csi-cell" data-value={c.csi}>
            {formatCsi(c.csi)}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];

  return (
    <div className="panel followup-list-panel" data-testid="followup-list">
      <Flex justify="space-between" align="center" gap={12} wrap className="followup-toolbar">
        <Flex align="center" gap={8} wrap>
          <Typography.Text>{t("followup.list.date")}</Typography.Text>
          <DatePicker
            data-testid="followup-date"
            value={fromIsoDate(filters.date)}
            format={dateFormats(lang)}
            allowClear={false}
            onChange={(d: Dayjs | null) => {
              const iso = toIsoDate(d);
              if (iso) setFilters((f) => ({ ...f, date: iso }));
            }}
          />
          {calls && (
            <PickSelect<number>
              testId="followup-advisor"
              allowClear
              placeholder={t("followup.list.allAdvisors")}
              style={{ minWidth: 150 }}
              value={filters.advisorId}
              onChange={(v) => setFilters((f) => ({ ...f, advisorId: v ?? undefined }))}
              options={advisors.map((a) => ({ value: a.id, text: a.name }))}
            />
          )}
          {calls && (
            <PickSelect<number>
              testId="followup-caller"
              allowClear
              placeholder={t("followup.list.allCallers")}
              style={{ minWidth: 150 }}
              value={filters.callerId}
              disabled={filters.untaken}
              onChange={(v) => setFilters((f) => ({ ...f, callerId: v ?? undefined }))}
              options={callers.map((c) => ({ value: c.id, text: c.name }))}
            />
          )}
          {calls && (
            <Checkbox
              data-testid="followup-untaken"
              checked={filters.untaken}
              onChange={(e) =>
                setFilters((f) => ({ ...f, untaken: e.target.checked, callerId: e.target.checked ? undefined : f.callerId }))
              }
            >
              {t("followup.list.untaken")}
            </Checkbox>
          )}
        </Flex>
        <Flex align="center" gap={8} wrap>
          <Input
            ref={jumpBox}
            data-testid="followup-jump"
            className="followup-jump"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t("followup.list.jump")}
            title={t("followup.list.jumpHint")}
            aria-label={t("followup.list.jump")}
            value={jump}
            onChange={(e) => setJump(e.target.value.replace(/\D/g, ""))}
            onPressEnter={goToRow}
            onFocus={(e) => e.target.select()}
          />
          <Tooltip title={t("followup.list.refresh")}>
            <Button
              icon={<ReloadOutlined />}
              loading={loading}
              onClick={() => void query.refetch()}
              aria-label={t("followup.list.refresh")}
            />
          </Tooltip>
          {calls && (
            <Button icon={<PrinterOutlined />} loading={printing} onClick={print} data-testid="followup-print">
              {t("followup.list.print")}
            </Button>
          )}
          <ExportButton
            testId="followup-export"
            label={t("followup.list.export")}
            run={() => api.exportFollowUpCalls(callFilter(filters), lang)}
            done={(exported) =>
              t("followup.list.exported", { rows: formatNumber(exported.rows, lang), path: exported.path })
            }
          />
        </Flex>
      </Flex>
      <Flex gap={12} wrap className="followup-counts" data-testid="followup-counts">
        <Count label={t("followup.list.due")} value={counts.due} testId="followup-count-due" />
        <Count label={t("followup.list.overdue")} value={counts.overdue} testId="followup-count-overdue" bad={counts.overdue > 0} />
        <Count label={t("followup.list.done")} value={counts.done} testId="followup-count-done" />
        {calls && (
          <Flex align="center" gap={8} className="followup-take" wrap>
            {manager && (
              <>
                <Typography.Text type="secondary">{t("followup.list.takeFor")}</Typography.Text>
                <PickSelect<number>
                  testId="followup-give-to"
                  style={{ minWidth: 140 }}
                  value={giveTo}
                  onChange={(v) => setGiveTo(v)}
                  options={(callers.some((c) => c.id === me.id) ? callers : [{ id: me.id, name: me.name, role: me.role }, ...callers]).map(
                    (c) => ({ value: c.id, text: c.name }),
                  )}
                />
              </>
            )}
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              loading={taking}
              disabled={selected.length === 0}
              onClick={take}
              data-testid="followup-take"
            >
              {t("followup.list.take")}
              {selected.length > 0 && ` (${selected.length})`}
            </Button>
          </Flex>
        )}
      </Flex>
      {printed && <PrintedNotice printed={printed} lang={lang} onClose={() => setPrinted(null)} />}
      {query.error && (
        <div className="followup-failure">
          <ReadFailure query={query} />
        </div>
      )}
      <Table<FollowUpCall>
        data-testid="followup-table"
        rowKey="id"
        size="small"
        className="followup-table"
        loading={rows === null && loading}
        dataSource={rows ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("followup.list.empty") }}
        rowSelection={
          calls
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setTicked(keys.map(Number)),
                getCheckboxProps: (c) => ({
                  disabled: c.status !== "open" || (!manager && c.callerId !== undefined && c.callerId !== me.id),
                  "data-testid": `followup-select-${c.row}`,
                }) as CheckboxProps,
              }
            : undefined
        }
        onRow={(c) =>
          ({
            className: c.due === "overdue" && c.status === "open" ? "clickable-row call-overdue" : "clickable-row",
            "data-row": c.row,
            onClick: (e: React.MouseEvent) => {
              // The tick box selects; the row-number cell opens on its own.
              const target = e.target as HTMLElement;
              if (target.closest(".ant-table-selection-column") || target.closest(".call-row-number")) return;
              onOpen(c);
            },
          }) as HTMLAttributes<HTMLTableRowElement>
        }
        columns={columns}
      />
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
