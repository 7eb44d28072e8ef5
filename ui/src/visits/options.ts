// The visit's vocabularies in the order the screens list them: the lists
// generated from Rust (bindings.ts), and the few orders of the screens' own —
// the panels around the car, the process bar.

import { ALL_PAYMENT_METHOD, ALL_QC_ITEM, ALL_STEP, ALL_VISIT_STATE } from "../bindings";
import type { ExtraWorkStatus, Panel, QcItem, VisitState } from "../bindings";

/** The members of a union in an order of the screen's own; the Record makes the compiler notice a value added in Rust. */
function keys<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

export const VISIT_STATES = ALL_VISIT_STATE;

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

export const STEPS = ALL_STEP;

/** Around the car, clockwise from the front. */
/** The panels as the advisor walks round the car: front, left side, rear, right side. */
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

export const PAYMENT_METHODS = ALL_PAYMENT_METHOD;

/** The quality-control checklist of DOMAIN.md §3.5, in its order. */
export const QC_ITEMS = ALL_QC_ITEM;

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
