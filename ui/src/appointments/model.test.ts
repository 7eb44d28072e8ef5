import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { bookingField } from "./BookingForm";
import { settingsField } from "./ScheduleSettings";
import { serviceSettings } from "./fixtures";
import {
  atOf,
  durationText,
  hhmm,
  mondayOf,
  percentToBasisPoints,
  settingsValues,
  slotFor,
  toServiceSettings,
  withinHours,
  yuanToFen,
} from "./model";

describe("the appointment arithmetic", () => {
  it("reads and writes the backend's local times", () => {
    expect(hhmm("09:30:00")).toBe("09:30");
    expect(hhmm("2026-11-23T14:00:00")).toBe("14:00");
    expect(atOf("2026-11-23", "09:30")).toBe("2026-11-23T09:30:00");
    expect(atOf(dayjs("2026-11-23T00:00:00"), "09:30:00")).toBe("2026-11-23T09:30:00");
    expect(mondayOf(dayjs("2026-11-22T10:00:00")).format("YYYY-MM-DD")).toBe("2026-11-16");
    expect(mondayOf(dayjs("2026-11-23T10:00:00")).format("YYYY-MM-DD")).toBe("2026-11-23");
  });

  it("draws an appointment off the grid in the slot before it", () => {
    const slots = ["08:30:00", "09:00:00", "09:30:00"];
    expect(slotFor("2026-11-23T09:00:00", slots)).toBe("09:00:00");
    expect(slotFor("2026-11-23T09:10:00", slots)).toBe("09:00:00");
    expect(slotFor("2026-11-23T08:00:00", slots)).toBe("08:30:00");
    expect(withinHours("08:30:00", { from: "08:30:00", to: "10:00:00" })).toBe(true);
    expect(withinHours("10:00:00", { from: "08:30:00", to: "10:00:00" })).toBe(false);
  });

  it("says durations in both languages", () => {
    const zh = i18n.getFixedT("zh-CN");
    const en = i18n.getFixedT("en");
    expect(durationText(30, zh)).toBe("30分钟");
    expect(durationText(90, zh)).toBe("1小时30分钟");
    expect(durationText(480, zh)).toBe("8小时（全天）");
    expect(durationText(120, en)).toBe("2 h");
  });

  it("converts yuan to fen and percent to basis points", () => {
    expect(yuanToFen(180)).toBe(18000);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(percentToBasisPoints(13)).toBe(1300);
    expect(percentToBasisPoints(6.5)).toBe(650);
    const values = settingsValues(serviceSettings());
    expect(values.labourRate).toBe(180);
    expect(values.taxBasisPoints).toBe(13);
    expect(toServiceSettings(values)).toEqual({ settings: serviceSettings() });
  });

  it("names the settings left empty instead of sending zeros", () => {
    const values = { ...settingsValues(serviceSettings()), labourRate: null, closes: null };
    expect(toServiceSettings(values)).toEqual({ missing: ["closes", "labourRate"] });
  });

  it("places the backend's fields on the forms", () => {
    expect(bookingField("at")).toEqual(["slot"]);
    expect(bookingField("requestedWork")).toEqual(["requestedWork"]);
    expect(bookingField("vehicles.0.vin")).toEqual(["vin"]);
    expect(bookingField("customer.name")).toEqual(["name"]);
    expect(bookingField("newCustomer.vehicles.0.plate")).toEqual(["plate"]);
    expect(bookingField("vehicles.0.colour")).toBeNull();
    expect(settingsField("advisorHours.0.to")).toEqual(["advisorHours", 0, "to"]);
    expect(settingsField("lockMinutes")).toBeNull();
  });
});
