import { api } from "../api";
import type { CustomerId, CustomerQuery, VehicleId } from "../bindings";

/**
 * The customer archive's reads, as TanStack Query options (see `live`): each
 * key starts with the kind of record it shows, so a change of that kind on any
 * desk reads it again.
 */

/** The counts above the list: customers, leads, vehicles, archived. */
export const archiveStatsQuery = {
  queryKey: ["customer", "stats"] as const,
  queryFn: () => api.archiveStats(),
  // Vehicles are counted too.
  meta: { kinds: ["vehicle"] as const },
};

/** The customers a search finds (the archive list, the customer picker). */
export function customerSearchQueryOf(query: CustomerQuery) {
  return {
    queryKey: ["customer", "search", query] as const,
    queryFn: () => api.searchCustomers(query),
    // Each result lists the customer's cars; a search by plate or VIN finds by them.
    meta: { kinds: ["vehicle"] as const },
  };
}

/** A customer's file: the customer, their vehicles and the vehicles they had. */
export function customerQueryOf(id: CustomerId) {
  return {
    queryKey: ["customer", "detail", id] as const,
    queryFn: () => api.getCustomer(id),
    meta: { kinds: ["vehicle"] as const },
  };
}

/**
 * A customer's change history: their own entries and those that name them
 * (their vehicles, visits and follow-up calls, complaints, events, care calls).
 */
export function customerHistoryQueryOf(id: CustomerId) {
  return {
    queryKey: ["customer", "history", id] as const,
    queryFn: () => api.customerHistory(id),
    meta: { kinds: ["vehicle", "visit", "follow_up", "complaint", "campaign", "care"] as const },
  };
}

/** A vehicle with its owners, newest first. */
export function vehicleQueryOf(id: VehicleId) {
  return {
    queryKey: ["vehicle", "detail", id] as const,
    queryFn: () => api.getVehicle(id),
    // The owners are named.
    meta: { kinds: ["customer"] as const },
  };
}

/** A vehicle's change history, across all its owners. */
export function vehicleHistoryQueryOf(id: VehicleId) {
  return {
    queryKey: ["vehicle", "history", id] as const,
    queryFn: () => api.vehicleHistory(id),
  };
}

