import type { QueryClient } from "@tanstack/react-query";
import { api } from "../api";
import type { Campaign, CampaignId, CareCallDetail, CareKind, Invitation, Segment } from "../bindings";

/**
 * The campaigns' and the proactive care's reads, as TanStack Query options
 * (see `live`): each key starts with the kind of record it shows, so a change
 * of that kind on any desk reads it again.
 */

/** The campaigns, newest first. */
export const campaignListQuery = {
  queryKey: ["campaign", "list"] as const,
  queryFn: () => api.listCampaigns(),
};

/** One campaign: its plan, prizes with what was drawn, segment, budget and turnout. */
export function campaignQueryOf(id: CampaignId) {
  return {
    queryKey: ["campaign", "one", id] as const,
    queryFn: () => api.getCampaign(id),
    // It names who planned it.
    meta: { kinds: ["staff"] as const },
  };
}

/** A campaign's guests with their answers, check-ins and prizes. */
export function invitationsQueryOf(id: CampaignId) {
  return {
    queryKey: ["campaign", "invitations", id] as const,
    queryFn: () => api.campaignInvitations(id),
    // A row names the customer, the car, who took the answer and who checked the guest in.
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}

/** A campaign's lottery draws. */
export function drawsQueryOf(id: CampaignId) {
  return {
    queryKey: ["campaign", "draws", id] as const,
    queryFn: () => api.campaignDraws(id),
    // A draw names the attendee and the operator.
    meta: { kinds: ["customer", "staff"] as const },
  };
}

/** What a campaign brought back. */
export function resultsQueryOf(id: CampaignId) {
  return {
    queryKey: ["campaign", "results", id] as const,
    queryFn: () => api.campaignResults(id),
    // The repair orders and the revenue are the attendees' visits.
    meta: { kinds: ["visit"] as const },
  };
}

/** The customers a segment reaches, and how many it leaves out for want of consent. */
export function segmentCountQueryOf(segment: Segment) {
  return {
    queryKey: ["customer", "segment-count", segment] as const,
    queryFn: () => api.segmentCount(segment),
    // The filters read the cars and their visits.
    meta: { kinds: ["vehicle", "visit"] as const },
  };
}

/** The first customers a segment reaches. */
export function segmentPreviewQueryOf(segment: Segment) {
  return {
    queryKey: ["customer", "segment-preview", segment] as const,
    queryFn: () => api.segmentPreview(segment),
    meta: { kinds: ["vehicle", "visit"] as const },
  };
}

/** The car models in the archive, for the segment's model filter. */
export const vehicleModelsQuery = {
  queryKey: ["vehicle", "models"] as const,
  queryFn: () => api.vehicleModels(),
};

/** The customers found by a fragment of a name, a phone or a plate (the check-in's search): the archive's read. */
export { customerSearchQueryOf } from "../archive/queries";

/** A proactive care list of `kind` as it stands on `date`. */
export function careListQueryOf(kind: CareKind, date: string) {
  return {
    queryKey: ["care", "list", kind, date] as const,
    queryFn: () => api.careList(kind, date),
    // A call names the customer, the car and the caller; the lists are drawn from the
    // customers, their cars and visits, as far ahead as the care settings say.
    meta: { kinds: ["customer", "vehicle", "visit", "staff", "settings"] as const },
  };
}

/** One care call with its attempts. */
export function careCallQueryOf(id: number) {
  return {
    queryKey: ["care", "call", id] as const,
    queryFn: () => api.getCareCall(id),
    meta: { kinds: ["customer", "vehicle", "staff"] as const },
  };
}

/** How far ahead each care list looks, the service interval, the attempts. */
export const careSettingsQuery = {
  queryKey: ["settings", "care"] as const,
  queryFn: () => api.getCareSettings(),
};

/** Shows a campaign this desk has just written at once, before the reads that follow it. */
export function putCampaign(client: QueryClient, campaign: Campaign) {
  client.setQueryData(campaignQueryOf(campaign.id).queryKey, campaign);
}

/** Shows a guest this desk has just written at once, in place (or added). */
export function putInvitation(client: QueryClient, campaignId: CampaignId, guest: Invitation) {
  client.setQueryData<Invitation[]>(invitationsQueryOf(campaignId).queryKey, (list) => {
    const all = list ?? [];
    return all.some((g) => g.id === guest.id) ? all.map((g) => (g.id === guest.id ? guest : g)) : [...all, guest];
  });
}

/** Shows a care call this desk has just written at once. */
export function putCareCall(client: QueryClient, detail: CareCallDetail) {
  client.setQueryData(careCallQueryOf(detail.call.id).queryKey, detail);
}
