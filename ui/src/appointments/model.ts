// The appointment screens' arithmetic on what the backend sends: local
// date-times as "YYYY-MM-DDTHH:mm:ss", times as "HH:mm:ss", dates as
// "YYYY-MM-DD". Nothing here decides whether a booking is allowed.

import { deskNow } from "../clock";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import type {
  AdvisorHours,
  AppointmentBoard,
  Language,
  PreparationItem,
  ServiceSettings,
  StaffId,
  VisitState,
  VisitSummary,
} from "../bindings";

/** The expected durations offered when booking, in minutes. */
export const DURATIONS = [30, 60, 90, 120, 180, 240, 480] as const;
/** The slot lengths the backend accepts, in minutes. */
export const SLOT_LENGTHS = [10, 15, 20, 30, 45, 60, 90, 120] as const;
/** The checklist in the order of DOMAIN.md §3.2. */
export const PREPARATION_ITEMS: PreparationItem[] = [
  "parts_ready",
  "order_prefilled",
  "advisor_available",
  "replacement_car_ready",
];

/** "Now" for the screens: the backend's clock (see `clock`); one place, so the tests can set it. */
export function now(): Dayjs {
  return deskNow();
}

/** "09:00:00" or "2026-11-23T09:00:00" → "09:00". */
export function hhmm(value: string): string {
  const time = value.includes("T") ? value.slice(value.indexOf("T") + 1) : value;
  return time.slice(0, 5);
}

/** A day as the backend's calendar date. */
export function isoDate(day: Dayjs): string {
  return day.format("YYYY-MM-DD");
}

/** A calendar date ("2026-11-23") as a local day. */
export function dayOf(date: string): Dayjs {
  return dayjs(`${date.slice(0, 10)}T00:00:00`);
}

/** The backend's local date-time for a day and a slot "HH:mm". */
export function atOf(day: Dayjs | string, slot: string): string {
  const date = typeof day === "string" ? day.slice(0, 10) : isoDate(day);
  return `${date}T${hhmm(slot)}:00`;
}

/** A local date-time from the backend as a dayjs. */
export function parseAt(at: string): Dayjs {
  return dayjs(at);
}

/** Minutes since midnight of "HH:mm[:ss]". */
export function minutesOf(time: string): number {
  const [h, m] = hhmm(time).split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The Monday of the day's week. */
export function mondayOf(day: Dayjs): Dayjs {
  return day.startOf("day").subtract((day.day() + 6) % 7, "day");
}

/** An appointment that has not happened yet. */
export function isOpen(state: VisitState): boolean {
  return state === "booked" || state === "prepared";
}

/** The vehicle is at the dealership or has been: the visit screens take over. */
export function isVisit(state: VisitState): boolean {
  return !isOpen(state) && state !== "no_show" && state !== "cancelled";
}

/** Whether a slot start lies inside an advisor's reception hours. */
export function withinHours(slot: string, hours: { from: string; to: string }): boolean {
  const at = minutesOf(slot);
  return at >= minutesOf(hours.from) && at < minutesOf(hours.to);
}

/**
 * The slot an appointment is drawn in: the last slot starting at or before
 * its time (an appointment booked before the slots changed still shows).
 */
export function slotFor(at: string, slots: string[]): string | undefined {
  const minutes = minutesOf(hhmm(at));
  let found: string | undefined = slots[0];
  for (const slot of slots) {
    if (minutesOf(slot) <= minutes) found = slot;
  }
  return found;
}

/** The appointments of one advisor's cell on one day, in time order. */
export function cellVisits(board: AppointmentBoard, date: string, advisor: StaffId, slot: string): VisitSummary[] {
  return board.visits.filter(
    (v) =>
      v.advisorId === advisor &&
      v.appointmentAt !== undefined &&
      v.appointmentAt.slice(0, 10) === date &&
      slotFor(v.appointmentAt, board.slots) === slot,
  );
}

/** The appointments of one day, in time order. */
export function dayVisits(visits: VisitSummary[], date: string): VisitSummary[] {
  return visits
    .filter((v) => v.appointmentAt?.slice(0, 10) === date)
    .sort((a, b) => (a.appointmentAt ?? "").localeCompare(b.appointmentAt ?? ""));
}

/** 90 → "1小时30分钟" / "1 h 30 min". */
export function durationText(minutes: number, t: TFunction): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t("appointments.durations.minutes", { m });
  if (m === 0) return minutes >= 480 ? t("appointments.durations.fullDay", { h }) : t("appointments.durations.hours", { h });
  return t("appointments.durations.hoursMinutes", { h, m });
}

/** The duration in a reminder: no "(full day)". */
function plainDuration(minutes: number, t: TFunction): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t("appointments.durations.minutes", { m });
  if (m === 0) return t("appointments.durations.hours", { h });
  return t("appointments.durations.hoursMinutes", { h, m });
}

const SHORT_DATE: Record<Language, string> = { "zh-CN": "M月D日", en: "D MMM" };
const DAY_LABEL: Record<Language, string> = { "zh-CN": "M月D日 dddd", en: "ddd D MMM" };
const LOCALE: Record<Language, string> = { "zh-CN": "zh-cn", en: "en" };

/** "11月23日" / "23 Nov". */
export function shortDate(day: Dayjs | string, lang: Language): string {
  const d = typeof day === "string" ? dayOf(day) : day;
  return d.locale(LOCALE[lang]).format(SHORT_DATE[lang]);
}

/** "11月23日 星期一" / "Mon 23 Nov". */
export function dayLabel(day: Dayjs | string, lang: Language): string {
  const d = typeof day === "string" ? dayOf(day) : day;
  return d.locale(LOCALE[lang]).format(DAY_LABEL[lang]);
}

/** An appointment's time for people: "11月23日 09:00" / "23 Nov 09:00". */
export function atText(at: string, lang: Language): string {
  return `${shortDate(at.slice(0, 10), lang)} ${hhmm(at)}`;
}

/**
 * The reminder a customer receives the day before, in the active language:
 * who, when, which car, what for and how long. The app does not send it.
 */
export function confirmationText(visit: VisitSummary, t: TFunction, lang: Language): string {
  const at = visit.appointmentAt ?? "";
  return t("appointments.tomorrow.message", {
    customer: visit.customerName,
    advisor: visit.advisorName,
    date: at ? shortDate(at.slice(0, 10), lang) : "",
    time: at ? hhmm(at) : "",
    plate: visit.plate || visit.vehicleLabel,
    work: visit.requestedWork,
    duration: plainDuration(visit.expectedMinutes, t),
  });
}

// ---------------------------------------------------------------------------
// Schedule settings: the form speaks yuan, percent and pickers; the backend
// fen, basis points and "HH:mm:ss".

export type AdvisorHoursValues = { advisorId?: StaffId | null; from?: Dayjs | null; to?: Dayjs | null };

export type SettingsValues = {
  /** The dealership's name on printed papers. */
  dealership?: string;
  opens?: Dayjs | null;
  closes?: Dayjs | null;
  slotMinutes?: number | null;
  workshopHours?: number | null;
  /** Yuan per hour. */
  labourRate?: number | null;
  /** Percent. */
  taxBasisPoints?: number | null;
  followUpFromDays?: number | null;
  followUpToDays?: number | null;
  advisorHours?: AdvisorHoursValues[];
};

/** "08:30:00" as a picker value. */
export function timeValue(time: string): Dayjs {
  return dayjs(`2000-01-01T${time.length === 5 ? `${time}:00` : time}`);
}

/** A picked time as the backend's "HH:mm:ss". */
export function timeText(value: Dayjs): string {
  return value.format("HH:mm:ss");
}

export function settingsValues(settings: ServiceSettings): SettingsValues {
  return {
    dealership: settings.dealership ?? "",
    opens: timeValue(settings.opens),
    closes: timeValue(settings.closes),
    slotMinutes: settings.slotMinutes,
    workshopHours: settings.workshopHours,
    labourRate: settings.labourRate / 100,
    taxBasisPoints: settings.taxBasisPoints / 100,
    followUpFromDays: settings.followUpFromDays,
    followUpToDays: settings.followUpToDays,
    advisorHours: settings.advisorHours.map((h) => ({
      advisorId: h.advisorId,
      from: timeValue(h.from),
      to: timeValue(h.to),
    })),
  };
}

/** Yuan → fen, rounded to the fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Percent → basis points (13 % → 1300). */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/**
 * The settings to send, or the fields left empty: a number or time that is
 * not there cannot be sent at all, so those are named before asking.
 */
export function toServiceSettings(values: SettingsValues): { settings: ServiceSettings } | { missing: string[] } {
  const missing: string[] = [];
  const num = (field: keyof SettingsValues, value: number | null | undefined): number => {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    missing.push(field);
    return 0;
  };
  const time = (field: string, value: Dayjs | null | undefined): string => {
    if (value && value.isValid()) return timeText(value);
    missing.push(field);
    return "00:00:00";
  };
  const opens = time("opens", values.opens);
  const closes = time("closes", values.closes);
  const advisorHours: AdvisorHours[] = (values.advisorHours ?? []).map((row, i) => {
    if (typeof row.advisorId !== "number") missing.push(`advisorHours.${i}.advisorId`);
    return {
      advisorId: row.advisorId ?? 0,
      from: time(`advisorHours.${i}.from`, row.from),
      to: time(`advisorHours.${i}.to`, row.to),
    };
  });
  const settings: ServiceSettings = {
    dealership: (values.dealership ?? "").trim(),
    opens,
    closes,
    slotMinutes: num("slotMinutes", values.slotMinutes),
    workshopHours: num("workshopHours", values.workshopHours),
    labourRate: yuanToFen(num("labourRate", values.labourRate)),
    taxBasisPoints: percentToBasisPoints(num("taxBasisPoints", values.taxBasisPoints)),
    followUpFromDays: num("followUpFromDays", values.followUpFromDays),
    followUpToDays: num("followUpToDays", values.followUpToDays),
    advisorHours,
  };
  return missing.length > 0 ? { missing } : { settings };
}
