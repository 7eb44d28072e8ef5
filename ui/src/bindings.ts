// Generated from the Rust commands by `cargo xtask bindings`. Do not edit.
/* eslint-disable */

import { invoke } from "@tauri-apps/api/core";

/**
 * Something a command does, as the permission table knows it.
 */
export type Action = "read_archive" | "edit_archive" | "change_consent" | "archive_customer" | "load_demo_data" | "own_account" | "manage_staff" | "manage_settings" | "back_up" | "restore";

/**
 * The first start: the administrator's account and the password they chose.
 */
export type AdminSetup = { name: string, login: string, password: string, };

/**
 * Counts for the archive's header and for the first start.
 */
export type ArchiveStats = { customers: number, leads: number, vehicles: number, archived: number, };

/**
 * What happened to it.
 */
export type AuditAction = "created" | "updated" | "archived" | "restored" | "owner_changed" | "password_changed" | "password_reset" | "backup_restored" | "demo_loaded";

/**
 * What kind of record changed.
 */
export type AuditEntity = "customer" | "vehicle" | "staff" | "settings" | "database";

/**
 * One line of a history panel.
 */
export type AuditEntry = { id: number, at: string, staffId: StaffId, 
/**
 * The name as it was when the change was made.
 */
staffName: string, entity: AuditEntity, entityId: number | null, action: AuditAction, changes: Array<FieldChange>, };

/**
 * Who is signed in, and what the screens should offer them.
 */
export type AuthStatus = { 
/**
 * No staff account exists yet: the first start asks for the administrator.
 */
needsSetup: boolean, session: SessionInfo | null, 
/**
 * Minutes without activity before the screen locks (0 = never).
 */
lockMinutes: number, };

/**
 * One backup file.
 */
export type BackupInfo = { path: string, kind: BackupKind, takenAt: string, bytes: number, schemaVersion: number, customers: number, };

/**
 * Why a backup was taken.
 */
export type BackupKind = "automatic" | "manual" | "before_restore";

/**
 * The backup folder and what is in it, newest first.
 */
export type BackupOverview = { folder: string, backups: Array<BackupInfo>, };

export type CommandError = { 
/**
 * The first issue's kind.
 */
kind: ErrorKind, field?: string, message: string, conflict?: RecordRef, 
/**
 * For `forbidden`: the action refused.
 */
action?: Action, 
/**
 * Every issue found, the first one included.
 */
issues: Array<Issue>, };

/**
 * When the customer prefers to be called.
 */
export type ContactTime = "anytime" | "morning" | "noon" | "afternoon" | "evening" | "weekend";

/**
 * A customer as stored.
 */
export type Customer = { id: CustomerId, name: string, mobile: string, otherPhones: Array<string>, contactTime: ContactTime | null, address: string, grade: CustomerGrade, leadGrade: LeadGrade | null, source: CustomerSource | null, birthday: string | null, marketingConsent: boolean, 
/**
 * When consent was last given or withdrawn.
 */
marketingConsentChanged: string | null, notes: string, archivedAt: string | null, createdAt: string, updatedAt: string, };

/**
 * Everything the customer page shows.
 */
export type CustomerDetail = { customer: Customer, vehicles: Array<Vehicle>, 
/**
 * Vehicles this customer owned before they passed to someone else.
 */
formerVehicles: Array<Ownership>, };

/**
 * Ordinary or VIP; VIP customers get the senior advisor and priority slots.
 */
export type CustomerGrade = "ordinary" | "vip";

/**
 * A customer (or sales lead) in the archive.
 */
export type CustomerId = number;

/**
 * A customer form as the user filled it in; dates are `YYYY-MM-DD` text so a
 * bad date is reported against its field rather than failing the request.
 */
export type CustomerInput = { name: string, mobile: string, otherPhones: Array<string>, contactTime: ContactTime | null, address: string, grade: CustomerGrade, leadGrade: LeadGrade | null, source: CustomerSource | null, birthday: string | null, marketingConsent: boolean, notes: string, };

/**
 * Which customers the list shows.
 */
export type CustomerQuery = { 
/**
 * Fragments of name, phone, plate or VIN, separated by spaces; all must match.
 */
text: string, includeArchived: boolean, 
/**
 * Only sales leads (customers with a lead grade).
 */
leadsOnly: boolean, 
/**
 * At most this many lines (default 50, at most 500).
 */
limit: number | null, };

/**
 * How the customer came to the dealership.
 */
export type CustomerSource = "sales" | "walk_in" | "referral" | "phone" | "online" | "event" | "other";

/**
 * One line of the customer list.
 */
export type CustomerSummary = { id: CustomerId, name: string, mobile: string, grade: CustomerGrade, leadGrade: LeadGrade | null, archived: boolean, vehicles: Array<VehicleBrief>, };

/**
 * Why a request was refused. The UI translates by this kind (never by the
 * English message) and highlights the issue's `field`.
 */
export type ErrorKind = "required" | "too_long" | "invalid_mobile" | "invalid_phone" | "invalid_plate" | "invalid_vin" | "vin_check_digit" | "invalid_date" | "date_in_future" | "date_order" | "out_of_range" | "duplicate" | "not_found" | "invalid_state" | "invalid_login" | "weak_password" | "unauthenticated" | "locked" | "wrong_password" | "account_disabled" | "too_many_attempts" | "forbidden" | "invalid_backup" | "invalid_path" | "storage" | "internal";

/**
 * One field's value before and after (`null` where there was none).
 */
export type FieldChange = { 
/**
 * The field's camelCase name, as in the forms (`mobile`, `mileageKm`).
 */
field: string, before: JsonValue, after: JsonValue, };

/**
 * One thing wrong with one field.
 */
export type Issue = { kind: ErrorKind, 
/**
 * The input field, in the form's camelCase name (`vin`, `mobile`,
 * `vehicles.0.vin`); `None` when the issue is with the whole request.
 */
field?: string, 
/**
 * English, for logs and as the UI's last resort.
 */
message: string, conflict?: RecordRef, 
/**
 * For `forbidden`: the action the role may not take, for the UI to name.
 */
action?: Action, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * The languages of every screen and printed page.
 */
export type Language = "zh-CN" | "en";

/**
 * Sales' grading of a potential customer (DOMAIN.md §2).
 */
export type LeadGrade = "A" | "B" | "C" | "D";

/**
 * A new customer with the vehicles they came with, saved together or not at all.
 */
export type NewCustomer = { customer: CustomerInput, vehicles: Array<VehicleInput>, };

/**
 * Passing a vehicle to another customer (sold on, inherited, a company car).
 */
export type OwnerChange = { vehicleId: VehicleId, newOwner: CustomerId, 
/**
 * The day the vehicle changed hands (`YYYY-MM-DD`).
 */
date: string, };

/**
 * One period in which a customer owned a vehicle.
 */
export type Ownership = { vehicleId: VehicleId, customerId: CustomerId, customerName: string, 
/**
 * The vehicle as it was known then (plate and model), for the former owner's page.
 */
vehicleLabel: string, from: string, 
/**
 * `None` while the period lasts.
 */
until: string | null, };

export type Preferences = { 
/**
 * The language chosen in the app, else the one the OS locale suggests.
 */
language: Language, 
/**
 * Whether the language was chosen in the app (rather than from the OS).
 */
languageChosen: boolean, 
/**
 * The database file, shown in settings so people know where their data is.
 */
databasePath: string, };

/**
 * A record the user can be sent to, e.g. the customer who already has a VIN.
 */
export type RecordRef = { customerId: CustomerId, 
/**
 * The customer's name, to show in the message's link.
 */
label: string, };

/**
 * The roles of DOMAIN.md §1, plus the administrator who manages accounts,
 * settings and backups.
 */
export type Role = "service_advisor" | "technician" | "qc_inspector" | "follow_up" | "service_manager" | "administrator";

export type SessionInfo = { staff: StaffMember, 
/**
 * What this member's role may do; the UI hides the rest.
 */
allowedActions: Array<Action>, locked: boolean, };

/**
 * What an administrator can change in Settings.
 */
export type Settings = { 
/**
 * Lock the screen after this many minutes without activity (0 = never).
 */
lockMinutes: number, 
/**
 * Where automatic and manual backups go; `None` is the default folder
 * beside the database.
 */
backupDir: string | null, 
/**
 * Keep the newest backup of each of the last N days.
 */
keepDaily: number, 
/**
 * Keep the newest backup of each of the last N weeks.
 */
keepWeekly: number, };

/**
 * A staff member's id.
 */
export type StaffId = number;

/**
 * A staff account as the administrator edits it.
 */
export type StaffInput = { name: string, login: string, role: Role, active: boolean, };

/**
 * A staff account as stored (never with its password).
 */
export type StaffMember = { id: StaffId, name: string, login: string, role: Role, active: boolean, };

/**
 * A vehicle as stored, with its current owner.
 */
export type Vehicle = { id: VehicleId, customerId: CustomerId, plate: string | null, vin: string, vinCheckConfirmed: boolean, brand: string, model: string, modelYear: number | null, colour: string, purchaseDate: string | null, warrantyEnd: string | null, mileageKm: number | null, insuranceExpiry: string | null, annualInspectionDue: string | null, archivedAt: string | null, createdAt: string, updatedAt: string, };

/**
 * A vehicle in one line of the customer list.
 */
export type VehicleBrief = { id: VehicleId, plate: string | null, vin: string, brand: string, model: string, };

/**
 * A vehicle with all its owners, newest first.
 */
export type VehicleDetail = { vehicle: Vehicle, owners: Array<Ownership>, };

/**
 * A vehicle in the archive; it keeps its id when its owner changes.
 */
export type VehicleId = number;

/**
 * A vehicle form as the user filled it in.
 */
export type VehicleInput = { 
/**
 * Empty for a vehicle not registered yet.
 */
plate: string, vin: string, 
/**
 * The advisor confirmed a VIN whose 9th character is not a check digit.
 */
vinCheckConfirmed: boolean, brand: string, model: string, modelYear: number | null, colour: string, purchaseDate: string | null, warrantyEnd: string | null, mileageKm: number | null, insuranceExpiry: string | null, annualInspectionDue: string | null, };

/** True when a rejected command promise carries a CareDesk error. */
export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e && "issues" in e;
}

/** Every command; each rejects with a `CommandError`. */
export const commands = {
  getPreferences: (): Promise<Preferences> => invoke("get_preferences"),
  setLanguage: (language: Language): Promise<void> => invoke("set_language", { language }),
  authStatus: (): Promise<AuthStatus> => invoke("auth_status"),
  createAdministrator: (setup: AdminSetup): Promise<AuthStatus> => invoke("create_administrator", { setup }),
  signIn: (login: string, password: string): Promise<AuthStatus> => invoke("sign_in", { login, password }),
  unlock: (password: string): Promise<AuthStatus> => invoke("unlock", { password }),
  signOut: (): Promise<void> => invoke("sign_out"),
  lock: (): Promise<AuthStatus> => invoke("lock"),
  touch: (): Promise<void> => invoke("touch"),
  changePassword: (currentPassword: string, newPassword: string): Promise<void> => invoke("change_password", { currentPassword, newPassword }),
  listStaff: (): Promise<Array<StaffMember>> => invoke("list_staff"),
  createStaff: (input: StaffInput, password: string): Promise<StaffMember> => invoke("create_staff", { input, password }),
  updateStaff: (id: StaffId, input: StaffInput): Promise<StaffMember> => invoke("update_staff", { id, input }),
  resetPassword: (id: StaffId, password: string): Promise<void> => invoke("reset_password", { id, password }),
  staffHistory: (id: StaffId): Promise<Array<AuditEntry>> => invoke("staff_history", { id }),
  getSettings: (): Promise<Settings> => invoke("get_settings"),
  updateSettings: (settings: Settings): Promise<Settings> => invoke("update_settings", { settings }),
  listBackups: (): Promise<BackupOverview> => invoke("list_backups"),
  backupNow: (): Promise<BackupInfo> => invoke("backup_now"),
  restoreBackup: (path: string): Promise<BackupInfo> => invoke("restore_backup", { path }),
  archiveStats: (): Promise<ArchiveStats> => invoke("archive_stats"),
  searchCustomers: (query: CustomerQuery): Promise<Array<CustomerSummary>> => invoke("search_customers", { query }),
  getCustomer: (id: CustomerId): Promise<CustomerDetail> => invoke("get_customer", { id }),
  customerHistory: (id: CustomerId): Promise<Array<AuditEntry>> => invoke("customer_history", { id }),
  createCustomer: (input: NewCustomer): Promise<CustomerDetail> => invoke("create_customer", { input }),
  updateCustomer: (id: CustomerId, input: CustomerInput): Promise<CustomerDetail> => invoke("update_customer", { id, input }),
  setCustomerArchived: (id: CustomerId, archived: boolean): Promise<CustomerDetail> => invoke("set_customer_archived", { id, archived }),
  addVehicle: (customerId: CustomerId, input: VehicleInput): Promise<CustomerDetail> => invoke("add_vehicle", { customerId, input }),
  updateVehicle: (id: VehicleId, input: VehicleInput): Promise<CustomerDetail> => invoke("update_vehicle", { id, input }),
  getVehicle: (id: VehicleId): Promise<VehicleDetail> => invoke("get_vehicle", { id }),
  vehicleHistory: (id: VehicleId): Promise<Array<AuditEntry>> => invoke("vehicle_history", { id }),
  changeOwner: (change: OwnerChange): Promise<VehicleDetail> => invoke("change_owner", { change }),
  loadDemoData: (): Promise<ArchiveStats> => invoke("load_demo_data"),
};
