import { api } from "../api";
import type { CustomerId, CustomerQuery } from "../bindings";

/**
 * The complaints' reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** The complaints, the open ones only or all. */
export function complaintListQueryOf(openOnly: boolean) {
  return {
    queryKey: ["complaint", "list", openOnly] as const,
    queryFn: () => api.listComplaints(openOnly),
    // A row names the customer, the car and the handler.
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}

/** One complaint with its deadlines, escalations, recovery, cause and timeline. */
export function complaintQueryOf(id: number) {
  return {
    queryKey: ["complaint", "one", id] as const,
    queryFn: () => api.getComplaint(id),
    // It names the customer, the car, the visit, who received it and who handles it.
    meta: { kinds: ["customer", "vehicle", "visit", "staff"] as const },
  };
}

/** A complaint's audit trail. */
export function complaintHistoryQueryOf(id: number) {
  return {
    queryKey: ["complaint", "history", id] as const,
    queryFn: () => api.complaintHistory(id),
    // Each entry names the member who made it.
    meta: { kinds: ["staff"] as const },
  };
}

/** Who may be given a complaint to handle. */
export const complaintHandlersQuery = {
  queryKey: ["staff", "complaint-handlers"] as const,
  queryFn: () => api.complaintHandlers(),
};

/**
 * The navigation's counts: escalated open complaints and those a follow-up
 * call opened that nobody has taken, and the escalations this check raised.
 */
export const complaintAlertsQuery = {
  queryKey: ["complaint", "alerts"] as const,
  queryFn: () => api.complaintAlerts(),
};

/** The complaint KPIs since a day, with the targets (the dealer's settings) they are read against. */
export function complaintKpisQueryOf(since: string) {
  return {
    queryKey: ["complaint", "kpis", since] as const,
    queryFn: () => api.complaintKpis(since),
    meta: { kinds: ["settings"] as const },
  };
}

/** The time limits and targets, kept with the dealer's settings. */
export const complaintLimitsQuery = {
  queryKey: ["settings", "complaint-limits"] as const,
  queryFn: () => api.getComplaintLimits(),
};

/** The customers a registration's search finds. */
export function customerSearchQueryOf(search: CustomerQuery) {
  return {
    queryKey: ["customer", "search", search] as const,
    queryFn: () => api.searchCustomers(search),
    // A result lists the customer's plates.
    meta: { kinds: ["vehicle"] as const },
  };
}

/** A customer with their cars, as the registration picks one: the archive's read. */
export { customerQueryOf } from "../archive/queries";

/** A customer's visits, to name the one complained about. */
export function customerVisitsQueryOf(id: CustomerId) {
  return {
    queryKey: ["visit", "of-customer", id] as const,
    queryFn: () => api.customerVisits(id),
    // A visit names the car and the advisor.
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}
