// The visit's vocabularies in the order the screens list them. Each list is a
// Record over the generated union first, so the compiler notices a value
// added in Rust.

import type { ExtraWorkStatus, Panel, PaymentMethod, QcItem, Step, VisitState } from "../bindings";

function keys<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

export const VISIT_STATES = keys<VisitState>({
  booked: true,
  prepared: true,
  received: true,
  in_repair: true,
  quality_check: true,
  ready: true,
  handed_over: true,
  followed_up: true,
  no_show: true,
  cancelled: true,
});

/** The states of the process in order, as the steps bar shows them. */
export const PROCESS: readonly VisitState[] = [
  "booked",
  "prepared",
  "received",
  "in_repair",
  "quality_check",
  "ready",
  "handed_over",
  "followed_up",
];

export const STEPS = keys<Step>({
  prepare: true,
  receive: true,
  start_repair: true,
  finish_repair: true,
  pass_qc: true,
  fail_qc: true,
  hand_over: true,
  follow_up: true,
  no_show: true,
  cancel: true,
});

/** Around the car, clockwise from the front. */
export const PANELS = keys<Panel>({
  front_bumper: true,
  bonnet: true,
  windscreen: true,
  roof: true,
  left_front_wing: true,
  left_front_door: true,
  left_rear_door: true,
  left_rear_wing: true,
  rear_window: true,
  boot_lid: true,
  rear_bumper: true,
  right_rear_wing: true,
  right_rear_door: true,
  right_front_door: true,
  right_front_wing: true,
  left_mirror: true,
  right_mirror: true,
  wheels: true,
});

export const PAYMENT_METHODS = keys<PaymentMethod>({
  cash: true,
  bank_card: true,
  we_chat_pay: true,
  alipay: true,
  bank_transfer: true,
  warranty: true,
  insurance: true,
});

/** The quality-control checklist of DOMAIN.md §3.5, in its order. */
export const QC_ITEMS = keys<QcItem>({
  in_time: true,
  all_work_done: true,
  road_test: true,
  cleanliness: true,
  parked: true,
  advisor_signed: true,
  order_matches_work: true,
  open_problems_noted: true,
  service_book_stamped: true,
});

/** `road_test` → `roadTest`: how the backend names a checklist item's field. */
export function qcField(item: QcItem): string {
  return item.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `roadTest` → `road_test`, or undefined when it is no checklist item. */
export function qcItemOf(field: string): QcItem | undefined {
  const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return (QC_ITEMS as readonly string[]).includes(snake) ? (snake as QcItem) : undefined;
}

export const STATE_COLOUR: Record<VisitState, string> = {
  booked: "default",
  prepared: "cyan",
  received: "blue",
  in_repair: "orange",
  quality_check: "purple",
  ready: "green",
  handed_over: "success",
  followed_up: "geekblue",
  no_show: "red",
  cancelled: "default",
};

export const EXTRA_STATUS_COLOUR: Record<ExtraWorkStatus, string> = {
  awaiting_approval: "gold",
  approved: "green",
  declined: "default",
};

/** The workshop board's columns; a handed-over visit shows in the last one. */
export const BOARD_COLUMNS = ["received", "in_repair", "quality_check", "ready", "handed_over"] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

export function boardColumn(state: VisitState): BoardColumn | null {
  if (state === "followed_up") return "handed_over";
  return (BOARD_COLUMNS as readonly string[]).includes(state) ? (state as BoardColumn) : null;
}

/** Fuel levels in eighths, as the gauge reads them. */
export const FUEL_LABELS = ["E", "⅛", "¼", "⅜", "½", "⅝", "¾", "⅞", "F"] as const;
