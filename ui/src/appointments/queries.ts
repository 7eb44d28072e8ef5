import { api } from "../api";

/**
 * The appointments' reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** The board from `from` for `days` days (tomorrow's list is the board of one day). */
export function boardQueryOf(from: string, days: number) {
  return {
    queryKey: ["visit", "appointment-board", from, days] as const,
    queryFn: () => api.appointmentBoard(from, days),
    // The board names the advisors, the customers and their cars, and counts by the schedule.
    meta: { kinds: ["staff", "customer", "vehicle", "settings"] as const },
  };
}

/** Who works in the service department. */
export const serviceStaffQuery = {
  queryKey: ["staff", "service"] as const,
  queryFn: () => api.serviceStaff(),
};
