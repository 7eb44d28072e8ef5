// Canned complaints for the complaint screens' tests, and sessions with the complaint actions.

import type { Session } from "../auth/session";
import type { Action, Complaint, Role } from "../bindings";
import { ALLOWED, sessionInfo, staffMember } from "../test/fixtures";
import { testSession } from "../test/render";

const COMPLAINT_ACTIONS: Record<Role, Action[]> = {
  service_advisor: ["register_complaint", "handle_complaint"],
  technician: ["register_complaint"],
  qc_inspector: ["register_complaint"],
  follow_up: ["register_complaint"],
  service_manager: ["register_complaint", "handle_complaint", "manage_complaints"],
  administrator: [],
};

/** A member of `role` (staff id `id`) with the complaint actions of that role. */
export function complaintSession(role: Role, id = 1): Session {
  return testSession(role, {
    info: {
      ...sessionInfo(role, { allowedActions: [...ALLOWED[role], ...COMPLAINT_ACTIONS[role]] }),
      staff: staffMember({ role, id }),
    },
  });
}

export function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: 5,
    number: "TS20261122-001",
    state: "received",
    severity: "serious",
    channel: "phone",
    category: "reliability",
    customerId: 1,
    customerName: "张伟",
    customerMobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    visitId: 7,
    visitNumber: "20261122-003",
    description: "保养后故障灯又亮了",
    request: "免费检查",
    receivedBy: "王丽",
    receivedAt: "2026-11-22T01:00:00Z",
    assignDue: "2099-01-01T02:00:00Z",
    resolveDue: "2099-01-02T01:00:00Z",
    escalations: [],
    recovery: [],
    reopened: false,
    timeline: [],
    updatedAt: "2026-11-22T01:00:00Z",
    ...overrides,
  };
}
