// Canned answers for the appointment screens' tests: a dealership with two
// advisors on Monday 23 November 2026, "now" being Sunday the 22nd at 10:00.

import type {
  Action,
  AppointmentBoard,
  Colleague,
  Role,
  ServiceSettings,
  Visit,
  VisitSummary,
} from "../bindings";
import { sessionInfo } from "../test/fixtures";
import { testSession } from "../test/render";
import type { Session } from "../auth/session";

export const NOW = new Date(2026, 10, 22, 10, 0, 0);
export const TODAY = "2026-11-22";
export const TOMORROW = "2026-11-23";

/** What each role may do on the service screens too (crates/domain/src/staff.rs `may`). */
const SERVICE_ACTIONS: Record<Role, Action[]> = {
  service_advisor: ["read_visits", "book_visits", "serve_visits"],
  technician: ["read_visits", "record_repair"],
  qc_inspector: ["read_visits", "quality_check"],
  follow_up: ["read_visits"],
  service_manager: ["read_visits", "book_visits", "serve_visits", "record_repair", "quality_check", "plan_service"],
  administrator: ["read_visits", "plan_service"],
};

export function serviceSession(role: Role, overrides: Partial<Session> = {}): Session {
  const base = sessionInfo(role);
  return testSession(role, {
    info: { ...base, allowedActions: [...base.allowedActions, ...SERVICE_ACTIONS[role]] },
    ...overrides,
  });
}

export const LI_NA: Colleague = { id: 3, name: "李娜", role: "service_advisor" };
export const ZHAO_LEI: Colleague = { id: 4, name: "赵磊", role: "service_advisor" };
export const MANAGER: Colleague = { id: 5, name: "陈军", role: "service_manager" };
export const STAFF: Colleague[] = [LI_NA, ZHAO_LEI, MANAGER, { id: 6, name: "刘师傅", role: "technician" }];

export function visitSummary(overrides: Partial<VisitSummary> = {}): VisitSummary {
  return {
    id: 101,
    number: "20261120-001",
    state: "booked",
    walkIn: false,
    imported: false,
    customerId: 1,
    customerName: "王建国",
    customerMobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    vehicleLabel: "一汽-大众 FAW-VW 迈腾 Magotan",
    advisorId: 3,
    advisorName: "李娜",
    appointmentAt: `${TOMORROW}T09:00:00`,
    expectedMinutes: 60,
    requestedWork: "更换机油",
    replacementCar: false,
    unprepared: ["parts_ready", "order_prefilled", "advisor_available"],
    overdue: false,
    total: 0,
    extraWorkWaiting: 0,
    ...overrides,
  };
}

export function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 101,
    number: "20261120-001",
    state: "booked",
    walkIn: false,
    customerId: 1,
    customerName: "王建国",
    customerMobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    vin: "LFV2A21K8G3000001",
    vehicleLabel: "一汽-大众 FAW-VW 迈腾 Magotan",
    advisorId: 3,
    advisorName: "李娜",
    appointmentAt: `${TOMORROW}T09:00:00`,
    expectedMinutes: 60,
    requestedWork: "更换机油",
    concerns: "冷车启动有异响",
    replacementCar: false,
    preparation: { partsReady: false, orderPrefilled: false, advisorAvailable: false, replacementCarReady: false },
    order: { lines: [], taxBasisPoints: 1300 },
    extraWork: [],
    qcChecks: [],
    totals: { labour: 0, parts: 0, subtotal: 0, tax: 0, total: 0 },
    timeline: [{ step: "prepare", state: "booked", at: "2026-11-20T02:00:00Z", by: "李娜" }],
    createdAt: "2026-11-20T02:00:00Z",
    updatedAt: "2026-11-21T02:00:00Z",
    overdue: false,
    ...overrides,
  };
}

const SLOTS = ["08:30:00", "09:00:00", "09:30:00", "10:00:00", "10:30:00", "11:00:00", "11:30:00"];

export function board(overrides: Partial<AppointmentBoard> = {}): AppointmentBoard {
  return {
    now: `${TODAY}T10:00:00`,
    from: TOMORROW,
    days: 1,
    slotMinutes: 30,
    slots: SLOTS,
    advisors: [
      { id: 3, name: "李娜", from: "08:30:00", to: "17:30:00" },
      { id: 4, name: "赵磊", from: "08:30:00", to: "10:00:00" },
    ],
    visits: [],
    load: [{ date: TOMORROW, bookedMinutes: 60, capacityMinutes: 3840 }],
    showRates: [],
    showRateToDate: [],
    ...overrides,
  };
}

export function serviceSettings(overrides: Partial<ServiceSettings> = {}): ServiceSettings {
  return {
    dealership: "一汽-大众北京金港",
    opens: "08:30:00",
    closes: "17:30:00",
    slotMinutes: 30,
    workshopHours: 64,
    labourRate: 18000,
    taxBasisPoints: 1300,
    followUpFromDays: 1,
    followUpToDays: 3,
    advisorHours: [{ advisorId: 4, from: "08:30:00", to: "12:00:00" }],
    ...overrides,
  };
}
