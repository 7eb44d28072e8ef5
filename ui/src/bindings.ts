// Generated from the Rust commands by `cargo xtask bindings`. Do not edit.
/* eslint-disable */

import { invoke } from "@tauri-apps/api/core";

/**
 * Counts for the archive's header and for the first start.
 */
export type ArchiveStats = { customers: number, leads: number, vehicles: number, archived: number, };

export type CommandError = { 
/**
 * The first issue's kind.
 */
kind: ErrorKind, field?: string, message: string, conflict?: RecordRef, 
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
export type ErrorKind = "required" | "too_long" | "invalid_mobile" | "invalid_phone" | "invalid_plate" | "invalid_vin" | "vin_check_digit" | "invalid_date" | "date_in_future" | "date_order" | "out_of_range" | "duplicate" | "not_found" | "invalid_state" | "storage" | "internal";

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
message: string, conflict?: RecordRef, };

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
  archiveStats: (): Promise<ArchiveStats> => invoke("archive_stats"),
  searchCustomers: (query: CustomerQuery): Promise<Array<CustomerSummary>> => invoke("search_customers", { query }),
  getCustomer: (id: CustomerId): Promise<CustomerDetail> => invoke("get_customer", { id }),
  createCustomer: (input: NewCustomer): Promise<CustomerDetail> => invoke("create_customer", { input }),
  updateCustomer: (id: CustomerId, input: CustomerInput): Promise<CustomerDetail> => invoke("update_customer", { id, input }),
  setCustomerArchived: (id: CustomerId, archived: boolean): Promise<CustomerDetail> => invoke("set_customer_archived", { id, archived }),
  addVehicle: (customerId: CustomerId, input: VehicleInput): Promise<CustomerDetail> => invoke("add_vehicle", { customerId, input }),
  updateVehicle: (id: VehicleId, input: VehicleInput): Promise<CustomerDetail> => invoke("update_vehicle", { id, input }),
  getVehicle: (id: VehicleId): Promise<VehicleDetail> => invoke("get_vehicle", { id }),
  changeOwner: (change: OwnerChange): Promise<VehicleDetail> => invoke("change_owner", { change }),
  loadDemoData: (): Promise<ArchiveStats> => invoke("load_demo_data"),
};
