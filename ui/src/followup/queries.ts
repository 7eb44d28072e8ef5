import { api } from "../api";
import type { CallFilter } from "../bindings";

/**
 * The follow-up's reads, as TanStack Query options (see `live`): each key
 * starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** The call list as filtered; its counters are counted from it. */
export function callListQueryOf(filter: CallFilter) {
  return {
    queryKey: ["follow_up", "calls", filter] as const,
    queryFn: () => api.followUpCalls(filter),
    // A row names the visit, the customer, the car, the advisor and the caller.
    meta: { kinds: ["visit", "customer", "vehicle", "staff"] as const },
  };
}
