// The roles and actions of the permission table (crates/domain/src/staff.rs),
// listed for the screens. Which role may do what is the backend's to say: the
// session carries `allowedActions`, and nothing here repeats the table.

import { ALL_ACTION, ALL_ROLE } from "../bindings";
import type { Role } from "../bindings";

/** In the order of the trade: the front desk, the workshop, quality, follow-up, management. */
export const ROLES = ALL_ROLE;

export const ACTIONS = ALL_ACTION;

export const ROLE_COLOUR: Record<Role, string> = {
  service_advisor: "blue",
  technician: "orange",
  qc_inspector: "cyan",
  follow_up: "green",
  service_manager: "purple",
  administrator: "red",
};
