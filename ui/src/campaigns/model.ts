// What the campaign screens share: the statuses, kinds and answers in their
// order, the plan and the segment as the forms hold them and as the backend
// reads them (quantities in hundredths, money in fen), where a refusal's field
// sits on a form, and the refusals in the user's language. Nothing here decides
// whether a plan, a segment or an answer is valid, and nothing computes a
// budget total: the backend does (crates/domain/src/campaign.rs). The plan form
// shows a line being typed with the repair order's `lineAmount` (the same rule
// as the backend's `line_amount`), marked provisional until it is saved.

import { ALL_ACTIVITY_KIND, ALL_CAMPAIGN_STATUS, ALL_CARE_KIND, ALL_RSVP } from "../bindings";
import type { TFunction } from "i18next";
import dayjs, { type Dayjs } from "dayjs";
import type {
  Activity,
  ActivityKind,
  BudgetLineInput,
  Campaign,
  CampaignInput,
  CampaignStatus,
  CareKind,
  CustomerGrade,
  Issue,
  Language,
  LeadGrade,
  PrizeInput,
  Rsvp,
  Segment,
} from "../bindings";
import { fieldPath, isKnownKind, issueText, type NamePath } from "../errors";
import { formatDate, formatMoney, toIsoDate, fromIsoDate } from "../format";
import { fromHundredths, toHundredths } from "../visits/money";

export const CAMPAIGN_STATUSES = ALL_CAMPAIGN_STATUS;

export const STATUS_COLOUR: Record<CampaignStatus, string> = {
  draft: "default",
  planned: "blue",
  running: "green",
  finished: "purple",
};

export const ACTIVITY_KINDS = ALL_ACTIVITY_KIND;

export const RSVPS = ALL_RSVP;

/** The answers a caller records (not "pending"). */
export const RSVP_ANSWERS: readonly Rsvp[] = ["yes", "no", "maybe", "not_reached"];

export const RSVP_COLOUR: Record<Rsvp, string> = {
  pending: "default",
  yes: "green",
  no: "red",
  maybe: "gold",
  not_reached: "default",
};

export const CARE_KINDS = ALL_CARE_KIND;

export function isCareKind(value: string): value is CareKind {
  return (CARE_KINDS as string[]).includes(value);
}

export const GRADE_CHOICES: readonly CustomerGrade[] = ["ordinary", "vip"];
export const LEAD_GRADE_CHOICES: readonly LeadGrade[] = ["A", "B", "C", "D"];

/** RSVPs are recorded while the campaign is planned or running (the backend refuses otherwise). */
export function takesAnswers(status: CampaignStatus): boolean {
  return status === "planned" || status === "running";
}

/** Invitations are made before the event starts. */
export function takesInvitations(status: CampaignStatus): boolean {
  return status === "draft" || status === "planned";
}

// ---------------------------------------------------------------------------
// The plan as the form holds it

export type ActivityValues = {
  kind?: ActivityKind;
  title?: string;
  at?: Dayjs | null;
  notes?: string;
};

export type PrizeValues = {
  /** Set for a saved prize: sent back so the backend can check its stock against the draws. */
  id?: number;
  name?: string;
  stock?: number | null;
  /** Yuan, as typed. */
  value?: number | null;
};

export type BudgetValues = {
  item?: string;
  quantity?: number | null;
  /** Yuan, as typed. */
  price?: number | null;
  actualQuantity?: number | null;
  actualPrice?: number | null;
  note?: string;
};

export type PlanValues = {
  theme?: string;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  venue?: string;
  background?: string;
  objectives?: string;
  attributionDays?: number | null;
  activities?: (ActivityValues | undefined)[];
  prizes?: (PrizeValues | undefined)[];
  budget?: (BudgetValues | undefined)[];
};

/** Visits within this many days after the event count towards its results, unless the manager says otherwise. */
export const DEFAULT_ATTRIBUTION_DAYS = 30;

export function newPlan(): PlanValues {
  return {
    theme: "",
    startsOn: null,
    endsOn: null,
    venue: "",
    background: "",
    objectives: "",
    attributionDays: DEFAULT_ATTRIBUTION_DAYS,
    activities: [],
    prizes: [],
    budget: [],
  };
}

export function newActivity(): ActivityValues {
  return { kind: "lecture", title: "", at: null, notes: "" };
}

export function newPrize(): PrizeValues {
  return { name: "", stock: null, value: null };
}

export function newBudgetLine(): BudgetValues {
  return { item: "", quantity: null, price: null, actualQuantity: null, actualPrice: null, note: "" };
}

/** A backend local date-time ("2026-09-28T10:00:00") as a picker value. */
function fromLocal(value: string | undefined): Dayjs | null {
  if (!value) return null;
  const d = dayjs(value);
  return d.isValid() ? d : null;
}

/** The saved campaign in the form: hundredths and fen back to decimals and yuan. */
export function planValues(c: Campaign): PlanValues {
  return {
    theme: c.theme,
    startsOn: fromIsoDate(c.startsOn),
    endsOn: fromIsoDate(c.endsOn),
    venue: c.venue,
    background: c.background,
    objectives: c.objectives,
    attributionDays: c.attributionDays,
    activities: c.activities.map((a) => ({ kind: a.kind, title: a.title, at: fromLocal(a.at), notes: a.notes })),
    prizes: c.prizes.map((p) => ({ id: p.id, name: p.name, stock: p.stock, value: fromHundredths(p.unitValue) })),
    budget: c.budgetLines.map(budgetValues),
  };
}

export function budgetValues(l: BudgetLineInput): BudgetValues {
  return {
    item: l.item,
    quantity: fromHundredths(l.quantityCenti),
    price: fromHundredths(l.unitPrice),
    actualQuantity: l.actualQuantityCenti !== undefined ? fromHundredths(l.actualQuantityCenti) : null,
    actualPrice: l.actualUnitPrice !== undefined ? fromHundredths(l.actualUnitPrice) : null,
    note: l.note,
  };
}

const typed = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** A budget line as the backend reads it: quantities in hundredths, prices in fen (half up). */
export function toBudgetLine(v: BudgetValues | undefined): BudgetLineInput {
  const line: BudgetLineInput = {
    item: (v?.item ?? "").trim(),
    quantityCenti: toHundredths(v?.quantity),
    unitPrice: toHundredths(v?.price),
    note: (v?.note ?? "").trim(),
  };
  if (typed(v?.actualQuantity)) line.actualQuantityCenti = toHundredths(v.actualQuantity);
  if (typed(v?.actualPrice)) line.actualUnitPrice = toHundredths(v.actualPrice);
  return line;
}

function toActivity(v: ActivityValues | undefined): Activity {
  const activity: Activity = { kind: v?.kind ?? "other", title: (v?.title ?? "").trim(), notes: (v?.notes ?? "").trim() };
  if (v?.at && v.at.isValid()) activity.at = v.at.second(0).format("YYYY-MM-DDTHH:mm:ss");
  return activity;
}

function toPrize(v: PrizeValues | undefined): PrizeInput {
  const prize: PrizeInput = {
    name: (v?.name ?? "").trim(),
    stock: typed(v?.stock) ? Math.trunc(v.stock) : 0,
    unitValue: toHundredths(v?.value),
  };
  if (v?.id !== undefined) prize.id = v.id;
  return prize;
}

/**
 * The plan as the backend reads it. The dates are the form's to have (a plan
 * cannot be sent without them); everything else the backend checks.
 */
export function toCampaignInput(v: PlanValues): CampaignInput {
  return {
    theme: (v.theme ?? "").trim(),
    startsOn: toIsoDate(v.startsOn) ?? "",
    endsOn: toIsoDate(v.endsOn) ?? "",
    venue: (v.venue ?? "").trim(),
    background: (v.background ?? "").trim(),
    objectives: (v.objectives ?? "").trim(),
    attributionDays: typed(v.attributionDays) ? Math.trunc(v.attributionDays) : 0,
    activities: (v.activities ?? []).map(toActivity),
    prizes: (v.prizes ?? []).map(toPrize),
    budget: (v.budget ?? []).map(toBudgetLine),
  };
}

/** Whether a budget line as typed is the line the backend saved (so its saved amount is its amount). */
export function sameLine(typedLine: BudgetValues | undefined, saved: BudgetLineInput | undefined): boolean {
  if (!saved) return false;
  return JSON.stringify(toBudgetLine(typedLine)) === JSON.stringify(toBudgetLine(budgetValues(saved)));
}

/** Where a refusal's field sits on the plan form; null where it has no input of its own. */
export function placeOnPlan(field: string): NamePath | null {
  const path = fieldPath(field);
  const [head, index, part] = path;
  if (path.length === 1 && typeof head === "string") {
    return ["theme", "startsOn", "endsOn", "venue", "background", "objectives", "attributionDays"].includes(head)
      ? [head]
      : null;
  }
  if (typeof index !== "number" || typeof part !== "string") return null;
  if (head === "activities" && ["kind", "title", "at", "notes"].includes(part)) return [head, index, part];
  if (head === "prizes") {
    const name = { name: "name", stock: "stock", unitValue: "value", id: "name" }[part];
    return name ? [head, index, name] : null;
  }
  if (head === "budget") {
    const name = {
      item: "item",
      quantityCenti: "quantity",
      unitPrice: "price",
      actualQuantityCenti: "actualQuantity",
      actualUnitPrice: "actualPrice",
      note: "note",
    }[part];
    return name ? [head, index, name] : null;
  }
  return null;
}

// ---------------------------------------------------------------------------
// The segment as the builder holds it

export type SegmentValues = {
  models?: string[];
  modelYearFrom?: number | null;
  modelYearTo?: number | null;
  purchasedFrom?: Dayjs | null;
  purchasedTo?: Dayjs | null;
  lastVisitMonths?: number | null;
  serviceDueDays?: number | null;
  warrantyDays?: number | null;
  insuranceDays?: number | null;
  inspectionDays?: number | null;
  declinedWork?: boolean;
  birthdayThisMonth?: boolean;
  grades?: CustomerGrade[];
  leadGrades?: LeadGrade[];
};

export const SEGMENT_NUMBERS = [
  "modelYearFrom",
  "modelYearTo",
  "lastVisitMonths",
  "serviceDueDays",
  "warrantyDays",
  "insuranceDays",
  "inspectionDays",
] as const;

export function segmentValues(s: Segment): SegmentValues {
  return {
    models: s.models ?? [],
    modelYearFrom: s.modelYearFrom ?? null,
    modelYearTo: s.modelYearTo ?? null,
    purchasedFrom: fromIsoDate(s.purchasedFrom),
    purchasedTo: fromIsoDate(s.purchasedTo),
    lastVisitMonths: s.lastVisitMonths ?? null,
    serviceDueDays: s.serviceDueDays ?? null,
    warrantyDays: s.warrantyDays ?? null,
    insuranceDays: s.insuranceDays ?? null,
    inspectionDays: s.inspectionDays ?? null,
    declinedWork: s.declinedWork === true,
    birthdayThisMonth: s.birthdayThisMonth === true,
    grades: s.grades ?? [],
    leadGrades: s.leadGrades ?? [],
  };
}

/** The segment as the backend reads it: only the filters that are set. */
export function toSegment(v: SegmentValues): Segment {
  const s: Segment = {};
  if (v.models && v.models.length > 0) s.models = [...v.models];
  for (const key of SEGMENT_NUMBERS) {
    const n = v[key];
    if (typed(n)) s[key] = Math.trunc(n);
  }
  const from = toIsoDate(v.purchasedFrom);
  const to = toIsoDate(v.purchasedTo);
  if (from) s.purchasedFrom = from;
  if (to) s.purchasedTo = to;
  if (v.declinedWork) s.declinedWork = true;
  if (v.birthdayThisMonth) s.birthdayThisMonth = true;
  if (v.grades && v.grades.length > 0) s.grades = [...v.grades];
  if (v.leadGrades && v.leadGrades.length > 0) s.leadGrades = [...v.leadGrades];
  return s;
}

/** The same filters, however the backend or the form wrote them (defaults left out, keys in one order). */
export function segmentKey(s: Segment): string {
  return JSON.stringify(toSegment(segmentValues(s)));
}

/** Where a refusal's field sits on the segment builder. */
export function placeOnSegment(field: string): NamePath | null {
  const [head] = fieldPath(field);
  if (typeof head !== "string") return null;
  const known = [...SEGMENT_NUMBERS, "models", "purchasedFrom", "purchasedTo", "grades", "leadGrades"] as string[];
  return known.includes(head) ? [head] : null;
}

/** The ranges the backend allows, for its refusals' text (`Segment::validate`, `CareSettings::validate`). */
const RANGES: Record<string, string> = {
  modelYearFrom: "1950–2100",
  modelYearTo: "1950–2100",
  lastVisitMonths: "1–240",
  serviceDueDays: "0–730",
  warrantyDays: "0–730",
  insuranceDays: "0–730",
  inspectionDays: "0–730",
  attributionDays: "1–365",
  maintenanceDays: "1–180",
  declinedDays: "1–730",
  serviceIntervalKm: "1,000–50,000",
  maxAttempts: "1–10",
};

/** The filters that are set, in words: "迈腾 Magotan · VIP · 生日在本月". */
export function segmentSummary(s: Segment, t: TFunction, lang: Language): string {
  const parts: string[] = [];
  if (s.models?.length) parts.push(s.models.join(t("history.listSeparator")));
  if (s.modelYearFrom !== undefined || s.modelYearTo !== undefined) {
    parts.push(t("campaigns.segment.summary.years", { from: s.modelYearFrom ?? "…", to: s.modelYearTo ?? "…" }));
  }
  if (s.purchasedFrom || s.purchasedTo) {
    parts.push(
      t("campaigns.segment.summary.purchased", {
        from: s.purchasedFrom ? formatDate(s.purchasedFrom, lang) : "…",
        to: s.purchasedTo ? formatDate(s.purchasedTo, lang) : "…",
      }),
    );
  }
  if (s.lastVisitMonths !== undefined) parts.push(t("campaigns.segment.summary.lastVisit", { n: s.lastVisitMonths }));
  if (s.serviceDueDays !== undefined) parts.push(t("campaigns.segment.summary.serviceDue", { n: s.serviceDueDays }));
  if (s.warrantyDays !== undefined) parts.push(t("campaigns.segment.summary.warranty", { n: s.warrantyDays }));
  if (s.insuranceDays !== undefined) parts.push(t("campaigns.segment.summary.insurance", { n: s.insuranceDays }));
  if (s.inspectionDays !== undefined) parts.push(t("campaigns.segment.summary.inspection", { n: s.inspectionDays }));
  if (s.declinedWork) parts.push(t("campaigns.segment.declined"));
  if (s.birthdayThisMonth) parts.push(t("campaigns.segment.birthday"));
  if (s.grades?.length) parts.push(s.grades.map((g) => t(`options.grade.${g}`)).join(t("history.listSeparator")));
  if (s.leadGrades?.length) {
    parts.push(
      t("campaigns.segment.summary.leads", {
        grades: s.leadGrades.map((g) => t(`options.leadGrade.${g}`)).join(t("history.listSeparator")),
      }),
    );
  }
  return parts.length > 0 ? parts.join(" · ") : t("campaigns.segment.summary.everyone");
}

// ---------------------------------------------------------------------------
// Care calls

// ---------------------------------------------------------------------------
// Refusals

/** Where the refusal came from: the same kind on the same field means different things. */
export type Context = "plan" | "status" | "segment" | "invite" | "rsvp" | "checkin" | "draw" | "care" | "careSettings";

const PLAN_FIELDS = [
  "theme",
  "startsOn",
  "endsOn",
  "venue",
  "background",
  "objectives",
  "attributionDays",
  "kind",
  "title",
  "at",
  "notes",
  "name",
  "stock",
  "unitValue",
  "item",
  "quantityCenti",
  "unitPrice",
  "actualQuantityCenti",
  "actualUnitPrice",
  "note",
] as const;
type PlanField = (typeof PLAN_FIELDS)[number];

const SEGMENT_FIELDS = [
  ...SEGMENT_NUMBERS,
  "models",
  "purchasedFrom",
  "purchasedTo",
  "grades",
  "leadGrades",
] as const;

const CARE_SETTING_FIELDS = [
  "maintenanceDays",
  "insuranceDays",
  "inspectionDays",
  "declinedDays",
  "serviceIntervalKm",
  "maxAttempts",
] as const;

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** A backend field's label on the campaign screens: `budget.2.quantityCenti` → "预算第 3 行 · 数量". */
export function campaignFieldLabel(field: string | null | undefined, t: TFunction, context: Context = "plan"): string {
  const path = fieldPath(field ?? "");
  const [head, index] = path;
  const last = path.filter((s): s is string => typeof s === "string").at(-1) ?? "";
  if (context === "careSettings" && member(CARE_SETTING_FIELDS, last)) return t(`campaigns.care.settings.${last}`);
  if (context === "segment" && member(SEGMENT_FIELDS, last)) return t(`campaigns.segment.fields.${last}`);
  if (context === "care" && (last === "note" || last === "callBackAt" || last === "outcome")) return t(`campaigns.care.fields.${last}`);
  const name = member(PLAN_FIELDS, last) ? t(`campaigns.fields.${last as PlanField}`) : undefined;
  if (typeof index === "number" && (head === "activities" || head === "prizes" || head === "budget")) {
    const where = t(`campaigns.fields.${head}N`, { n: index + 1 });
    return name && path.length > 2 ? `${where} · ${name}` : where;
  }
  if (head === "prizes") return t("campaigns.fields.prizes");
  return name ?? t("common.thisRecord");
}

/** One issue as the campaign screens say it. */
export function campaignIssueText(
  issue: Issue,
  t: TFunction,
  context: Context,
  /** The prizes' drawn counts as saved, for a stock refused below them. */
  drawnOf?: (index: number) => number | undefined,
): string {
  if (!isKnownKind(issue.kind)) return issue.message;
  if (issue.kind === "forbidden" && issue.action) return issueText(issue, t);
  const path = fieldPath(issue.field ?? "");
  const last = path.filter((s): s is string => typeof s === "string").at(-1) ?? "";
  const field = campaignFieldLabel(issue.field, t, context);
  if (issue.kind === "forbidden" && last === "callerId") return t("campaigns.refusal.takenByOther", { detail: issue.message });
  if (!issue.field) return issueText(issue, t);
  if (issue.kind === "invalid_state") {
    if (last === "status") {
      switch (context) {
        case "rsvp":
          return t("campaigns.refusal.rsvpStatus");
        case "invite":
          return t("campaigns.refusal.inviteStatus");
        case "checkin":
          return t("campaigns.refusal.checkInStatus");
        case "draw":
          return t("campaigns.refusal.drawStatus");
        case "care":
          return t("campaigns.refusal.callClosed");
        default:
          return t("campaigns.refusal.statusMove");
      }
    }
    if (last === "prizes") return t("campaigns.refusal.drawnPrizeRemoved");
    if (last === "invitationId") return t("campaigns.refusal.notCheckedIn");
    if (last === "callBackAt") return t("campaigns.refusal.callBackOnly");
    return issue.message;
  }
  if (context === "draw" && issue.kind === "out_of_range" && last === "prizes") return t("campaigns.refusal.stockEmpty");
  if (context === "draw" && issue.kind === "duplicate") return t("campaigns.refusal.alreadyDrew");
  if (context === "checkin" && issue.kind === "duplicate") return t("campaigns.refusal.alreadyCheckedIn");
  if (context === "checkin" && issue.kind === "not_found" && last === "customerId") return t("campaigns.refusal.notInvited");
  if (context === "rsvp" && issue.kind === "out_of_range") return t("campaigns.refusal.rsvpAnswer");
  if (issue.kind === "date_order") {
    if (last === "endsOn") return t("campaigns.refusal.endsBeforeStart");
    if (last === "at") return t("campaigns.refusal.activityOutside", { field });
    if (last === "modelYearTo") return t("campaigns.refusal.yearsReversed");
    if (last === "purchasedTo") return t("campaigns.refusal.purchaseReversed");
  }
  if (issue.kind === "out_of_range") {
    if (last === "stock" && path[0] === "prizes" && typeof path[1] === "number") {
      const drawn = drawnOf?.(path[1]);
      return drawn !== undefined && drawn > 0
        ? t("campaigns.refusal.stockBelowDrawn", { field, drawn })
        : t("campaigns.refusal.stockRange", { field });
    }
    if (last in RANGES) return t("campaigns.refusal.range", { field, range: RANGES[last] });
    if (["quantityCenti", "actualQuantityCenti", "unitPrice", "actualUnitPrice", "unitValue"].includes(last)) {
      return t("campaigns.refusal.amountRange", { field });
    }
  }
  if (context === "care" && last === "note" && issue.kind === "required") return t("campaigns.refusal.noteRequired");
  if (context === "care" && last === "callBackAt" && issue.kind === "required") return t("campaigns.refusal.callBackRequired");
  if (context === "care" && last === "callBackAt" && issue.kind === "in_the_past") return t("campaigns.refusal.callBackFuture");
  if (context === "care" && last === "callBackAt" && issue.kind === "invalid_date") return t("followup.panel.callBackUnreadable");
  return t(`errors.${issue.kind}`, { field, owner: t("common.anotherCustomer"), detail: issue.message });
}

/** Money for the figures: "¥1,234.50", or "—" when there is none. */
export function money(fen: number | null | undefined, lang: Language): string {
  return fen === null || fen === undefined ? "—" : formatMoney(fen, lang);
}
