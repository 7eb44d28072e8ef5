// Canned backend answers for UI tests: records shaped as the generated
// bindings say, and a small IPC router over `mockIPC`.

import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  ArchiveStats,
  CommandError,
  Customer,
  CustomerDetail,
  CustomerSummary,
  Issue,
  Vehicle,
} from "../bindings";

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 1,
    name: "张伟",
    mobile: "13912345678",
    otherPhones: [],
    contactTime: "afternoon",
    address: "北京市朝阳区望京街 8 号",
    grade: "ordinary",
    leadGrade: null,
    source: "walk_in",
    birthday: "1985-06-01",
    marketingConsent: true,
    marketingConsentChanged: "2025-03-02",
    notes: "",
    archivedAt: null,
    createdAt: "2025-03-02T02:15:00Z",
    updatedAt: "2025-03-02T02:15:00Z",
    ...overrides,
  };
}

export function vehicle(overrides: Partial<Vehicle> = {}): Vehicle {
  return {
    id: 11,
    customerId: 1,
    plate: "京A12345",
    vin: "LFV2A21K8G3000001",
    vinCheckConfirmed: false,
    brand: "一汽-大众 FAW-VW",
    model: "迈腾 Magotan",
    modelYear: 2021,
    colour: "白色",
    purchaseDate: "2021-05-20",
    warrantyEnd: "2024-05-20",
    mileageKm: 48210,
    insuranceExpiry: "2099-01-01",
    annualInspectionDue: "2099-01-01",
    archivedAt: null,
    createdAt: "2025-03-02T02:15:00Z",
    updatedAt: "2025-03-02T02:15:00Z",
    ...overrides,
  };
}

export function detail(c: Customer = customer(), vehicles: Vehicle[] = [vehicle()]): CustomerDetail {
  return { customer: c, vehicles, formerVehicles: [] };
}

export function summary(overrides: Partial<CustomerSummary> = {}): CustomerSummary {
  return {
    id: 1,
    name: "张伟",
    mobile: "13912345678",
    grade: "ordinary",
    leadGrade: null,
    archived: false,
    vehicles: [{ id: 11, plate: "京A12345", vin: "LFV2A21K8G3000001", brand: "一汽-大众 FAW-VW", model: "迈腾 Magotan" }],
    ...overrides,
  };
}

export function stats(overrides: Partial<ArchiveStats> = {}): ArchiveStats {
  return { customers: 2, leads: 1, vehicles: 3, archived: 0, ...overrides };
}

/** A refusal as the backend sends it: the first issue repeated at the top level. */
export function refusal(issues: Issue[]): CommandError {
  const [first] = issues;
  return { ...first, issues };
}

export type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

/**
 * Routes each command to its handler and records every call. A handler may
 * return a value or a promise, or throw (the command then rejects with it).
 */
export function mockCommands(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) throw refusal([{ kind: "internal", message: `no mock for ${cmd}` }]);
    return handler(args);
  });
  return calls;
}
