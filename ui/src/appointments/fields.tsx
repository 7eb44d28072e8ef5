// The pickers the booking form and the reschedule dialog share. Every option
// carries `data-testid="option-<value>"` (the end-to-end tests click the select,
// then the option); the chosen value is shown without it.

import { useQuery } from "@tanstack/react-query";
import { DatePicker, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AppointmentBoard, Colleague, Language, StaffId, VisitId } from "../bindings";
import { datePickerFormat } from "../format";
import { boardQueryOf } from "./queries";
import { DURATIONS, durationText, hhmm, isOpen, isoDate, now, slotFor, withinHours } from "./model";

/** One choice: its value, the text shown when chosen, and a note shown in the list only. */
export type Choice<V> = { value: V; text: string; note?: ReactNode; className?: string };

/**
 * An antd Select whose options carry `data-testid="option-<value>"` while the
 * list is open (a closed list stays in the page, hidden; two selects may offer
 * the same value), and which shows the chosen option as plain text.
 */
export function OptionSelect<V extends string | number>({
  choices,
  value,
  onChange,
  testId,
  placeholder,
  id,
  listHeight,
}: {
  choices: Choice<V>[];
  value?: V | null;
  onChange?: (value: V) => void;
  testId: string;
  placeholder?: string;
  id?: string;
  listHeight?: number;
}) {
  const [open, setOpen] = useState(false);
  const options = choices.map((c) => ({
    value: c.value,
    className: c.className,
    label: (
      <span data-testid={open ? `option-${c.value}` : undefined} className="select-option">
        {c.text}
        {c.note}
      </span>
    ),
  }));
  return (
    <Select<V>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      options={options}
      labelRender={({ value: chosen, label }) =>
        choices.find((c) => c.value === chosen)?.text ?? label ?? (chosen === undefined ? "" : String(chosen))
      }
      onOpenChange={setOpen}
      placeholder={placeholder}
      data-testid={testId}
      style={{ width: "100%" }}
      listHeight={listHeight}
      // Every option in the page, so that the late slots are found too.
      virtual={false}
    />
  );
}

/**
 * The board of one day, for the slots, the advisors' hours and who is booked
 * when: a query, so a booking made on another desk marks its slot at once.
 * Unread or failed, it is null and the slots come from the board the module
 * shows; the backend still checks.
 */
export function useDayBoard(date: string | null): AppointmentBoard | null {
  const query = useQuery({ ...boardQueryOf(date ?? "", 1), enabled: date !== null });
  return date === null ? null : (query.data ?? null);
}

/** The people who receive customers: service advisors and service managers. */
export function receivingStaff(staff: Colleague[]): Colleague[] {
  return staff.filter((c) => c.role === "service_advisor" || c.role === "service_manager");
}

export function AdvisorSelect({
  advisors,
  value,
  onChange,
  testId,
  id,
}: {
  advisors: Colleague[];
  value?: StaffId | null;
  onChange?: (value: StaffId) => void;
  testId: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const choices: Choice<StaffId>[] = advisors.map((a) => ({
    value: a.id,
    text: a.name,
    note:
      a.role === "service_manager" ? (
        <Typography.Text type="secondary" className="small option-note">
          {t("roles.service_manager")}
        </Typography.Text>
      ) : undefined,
  }));
  return (
    <OptionSelect<StaffId>
      id={id}
      value={value}
      onChange={onChange}
      choices={choices}
      placeholder={t("appointments.booking.advisorPlaceholder")}
      testId={testId}
    />
  );
}

export function DurationSelect({
  value,
  onChange,
  id,
}: {
  value?: number;
  onChange?: (value: number) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const minutes: number[] = [...DURATIONS];
  // A duration booked elsewhere (another length) stays shown as it is.
  if (typeof value === "number" && !minutes.includes(value)) minutes.push(value);
  return (
    <OptionSelect<number>
      id={id}
      value={value}
      onChange={onChange}
      choices={minutes.map((m) => ({ value: m, text: durationText(m, t) }))}
      testId="booking-duration"
    />
  );
}

/**
 * The slots of the chosen day, each marked when the chosen advisor already
 * has an appointment there or does not receive then. Marked, not disabled:
 * the backend decides, and says why.
 */
export function SlotSelect({
  board,
  fallbackSlots,
  advisorId,
  date,
  except,
  value,
  onChange,
  testId,
  id,
}: {
  board: AppointmentBoard | null;
  fallbackSlots: string[];
  advisorId?: StaffId | null;
  date: string | null;
  except?: VisitId;
  value?: string | null;
  onChange?: (value: string) => void;
  testId: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const slots = (board?.slots ?? fallbackSlots).map(hhmm);
  const hours = board?.advisors.find((a) => a.id === advisorId);
  const taken = new Map<string, string>();
  if (board && date && advisorId != null) {
    for (const v of board.visits) {
      if (v.id === except || v.advisorId !== advisorId || !isOpen(v.state) || !v.appointmentAt) continue;
      if (v.appointmentAt.slice(0, 10) !== date) continue;
      const slot = slotFor(v.appointmentAt, board.slots);
      if (slot) taken.set(hhmm(slot), v.customerName);
    }
  }
  const today = isoDate(now());
  const nowTime = now().format("HH:mm");
  const choices: Choice<string>[] = slots.map((slot) => {
    const who = taken.get(slot);
    const off = hours !== undefined && !withinHours(slot, hours);
    const past = date !== null && (date < today || (date === today && slot <= nowTime));
    const note = who
      ? t("appointments.booking.slotTaken", { name: who })
      : off
        ? t("appointments.booking.slotOffHours")
        : null;
    return {
      value: slot,
      text: slot,
      note: note ? (
        <Typography.Text type={who ? "warning" : "secondary"} className="small option-note">
          {note}
        </Typography.Text>
      ) : undefined,
      className: who || off || past ? "slot-unavailable" : undefined,
    };
  });
  return (
    <OptionSelect<string>
      id={id}
      value={value}
      onChange={onChange}
      choices={choices}
      placeholder={t("appointments.booking.slotPlaceholder")}
      testId={testId}
      listHeight={320}
    />
  );
}

/** A date picker that takes "YYYY-MM-DD" typed in either language; Enter takes the date, it does not submit. */
export function AppointmentDatePicker({
  value,
  onChange,
  lang,
  testId,
  id,
}: {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  lang: Language;
  testId: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const display = datePickerFormat(lang);
  const format = display === "YYYY-MM-DD" ? display : [display, "YYYY-MM-DD"];
  return (
    <DatePicker
      id={id}
      value={value ?? null}
      onChange={(d) => onChange?.(d ?? null)}
      format={format}
      placeholder={t("form.datePlaceholder")}
      disabledDate={(d) => d.isBefore(now().startOf("day"))}
      onKeyDown={(e: KeyboardEvent<HTMLElement>) => {
        if (e.key === "Enter") e.preventDefault();
      }}
      allowClear={false}
      data-testid={testId}
      style={{ width: "100%" }}
    />
  );
}
