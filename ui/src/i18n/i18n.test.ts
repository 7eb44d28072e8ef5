import { describe, expect, it } from "vitest";
import type { Action, AuditAction, AuditEntity, BackupKind, ErrorKind, Role } from "../bindings";
import enBase from "./en";
import { MODULE_MESSAGES } from "./modules";
import zhBase from "./zh-CN";

// Both languages whole: the texts of the first screens and the service screens'.
const zhCN = { ...zhBase, ...MODULE_MESSAGES["zh-CN"] };
const en = { ...enBase, ...MODULE_MESSAGES.en };

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → text. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// A Record over the union: the compiler fails here when a kind is added in Rust.
const KINDS = Object.keys({
  required: 1,
  too_long: 1,
  invalid_mobile: 1,
  invalid_phone: 1,
  invalid_plate: 1,
  invalid_vin: 1,
  vin_check_digit: 1,
  invalid_date: 1,
  date_in_future: 1,
  in_the_past: 1,
  date_order: 1,
  out_of_range: 1,
  duplicate: 1,
  not_found: 1,
  invalid_state: 1,
  invalid_login: 1,
  weak_password: 1,
  unauthenticated: 1,
  locked: 1,
  wrong_password: 1,
  account_disabled: 1,
  too_many_attempts: 1,
  forbidden: 1,
  invalid_backup: 1,
  other_backup_format: 1,
  pg_tools_missing: 1,
  pg_tools_too_old: 1,
  backup_failed: 1,
  invalid_path: 1,
  printing: 1,
  storage: 1,
  unavailable: 1,
  stale: 1,
  server_unreachable: 1,
  server_login: 1,
  no_such_database: 1,
  server_too_old: 1,
  server_tls: 1,
  foreign_database: 1,
  newer_schema: 1,
  database_not_empty: 1,
  database_character_type: 1,
  credential_missing: 1,
  credential_store: 1,
  internal: 1,
} satisfies Record<ErrorKind, 1>) as ErrorKind[];

// The same for the other unions the screens name.
const ROLE_KEYS = Object.keys({
  service_advisor: 1,
  technician: 1,
  qc_inspector: 1,
  follow_up: 1,
  service_manager: 1,
  administrator: 1,
} satisfies Record<Role, 1>) as Role[];
const ACTION_KEYS = Object.keys({
  read_archive: 1,
  edit_archive: 1,
  change_consent: 1,
  archive_customer: 1,
  load_demo_data: 1,
  own_account: 1,
  manage_staff: 1,
  manage_settings: 1,
  back_up: 1,
  restore: 1,
  read_visits: 1,
  book_visits: 1,
  serve_visits: 1,
  record_repair: 1,
  quality_check: 1,
  plan_service: 1,
  register_complaint: 1,
  handle_complaint: 1,
  manage_complaints: 1,
  read_satisfaction: 1,
  call_customers: 1,
  plan_follow_up: 1,
  read_campaigns: 1,
  plan_campaigns: 1,
  work_campaigns: 1,
  move_database: 1,
  export_data: 1,
  import_data: 1,
  read_reports: 1,
} satisfies Record<Action, 1>) as Action[];
const AUDIT_ACTIONS = Object.keys({
  created: 1,
  updated: 1,
  archived: 1,
  restored: 1,
  owner_changed: 1,
  password_changed: 1,
  password_reset: 1,
  backup_restored: 1,
  demo_loaded: 1,
  rescheduled: 1,
  preparation_updated: 1,
  prepared: 1,
  received: 1,
  order_updated: 1,
  repair_started: 1,
  extra_work_found: 1,
  extra_work_approved: 1,
  extra_work_declined: 1,
  repair_finished: 1,
  qc_passed: 1,
  qc_failed: 1,
  handed_over: 1,
  followed_up: 1,
  no_show: 1,
  cancelled: 1,
  complaint_step: 1,
  escalated: 1,
  call_attempted: 1,
  calls_assigned: 1,
  status_changed: 1,
  invited: 1,
  checked_in: 1,
  prize_drawn: 1,
  care_call_attempted: 1,
  exported: 1,
} satisfies Record<AuditAction, 1>) as AuditAction[];
const AUDIT_ENTITIES = Object.keys({
  customer: 1,
  vehicle: 1,
  staff: 1,
  settings: 1,
  database: 1,
  visit: 1,
  complaint: 1,
  campaign: 1,
} satisfies Record<AuditEntity, 1>) as AuditEntity[];
const BACKUP_KINDS = Object.keys({ automatic: 1, manual: 1, before_restore: 1 } satisfies Record<BackupKind, 1>) as BackupKind[];

describe("messages", () => {
  const zh = leaves(zhCN);
  const english = leaves(en as Tree);

  it("have exactly the same keys in both languages", () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    expect(zh.size).toBeGreaterThan(200);
  });

  it("have no empty text", () => {
    for (const [lang, messages] of [
      ["zh-CN", zh],
      ["en", english],
    ] as const) {
      const empty = [...messages].filter(([, text]) => text.trim() === "").map(([key]) => `${lang}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it("use the same placeholders in both languages", () => {
    const differ = [...zh].filter(([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? "").join());
    expect(differ).toEqual([]);
  });

  it("translate every error kind in both languages", () => {
    expect(KINDS).toHaveLength(45);
    for (const kind of KINDS) {
      expect(zhCN.errors[kind], `zh-CN errors.${kind}`).toBeTruthy();
      expect(en.errors[kind], `en errors.${kind}`).toBeTruthy();
    }
    expect(Object.keys(zhCN.errors).sort()).toEqual([...KINDS].sort());
  });

  it("name every field of the inputs in both languages", () => {
    const inputFields = [
      "name", "mobile", "otherPhones", "contactTime", "address", "grade", "leadGrade", "source",
      "birthday", "marketingConsent", "notes", "plate", "vin", "vinCheckConfirmed", "brand", "model",
      "modelYear", "colour", "purchaseDate", "warrantyEnd", "mileageKm", "insuranceExpiry",
      "annualInspectionDue", "newOwner", "date",
      // staff, sign-in and settings
      "login", "password", "passwordConfirm", "currentPassword", "newPassword", "role", "active",
      "lockMinutes", "backupDir", "keepDaily", "keepWeekly", "path",
      // recorded in the change history
      "owner", "marketingConsentChanged",
    ];
    for (const field of inputFields) {
      expect(zh.get(`fields.${field}`), field).toBeTruthy();
      expect(english.get(`fields.${field}`), field).toBeTruthy();
    }
  });

  it("name every role, action, recorded change and backup kind in both languages", () => {
    const expectLeaf = (key: string) => {
      expect(zh.get(key), `zh-CN ${key}`).toBeTruthy();
      expect(english.get(key), `en ${key}`).toBeTruthy();
    };
    for (const role of ROLE_KEYS) {
      expectLeaf(`roles.${role}`);
      expectLeaf(`roleHelp.${role}`);
    }
    for (const action of ACTION_KEYS) expectLeaf(`actions.${action}`);
    for (const action of AUDIT_ACTIONS) expectLeaf(`history.actions.${action}`);
    for (const entity of AUDIT_ENTITIES) expectLeaf(`history.entities.${entity}`);
    for (const kind of BACKUP_KINDS) expectLeaf(`settings.backupKinds.${kind}`);
  });

  it("speak the trade's Chinese", () => {
    expect(zhCN.nav.archive).toBe("客户档案");
    expect(zhCN.fields.plate).toBe("车牌号");
    expect(zhCN.fields.vin).toBe("车架号（VIN）");
    expect(zhCN.fields.mileageKm).toBe("行驶里程");
    expect(zhCN.fields.insuranceExpiry).toBe("保险到期");
    expect(zhCN.fields.annualInspectionDue).toBe("年检到期");
    expect(zhCN.fields.leadGrade).toBe("意向客户等级");
    expect(zhCN.fields.marketingConsent).toBe("营销许可");
    expect(zhCN.nav.staff).toBe("员工管理");
    expect(zhCN.roles.service_advisor).toBe("服务顾问");
    expect(zhCN.roles.qc_inspector).toBe("质检员");
    expect(zhCN.roles.follow_up).toBe("回访专员");
    expect(zhCN.roles.service_manager).toBe("服务经理");
    expect(zhCN.roles.administrator).toBe("系统管理员");
    expect(zhCN.customer.tabs.changes).toBe("变更记录");
  });
});

describe("loading the texts", () => {
  it("starts with the first screens' texts only; the service screens' come with the shell", async () => {
    const { loadModuleMessages } = await import("./index");
    const i18n = (await import("i18next")).default;
    for (const base of [zhBase, enBase]) {
      expect(Object.keys(base)).toContain("auth");
      for (const key of Object.keys(MODULE_MESSAGES.en)) expect(Object.keys(base)).not.toContain(key);
    }
    await loadModuleMessages();
    expect(i18n.t("visits.print.open", { lng: "en" })).toBe("Open");
    expect(i18n.t("campaigns.tabs.care", { lng: "zh-CN" })).toBe(MODULE_MESSAGES["zh-CN"].campaigns.tabs.care);
  });
});
