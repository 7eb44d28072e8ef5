// The roles and actions of the permission table (crates/domain/src/staff.rs),
// listed for the screens. Which role may do what is the backend's to say: the
// session carries `allowedActions`, and nothing here repeats the table.

import type { Action, Role } from "../bindings";

/** Lists every member of a union once, in the order given (checked by the compiler). */
function members<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}

/** In the order of the trade: the front desk, the workshop, quality, follow-up, management. */
export const ROLES = members<Role>({
  service_advisor: true,
  technician: true,
  qc_inspector: true,
  follow_up: true,
  service_manager: true,
  administrator: true,
});

export const ACTIONS = members<Action>({
  read_archive: true,
  edit_archive: true,
  change_consent: true,
  archive_customer: true,
  load_demo_data: true,
  own_account: true,
  manage_staff: true,
  manage_settings: true,
  back_up: true,
  restore: true,
  read_visits: true,
  book_visits: true,
  serve_visits: true,
  record_repair: true,
  quality_check: true,
  plan_service: true,
  register_complaint: true,
  handle_complaint: true,
  manage_complaints: true,
  read_satisfaction: true,
  call_customers: true,
  plan_follow_up: true,
  read_campaigns: true,
  plan_campaigns: true,
  work_campaigns: true,
  move_database: true,
});

export const ROLE_COLOUR: Record<Role, string> = {
  service_advisor: "blue",
  technician: "orange",
  qc_inspector: "cyan",
  follow_up: "green",
  service_manager: "purple",
  administrator: "red",
};
