import { LeftOutlined, PlusOutlined, RightOutlined, SettingOutlined } from "@ant-design/icons";
import { Button, DatePicker, Flex, Segmented, Space, Spin, Tabs, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { Colleague, Language, VisitId } from "../bindings";
import { datePickerFormat } from "../format";
import type { Request } from "../shell/navigation";
import { AppointmentDrawer } from "./AppointmentDrawer";
import { DayGrid, LoadPanel, ShowRates, WeekGrid } from "./Board";
import { BookingForm, type BookingPrefill } from "./BookingForm";
import { receivingStaff } from "./fields";
import { ReadFailure } from "../live/ReadFailure";
import { boardQueryOf, serviceStaffQuery } from "./queries";
import { dayLabel, dayOf, isoDate, mondayOf, now, shortDate } from "./model";
import { ScheduleSettings } from "./ScheduleSettings";
import { TomorrowView } from "./Tomorrow";
import "./appointments.css";

type View = "day" | "week";

const NO_STAFF: Colleague[] = [];
type Tab = "board" | "tomorrow";

/**
 * The appointments (预约): the board by day or week, booking, each
 * appointment's drawer, tomorrow's reminders and readiness, and the
 * schedule settings.
 */
export function AppointmentsModule({ lang, request }: { lang: Language; request: Request | null }) {
  const { t } = useTranslation();
  const can = useCan();
  const [tab, setTab] = useState<Tab>("board");
  const [view, setView] = useState<View>("day");
  const [date, setDate] = useState<Dayjs>(() => now().startOf("day"));
  const [booking, setBooking] = useState<BookingPrefill | null>(null);
  const [openVisit, setOpenVisit] = useState<VisitId | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const mayBook = can("book_visits");
  const mayPlan = can("plan_service");

  const from = view === "day" ? date : mondayOf(date);
  const days = view === "day" ? 1 : 7;
  const fromText = isoDate(from);

  // Another day keeps the board shown until its own has been read.
  const boardQuery = useQuery({ ...boardQueryOf(fromText, days), placeholderData: keepPreviousData });
  const board = boardQuery.data ?? null;
  const loading = boardQuery.isFetching;
  const error = boardQuery.error;
  // Without the list the pickers are empty; the board still shows.
  const staff = useQuery({ ...serviceStaffQuery, select: receivingStaff }).data ?? NO_STAFF;

  // The booking form opens on the day shown, unless that day is past.
  const bookingDay = date.isBefore(now().startOf("day")) ? isoDate(now()) : isoDate(date);

  // Sent here from a customer's page: the booking form for their vehicle.
  // Each request once, taken as it arrives (state adjusted while rendering, as
  // React advises for state that follows a prop).
  const [takenRequest, setTakenRequest] = useState<number | null>(null);
  if (request && request.serial !== takenRequest) {
    setTakenRequest(request.serial);
    if (request.module === "appointments" && request.book && mayBook) {
      setTab("board");
      setBooking({ date: bookingDay, customerId: request.book.customerId, vehicleId: request.book.vehicleId });
    }
  }

  const step = (direction: 1 | -1) => setDate((d) => d.add(direction * (view === "day" ? 1 : 7), "day"));
  const boardSlots = board?.slots ?? [];

  const toolbar = (
    <div className="panel board-toolbar">
      <Space wrap size={8}>
        <Space.Compact>
          <Tooltip title={view === "day" ? t("appointments.toolbar.prevDay") : t("appointments.toolbar.prevWeek")}>
            <Button
              icon={<LeftOutlined />}
              onClick={() => step(-1)}
              aria-label={view === "day" ? t("appointments.toolbar.prevDay") : t("appointments.toolbar.prevWeek")}
              data-testid="board-prev"
            />
          </Tooltip>
          <Button onClick={() => setDate(now().startOf("day"))} data-testid="board-today">
            {t("appointments.toolbar.today")}
          </Button>
          <Tooltip title={view === "day" ? t("appointments.toolbar.nextDay") : t("appointments.toolbar.nextWeek")}>
            <Button
              icon={<RightOutlined />}
              onClick={() => step(1)}
              aria-label={view === "day" ? t("appointments.toolbar.nextDay") : t("appointments.toolbar.nextWeek")}
              data-testid="board-next"
            />
          </Tooltip>
        </Space.Compact>
        <DatePicker
          value={date}
          onChange={(d) => d && setDate(d.startOf("day"))}
          format={datePickerFormat(lang)}
          allowClear={false}
          aria-label={t("appointments.toolbar.pickDate")}
          data-testid="board-date"
        />
        <Segmented<View>
          value={view}
          onChange={setView}
          data-testid="board-view"
          options={[
            { value: "day", label: <span data-testid="board-view-day">{t("appointments.toolbar.day")}</span> },
            { value: "week", label: <span data-testid="board-view-week">{t("appointments.toolbar.week")}</span> },
          ]}
        />
        <Typography.Text strong className="board-date-label" data-testid="board-date-label">
          {view === "day"
            ? dayLabel(date, lang)
            : t("appointments.toolbar.weekRange", {
                from: shortDate(from, lang),
                to: shortDate(from.add(6, "day"), lang),
              })}
        </Typography.Text>
      </Space>
      <Space wrap size={8}>
        {mayPlan && (
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="schedule-settings">
            {t("appointments.toolbar.settings")}
          </Button>
        )}
        {mayBook && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setBooking({ date: bookingDay })}
            data-testid="book-appointment"
          >
            {t("appointments.toolbar.book")}
          </Button>
        )}
      </Space>
    </div>
  );

  const boardView = (
    <Flex vertical gap={12} className="appointment-board">
      {toolbar}
      {error && !board ? (
        <ReadFailure query={boardQuery} variant="page" />
      ) : !board ? (
        <Flex justify="center" className="board-loading">
          <Spin description={t("appointments.board.loading")} />
        </Flex>
      ) : (
        <Spin spinning={loading} delay={300}>
          <Flex vertical gap={12}>
            <LoadPanel board={board} lang={lang} />
            {board.days === 1 ? (
              <DayGrid
                board={board}
                date={dayOf(board.from)}
                canBook={mayBook}
                onOpen={setOpenVisit}
                onBook={(advisorId, day, slot) => setBooking({ advisorId, date: day, slot })}
              />
            ) : (
              <WeekGrid
                board={board}
                lang={lang}
                onOpen={setOpenVisit}
                onOpenDay={(day) => {
                  setDate(dayOf(day));
                  setView("day");
                }}
              />
            )}
            <ShowRates board={board} lang={lang} />
          </Flex>
        </Spin>
      )}
    </Flex>
  );

  return (
    <div className="appointments" data-lang={lang}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        className="appointment-tabs"
        items={[
          {
            key: "board",
            label: <span data-testid="board-board">{t("appointments.tabs.board")}</span>,
            children: boardView,
          },
          {
            key: "tomorrow",
            label: <span data-testid="board-tomorrow">{t("appointments.tabs.tomorrow")}</span>,
            children: <TomorrowView lang={lang} onOpen={setOpenVisit} />,
          },
        ]}
      />
      <BookingForm
        prefill={booking}
        lang={lang}
        advisors={staff}
        slots={boardSlots}
        onClose={() => setBooking(null)}
        onBooked={(visit) => {
          setBooking(null);
          if (visit.appointmentAt) setDate(dayOf(visit.appointmentAt));
        }}
      />
      <AppointmentDrawer
        visitId={openVisit}
        lang={lang}
        advisors={staff}
        slots={boardSlots}
        onClose={() => setOpenVisit(null)}
      />
      <ScheduleSettings
        open={settingsOpen}
        lang={lang}
        advisors={staff}
        onClose={() => setSettingsOpen(false)}
        onSaved={() => setSettingsOpen(false)}
      />
    </div>
  );
}
