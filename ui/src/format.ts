// Display helpers shared by every module. They format what the backend
// returns; they never decide whether a value is valid.

import dayjs from "dayjs";
import type { Language } from "./bindings";
import { deskNow } from "./clock";

const DATE_FORMAT: Record<Language, string> = { "zh-CN": "YYYY-MM-DD", en: "D MMM YYYY" };
const DATE_TIME_FORMAT: Record<Language, string> = { "zh-CN": "YYYY-MM-DD HH:mm", en: "D MMM YYYY, HH:mm" };
const NUMBER_LOCALE: Record<Language, string> = { "zh-CN": "zh-CN", en: "en-GB" };

/** The format a date picker shows and accepts in this language. */
export function datePickerFormat(lang: Language): string {
  return DATE_FORMAT[lang];
}

/**
 * A calendar date ("2026-11-22") in the language's format: 2026-11-22 in
 * Chinese, 22 Nov 2026 in English. Empty for null; the raw text if unparseable.
 */
export function formatDate(value: string | null | undefined, lang: Language): string {
  if (!value) return "";
  const date = dayjs(value.length > 10 ? value : `${value}T00:00:00`);
  if (!date.isValid()) return value;
  return date.locale(lang === "zh-CN" ? "zh-cn" : "en").format(DATE_FORMAT[lang]);
}

/** An instant (RFC 3339, UTC) in local time, in the language's format. */
export function formatDateTime(value: string | null | undefined, lang: Language): string {
  if (!value) return "";
  const date = dayjs(value);
  if (!date.isValid()) return value;
  return date.locale(lang === "zh-CN" ? "zh-cn" : "en").format(DATE_TIME_FORMAT[lang]);
}

/** Money kept in fen (1/100 yuan) as yuan: 123450 → ¥1,234.50. */
export function formatMoney(fen: number, lang: Language): string {
  if (!Number.isFinite(fen)) return "";
  const whole = Math.round(fen);
  const sign = whole < 0 ? "-" : "";
  const abs = Math.abs(whole);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: 0 }).format(yuan);
  return `${sign}¥${grouped}.${String(cents).padStart(2, "0")}`;
}

/** A mainland mobile number in the 3-4-4 groups people read aloud: 139 1234 5678. */
export function formatMobile(value: string | null | undefined): string {
  if (!value) return "";
  const digits = value.replace(/[\s-]/g, "");
  if (/^1\d{10}$/.test(digits)) {
    return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  }
  return value;
}

/** A whole number with the language's thousands separator: 12,345. */
export function formatNumber(value: number, lang: Language): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: 0 }).format(value);
}

/** Whole days from today to a calendar date; negative when it is past. */
export function daysUntil(value: string, today: dayjs.Dayjs = deskNow()): number {
  return dayjs(`${value.slice(0, 10)}T00:00:00`).diff(today.startOf("day"), "day");
}

/** A picked date as the backend's calendar date, or null. */
export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | null {
  return value && value.isValid() ? value.format("YYYY-MM-DD") : null;
}

/** The backend's calendar date as a picker value. */
export function fromIsoDate(value: string | null | undefined): dayjs.Dayjs | null {
  if (!value) return null;
  const date = dayjs(`${value.slice(0, 10)}T00:00:00`);
  return date.isValid() ? date : null;
}

/** A file size for people: 845 KB, 12.3 MB (1 KB = 1024 bytes). */
export function formatBytes(bytes: number, lang: Language): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(NUMBER_LOCALE[lang], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${units[unit]}`;
}
