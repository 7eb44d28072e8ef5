import { PlusOutlined } from "@ant-design/icons";
import { Empty, Progress, Table, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { Fragment, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type {
  AdvisorShowRate,
  AppointmentBoard,
  BoardAdvisor,
  DayLoad,
  Language,
  StaffId,
  VisitId,
  VisitSummary,
} from "../bindings";
import { formatFigure } from "../figures";
import { PlateTag } from "../archive/tags";
import {
  atOf,
  cellVisits,
  dayLabel,
  dayOf,
  dayVisits,
  hhmm,
  isOpen,
  isoDate,
  now,
  parseAt,
  withinHours,
} from "./model";
import { ReplacementCarIcon, StateTag, UnpreparedTag } from "./tags";

/** Enter or Space acts like a click, for what is not a button element. */
function onActivate(action: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      e.stopPropagation();
      action();
    }
  };
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** One day's workshop load: booked repair hours against capacity, red when over. */
export function LoadBar({ load, label, compact = false }: { load: DayLoad; label?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const percent = load.capacityMinutes > 0 ? Math.round((load.bookedMinutes / load.capacityMinutes) * 100) : 0;
  const over = load.bookedMinutes > load.capacityMinutes;
  const text = t("appointments.load.text", { booked: hours(load.bookedMinutes), capacity: hours(load.capacityMinutes) });
  const overText = over ? t("appointments.load.over", { hours: hours(load.bookedMinutes - load.capacityMinutes) }) : null;
  const bar = (
    <Progress
      percent={Math.min(percent, 100)}
      status={over ? "exception" : "normal"}
      strokeColor={over ? "#cf1322" : percent >= 85 ? "#d48806" : undefined}
      format={() => `${percent}%`}
      size="small"
    />
  );
  if (compact) {
    return (
      <Tooltip title={overText ? `${text} · ${overText}` : text}>
        <div
          className={`load-bar load-compact${over ? " load-over" : ""}`}
          data-testid={`load-summary-${load.date}`}
          data-percent={percent}
          aria-label={`${label ?? ""} ${text}`}
        >
          {label && <span className="load-label">{label}</span>}
          {bar}
        </div>
      </Tooltip>
    );
  }
  return (
    <div className={`load-bar${over ? " load-over" : ""}`} data-testid={`load-${load.date}`} data-percent={percent}>
      <div className="load-head">
        {label && <span className="load-label">{label}</span>}
        <Typography.Text type={over ? "danger" : "secondary"} className="small tabular">
          {text}
        </Typography.Text>
      </div>
      {bar}
      {overText && (
        <Typography.Text type="danger" className="small">
          {overText}
        </Typography.Text>
      )}
    </div>
  );
}

/** The load of the days shown, above the grid: in detail for a day, one bar per day for a week. */
export function LoadPanel({ board, lang }: { board: AppointmentBoard; lang: Language }) {
  const { t } = useTranslation();
  const week = board.load.length > 1;
  return (
    <div className="panel board-load" data-testid="board-load">
      <Tooltip title={t("appointments.load.hint")}>
        <span className="panel-title">{t("appointments.load.title")}</span>
      </Tooltip>
      <div className={week ? "load-week" : "load-day"}>
        {board.load.map((load) => (
          <LoadBar key={load.date} load={load} label={week ? dayLabel(load.date, lang) : undefined} compact={week} />
        ))}
      </div>
    </div>
  );
}

/** An appointment in a cell of the day view. */
function DayCard({ visit, onOpen }: { visit: VisitSummary; onOpen: (id: VisitId) => void }) {
  const { t } = useTranslation();
  const open = () => onOpen(visit.id);
  return (
    <div
      role="button"
      tabIndex={0}
      className={`appt-card appt-${visit.state}`}
      data-testid={`appointment-card-${visit.id}`}
      data-state={visit.state}
      aria-label={t("appointments.board.cardLabel", {
        time: hhmm(visit.appointmentAt ?? ""),
        customer: visit.customerName,
        plate: visit.plate ?? "",
        work: visit.requestedWork,
      })}
      onClick={(e) => {
        e.stopPropagation();
        open();
      }}
      onKeyDown={onActivate(open)}
    >
      <div className="appt-line">
        <span className="appt-time tabular">{hhmm(visit.appointmentAt ?? "")}</span>
        <StateTag state={visit.state} />
        {visit.replacementCar && <ReplacementCarIcon />}
      </div>
      <div className="appt-customer">{visit.customerName}</div>
      <div className="appt-line">
        <PlateTag plate={visit.plate} />
        <span className="appt-work" title={visit.requestedWork}>
          {visit.requestedWork}
        </span>
      </div>
      {isOpen(visit.state) && <UnpreparedTag items={visit.unprepared} />}
    </div>
  );
}

/** The day view: a column per advisor, a row per slot. */
export function DayGrid({
  board,
  date,
  canBook,
  onOpen,
  onBook,
}: {
  board: AppointmentBoard;
  date: Dayjs;
  canBook: boolean;
  onOpen: (id: VisitId) => void;
  onBook: (advisor: StaffId, date: string, slot: string) => void;
}) {
  const { t } = useTranslation();
  const day = isoDate(date);
  const moment = now();
  if (board.advisors.length === 0) {
    return (
      <div className="panel">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("appointments.board.noAdvisors")} />
      </div>
    );
  }
  const cell = (advisor: BoardAdvisor, slot: string) => {
    const visits = cellVisits(board, day, advisor.id, slot);
    const off = !withinHours(slot, advisor);
    const past = !parseAt(atOf(day, slot)).isAfter(moment);
    const taken = visits.some((v) => isOpen(v.state));
    const bookable = canBook && !off && !past && !taken;
    const book = () => onBook(advisor.id, day, hhmm(slot));
    const classes = ["board-cell", off && "cell-off", past && "cell-past", bookable && "cell-bookable"]
      .filter(Boolean)
      .join(" ");
    return (
      <div
        key={`${advisor.id}-${slot}`}
        className={classes}
        data-testid={`board-cell-${advisor.id}-${hhmm(slot)}`}
        role={bookable ? "button" : "gridcell"}
        tabIndex={bookable ? 0 : undefined}
        aria-label={bookable ? `${t("appointments.board.bookHere")} ${advisor.name} ${hhmm(slot)}` : undefined}
        title={off ? t("appointments.board.offHours") : undefined}
        onClick={bookable ? book : undefined}
        onKeyDown={bookable ? onActivate(book) : undefined}
      >
        {visits.map((v) => (
          <DayCard key={v.id} visit={v} onOpen={onOpen} />
        ))}
        {bookable && visits.length === 0 && (
          <span className="cell-add" aria-hidden>
            <PlusOutlined />
          </span>
        )}
      </div>
    );
  };
  return (
    <div className="panel board-scroll">
      <div
        className="board-grid"
        role="grid"
        data-testid="board-grid"
        style={{
          gridTemplateColumns: `64px repeat(${board.advisors.length}, minmax(176px, 1fr))`,
          minWidth: 64 + board.advisors.length * 176,
        }}
      >
        <div className="board-corner">{t("appointments.board.time")}</div>
        {board.advisors.map((a) => (
          <div key={a.id} className="board-advisor" data-testid={`board-advisor-${a.id}`}>
            <div className="board-advisor-name">{a.name}</div>
            <div className="board-advisor-hours tabular">
              {t("appointments.board.hours", { from: hhmm(a.from), to: hhmm(a.to) })}
            </div>
          </div>
        ))}
        {board.slots.map((slot) => (
          <Fragment key={slot}>
            <div className="board-time tabular" data-testid={`board-slot-${hhmm(slot)}`}>
              {hhmm(slot)}
            </div>
            {board.advisors.map((a) => cell(a, slot))}
          </Fragment>
        ))}
      </div>
    </div>
  );
}

/** The week view: a column per day, its appointments and its load. */
export function WeekGrid({
  board,
  lang,
  onOpen,
  onOpenDay,
}: {
  board: AppointmentBoard;
  lang: Language;
  onOpen: (id: VisitId) => void;
  onOpenDay: (date: string) => void;
}) {
  const { t } = useTranslation();
  const today = isoDate(now());
  const days = Array.from({ length: board.days }, (_, i) => isoDate(dayOf(board.from).add(i, "day")));
  return (
    <div className="panel board-scroll">
      <div
        className="week-grid"
        data-testid="week-grid"
        style={{ gridTemplateColumns: `repeat(${days.length}, minmax(0, 1fr))` }}
      >
        {days.map((day) => {
          const visits = dayVisits(board.visits, day);
          const load = board.load.find((l) => l.date === day);
          const active = visits.filter((v) => v.state !== "cancelled").length;
          return (
            <div key={day} className={`week-day${day === today ? " week-today" : ""}`} data-testid={`week-day-${day}`}>
              <button
                type="button"
                className="week-day-head"
                onClick={() => onOpenDay(day)}
                aria-label={t("appointments.board.openDay", { date: dayLabel(day, lang) })}
              >
                <span className="week-day-name">{dayLabel(day, lang)}</span>
                <span className="week-day-count small">{t("appointments.board.count", { n: active })}</span>
              </button>
              {load && <LoadBar load={load} />}
              <div className="week-day-list">
                {visits.length === 0 && (
                  <Typography.Text type="secondary" className="small">
                    {t("appointments.board.noAppointments")}
                  </Typography.Text>
                )}
                {visits.map((v) => (
                  <div
                    key={v.id}
                    role="button"
                    tabIndex={0}
                    className={`appt-card appt-compact appt-${v.state}`}
                    data-testid={`appointment-card-${v.id}`}
                    data-state={v.state}
                    onClick={() => onOpen(v.id)}
                    onKeyDown={onActivate(() => onOpen(v.id))}
                  >
                    <div className="appt-line">
                      <span className="appt-time tabular">{hhmm(v.appointmentAt ?? "")}</span>
                      <span className="appt-advisor">{v.advisorName}</span>
                      {v.replacementCar && <ReplacementCarIcon />}
                    </div>
                    <div className="appt-line">
                      <span className="appt-customer">{v.customerName}</span>
                      <StateTag state={v.state} />
                    </div>
                    <div className="appt-line">
                      <PlateTag plate={v.plate} />
                    </div>
                    {isOpen(v.state) && <UnpreparedTag items={v.unprepared} />}
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

type RateRow = AdvisorShowRate & { name: string };

/** Each advisor's show rate over the days shown up to today (the backend's, `kpi::show_rate`); null when no day shown has begun. */
export function showRateRows(board: AppointmentBoard, today: string): RateRow[] | null {
  const days = Array.from({ length: board.days }, (_, i) => isoDate(dayOf(board.from).add(i, "day")));
  if (!days.some((d) => d <= today)) return null;
  return board.showRateToDate.map((rate) => ({
    ...rate,
    name: board.advisors.find((a) => a.id === rate.advisorId)?.name ?? String(rate.advisorId),
  }));
}

export function ShowRates({ board, lang }: { board: AppointmentBoard; lang: Language }) {
  const { t } = useTranslation();
  const rows = showRateRows(board, isoDate(now()));
  if (rows === null) return null;
  return (
    <div className="panel show-rates" data-testid="show-rates">
      <div className="panel-head">
        <span className="panel-title">{t("appointments.showRates.title")}</span>
        <Typography.Text type="secondary" className="small">
          {t("appointments.showRates.hint")}
        </Typography.Text>
      </div>
      <Table<RateRow>
        size="small"
        pagination={false}
        rowKey="advisorId"
        dataSource={rows}
        onRow={(row) => ({ "data-testid": `show-rate-${row.advisorId}` }) as object}
        columns={[
          { key: "name", title: t("appointments.showRates.advisor"), dataIndex: "name" },
          { key: "booked", title: t("appointments.showRates.booked"), dataIndex: "booked", align: "right" },
          { key: "shown", title: t("appointments.showRates.shown"), dataIndex: "shown", align: "right" },
          { key: "noShows", title: t("appointments.showRates.noShows"), dataIndex: "noShows", align: "right" },
          {
            key: "rate",
            title: t("appointments.showRates.rate"),
            align: "right",
            render: (_, row) => (
              <span className="tabular" data-testid="show-rate-value">
                {row.rate ? formatFigure(row.rate.percent, "percent", lang) : "—"}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
