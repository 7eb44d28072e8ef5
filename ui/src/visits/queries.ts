import { api } from "../api";
import { withNow } from "../clock";
import type { CustomerId, VehicleId, VisitId } from "../bindings";

/**
 * The service visits' reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** Every vehicle at the dealership by stage, today's handovers and load. */
export const workshopBoardQuery = {
  queryKey: ["visit", "workshop-board"] as const,
  queryFn: () => withNow(api.workshopBoard()),
  // The cards name the customers, their cars and the advisors; the load counts by the schedule.
  meta: { kinds: ["customer", "vehicle", "staff", "settings"] as const },
};

/** One visit with its order, extra work, checks and timeline. */
export function visitQueryOf(id: VisitId) {
  return {
    queryKey: ["visit", "detail", id] as const,
    queryFn: () => api.getVisit(id),
    // It names the customer, the car, the advisor and the technician.
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}

/** A visit's audit trail: every step, and each follow-up call attempt logged on it. */
export function visitHistoryQueryOf(id: VisitId) {
  return {
    queryKey: ["visit", "history", id] as const,
    queryFn: () => api.visitHistory(id),
    meta: { kinds: ["follow_up"] as const },
  };
}

/** A customer's visits, newest first. */
export function customerVisitsQueryOf(id: CustomerId) {
  return {
    queryKey: ["visit", "customer-visits", id] as const,
    queryFn: () => api.customerVisits(id),
    // A row names the car and the advisor.
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}

/** A vehicle's visits and the work its customers declined. */
export function vehicleVisitsQueryOf(id: VehicleId) {
  return {
    queryKey: ["visit", "vehicle-visits", id] as const,
    queryFn: () => api.vehicleVisits(id),
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}

/** The follow-up call of a visit (none before the handover). */
export function visitFollowUpQueryOf(id: VisitId) {
  return {
    queryKey: ["follow_up", "of-visit", id] as const,
    queryFn: () => api.visitFollowUp(id),
    // It names the caller, and the complaint a hot alert opened.
    meta: { kinds: ["visit", "staff", "complaint"] as const },
  };
}

/** Who works in the service department (the technicians to pick from). */
export { serviceStaffQuery } from "../appointments/queries";

/** How the service desk works; the order editor starts labour lines at its rate. */
export { serviceSettingsQuery } from "../appointments/queries";
