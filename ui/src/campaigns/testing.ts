// Canned campaigns, guests, draws, results and care calls for the campaign
// screens' tests, and sessions with the campaign actions of each role.

import type { Session } from "../auth/session";
import type {
  Action,
  Campaign,
  CampaignStatus,
  CareCall,
  CareCallDetail,
  CustomerSummary,
  Draw,
  Invitation,
  Results,
  Role,
} from "../bindings";
import { ALLOWED, sessionInfo, staffMember } from "../test/fixtures";
import { testSession } from "../test/render";

/** Where each status may go, as the backend's status table answers (`CampaignStatus::next`). */
const NEXT_STATUSES: Record<CampaignStatus, CampaignStatus[]> = {
  draft: ["planned"],
  planned: ["draft", "running"],
  running: ["finished"],
  finished: [],
};

/** The campaign actions of each role, as `may` grants them (crates/domain/src/staff.rs). */
const CAMPAIGN_ACTIONS: Record<Role, Action[]> = {
  service_advisor: ["read_campaigns", "work_campaigns", "read_satisfaction"],
  technician: ["read_campaigns"],
  qc_inspector: ["read_campaigns"],
  follow_up: ["read_campaigns", "work_campaigns", "read_satisfaction", "call_customers"],
  service_manager: ["read_campaigns", "plan_campaigns", "work_campaigns", "read_satisfaction", "call_customers"],
  administrator: [],
};

/** A member of `role` (staff id `id`) with the campaign actions of that role. */
export function campaignSession(role: Role, id = 1): Session {
  return testSession(role, {
    info: {
      ...sessionInfo(role, { allowedActions: [...ALLOWED[role], ...CAMPAIGN_ACTIONS[role]] }),
      staff: staffMember({ role, id }),
    },
  });
}

/** The seed's National Day plan, saved: two activities, two prizes, two budget lines. */
export function campaign(over: Partial<Campaign> = {}): Campaign {
  return {
    id: 5,
    theme: "随心驾驭，安全随行",
    startsOn: "2026-09-28",
    endsOn: "2026-09-30",
    venue: "售后服务大厅",
    background: "国庆长假，自驾出游增多",
    objectives: "节前来店量",
    status: "draft",
    activities: [
      { kind: "lecture", title: "安全驾驶讲座", at: "2026-09-28T10:00:00", notes: "" },
      { kind: "lottery", title: "幸运抽奖", notes: "每人一次" },
    ],
    prizes: [
      { id: 31, name: "1000 元保养工时卡", stock: 2, drawn: 0, unitValue: 100000 },
      { id: 32, name: "应急工具包", stock: 10, drawn: 3, unitValue: 25000 },
    ],
    budgetLines: [
      { item: "燃油", quantityCenti: 112000, unitPrice: 190, note: "1.9×2×7×8×10" },
      { item: "门票", quantityCenti: 2000, unitPrice: 20000, actualQuantityCenti: 1800, note: "" },
    ],
    budget: {
      lines: [
        { item: "燃油", quantityCenti: 112000, unitPrice: 190, amount: 212800, note: "1.9×2×7×8×10" },
        { item: "门票", quantityCenti: 2000, unitPrice: 20000, amount: 400000, actualQuantityCenti: 1800, actualAmount: 360000, note: "" },
      ],
      planned: 612800,
      actual: 572800,
      actualLines: 1,
    },
    segment: { models: ["迈腾 Magotan"] },
    attributionDays: 30,
    createdBy: "陈军",
    turnout: { invited: 3, pending: 1, yes: 1, no: 0, maybe: 0, notReached: 1, attended: 1, walkIns: 0, drawn: 0 },
    updatedAt: "2026-09-01T02:00:00Z",
    ...over,
    nextStatuses: over.nextStatuses ?? NEXT_STATUSES[over.status ?? "draft"],
  };
}

export function invitation(over: Partial<Invitation> = {}): Invitation {
  return {
    id: 71,
    row: 1,
    customerId: 1,
    customerName: "张伟",
    mobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    vehicleLabel: "一汽-大众 迈腾 Magotan",
    arrival: "invited",
    rsvp: "pending",
    rsvpNote: "",
    ...over,
  };
}

export function guests(): Invitation[] {
  return [
    invitation(),
    invitation({
      id: 72,
      row: 2,
      customerId: 2,
      customerName: "李娜",
      mobile: "13800001111",
      plate: "沪B67890",
      rsvp: "yes",
      rsvpBy: "周燕",
      rsvpAt: "2026-09-20T02:00:00Z",
      checkedInAt: "2026-09-28T01:30:00Z",
      checkedInBy: "周燕",
    }),
    invitation({ id: 73, row: 3, customerId: 3, customerName: "赵磊", mobile: "13700002222", plate: "京N88888", rsvp: "not_reached" }),
  ];
}

export function customerSummary(over: Partial<CustomerSummary> = {}): CustomerSummary {
  return {
    id: 1,
    name: "张伟",
    mobile: "13912345678",
    grade: "ordinary",
    leadGrade: null,
    archived: false,
    vehicles: [{ id: 11, plate: "京A12345", vin: "LFV2A21K8G3000001", brand: "一汽-大众 FAW-VW", model: "迈腾 Magotan" }],
    ...over,
  };
}

export function draw(over: Partial<Draw> = {}): Draw {
  return {
    id: 91,
    at: "2026-09-28T03:00:00Z",
    invitationId: 72,
    customerName: "李娜",
    prizeId: 31,
    prizeName: "1000 元保养工时卡",
    operator: "周燕",
    ...over,
  };
}

export function results(over: Partial<Results> = {}): Results {
  return {
    invited: 120,
    confirmed: 64,
    attended: 52,
    walkIns: 4,
    repairOrders: 18,
    revenue: 4_560_000,
    cost: 1_300_000,
    costPerAttendee: 25_000,
    returnPercent: 351,
    attributedUntil: "2026-10-30",
    ...over,
  };
}

export function careCall(over: Partial<CareCall> = {}): CareCall {
  return {
    id: 61,
    row: 1,
    kind: "maintenance_due",
    customerId: 1,
    customerName: "张伟",
    mobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    vehicleLabel: "一汽-大众 迈腾 Magotan",
    dueOn: "2026-11-30",
    reason: "建议下次保养：2026-11-30 或 55,000 公里",
    status: "open",
    due: "due",
    nextOn: "2026-11-23",
    attempts: 0,
    lastNote: "",
    mayWork: true,
    ...over,
  };
}

export function careDetail(over: Partial<CareCall> = {}): CareCallDetail {
  return { call: careCall(over), attempts: [] };
}
