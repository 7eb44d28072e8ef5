import { createContext, useContext } from "react";
import type { CampaignId, CustomerId, FollowUpId, VehicleId, VisitId } from "../bindings";

/**
 * A place in the app another screen can send the user to: a visit's page, a
 * customer's page, the appointment board (optionally with the booking form
 * open for a customer's vehicle), a walk-in reception, the workshop board, a
 * follow-up call over the day's call list, a care campaign's page.
 */
export type Destination =
  | { module: "archive"; customerId?: CustomerId }
  | { module: "appointments"; book?: { customerId: CustomerId; vehicleId: VehicleId } }
  | { module: "visits"; visitId?: VisitId; walkIn?: { customerId: CustomerId; vehicleId: VehicleId } }
  | { module: "followup"; callId?: FollowUpId }
  | { module: "campaigns"; campaignId?: CampaignId }
  | {
      module: "complaints";
      complaintId?: number;
      register?: { customerId: CustomerId; vehicleId?: VehicleId; visitId?: VisitId };
    };

/** A destination with a serial number, so the same destination twice still moves the screen. */
export type Request = Destination & { serial: number };

export const NavigationContext = createContext<(destination: Destination) => void>(() => {});

/** Sends the user to another screen: `navigate({ module: "visits", visitId })`. */
export function useNavigate(): (destination: Destination) => void {
  return useContext(NavigationContext);
}
