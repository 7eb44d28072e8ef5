import { api } from "../api";

/**
 * The service visits' reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** Every vehicle at the dealership by stage, today's handovers and load. */
export const workshopBoardQuery = {
  queryKey: ["visit", "workshop-board"] as const,
  queryFn: () => api.workshopBoard(),
  // The cards name the customers, their cars and the advisors; the load counts by the schedule.
  meta: { kinds: ["customer", "vehicle", "staff", "settings"] as const },
};
