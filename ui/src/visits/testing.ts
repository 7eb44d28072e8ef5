// Canned visits for the visit screens' tests, and sessions whose roles may do
// what the backend's permission table (crates/domain/src/staff.rs `may`) says.

import type { Action, Colleague, OrderLine, Role, Visit, VisitSummary, WorkshopBoard } from "../bindings";
import { ALLOWED, sessionInfo } from "../test/fixtures";
import { testSession } from "../test/render";
import type { Session } from "../auth/session";

/** The visit actions of each role, as `may` grants them. */
const VISIT_ACTIONS: Record<Role, Action[]> = {
  service_advisor: ["read_visits", "book_visits", "serve_visits"],
  technician: ["read_visits", "record_repair"],
  qc_inspector: ["read_visits", "quality_check"],
  follow_up: ["read_visits"],
  service_manager: ["read_visits", "book_visits", "serve_visits", "record_repair", "quality_check", "plan_service"],
  administrator: ["read_visits", "plan_service"],
};

/** A signed-in member of `role`, allowed the archive's and the visits' actions of that role. */
export function visitSession(role: Role): Session {
  return testSession(role, {
    info: sessionInfo(role, { allowedActions: [...ALLOWED[role], ...VISIT_ACTIONS[role]] }),
  });
}

export function orderLine(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id: 101,
    kind: "labour",
    description: "更换机油机滤",
    partNumber: "",
    quantityCenti: 150,
    unitPrice: 18000,
    genuine: true,
    amount: 27000,
    explained: false,
    ...overrides,
  };
}

export function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 7,
    number: "20261122-003",
    state: "booked",
    walkIn: false,
    customerId: 1,
    customerName: "张伟",
    customerMobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    vin: "LFV2A21K8G3000001",
    vehicleLabel: "一汽-大众 FAW-VW 迈腾 Magotan",
    advisorId: 2,
    advisorName: "王丽",
    appointmentAt: "2026-11-22T09:00:00",
    expectedMinutes: 90,
    requestedWork: "常规保养",
    concerns: "左前轮有异响",
    replacementCar: false,
    preparation: { partsReady: true, orderPrefilled: true, advisorAvailable: true, replacementCarReady: false },
    order: { lines: [], taxBasisPoints: 1300 },
    extraWork: [],
    qcChecks: [],
    totals: { labour: 0, parts: 0, subtotal: 0, tax: 0, total: 0 },
    timeline: [{ step: "prepare", state: "booked", at: "2026-11-20T02:00:00Z", by: "王丽" }],
    createdAt: "2026-11-20T02:00:00Z",
    updatedAt: "2026-11-21T02:00:00Z",
    overdue: false,
    ...overrides,
  };
}

export function summary(overrides: Partial<VisitSummary> = {}): VisitSummary {
  return {
    id: 7,
    number: "20261122-003",
    state: "received",
    walkIn: false,
    imported: false,
    customerId: 1,
    customerName: "张伟",
    customerMobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    vehicleLabel: "迈腾 Magotan",
    advisorId: 2,
    advisorName: "王丽",
    expectedMinutes: 90,
    requestedWork: "常规保养",
    replacementCar: false,
    unprepared: [],
    overdue: false,
    total: 0,
    extraWorkWaiting: 0,
    ...overrides,
  };
}

export function board(visits: VisitSummary[], overrides: Partial<WorkshopBoard> = {}): WorkshopBoard {
  return {
    now: "2026-11-22T02:00:00Z",
    today: "2026-11-22",
    visits,
    onTimeToday: { handedOver: 0, onTime: 0 },
    onTime30Days: { handedOver: 8, onTime: 6, rate: { part: 6, whole: 8, percent: 75 } },
    loadToday: { date: "2026-11-22", bookedMinutes: 1500, capacityMinutes: 2400 },
    ...overrides,
  };
}

export const STAFF: Colleague[] = [
  { id: 2, name: "王丽", role: "service_advisor" },
  { id: 3, name: "陈军", role: "service_manager" },
  { id: 4, name: "赵刚", role: "technician" },
  { id: 5, name: "李强", role: "technician" },
];

/** What the visit page reads besides the visit itself. */
export function pageHandlers(shown: () => Visit): Record<string, (args: Record<string, unknown>) => unknown> {
  return {
    get_visit: () => shown(),
    visit_history: () => [],
    vehicle_visits: () => ({ visits: [], declinedWork: [] }),
    service_staff: () => STAFF,
    get_service_settings: () => ({
      opens: "08:30:00",
      closes: "17:30:00",
      slotMinutes: 30,
      workshopHours: 40,
      labourRate: 18000,
      taxBasisPoints: 1300,
      followUpFromDays: 1,
      followUpToDays: 3,
      advisorHours: [],
    }),
    get_vehicle: () => {
      throw { kind: "not_found", message: "no vehicle", issues: [{ kind: "not_found", message: "no vehicle" }] };
    },
  };
}
