import { ClockCircleOutlined, LoginOutlined, ReloadOutlined, UserOutlined, ToolOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, Flex, Progress, Result, Skeleton, Tag, Tooltip, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { Language, OnTime, VisitId, VisitSummary } from "../bindings";
import { errorText } from "../errors";
import { formatFigure } from "../figures";
import { formatDateTime, formatNumber } from "../format";
import { PlateTag } from "../archive/tags";
import { BOARD_COLUMNS, boardColumn, type BoardColumn } from "./options";
import { workshopBoardQuery } from "./queries";
import "./visits.css";

/** The board reads itself again this often while it is shown. */
export const BOARD_REFRESH_MS = 60_000;

/** Handovers on time as the dashboard shows them ("66.7%"), or "—" when none were handed over. */
export function onTimeRate(onTime: OnTime, lang: Language): string {
  return onTime.rate ? formatFigure(onTime.rate.percent, "percent", lang) : "—";
}

/** The visits of the board by column, in the board's order. */
export function groupByColumn(visits: VisitSummary[]): Record<BoardColumn, VisitSummary[]> {
  const columns = Object.fromEntries(BOARD_COLUMNS.map((c) => [c, [] as VisitSummary[]])) as Record<
    BoardColumn,
    VisitSummary[]
  >;
  for (const visit of visits) {
    const column = boardColumn(visit.state);
    if (column) columns[column].push(visit);
  }
  return columns;
}

/**
 * The workshop board (车间看板): every vehicle at the dealership by stage and
 * today's handovers, late ones marked, extra work waiting for the customer
 * flagged; on-time handover and today's load on top.
 */
export function WorkshopBoard({
  lang,
  onOpenVisit,
  onWalkIn,
}: {
  lang: Language;
  onOpenVisit: (id: VisitId) => void;
  onWalkIn?: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  // Read again on any change to a visit (on any desk), and every minute for
  // what only the clock changes (a handover becoming late).
  const query = useQuery({ ...workshopBoardQuery, refetchInterval: BOARD_REFRESH_MS });
  const board = query.data ?? null;
  const failure = query.error ? errorText(query.error, t) : null;
  const loading = query.isFetching;
  const readAt = query.dataUpdatedAt ? new Date(query.dataUpdatedAt).toISOString() : null;
  const refresh = () => void query.refetch();

  if (failure && !board) {
    return (
      <div data-testid="workshop-board" className="workshop-board">
        <Result
          status="warning"
          title={t("common.loadFailed")}
          subTitle={failure}
          extra={<Button onClick={refresh}>{t("common.retry")}</Button>}
        />
      </div>
    );
  }

  const columns = board ? groupByColumn(board.visits) : null;
  const load = board?.loadToday;
  const loadPercent = load && load.capacityMinutes > 0 ? Math.round((load.bookedMinutes / load.capacityMinutes) * 100) : 0;

  return (
    <div data-testid="workshop-board" className="workshop-board" aria-busy={loading}>
      <div className="panel board-head">
        <Flex justify="space-between" align="center" gap={24} wrap>
          <Flex gap={32} wrap>
            <Stat
              label={t("visits.board.onTimeToday")}
              value={board ? onTimeRate(board.onTimeToday, lang) : "…"}
              testId="on-time-today"
              onTime={board?.onTimeToday}
            />
            <Stat
              label={t("visits.board.onTime30")}
              value={board ? onTimeRate(board.onTime30Days, lang) : "…"}
              testId="on-time-30"
              onTime={board?.onTime30Days}
            />
            <div className="board-stat board-load" data-testid="workshop-load">
              <div className="stat-label">{t("visits.board.load")}</div>
              <Flex gap={12} align="center">
                <div className="stat-value">
                  {load
                    ? t("visits.board.loadHours", {
                        booked: formatNumber(Math.round(load.bookedMinutes / 6) / 10, lang),
                        capacity: formatNumber(Math.round(load.capacityMinutes / 6) / 10, lang),
                      })
                    : "…"}
                </div>
                {load && load.capacityMinutes > 0 && (
                  <Progress
                    type="circle"
                    size={40}
                    percent={Math.min(loadPercent, 100)}
                    format={() => `${loadPercent}%`}
                    status={loadPercent > 100 ? "exception" : "normal"}
                  />
                )}
              </Flex>
            </div>
          </Flex>
          <Flex gap={8} align="center">
            {readAt && (
              <Typography.Text type="secondary" className="small">
                {t("visits.board.readAt", { time: formatDateTime(readAt, lang) })}
              </Typography.Text>
            )}
            {onWalkIn && can("serve_visits") && (
              <Button icon={<LoginOutlined />} onClick={onWalkIn} data-testid="board-walkin">
                {t("visits.walkIn.start")}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={refresh} loading={loading} data-testid="board-refresh">
              {t("visits.board.refresh")}
            </Button>
          </Flex>
        </Flex>
      </div>

      {!columns ? (
        <div className="panel">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : (
        <div className="board-columns">
          {BOARD_COLUMNS.map((column) => (
            <section key={column} className="board-column" data-testid={`board-column-${column}`}>
              <header className="board-column-head">
                <span>{t(`visits.board.columns.${column}`)}</span>
                <Badge count={columns[column].length} showZero color={columns[column].length ? "#0f6e8c" : "#b9c3c9"} />
              </header>
              <div className="board-column-body">
                {columns[column].length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("visits.board.empty")} />
                ) : (
                  columns[column].map((visit) => (
                    <VisitCard key={visit.id} visit={visit} lang={lang} onOpen={() => onOpenVisit(visit.id)} />
                  ))
                )}
              </div>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

function Stat({ label, value, testId, onTime }: { label: string; value: string; testId: string; onTime?: OnTime }) {
  const { t } = useTranslation();
  return (
    <div className="board-stat">
      <div className="stat-label">{label}</div>
      <Tooltip title={onTime ? t("visits.board.onTimeDetail", { onTime: onTime.onTime, total: onTime.handedOver }) : undefined}>
        <div
          className="stat-value"
          data-testid={testId}
          data-on-time={onTime?.onTime}
          data-handed-over={onTime?.handedOver}
        >
          {value}
        </div>
      </Tooltip>
    </div>
  );
}

function VisitCard({ visit, lang, onOpen }: { visit: VisitSummary; lang: Language; onOpen: () => void }) {
  const { t } = useTranslation();
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onOpen();
    }
  };
  const handedOver = visit.state === "handed_over" || visit.state === "followed_up";
  return (
    <div
      role="button"
      tabIndex={0}
      className={`board-card${visit.overdue ? " board-card-overdue" : ""}`}
      data-testid={`workshop-card-${visit.id}`}
      data-state={visit.state}
      data-overdue={visit.overdue}
      onClick={onOpen}
      onKeyDown={onKey}
    >
      <Flex justify="space-between" align="center" gap={6}>
        <span className="board-card-number tabular">{visit.number}</span>
        <Flex gap={4}>
          {visit.overdue && (
            <Tag color="red" className="board-tag" data-testid={`workshop-overdue-${visit.id}`}>
              {t("visits.board.overdue")}
            </Tag>
          )}
          {visit.walkIn && <Tag className="board-tag">{t("visits.board.walkIn")}</Tag>}
        </Flex>
      </Flex>
      <Flex gap={8} align="center" className="board-card-vehicle">
        <PlateTag plate={visit.plate} />
        <span className="board-card-model">{visit.vehicleLabel}</span>
      </Flex>
      <div className="board-card-customer">{visit.customerName}</div>
      <div className="board-card-meta small">
        <span>
          <UserOutlined /> {visit.advisorName}
        </span>
        <span>
          <ToolOutlined /> {visit.technicianName ?? t("visits.board.noTechnician")}
        </span>
      </div>
      <div className={`board-card-promise small${visit.overdue ? " overdue-text" : ""}`}>
        <ClockCircleOutlined />{" "}
        {handedOver && visit.handedOverAt
          ? t("visits.board.handedOverAt", { at: formatDateTime(visit.handedOverAt, lang) })
          : visit.promisedAt
            ? t("visits.board.promised", { at: formatDateTime(visit.promisedAt, lang) })
            : t("visits.board.noPromise")}
      </div>
      {visit.extraWorkWaiting > 0 && (
        <div className="board-card-extra" data-testid={`workshop-extra-${visit.id}`}>
          <Badge status="warning" text={t("visits.board.extraWaiting", { n: visit.extraWorkWaiting })} />
        </div>
      )}
    </div>
  );
}
