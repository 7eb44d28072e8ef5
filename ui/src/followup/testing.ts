// Canned follow-up calls, a questionnaire and a report for the follow-up
// screens' tests, and sessions with the follow-up actions of each role.

import type { Session } from "../auth/session";
import type { Action, CallDetail, CsiReport, FollowUpCall, Question, Questionnaire, Role } from "../bindings";
import { ALLOWED, sessionInfo, staffMember } from "../test/fixtures";
import { testSession } from "../test/render";

/** The follow-up actions of each role, as `may` grants them (crates/domain/src/staff.rs). */
const FOLLOW_UP_ACTIONS: Record<Role, Action[]> = {
  service_advisor: ["read_visits", "read_satisfaction", "register_complaint"],
  technician: ["read_visits"],
  qc_inspector: ["read_visits"],
  follow_up: ["read_visits", "read_satisfaction", "call_customers", "register_complaint"],
  service_manager: ["read_visits", "read_satisfaction", "call_customers", "plan_follow_up", "manage_complaints"],
  administrator: ["read_visits"],
};

/** A member of `role` (staff id `id`) with the follow-up actions of that role. */
export function followUpSession(role: Role, id = 1): Session {
  return testSession(role, {
    info: {
      ...sessionInfo(role, { allowedActions: [...ALLOWED[role], ...FOLLOW_UP_ACTIONS[role]] }),
      staff: staffMember({ role, id }),
    },
  });
}

function question(key: string, section: Question["section"], zh: string, en: string, over: Partial<Question> = {}): Question {
  return { key, section, answer: "score", zh, en, required: section === "factor", category: "other", ...over };
}

/** A short questionnaire: one service-start item, two factors (60% + 40%), "would recommend". */
export function questionnaire(over: Partial<Questionnaire> = {}): Questionnaire {
  return {
    version: 3,
    script: {
      greeting: {
        zh: "您好，请问是{customer}吗？我是{dealership}的回访专员。",
        en: "Hello, am I speaking with {customer}? This is {dealership}.",
      },
      purpose: {
        zh: "感谢您{date}到店保养您的{vehicle}。",
        en: "Thank you for bringing your {vehicle} in on {date}.",
      },
      closing: { zh: "祝您用车愉快。", en: "Have a good drive." },
    },
    questions: [
      question("preparation", "service_start", "整体准备工作", "Overall preparation", { category: "tangibles" }),
      question("friendliness", "factor", "客户友好度", "Customer friendliness", { weightBp: 6000, category: "empathy" }),
      question("quality", "factor", "服务质量", "Service quality", { weightBp: 4000, category: "reliability" }),
      question("recommend", "overall", "是否愿意推荐", "Would recommend us", { answer: "yes_no", required: true }),
    ],
    ...over,
  };
}

export function call(over: Partial<FollowUpCall> = {}): FollowUpCall {
  return {
    id: 41,
    row: 3,
    visitId: 7,
    visitNumber: "20261122-003",
    visitState: "handed_over",
    customerId: 1,
    customerName: "张伟",
    mobile: "13912345678",
    vehicleId: 11,
    plate: "京A12345",
    vehicleLabel: "一汽-大众 迈腾",
    workDone: "更换机油机滤、四轮定位",
    advisorId: 2,
    advisorName: "王丽",
    handedOverOn: "2026-11-21",
    dueFrom: "2026-11-22",
    dueTo: "2026-11-24",
    status: "open",
    due: "due",
    nextOn: "2026-11-22",
    attempts: 0,
    // As the backend says it to caller 1 (`followUpSession`'s default member): open, and not another's.
    mayWork: (over.status ?? "open") === "open" && (over.callerId === undefined || over.callerId === 1),
    ...over,
  };
}

export function detail(over: Partial<CallDetail> = {}, callOver: Partial<FollowUpCall> = {}): CallDetail {
  return { call: call(callOver), attempts: [], questionnaire: questionnaire(), ...over };
}

export function report(over: Partial<CsiReport> = {}): CsiReport {
  return {
    from: "2026-08-25",
    to: "2026-11-22",
    surveys: 12,
    csi: 8800,
    byAdvisor: [
      { key: "2", label: "王丽", surveys: 7, csi: 9150 },
      { key: "5", label: "刘强", surveys: 5, csi: 8310 },
    ],
    byMonth: [
      { key: "2026-10", label: "2026-10", surveys: 5, csi: 8620 },
      { key: "2026-11", label: "2026-11", surveys: 7, csi: 8929 },
    ],
    byAdvisorMonth: [
      { advisorId: 2, advisorName: "王丽", month: "2026-10", surveys: 3, csi: 9000 },
      { advisorId: 2, advisorName: "王丽", month: "2026-11", surveys: 4, csi: 9263 },
      { advisorId: 5, advisorName: "刘强", month: "2026-11", surveys: 5, csi: 8310 },
    ],
    distribution: [
      { from: 0, to: 6000, visits: 1 },
      { from: 6000, to: 7000, visits: 0 },
      { from: 7000, to: 8000, visits: 2 },
      { from: 8000, to: 9000, visits: 4 },
      { from: 9000, to: 10001, visits: 5 },
    ],
    factors: [
      { key: "friendliness", zh: "客户友好度", en: "Customer friendliness", weightBp: 6000, mean: 452, answers: 12 },
      { key: "quality", zh: "服务质量", en: "Service quality", weightBp: 4000, mean: 425, answers: 12 },
    ],
    hotAlerts: 1,
    callsDue: 16,
    completedInWindow: 12,
    callsClosed: 15,
    reached: 13,
    inWindow: { part: 12, whole: 16, percent: 75 },
    reach: { part: 13, whole: 15, percent: 86.7 },
    alerts: [
      {
        callId: 40,
        visitId: 6,
        visitNumber: "20261120-002",
        customerName: "李娜",
        advisorName: "刘强",
        surveyedOn: "2026-11-21",
        csi: 4500,
        complaintId: 9,
        complaintNumber: "TS20261121-001",
        complaintState: "received",
      },
    ],
    ...over,
  };
}
