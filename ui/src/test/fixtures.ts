// Canned backend answers for UI tests: records shaped as the generated
// bindings say, and a small IPC router over `mockIPC`.

import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  Action,
  ArchiveStats,
  AuditEntry,
  AuthStatus,
  BackupInfo,
  CommandError,
  Customer,
  CustomerDetail,
  CustomerSummary,
  Issue,
  Role,
  SessionInfo,
  StaffMember,
  StartStatus,
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

/**
 * What each role may do, as the backend's permission table answers it
 * (crates/domain/src/staff.rs `may`): the sessions of the tests carry it.
 */
export const ALLOWED: Record<Role, Action[]> = {
  service_advisor: ["read_archive", "edit_archive", "own_account", "read_reports"],
  technician: ["read_archive", "own_account"],
  qc_inspector: ["read_archive", "own_account"],
  follow_up: ["read_archive", "own_account"],
  service_manager: ["read_archive", "edit_archive", "change_consent", "archive_customer", "own_account", "back_up", "export_data", "import_data", "read_reports"],
  administrator: [
    "read_archive",
    "edit_archive",
    "change_consent",
    "archive_customer",
    "load_demo_data",
    "own_account",
    "manage_staff",
    "manage_settings",
    "back_up",
    "restore",
    "move_database",
    "export_data",
    "import_data",
  ],
};

const NAMES: Record<Role, [string, string]> = {
  service_advisor: ["王丽", "wangli"],
  technician: ["赵刚", "zhaogang"],
  qc_inspector: ["孙敏", "sunmin"],
  follow_up: ["周燕", "zhouyan"],
  service_manager: ["陈军", "chenjun"],
  administrator: ["刘洋", "admin"],
};

export function staffMember(overrides: Partial<StaffMember> = {}): StaffMember {
  const role = overrides.role ?? "administrator";
  const [name, login] = NAMES[role];
  return { id: 1, name, login, role, active: true, ...overrides };
}

export function sessionInfo(role: Role = "administrator", overrides: Partial<SessionInfo> = {}): SessionInfo {
  return { staff: staffMember({ role }), allowedActions: ALLOWED[role], locked: false, ...overrides };
}

/** The database is open (the start's status), unless told otherwise. */
export function startStatus(overrides: Partial<StartStatus> = {}): StartStatus {
  return { stage: "ready", language: "zh-CN", error: null, database: null, server: null, canChoose: true, ...overrides };
}

/** Signed in as the administrator, unless told otherwise. */
export function authStatus(overrides: Partial<AuthStatus> = {}): AuthStatus {
  return { needsSetup: false, session: sessionInfo(), lockMinutes: 10, ...overrides };
}

export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1,
    at: "2026-01-10T02:30:00Z",
    staffId: 2,
    staffName: "王丽",
    entity: "customer",
    entityId: 1,
    action: "updated",
    changes: [],
    ...overrides,
  };
}

export function backupInfo(overrides: Partial<BackupInfo> = {}): BackupInfo {
  return {
    path: "/data/caredesk/backups/caredesk-20260110-083000-manual.sqlite",
    kind: "manual",
    format: "file",
    takenAt: "2026-01-10T00:30:00Z",
    bytes: 5_452_595,
    schemaVersion: 2,
    customers: 300,
    ...overrides,
  };
}

/** A refusal as the backend sends it: the first issue repeated at the top level. */
export function refusal(issues: Issue[]): CommandError {
  const [first] = issues;
  return { ...first, issues };
}

export type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

/** What every signed-in screen may ask without the test caring: who is signed in, "still here". */
const SESSION_HANDLERS: Record<string, Handler> = {
  start_status: () => startStatus(),
  auth_status: () => authStatus(),
  touch: () => null,
};

/**
 * Routes each command to its handler and records every call. A handler may
 * return a value or a promise, or throw (the command then rejects with it).
 * `auth_status` answers with a signed-in administrator unless a handler is given.
 */
export function mockCommands(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  const all = { ...SESSION_HANDLERS, ...handlers };
  // Events too: a test sends the backend's `changes` with `emit` (@tauri-apps/api/event).
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const handler = all[cmd];
      if (!handler) throw refusal([{ kind: "internal", message: `no mock for ${cmd}` }]);
      return handler(args);
    },
    { shouldMockEvents: true },
  );
  return calls;
}
