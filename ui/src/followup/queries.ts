import { api } from "../api";
import type { CallFilter, FollowUpId } from "../bindings";

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

/** One call: the call, its attempts, the questionnaire, the survey and the complaint it opened. */
export function callQueryOf(id: FollowUpId) {
  return {
    queryKey: ["follow_up", "call", id] as const,
    queryFn: () => api.getFollowUpCall(id),
    // It names the visit, the customer, the car, the advisor and the caller; the
    // questionnaire is the dealer's setting; a hot alert names its complaint.
    meta: { kinds: ["visit", "customer", "vehicle", "staff", "settings", "complaint"] as const },
  };
}

/** Who may be given calls to make. */
export const followUpCallersQuery = {
  queryKey: ["staff", "follow-up-callers"] as const,
  queryFn: () => api.followUpCallers(),
};

/** The dealership's name and hours, for the call script. */
export { serviceSettingsQuery } from "../appointments/queries";

/** The satisfaction index over a period. */
export function csiReportQueryOf(from: string, to: string) {
  return {
    queryKey: ["follow_up", "csi", from, to] as const,
    queryFn: () => api.csiReport(from, to),
    // It names advisors, customers, visits and the complaints hot alerts opened, and
    // weighs by the questionnaire (the dealer's setting).
    meta: { kinds: ["staff", "customer", "visit", "complaint", "settings"] as const },
  };
}

/** The call rules: attempts before unreachable, the score that raises a hot alert. */
export const followUpSettingsQuery = {
  queryKey: ["settings", "follow-up"] as const,
  queryFn: () => api.getFollowUpSettings(),
};

/** The questionnaire in force, with its version. */
export const questionnaireQuery = {
  queryKey: ["settings", "questionnaire"] as const,
  queryFn: () => api.getQuestionnaire(),
};
