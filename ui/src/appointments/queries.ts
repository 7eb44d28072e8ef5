import { api } from "../api";
import { customerSearchQueryOf } from "../archive/queries";
import { withNow } from "../clock";
import type { VisitId } from "../bindings";

/**
 * The appointments' reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** The board from `from` for `days` days (tomorrow's list is the board of one day). */
export function boardQueryOf(from: string, days: number) {
  return {
    queryKey: ["visit", "appointment-board", from, days] as const,
    queryFn: () => withNow(api.appointmentBoard(from, days)),
    // The board names the advisors, the customers and their cars, and counts by the schedule.
    meta: { kinds: ["staff", "customer", "vehicle", "settings"] as const },
  };
}

/** Who works in the service department. */
export const serviceStaffQuery = {
  queryKey: ["staff", "service"] as const,
  queryFn: () => api.serviceStaff(),
};

/** One appointment as its drawer shows it. */
export function appointmentQueryOf(id: VisitId) {
  return {
    queryKey: ["visit", "appointment", id] as const,
    queryFn: () => api.getVisit(id),
    // It names the customer, the car and the advisor.
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}

/** An appointment's history: the visit's. */
export { visitHistoryQueryOf as appointmentHistoryQueryOf } from "../visits/queries";

/** How the service desk works: hours, slots, capacity, rates, the advisors' hours. */
export const serviceSettingsQuery = {
  queryKey: ["settings", "service"] as const,
  queryFn: () => api.getServiceSettings(),
};

/** A customer chosen for a booking, with their vehicles: the archive's read. */
export { customerQueryOf as customerDetailQueryOf } from "../archive/queries";

/** The archive customers a booking's search finds (not archived, ten at most). */
export function bookingSearchQueryOf(text: string) {
  return customerSearchQueryOf({ text, includeArchived: false, leadsOnly: false, limit: 10 });
}
