// Generated from the Rust commands by `cargo xtask bindings`. Do not edit.
/* eslint-disable */

import { invoke } from "@tauri-apps/api/core";

/**
 * Something a command does, as the permission table knows it.
 */
export type Action = "read_archive" | "edit_archive" | "change_consent" | "archive_customer" | "load_demo_data" | "own_account" | "manage_staff" | "manage_settings" | "back_up" | "restore" | "read_visits" | "book_visits" | "serve_visits" | "record_repair" | "quality_check" | "plan_service" | "register_complaint" | "handle_complaint" | "manage_complaints" | "read_satisfaction" | "call_customers" | "plan_follow_up" | "read_campaigns" | "plan_campaigns" | "work_campaigns" | "move_database" | "export_data" | "import_data" | "read_reports";

export type Activity = { kind: ActivityKind, title: string, at?: string, notes: string, };

/**
 * What happens at the event.
 */
export type ActivityKind = "lecture" | "diy_challenge" | "lottery" | "trip" | "other";

/**
 * The first start: the administrator's account and the password they chose.
 */
export type AdminSetup = { name: string, login: string, password: string, };

/**
 * One advisor's reception hours, when they differ from the working hours.
 */
export type AdvisorHours = { advisorId: StaffId, from: string, to: string, };

/**
 * One advisor's index in one month.
 */
export type AdvisorMonth = { advisorId: StaffId, advisorName: string, month: string, surveys: number, csi: number, };

/**
 * An advisor's show rate over the board's days up to today: `kpi::show_rate`,
 * the dashboard's formula (appointments still to come are not counted).
 */
export type AdvisorShowRate = { advisorId: StaffId, booked: number, shown: number, noShows: number, 
/**
 * `None` when none has come or failed to come yet.
 */
rate?: Ratio, };

/**
 * A hot alert as the manager's list shows it.
 */
export type AlertRow = { callId: FollowUpId, visitId: VisitId, visitNumber: string, customerName: string, advisorName: string, surveyedOn: string, csi: number, complaintId: ComplaintId, complaintNumber: string, complaintState: ComplaintState, };

/**
 * One checked answer.
 */
export type Answer = { key: string, value: number, };

/**
 * One answer as typed: the question's key and the number (or nothing).
 */
export type AnswerInput = { key: string, value?: number, };

/**
 * How a question is answered.
 */
export type AnswerKind = "score" | "yes_no";

/**
 * The appointment board for one day or a week.
 */
export type AppointmentBoard = { 
/**
 * The desk's clock as the board was read: what "now" and "today" mean on it.
 */
now: string, from: string, days: number, slotMinutes: number, 
/**
 * Every slot start of a day.
 */
slots: Array<string>, advisors: Array<BoardAdvisor>, 
/**
 * The appointments of the days shown, cancelled ones included.
 */
visits: Array<VisitSummary>, load: Array<DayLoad>, showRates: Array<ShowRate>, 
/**
 * Each advisor's show rate over the days shown up to today, in the columns' order.
 */
showRateToDate: Array<AdvisorShowRate>, };

/**
 * An appointment being booked or moved.
 */
export type AppointmentInput = { customerId: CustomerId, vehicleId: VehicleId, advisorId: StaffId, 
/**
 * The reception slot's start, local time.
 */
at: string, 
/**
 * Expected repair time, in minutes: the workshop load.
 */
expectedMinutes: number, 
/**
 * The work the customer asks for.
 */
requestedWork: string, 
/**
 * The customer's concerns, in their own words.
 */
concerns: string, 
/**
 * A replacement car (替换车) is promised.
 */
replacementCar: boolean, };

/**
 * Counts for the archive's header and for the first start.
 */
export type ArchiveStats = { customers: number, leads: number, vehicles: number, archived: number, };

/**
 * How a guest came in at the door.
 */
export type Arrival = "invited" | "walk_in";

/**
 * One recorded attempt.
 */
export type Attempt = { outcome: Outcome, at: string, by: string, callBackAt?: string, note: string, };

/**
 * One attempt as the caller records it.
 */
export type AttemptInput = { outcome: Outcome, 
/**
 * For a call-back: when the customer asked to be called (local time).
 */
callBackAt?: string, note: string, 
/**
 * For `reached`: the answers.
 */
survey?: SurveyInput, };

/**
 * What happened to it.
 */
export type AuditAction = "created" | "updated" | "archived" | "restored" | "owner_changed" | "password_changed" | "password_reset" | "backup_restored" | "demo_loaded" | "rescheduled" | "preparation_updated" | "prepared" | "received" | "order_updated" | "repair_started" | "extra_work_found" | "extra_work_approved" | "extra_work_declined" | "repair_finished" | "qc_passed" | "qc_failed" | "handed_over" | "followed_up" | "no_show" | "cancelled" | "complaint_step" | "escalated" | "call_attempted" | "calls_assigned" | "status_changed" | "invited" | "checked_in" | "prize_drawn" | "care_call_attempted" | "exported";

/**
 * What kind of record changed.
 */
export type AuditEntity = "customer" | "vehicle" | "staff" | "settings" | "database" | "visit" | "complaint" | "campaign";

/**
 * One line of a history panel.
 */
export type AuditEntry = { id: number, at: string, staffId: StaffId, 
/**
 * The name as it was when the change was made.
 */
staffName: string, entity: AuditEntity, entityId: number | null, action: AuditAction, changes: Array<FieldChange>, };

/**
 * Who is signed in, and what the screens should offer them.
 */
export type AuthStatus = { 
/**
 * No staff account exists yet: the first start asks for the administrator.
 */
needsSetup: boolean, session: SessionInfo | null, 
/**
 * Minutes without activity before the screen locks (0 = never).
 */
lockMinutes: number, };

/**
 * What a backup is a copy of, which is also what it can be restored into.
 */
export type BackupFormat = "file" | "server_dump";

/**
 * One backup file.
 */
export type BackupInfo = { path: string, kind: BackupKind, format: BackupFormat, takenAt: string, bytes: number, schemaVersion: number, customers: number, };

/**
 * Why a backup was taken.
 */
export type BackupKind = "automatic" | "manual" | "before_restore";

/**
 * The backup folder and what is in it, newest first.
 */
export type BackupOverview = { folder: string, 
/**
 * What this desk's database is backed up as, and so which backups it can restore.
 */
format: BackupFormat, backups: Array<BackupInfo>, };

/**
 * A band of the distribution: visits with an index from `from` to below `to` (hundredths).
 */
export type Band = { from: number, to: number, visits: number, };

/**
 * An advisor's column on the appointment board.
 */
export type BoardAdvisor = { id: StaffId, name: string, 
/**
 * Their reception hours that day.
 */
from: string, to: string, };

/**
 * A new appointment's customer: one in the archive, or one created with it.
 */
export type Booking = { appointment: AppointmentInput, 
/**
 * When set, this customer (with one vehicle) is created in the same
 * transaction and `appointment.customerId`/`vehicleId` are ignored.
 */
newCustomer?: NewCustomer, };

/**
 * The budget: its lines with their amounts, the planned and the actual total.
 */
export type Budget = { lines: Array<BudgetLine>, planned: Fen, 
/**
 * The actual amounts where known, the planned ones elsewhere.
 */
actual: Fen, 
/**
 * How many lines have an actual amount.
 */
actualLines: number, };

/**
 * A budget line with its amounts.
 */
export type BudgetLine = { item: string, quantityCenti: number, unitPrice: Fen, amount: Fen, actualQuantityCenti?: number, actualUnitPrice?: Fen, 
/**
 * Set once an actual quantity or price is known (the other one as planned).
 */
actualAmount?: Fen, note: string, };

/**
 * A budget line: the planned quantity and unit price, and the actual ones once known.
 * Amounts are computed, never typed.
 */
export type BudgetLineInput = { item: string, 
/**
 * In hundredths (1.5 litres = 150), like the repair order's quantities.
 */
quantityCenti: number, unitPrice: Fen, actualQuantityCenti?: number, actualUnitPrice?: Fen, note: string, };

/**
 * A call with its attempts and survey: what the call page shows.
 */
export type CallDetail = { call: FollowUpCall, attempts: Array<Attempt>, survey?: Survey, 
/**
 * The questionnaire to ask (open) or that was asked (surveyed).
 */
questionnaire: Questionnaire, complaintNumber?: string, };

/**
 * Which calls the list shows.
 */
export type CallFilter = { 
/**
 * The day: calls due by then and open, and those worked on that day.
 */
date: string, advisorId?: StaffId, callerId?: StaffId, 
/**
 * Calls nobody has taken yet.
 */
untaken?: boolean, };

/**
 * Where a follow-up call is.
 */
export type CallStatus = "open" | "completed" | "unreachable" | "refused";

/**
 * A campaign with everything its page shows.
 */
export type Campaign = { id: CampaignId, theme: string, startsOn: string, endsOn: string, venue: string, background: string, objectives: string, status: CampaignStatus, 
/**
 * Where the campaign may go from its status (`CampaignStatus::next`).
 */
nextStatuses: Array<CampaignStatus>, activities: Array<Activity>, prizes: Array<Prize>, 
/**
 * The lines as entered, for the form.
 */
budgetLines: Array<BudgetLineInput>, 
/**
 * The lines with their computed amounts and the totals.
 */
budget: Budget, segment: Segment, attributionDays: number, createdBy: string, turnout: Turnout, 
/**
 * The last change, and the version a form of this campaign saves against.
 */
updatedAt: string, };

/**
 * A campaign's id.
 */
export type CampaignId = number;

/**
 * A campaign's plan as the manager writes it.
 */
export type CampaignInput = { theme: string, startsOn: string, endsOn: string, venue: string, background: string, objectives: string, activities: Array<Activity>, prizes: Array<PrizeInput>, budget: Array<BudgetLineInput>, 
/**
 * Visits within this many days after the event count towards its results.
 */
attributionDays: number, 
/**
 * The `updatedAt` of the campaign the form was filled from: saving after
 * someone else's change is refused as `stale`. None for a new campaign.
 */
version?: string, };

/**
 * A campaign's paper.
 */
export type CampaignPaper = "invitations" | "budget" | "lottery";

/**
 * Where a campaign is.
 */
export type CampaignStatus = "draft" | "planned" | "running" | "finished";

/**
 * A campaign as a row of the list.
 */
export type CampaignSummary = { id: CampaignId, theme: string, startsOn: string, endsOn: string, status: CampaignStatus, invited: number, attended: number, plannedBudget: Fen, };

/**
 * One attempt at a care call.
 */
export type CareAttemptInput = { outcome: Outcome, callBackAt?: string, 
/**
 * What was said or agreed ("booked for Tuesday", "renewed elsewhere").
 */
note: string, };

/**
 * A call on a care list.
 */
export type CareCall = { id: CareCallId, 
/**
 * The row number on the day's list: the same on screen and on paper.
 */
row: number, kind: CareKind, customerId: CustomerId, customerName: string, mobile: string, vehicleId?: VehicleId, plate?: string, vehicleLabel?: string, 
/**
 * The occasion's day (due date, expiry, birthday, the declining visit's handover).
 */
dueOn: string, reason: string, status: CallStatus, due: Due, nextOn: string, callBackAt?: string, attempts: number, lastOutcome?: Outcome, lastNote: string, callerId?: StaffId, callerName?: string, 
/**
 * Whether the member reading the list may work this call (`follow_up::may_work`).
 */
mayWork: boolean, };

/**
 * A care call with its attempts.
 */
export type CareCallDetail = { call: CareCall, attempts: Array<Attempt>, };

/**
 * A care call's id.
 */
export type CareCallId = number;

/**
 * Why we call.
 */
export type CareKind = "maintenance_due" | "insurance_expiring" | "inspection_due" | "birthday" | "declined_work";

/**
 * How far ahead each list looks, and the service interval for estimates. A manager's settings.
 */
export type CareSettings = { 
/**
 * Maintenance due within this many days (overdue ones included).
 */
maintenanceDays: number, insuranceDays: number, inspectionDays: number, 
/**
 * Declined work from visits handed over within this many days.
 */
declinedDays: number, 
/**
 * The service interval used when no next service was recommended.
 */
serviceIntervalKm: number, 
/**
 * Attempts without reaching the customer before the call closes.
 */
maxAttempts: number, };

/**
 * What the complaint is about: the five service-quality dimensions, then the rest.
 */
export type Category = "tangibles" | "empathy" | "assurance" | "responsiveness" | "reliability" | "product" | "parts" | "price" | "other";

/**
 * Counts per category, or per month.
 */
export type CategoryCount = { category: Category, count: number, };

/**
 * Whose fault it was, each calling for its own response.
 */
export type Cause = "ours" | "shared" | "customer_misunderstanding";

/**
 * The cause, the root cause and the improvement measure of a complaint.
 */
export type CauseInput = { cause: Cause, rootCause: string, 
/**
 * Who was responsible, for a work-quality complaint.
 */
responsibleId?: StaffId, 
/**
 * What will change so it does not happen again.
 */
measure: string, 
/**
 * Who sees to the measure, and when it is checked.
 */
measureOwnerId: StaffId, checkOn: string, 
/**
 * The `updatedAt` of the complaint the form was filled from: saving after
 * someone else's change is refused as `stale`. Left out, nothing is checked.
 */
version?: string, };

/**
 * The cause and the improvement measure, as recorded.
 */
export type CauseRecord = { cause: Cause, rootCause: string, responsible?: string, measure: string, measureOwner: string, checkOn: string, checkedAt?: string, };

/**
 * Why a cell's value cannot be taken.
 */
export type CellIssueKind = "error_value" | "lost_digits" | "not_a_number" | "invalid_date" | "unknown_value" | "wrong_type";

/**
 * One changed record: `id` when the changed row was the record itself, else
 * `None` (a part of some record of that kind changed).
 */
export type Change = { kind: ChangeKind, id: number | null, };

/**
 * What the screens are told at once: the changes of the last moments, each
 * once; `everything` when a desk may have missed some (its connection to the
 * server was lost, a backup was restored) and must reread all it shows.
 */
export type ChangeBatch = { changes: Array<Change>, everything: boolean, };

/**
 * The kind of record a change touched: what a screen rereads.
 */
export type ChangeKind = "customer" | "vehicle" | "staff" | "settings" | "visit" | "follow_up" | "complaint" | "campaign" | "care";

/**
 * The last change of a record: who made it, and when.
 */
export type Changed = { by: string, at: string, };

/**
 * How the complaint reached the dealership.
 */
export type Channel = "visit" | "phone" | "follow_up_call" | "other";

/**
 * A colleague as the service screens list them (advisors, technicians): no login.
 */
export type Colleague = { id: StaffId, name: string, role: Role, };

/**
 * A column of the chosen sheet under its header row.
 */
export type ColumnView = { 
/**
 * 0-based.
 */
column: number, 
/**
 * The spreadsheet's letter: `A`, `AB`.
 */
letter: string, header: string, 
/**
 * The first few values below the header, as text.
 */
samples: Array<string>, };

export type CommandError = { 
/**
 * The first issue's kind.
 */
kind: ErrorKind, field?: string, message: string, conflict?: RecordRef, 
/**
 * For `forbidden`: the action refused.
 */
action?: Action, 
/**
 * Every issue found, the first one included.
 */
issues: Array<Issue>, };

/**
 * A complaint with everything its page and its printed record show.
 */
export type Complaint = { id: number, 
/**
 * `TS20261122-001`.
 */
number: string, state: ComplaintState, severity: Severity, channel: Channel, category: Category, hardCase?: HardCase, customerId: CustomerId, customerName: string, customerMobile: string, vehicleId?: VehicleId, plate?: string, visitId?: VisitId, visitNumber?: string, description: string, request: string, 
/**
 * The first-contact owner (首问负责人), who received it.
 */
receivedBy: string, receivedAt: string, handlerId?: StaffId, handler?: string, solution?: string, returnCallResult?: string, 
/**
 * When a handler must be assigned by (serious complaints).
 */
assignDue?: string, resolveDue: string, escalations: Array<Escalation>, recovery: Array<Recovery>, cause?: CauseRecord, reopened: boolean, timeline: Array<ComplaintEvent>, 
/**
 * The last change, and the version a form of this complaint saves against.
 * Escalations do not change it: they change nothing a form edits.
 */
updatedAt: string, 
/**
 * The time limit that matters at the desk's clock: set as the complaint
 * is read for a screen (`Complaint::shown_at`).
 */
deadline?: Deadline, };

/**
 * What the navigation and the manager's notifications show.
 */
export type ComplaintAlerts = { 
/**
 * Open complaints escalated to the service manager.
 */
escalatedOpen: number, 
/**
 * Complaints a low score on a follow-up call opened that nobody has taken yet.
 */
fromCallsUnassigned: number, 
/**
 * Escalations raised by this check: complaint number and reason.
 */
raised: Array<RaisedEscalation>, };

/**
 * One entry of a complaint's timeline.
 */
export type ComplaintEvent = { step: ComplaintStep, state: ComplaintState, at: string, by: string, note: string, };

/**
 * A complaint.
 */
export type ComplaintId = number;

/**
 * A complaint as registered by whoever received it (the first-contact owner, 首问负责人).
 */
export type ComplaintInput = { customerId: CustomerId, vehicleId?: VehicleId, visitId?: VisitId, channel: Channel, severity: Severity, category: Category, hardCase?: HardCase, 
/**
 * What happened, in the customer's words.
 */
description: string, 
/**
 * What the customer asks for.
 */
request: string, };

/**
 * The KPIs with the targets they are read against.
 */
export type ComplaintKpis = { since: string, kpis: Kpis, limits: ComplaintLimits, };

/**
 * The time limits, all settings.
 */
export type ComplaintLimits = { 
/**
 * A serious complaint gets a handler within this many minutes of receipt.
 */
assignMinutes: number, 
/**
 * …and is resolved within this many hours of receipt.
 */
resolveHours: number, 
/**
 * A minor complaint is solved within this many hours (on the spot, in practice).
 */
minorResolveHours: number, 
/**
 * The one-time resolution rate the dealer aims at, in percent.
 */
oneTimeTargetPercent: number, 
/**
 * The escalation rate the dealer aims at, in percent.
 */
escalationTargetPercent: number, };

/**
 * Where a complaint is.
 */
export type ComplaintState = "received" | "assigned" | "contacted" | "agreed" | "resolved" | "return_called" | "closed";

/**
 * A step of the complaint flow.
 */
export type ComplaintStep = "solve_on_the_spot" | "assign" | "contact" | "agree" | "resolve" | "return_call" | "close" | "reopen";

/**
 * When the customer prefers to be called.
 */
export type ContactTime = "anytime" | "morning" | "noon" | "afternoon" | "evening" | "weekend";

/**
 * The index over a group of visits.
 */
export type CsiGroup = { 
/**
 * The advisor's id, or the month as `YYYY-MM`.
 */
key: string, label: string, surveys: number, 
/**
 * The mean of the visits' indexes, in hundredths.
 */
csi: number, };

/**
 * The satisfaction report over a period.
 */
export type CsiReport = { from: string, to: string, surveys: number, csi?: number, byAdvisor: Array<CsiGroup>, 
/**
 * The trend: one group a month, oldest first.
 */
byMonth: Array<CsiGroup>, byAdvisorMonth: Array<AdvisorMonth>, distribution: Array<Band>, 
/**
 * The current questionnaire's factors.
 */
factors: Array<FactorMean>, hotAlerts: number, 
/**
 * Calls whose window has closed, or that were closed: the base of the in-window share.
 */
callsDue: number, 
/**
 * …of which completed within the window.
 */
completedInWindow: number, 
/**
 * Calls closed, the base of the reach rate…
 */
callsClosed: number, 
/**
 * …of which reached the customer (surveyed or refused).
 */
reached: number, 
/**
 * `kpi::calls_in_window` of the counts above; `None` when no call was due.
 */
inWindow?: Ratio, 
/**
 * `kpi::reach_rate` of the counts above; `None` when no call was closed.
 */
reach?: Ratio, 
/**
 * The period's hot alerts with the complaint each opened, newest first.
 */
alerts: Array<AlertRow>, };

/**
 * A customer as stored.
 */
export type Customer = { id: CustomerId, name: string, mobile: string, otherPhones: Array<string>, contactTime: ContactTime | null, address: string, grade: CustomerGrade, leadGrade: LeadGrade | null, source: CustomerSource | null, birthday: string | null, marketingConsent: boolean, 
/**
 * When consent was last given or withdrawn.
 */
marketingConsentChanged: string | null, notes: string, archivedAt: string | null, createdAt: string, updatedAt: string, };

/**
 * Everything the customer page shows.
 */
export type CustomerDetail = { customer: Customer, vehicles: Array<Vehicle>, 
/**
 * Vehicles this customer owned before they passed to someone else.
 */
formerVehicles: Array<Ownership>, };

/**
 * Ordinary or VIP; VIP customers get the senior advisor and priority slots.
 */
export type CustomerGrade = "ordinary" | "vip";

/**
 * A customer (or sales lead) in the archive.
 */
export type CustomerId = number;

/**
 * A customer form as the user filled it in; dates are `YYYY-MM-DD` text so a
 * bad date is reported against its field rather than failing the request.
 */
export type CustomerInput = { name: string, mobile: string, otherPhones: Array<string>, contactTime: ContactTime | null, address: string, grade: CustomerGrade, leadGrade: LeadGrade | null, source: CustomerSource | null, birthday: string | null, marketingConsent: boolean, notes: string, 
/**
 * The `updatedAt` of the customer the form was filled from: saving after
 * someone else's change is refused as `stale`. None for a new customer.
 */
version?: string, };

/**
 * Which customers the list shows.
 */
export type CustomerQuery = { 
/**
 * Fragments of name, phone, plate or VIN, separated by spaces; all must match.
 */
text: string, includeArchived: boolean, 
/**
 * Only sales leads (customers with a lead grade).
 */
leadsOnly: boolean, 
/**
 * At most this many lines (default 50, at most 500).
 */
limit: number | null, };

/**
 * How the customer came to the dealership.
 */
export type CustomerSource = "sales" | "walk_in" | "referral" | "phone" | "online" | "event" | "other";

/**
 * One line of the customer list.
 */
export type CustomerSummary = { id: CustomerId, name: string, mobile: string, grade: CustomerGrade, leadGrade: LeadGrade | null, archived: boolean, vehicles: Array<VehicleBrief>, };

/**
 * Existing damage found on the walk-around.
 */
export type Damage = { panel: Panel, note: string, };

export type Dashboard = { from: string, to: string, advisor?: StaffId, cards: Array<KpiCard>, };

/**
 * The database in use, for Settings.
 */
export type DatabaseInfo = { 
/**
 * The file's path, or `postgres://user@host:port/database` (never the password).
 */
location: string, 
/**
 * The dealership's server rather than this computer's file.
 */
onServer: boolean, };

/**
 * One day's workshop load: expected repair time booked against capacity.
 */
export type DayLoad = { date: string, bookedMinutes: number, capacityMinutes: number, };

/**
 * A complaint's time limit as of a moment.
 */
export type Deadline = { kind: DeadlineKind, due: string, 
/**
 * Whole minutes until `due`; negative once it has passed.
 */
minutesLeft: number, };

/**
 * Which time limit an open complaint works against.
 */
export type DeadlineKind = "assign" | "resolve";

/**
 * Extra work a customer declined: kept on the vehicle for proactive care.
 */
export type DeclinedWork = { id: ExtraWorkId, visitId: VisitId, visitNumber: string, description: string, amount: Fen, declinedAt: string, };

/**
 * One recorded draw.
 */
export type Draw = { id: number, at: string, invitationId: InvitationId, customerName: string, prizeId: PrizeId, prizeName: string, operator: string, };

/**
 * Whether a call is due on a day.
 */
export type Due = "not_yet" | "due" | "overdue" | "closed";

/**
 * Rows of the file that share a VIN, a plate, or a mobile number and name.
 */
export type Duplicate = { key: DuplicateKey, 
/**
 * The shared value as compared (`LFV2A21K767042918`, `京A12345`, `13800138000 张伟`).
 */
value: string, 
/**
 * 0-based row indices, in file order; at least two.
 */
rows: Array<number>, };

/**
 * What two rows share.
 */
export type DuplicateKey = "vin" | "plate" | "mobileAndName";

/**
 * Why a request was refused. The UI translates by this kind (never by the
 * English message) and highlights the issue's `field`.
 */
export type ErrorKind = "required" | "too_long" | "invalid_mobile" | "invalid_phone" | "invalid_plate" | "invalid_vin" | "vin_check_digit" | "invalid_date" | "date_in_future" | "in_the_past" | "date_order" | "out_of_range" | "duplicate" | "not_found" | "invalid_state" | "invalid_login" | "weak_password" | "unauthenticated" | "locked" | "wrong_password" | "account_disabled" | "too_many_attempts" | "forbidden" | "invalid_backup" | "other_backup_format" | "pg_tools_missing" | "pg_tools_too_old" | "backup_failed" | "invalid_path" | "printing" | "storage" | "unavailable" | "stale" | "server_unreachable" | "server_login" | "no_such_database" | "server_too_old" | "server_tls" | "foreign_database" | "newer_schema" | "database_not_empty" | "database_character_type" | "credential_missing" | "credential_store" | "internal";

/**
 * An escalation to the service manager, as recorded.
 */
export type Escalation = { reason: EscalationReason, at: string, };

/**
 * Why a complaint went to the service manager.
 */
export type EscalationReason = "not_assigned_in_time" | "not_resolved_in_time" | "socially_influential";

/**
 * An export written: where, and how many rows it holds in all.
 */
export type Exported = { path: string, rows: number, };

/**
 * Extra work as stored, with its lines and the customer's answer.
 */
export type ExtraWork = { id: ExtraWorkId, description: string, status: ExtraWorkStatus, foundBy: string, foundAt: string, decidedAt?: string, note: string, lines: Array<OrderLine>, amount: Fen, };

/**
 * Extra work found during repair, awaiting the customer's decision.
 */
export type ExtraWorkId = number;

/**
 * Extra work the technician found, as entered.
 */
export type ExtraWorkInput = { description: string, lines: Array<LineInput>, };

/**
 * Where extra work found during repair stands.
 */
export type ExtraWorkStatus = "awaiting_approval" | "approved" | "declined";

/**
 * A factor's mean score, in hundredths (100–500).
 */
export type FactorMean = { key: string, zh: string, en: string, weightBp: number, mean: number, answers: number, };

/**
 * A failed row's reason, worded by the UI in the user's language (the same
 * words the preview and the result show).
 */
export type FailedReason = { row: number, reason: string, };

/**
 * A row that was not written, and why.
 */
export type FailedRow = { row: number, issues: Array<Issue>, cells: Array<RowIssue>, };

/**
 * An amount of money in fen.
 */
export type Fen = number;

/**
 * What a column holds, named as the archive's forms name it
 * (`CustomerInput`, `VehicleInput`) where the archive has the field, and for
 * the service history (visits, repair orders) otherwise.
 */
export type Field = "customerName" | "mobile" | "otherPhone" | "gender" | "birthday" | "address" | "notes" | "marketingConsent" | "plate" | "vin" | "brand" | "model" | "modelYear" | "colour" | "purchaseDate" | "warrantyEnd" | "mileageKm" | "insuranceExpiry" | "annualInspectionDue" | "advisor" | "visitDate" | "roNumber" | "workDone" | "amount";

/**
 * One field's value before and after (`null` where there was none).
 */
export type FieldChange = { 
/**
 * The field's camelCase name, as in the forms (`mobile`, `mileageKm`).
 */
field: string, before: JsonValue, after: JsonValue, };

/**
 * One figure: the value in the KPI's unit (percent for a share, points for
 * the CSI, minutes, a count, fen), with the counts of a share. `value` is
 * absent when there was nothing to measure.
 */
export type Figure = { value?: number, part?: number, whole?: number, };

/**
 * A follow-up call as a row of the call list and the printed sheet.
 */
export type FollowUpCall = { id: FollowUpId, 
/**
 * The row number on the day's list: the same on screen and on paper.
 */
row: number, visitId: VisitId, visitNumber: string, visitState: VisitState, customerId: CustomerId, customerName: string, mobile: string, vehicleId: VehicleId, plate?: string, vehicleLabel: string, 
/**
 * The work done, as the order's lines say it.
 */
workDone: string, advisorId: StaffId, advisorName: string, handedOverOn: string, dueFrom: string, dueTo: string, status: CallStatus, due: Due, 
/**
 * The day of the next attempt, while open.
 */
nextOn: string, callBackAt?: string, attempts: number, lastOutcome?: Outcome, callerId?: StaffId, callerName?: string, 
/**
 * The visit's index once surveyed, in hundredths.
 */
csi?: number, complaintId?: ComplaintId, 
/**
 * Whether the member reading the list may work this call (`may_work`).
 */
mayWork: boolean, };

/**
 * A follow-up call created at handover.
 */
export type FollowUpId = number;

/**
 * How the call list works: settings a manager changes.
 */
export type FollowUpSettings = { 
/**
 * Attempts without reaching the customer before the call closes as unreachable.
 */
maxAttempts: number, 
/**
 * A score at or below this opens a complaint (the hot alert).
 */
alertAtOrBelow: number, };

/**
 * A recorded handover.
 */
export type Handover = { invoiceNumber: string, nextServiceDate?: string, nextServiceKm?: number, paymentMethod: PaymentMethod, amountPaid: Fen, handedOverAt: string, handedOverBy: string, };

/**
 * The handover, as the advisor records it (DOMAIN.md §3.6).
 */
export type HandoverInput = { 
/**
 * The order lines explained to the customer: every line that counts.
 */
explainedLineIds: Array<LineId>, invoiceNumber: string, nextServiceDate?: string, nextServiceKm?: number, paymentMethod: PaymentMethod, amountPaid: Fen, 
/**
 * The customer confirmed the vehicle's condition.
 */
conditionConfirmed: boolean, };

/**
 * The hard cases of DOMAIN.md §5, each with the advice shown to the handler.
 */
export type HardCase = "emotional" | "righteous" | "stubborn" | "self_absorbed" | "well_prepared" | "socially_influential";

/**
 * An [`ImportError`] as it crosses to the UI.
 */
export type ImportError = { kind: ImportErrorKind, sheet?: string, row?: number, column?: number, 
/**
 * For `duplicate_mapping`: the field and both of its columns.
 */
field?: Field, columns?: [number, number], message: string, };

/**
 * The kind of an [`ImportError`], for the UI to translate.
 */
export type ImportErrorKind = "io" | "empty_file" | "too_large" | "too_many_cells" | "not_a_spreadsheet" | "damaged" | "encrypted" | "no_data" | "no_such_sheet" | "empty_sheet" | "no_header_row" | "no_such_row" | "cell_too_long" | "duplicate_mapping";

/**
 * What committing a row would do, as the preview shows it.
 */
export type ImportOutcome = { "kind": "new", 
/**
 * An earlier row of the file creates the same customer (same mobile
 * and name): this row adds its vehicle to that customer.
 */
sameCustomerAs?: number, } | { "kind": "update", customer: RecordRef, 
/**
 * The customer's vehicle the row describes; `None` adds the row's vehicle.
 */
vehicle?: VehicleId, 
/**
 * `vehicle.` before a vehicle's field.
 */
changes: Array<FieldChange>, } | { "kind": "skip", customer: RecordRef, } | { "kind": "conflict", customers: Array<RecordRef>, field: Field, message: string, } | { "kind": "invalid", issues: Array<Issue>, cells: Array<RowIssue>, };

/**
 * A commit's progress, as the `import-progress` event carries it.
 */
export type ImportProgress = { done: number, total: number, };

/**
 * What a commit did.
 */
export type ImportSummary = { imported: number, updated: number, skipped: number, failed: number, failedRows: Array<FailedRow>, 
/**
 * Stopped by the user: rows after the last whole batch were not looked at.
 */
cancelled: boolean, 
/**
 * Past visits added to the vehicles' history.
 */
visitsImported: number, 
/**
 * Past visits the archive already had (imported before, or repeated in the file).
 */
visitsSkipped: number, };

/**
 * One guest: invited from the segment or let in as a walk-in.
 */
export type Invitation = { id: InvitationId, 
/**
 * The row number on the list and the printed invitation sheet.
 */
row: number, customerId: CustomerId, customerName: string, mobile: string, vehicleId?: VehicleId, plate?: string, vehicleLabel?: string, arrival: Arrival, rsvp: Rsvp, rsvpBy?: string, rsvpAt?: string, rsvpNote: string, checkedInAt?: string, checkedInBy?: string, 
/**
 * The prize this guest drew, if they drew.
 */
prize?: string, };

/**
 * An invitation's id.
 */
export type InvitationId = number;

/**
 * One thing wrong with one field.
 */
export type Issue = { kind: ErrorKind, 
/**
 * The input field, in the form's camelCase name (`vin`, `mobile`,
 * `vehicles.0.vin`); `None` when the issue is with the whole request.
 */
field?: string, 
/**
 * English, for logs and as the UI's last resort.
 */
message: string, conflict?: RecordRef, 
/**
 * For `forbidden`: the action the role may not take, for the UI to name.
 */
action?: Action, 
/**
 * For `stale`: who changed the record since it was read, and when (boxed:
 * the rare case should not make every issue larger).
 */
changed?: Changed, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * A card of the dashboard.
 */
export type KpiCard = { key: KpiKey, current: Figure, 
/**
 * The period of the same length just before.
 */
previous: Figure, 
/**
 * The same period a year earlier.
 */
yearAgo: Figure, 
/**
 * The dealer's target from the settings; absent where there is none.
 */
target?: number, unit: Unit, higherIsBetter: boolean, 
/**
 * Whether the period's figure met its target (at or above it, or at or
 * below it where lower is better); absent without a target or a figure.
 */
met?: boolean, 
/**
 * Twelve months, oldest first, ending with the period's last month.
 */
trend: Array<MonthFigure>, };

/**
 * Every figure of the dashboard, by the name the UI, the export and the
 * drill-down share.
 */
export type KpiKey = "csi" | "callsInWindow" | "reachRate" | "oneTimeResolution" | "escalationRate" | "minutesToAssign" | "minutesToClose" | "showRate" | "onTimeHandover" | "repairOrders" | "revenue" | "averagePerOrder" | "extraWorkApproval" | "declinedRecovered" | "careBooked" | "careVisited" | "campaignAttendance" | "campaignRevenue" | "campaignReturn" | "customersLost" | "customersBack";

/**
 * The complaint KPIs of DOMAIN.md §5.
 */
export type Kpis = { total: number, closed: number, 
/**
 * Closed without reopening or escalation, of all closed; `None` when none is closed.
 */
oneTimeResolutionPercent?: number, 
/**
 * Escalated, of all complaints; `None` when there are none.
 */
escalationPercent?: number, medianMinutesToAssign?: number, medianMinutesToClose?: number, reopened: number, byCategory: Array<CategoryCount>, byMonth: Array<MonthCount>, };

/**
 * The languages of every screen and printed page.
 */
export type Language = "zh-CN" | "en";

/**
 * Sales' grading of a potential customer (DOMAIN.md §2).
 */
export type LeadGrade = "A" | "B" | "C" | "D";

/**
 * One advisor's row of the league table.
 */
export type LeagueRow = { advisorId: StaffId, advisorName: string, csi: Figure, showRate: Figure, onTimeHandover: Figure, extraWorkApproval: Figure, 
/**
 * Complaints received about the advisor's visits.
 */
complaints: number, };

/**
 * A line of a repair order (labour or part).
 */
export type LineId = number;

/**
 * A repair-order line as the advisor (or the technician, for extra work) enters it.
 */
export type LineInput = { kind: LineKind, 
/**
 * The labour operation, or the part's name.
 */
description: string, 
/**
 * The part number; empty for labour.
 */
partNumber: string, 
/**
 * Hours (labour) or quantity (part), in hundredths: 150 is 1.5.
 */
quantityCenti: number, 
/**
 * The hourly rate (labour) or the unit price (part).
 */
unitPrice: Fen, 
/**
 * A genuine part (原装备件); always true for labour.
 */
genuine: boolean, };

/**
 * Labour or a part.
 */
export type LineKind = "labour" | "part";

/**
 * Which field each column holds: what the import proposes from the header
 * row, then what the user corrected. Saved with a name it is the template for
 * one old system's exports.
 */
export type Mapping = { 
/**
 * The template's name, e.g. the old system's ("DMS 2015 导出"); empty when not saved.
 */
name: string, 
/**
 * The sheet it was made for; `None`: the first sheet that holds data.
 */
sheet?: string, 
/**
 * The header row (0-based); `None`: found by [`find_header_row`].
 */
headerRow?: number, 
/**
 * 0-based column index → the field it holds; unmapped columns are skipped.
 */
columns: { [key in number]: Field }, };

export type MonthCount = { 
/**
 * `2026-11`.
 */
month: string, category: Category, count: number, };

/**
 * One month of a trend.
 */
export type MonthFigure = { 
/**
 * `2026-11`.
 */
month: string, figure: Figure, };

/**
 * What moving up copied; every table was verified (or nothing was moved).
 */
export type MoveReport = { 
/**
 * Where the desk now works: `postgres://user@host:port/database`.
 */
server: string, 
/**
 * The file that was copied, left as it was.
 */
file: string, tables: Array<MovedTable>, };

/**
 * One table as moved: its rows, and the checksum both sides agreed on.
 */
export type MovedTable = { table: string, rows: number, checksum: string, };

/**
 * A new customer with the vehicles they came with, saved together or not at all.
 */
export type NewCustomer = { customer: CustomerInput, vehicles: Array<VehicleInput>, };

/**
 * Handovers against the promised time.
 */
export type OnTime = { handedOver: number, onTime: number, 
/**
 * `kpi::on_time_handover`; `None` when none was handed over.
 */
rate?: Ratio, };

/**
 * The picked file: its sheets, or why it cannot be imported.
 */
export type Opened = { "outcome": "read", name: string, sheets: Array<SheetSummary>, } | { "outcome": "refused", name: string, error: ImportError, };

/**
 * The repair order part of a visit.
 */
export type Order = { 
/**
 * The lines written at reception, then approved extra work's lines.
 */
lines: Array<OrderLine>, promisedAt?: string, confirmedAt?: string, 
/**
 * The total the customer agreed to at confirmation.
 */
estimate?: Fen, taxBasisPoints: number, };

/**
 * The repair order as the advisor saves it at reception.
 */
export type OrderInput = { lines: Array<LineInput>, 
/**
 * When the vehicle will be ready, as promised to the customer.
 */
promisedAt: string, 
/**
 * The customer agreed to the work and the estimate.
 */
customerConfirmed: boolean, 
/**
 * The `updatedAt` of the visit the form was filled from: saving after
 * someone else's change is refused as `stale`. Left out, nothing is checked.
 */
version?: string, };

/**
 * A stored repair-order line.
 */
export type OrderLine = { id: LineId, kind: LineKind, description: string, partNumber: string, quantityCenti: number, unitPrice: Fen, genuine: boolean, amount: Fen, 
/**
 * The extra work this line came from; it counts once the customer approved it.
 */
extraWorkId?: ExtraWorkId, 
/**
 * Explained to the customer at handover.
 */
explained: boolean, };

/**
 * What one attempt came to.
 */
export type Outcome = "reached" | "no_answer" | "busy" | "wrong_number" | "refused" | "call_back";

/**
 * Passing a vehicle to another customer (sold on, inherited, a company car).
 */
export type OwnerChange = { vehicleId: VehicleId, newOwner: CustomerId, 
/**
 * The day the vehicle changed hands (`YYYY-MM-DD`).
 */
date: string, };

/**
 * One period in which a customer owned a vehicle.
 */
export type Ownership = { vehicleId: VehicleId, customerId: CustomerId, customerName: string, 
/**
 * The vehicle as it was known then (plate and model), for the former owner's page.
 */
vehicleLabel: string, from: string, 
/**
 * `None` while the period lasts.
 */
until: string | null, };

/**
 * A panel of the body, for the walk-around's damage record.
 */
export type Panel = "front_bumper" | "bonnet" | "windscreen" | "roof" | "boot_lid" | "rear_bumper" | "rear_window" | "left_front_wing" | "left_front_door" | "left_rear_door" | "left_rear_wing" | "right_front_wing" | "right_front_door" | "right_rear_door" | "right_rear_wing" | "left_mirror" | "right_mirror" | "wheels";

/**
 * Which paper of a visit.
 */
export type Paper = "repair_order" | "quality_check" | "handover";

/**
 * A past visit from the old system, as the row gives it.
 */
export type PastVisit = { 
/**
 * The day of the visit; handed over at noon, local time.
 */
date: string, mileageKm?: number, 
/**
 * The old system's advisor name; empty when not given.
 */
advisor: string, 
/**
 * The old system's repair-order number; empty when not given.
 */
roNumber: string, 
/**
 * The work done; empty when not given.
 */
work: string, amount: Fen, status: PastVisitStatus, 
/**
 * An earlier row of the file describes the vehicle (and its owner): this
 * row adds only its visit, and the customer and vehicle cells of the
 * first row are the ones written.
 */
sameVehicleAs?: number, 
/**
 * The same visit (vehicle, day, order number) as this earlier row of the file.
 */
sameVisitAs?: number, };

/**
 * Whether committing adds the visit.
 */
export type PastVisitStatus = "new" | "known";

/**
 * How the customer paid.
 */
export type PaymentMethod = "cash" | "bank_card" | "we_chat_pay" | "alipay" | "bank_transfer" | "warranty" | "insurance";

/**
 * One row of the file, checked and matched.
 */
export type Planned = { 
/**
 * 0-based, as [`ImportRow::row`]; the spreadsheet shows `row + 1`.
 */
row: number, 
/**
 * What the row gives, normalised; empty text and `None` are "not given".
 */
customer: CustomerInput, 
/**
 * Marketing consent, only when a column gives it.
 */
marketingConsent?: boolean, vehicle?: VehicleInput, outcome: ImportOutcome, 
/**
 * The past visit the row gives (it has a visit date). Its mileage is the
 * visit's: a history row's mileage is not put on the vehicle as its own.
 */
visit?: PastVisit, };

export type Preferences = { 
/**
 * The language chosen in the app, else the one the OS locale suggests.
 */
language: Language, 
/**
 * Whether the language was chosen in the app (rather than from the OS).
 */
languageChosen: boolean, 
/**
 * The database file, shown in settings so people know where their data is.
 */
databasePath: string, };

/**
 * The preparation checklist of DOMAIN.md §3.2.
 */
export type Preparation = { partsReady: boolean, orderPrefilled: boolean, advisorAvailable: boolean, 
/**
 * Clean, fuelled and ready; only asked when a replacement car is promised.
 */
replacementCarReady: boolean, };

/**
 * One item of the preparation checklist.
 */
export type PreparationItem = "parts_ready" | "order_prefilled" | "advisor_available" | "replacement_car_ready";

/**
 * The dry run: nothing is written until the commit.
 */
export type Preview = { "outcome": "planned", counts: PreviewCounts, 
/**
 * Every row that needs attention, and up to [`PREVIEW_QUIET_ROWS`] others, in file order.
 */
rows: Array<Planned>, 
/**
 * Rows of the file that describe the same vehicle or customer.
 */
duplicates: Array<Duplicate>, 
/**
 * Rows with no attention needed that were left out of `rows`.
 */
rowsNotShown: number, } | { "outcome": "refused", error: ImportError, };

/**
 * How many rows of the dry run would do what.
 */
export type PreviewCounts = { total: number, new: number, update: number, skip: number, conflict: number, invalid: number, 
/**
 * Past visits the commit would add (on new, updated or unchanged rows alike).
 */
visitsNew: number, 
/**
 * Past visits the archive already has.
 */
visitsKnown: number, };

/**
 * A printed file.
 */
export type Printed = { path: string, bytes: number, };

/**
 * A prize with its stock and how many were drawn.
 */
export type Prize = { id: PrizeId, name: string, stock: number, drawn: number, unitValue: Fen, };

/**
 * A prize's id.
 */
export type PrizeId = number;

/**
 * A prize as planned: what it is, how many there are, what one is worth.
 */
export type PrizeInput = { 
/**
 * Set when an existing prize is edited.
 */
id?: PrizeId, name: string, stock: number, unitValue: Fen, };

/**
 * A recorded quality check.
 */
export type QcCheck = { id: number, inspector: string, at: string, passed: boolean, items: Array<QcItemResult>, parkingLocation: string, };

/**
 * The inspector's check, as entered.
 */
export type QcInput = { items: Array<QcItemResult>, 
/**
 * Where the vehicle is parked; required to pass.
 */
parkingLocation: string, };

/**
 * The quality-control checklist of DOMAIN.md §3.5.
 */
export type QcItem = "in_time" | "all_work_done" | "road_test" | "cleanliness" | "parked" | "advisor_signed" | "order_matches_work" | "open_problems_noted" | "service_book_stamped";

export type QcItemResult = { item: QcItem, result: QcResult, 
/**
 * Required for a failed item: what is wrong.
 */
note: string, };

/**
 * One item's result.
 */
export type QcResult = "pass" | "fail" | "not_applicable";

/**
 * One question, in both languages.
 */
export type Question = { 
/**
 * A stable key: answers and the sheet's boxes refer to it.
 */
key: string, section: Section, answer: AnswerKind, zh: string, en: string, 
/**
 * For a factor: its weight in the index, in basis points (1600 = 16%).
 */
weightBp?: number, 
/**
 * A reached call cannot be saved without it.
 */
required: boolean, 
/**
 * The complaint category a low score on it opens.
 */
category: Category, };

/**
 * The call script and questions. A change is saved as a new version; a survey
 * keeps the version it was asked with.
 */
export type Questionnaire = { 
/**
 * Set by the store when a version is saved.
 */
version: number, script: Script, questions: Array<Question>, };

export type RaisedEscalation = { complaintId: number, number: string, reason: EscalationReason, };

/**
 * A share of a whole, kept with its counts so a screen can show "17 / 20"
 * beside the percentage and a drill-down can list exactly the `part`.
 */
export type Ratio = { part: number, whole: number, 
/**
 * `part / whole` in percent, to one decimal (half away from zero).
 */
percent: number, };

/**
 * The walk-around with the customer (DOMAIN.md §3.3).
 */
export type Reception = { mileageKm: number, 
/**
 * Why the mileage is below the last one known (a replaced cluster, a typo on file).
 */
mileageReason?: string, 
/**
 * Fuel (or charge) in eighths: 0 empty … 8 full.
 */
fuelEighths: number, damages: Array<Damage>, 
/**
 * Valuables left in the car, as told to the customer.
 */
valuables: string, 
/**
 * Accessories with the car (spare wheel, jack, child seat …).
 */
accessories: string, 
/**
 * The customer's concerns, verbatim.
 */
concerns: string, };

/**
 * What a record behind a figure is, so the UI opens its page.
 */
export type RecordKind = "visit" | "complaint" | "followUpCall" | "careCall" | "campaign" | "customer";

/**
 * A record the user can be sent to, e.g. the customer who already has a VIN.
 */
export type RecordRef = { customerId: CustomerId, 
/**
 * The customer's name, to show in the message's link.
 */
label: string, };

/**
 * A recovery step as recorded.
 */
export type Recovery = { step: RecoveryStep, doneOn: string, note: string, compensation?: string, cost?: Fen, by: string, };

/**
 * Ticking a recovery step: when, and for the compensation what and its cost.
 */
export type RecoveryInput = { step: RecoveryStep, doneOn: string, note: string, 
/**
 * For the symbolic compensation: what was given.
 */
compensation?: string, cost?: Fen, 
/**
 * The `updatedAt` of the complaint the form was filled from: saving after
 * someone else's change is refused as `stale`. Left out, nothing is checked.
 */
version?: string, };

/**
 * The five steps of service recovery.
 */
export type RecoveryStep = "apology" | "urgent_restoration" | "empathy" | "symbolic_compensation" | "follow_up";

/**
 * The period asked for (local days, both inclusive) and, optionally, one advisor.
 */
export type ReportQuery = { from: string, to: string, advisor?: StaffId, };

/**
 * A record behind a figure.
 */
export type ReportRecord = { kind: RecordKind, id: number, 
/**
 * The visit's, complaint's or campaign's number or name.
 */
number: string, customerName: string, 
/**
 * The local day that put it in the period.
 */
on: string, };

/**
 * What the campaign brought back, computed from its facts.
 */
export type Results = { invited: number, 
/**
 * Said yes.
 */
confirmed: number, 
/**
 * Checked in (walk-in guests included).
 */
attended: number, walkIns: number, 
/**
 * Repair orders handed over to invited customers and guests from the start
 * of the event to `attribution_days` after its end.
 */
repairOrders: number, revenue: Fen, 
/**
 * The actual budget (planned where no actual is known) plus the prizes given.
 */
cost: Fen, costPerAttendee?: Fen, 
/**
 * Revenue over cost, in percent (150 = the revenue is 1.5 times the cost).
 */
returnPercent?: number, 
/**
 * The day until which visits count.
 */
attributedUntil: string, };

/**
 * The roles of DOMAIN.md §1, plus the administrator who manages accounts,
 * settings and backups.
 */
export type Role = "service_advisor" | "technician" | "qc_inspector" | "follow_up" | "service_manager" | "administrator";

/**
 * A cell that could not be converted, where it is.
 */
export type RowIssue = { column: number, field: Field, kind: CellIssueKind, message: string, };

/**
 * The invited customer's answer.
 */
export type Rsvp = "pending" | "yes" | "no" | "maybe" | "not_reached";

/**
 * Where the picture was saved.
 */
export type SavedPicture = { path: string, };

/**
 * What the caller says around the questions.
 */
export type Script = { greeting: ScriptText, purpose: ScriptText, closing: ScriptText, };

/**
 * A text of the call script in both languages.
 */
export type ScriptText = { zh: string, en: string, };

/**
 * Where a question sits on the call script and the sheet.
 */
export type Section = "service_start" | "service_advisor" | "factor" | "overall";

/**
 * Who a campaign is for: every filter set must hold (they combine with "and").
 * A customer without marketing consent is never in the list, whatever the filters.
 */
export type Segment = { 
/**
 * Vehicle models (any of them).
 */
models?: Array<string>, modelYearFrom?: number, modelYearTo?: number, purchasedFrom?: string, purchasedTo?: string, 
/**
 * The vehicle has not been at the workshop for this many months (or never).
 */
lastVisitMonths?: number, 
/**
 * The next service recommended at handover is due within this many days (or overdue).
 */
serviceDueDays?: number, 
/**
 * The warranty ends within this many days.
 */
warrantyDays?: number, 
/**
 * The insurance expires within this many days.
 */
insuranceDays?: number, 
/**
 * The annual inspection is due within this many days.
 */
inspectionDays?: number, 
/**
 * Work the customer declined at an earlier visit is still open on the vehicle.
 */
declinedWork?: boolean, birthdayThisMonth?: boolean, 
/**
 * Customer grades (any of them).
 */
grades?: Array<CustomerGrade>, 
/**
 * Sales leads of these grades (any of them); leads may have no vehicle.
 */
leadGrades?: Array<LeadGrade>, };

/**
 * The live count of a segment.
 */
export type SegmentCount = { 
/**
 * Customers in the list.
 */
customers: number, 
/**
 * Customers the filters match who withdrew (or never gave) marketing consent: never in the list.
 */
excludedNoConsent: number, };

/**
 * A customer of a segment's preview or an invitation list.
 */
export type SegmentMember = { customerId: CustomerId, name: string, mobile: string, 
/**
 * The vehicle through which they match (the first, when several do).
 */
vehicleId?: VehicleId, plate?: string, vehicleLabel?: string, grade: CustomerGrade, leadGrade?: LeadGrade, };

/**
 * Where a desk connects, without the password (which the operating system's
 * credential store keeps).
 */
export type ServerAddress = { host: string, port: number, database: string, user: string, tls: TlsMode, };

/**
 * What a test of the server found, when it could be used.
 */
export type ServerCheck = { 
/**
 * Where it connected (`user@host:port/database`).
 */
server: string, 
/**
 * PostgreSQL's version as the server gives it, e.g. `15.8`.
 */
serverVersion: string, 
/**
 * CareDesk's schema version in the database; 0 for an empty database,
 * which CareDesk sets up when the desk first opens it.
 */
schemaVersion: number, 
/**
 * Whether the database already holds CareDesk records (moving a desk's
 * database up needs one that does not).
 */
holdsData: boolean, };

/**
 * The server form as typed: the chooser's on first start, and Settings' "move
 * this database to the server".
 */
export type ServerInput = { 
/**
 * The server's name or IP address on the dealership's network.
 */
host: string, 
/**
 * `None` when the field was left empty.
 */
port: number | null, database: string, user: string, 
/**
 * May be empty: a server can trust the dealership's network.
 */
password: string, tls: TlsMode, };

/**
 * How the service department works: what the appointment board, the repair
 * order and handover read. A manager changes them.
 */
export type ServiceSettings = { 
/**
 * The dealership's name as it heads the printed papers and the customer messages.
 */
dealership?: string, 
/**
 * The first reception slot of the day.
 */
opens: string, 
/**
 * No appointment starts at or after this time.
 */
closes: string, 
/**
 * The length of one reception slot.
 */
slotMinutes: number, 
/**
 * Workshop capacity: bookable repair hours per day.
 */
workshopHours: number, 
/**
 * The labour rate a new labour line starts with.
 */
labourRate: Fen, 
/**
 * Tax on the repair order in basis points (1300 = 13%).
 */
taxBasisPoints: number, 
/**
 * The follow-up call is due from this many days after handover…
 */
followUpFromDays: number, 
/**
 * …until this many days after handover.
 */
followUpToDays: number, 
/**
 * Advisors whose reception hours are narrower than the working hours.
 */
advisorHours: Array<AdvisorHours>, };

export type SessionInfo = { staff: StaffMember, 
/**
 * What this member's role may do; the UI hides the rest.
 */
allowedActions: Array<Action>, locked: boolean, };

/**
 * What an administrator can change in Settings.
 */
export type Settings = { 
/**
 * Lock the screen after this many minutes without activity (0 = never).
 */
lockMinutes: number, 
/**
 * Where automatic and manual backups go; `None` is the default folder
 * beside the database.
 */
backupDir: string | null, 
/**
 * Keep the newest backup of each of the last N days.
 */
keepDaily: number, 
/**
 * Keep the newest backup of each of the last N weeks.
 */
keepWeekly: number, };

/**
 * Minor: solved on the spot, no compensation. Serious: the strict flow.
 */
export type Severity = "minor" | "serious";

/**
 * A sheet of the picked file, as the sheet chooser lists it.
 */
export type SheetSummary = { name: string, rows: number, columns: number, 
/**
 * Nothing but empty cells: it cannot be imported.
 */
blank: boolean, };

/**
 * The chosen sheet, for choosing its header row and mapping its columns.
 */
export type SheetView = { sheet: string, 
/**
 * The header row (0-based): the one asked for, else the one found; `None`
 * when none looks like one (`error` says so) and the user must pick it.
 */
headerRow?: number, 
/**
 * The sheet's first rows as text, to pick the header row from.
 */
firstRows: Array<Array<string>>, columns: Array<ColumnView>, 
/**
 * What the headers suggest.
 */
guess: Mapping, 
/**
 * Rows below the header row.
 */
dataRows: number, error?: ImportError, };

/**
 * How many of an advisor's appointments on a day came (show rate).
 */
export type ShowRate = { date: string, advisorId: StaffId, 
/**
 * Appointments not cancelled.
 */
booked: number, 
/**
 * Of those, the vehicles received.
 */
shown: number, noShows: number, };

/**
 * A staff member's id.
 */
export type StaffId = number;

/**
 * A staff account as the administrator edits it.
 */
export type StaffInput = { name: string, login: string, role: Role, active: boolean, };

/**
 * A staff account as stored (never with its password).
 */
export type StaffMember = { id: StaffId, name: string, login: string, role: Role, active: boolean, };

/**
 * Where the start is.
 */
export type StartStage = "ready" | "choose" | "failed";

/**
 * What the window shows before the sign-in screen.
 */
export type StartStatus = { stage: StartStage, 
/**
 * The operating system's language: no database holds a chosen one yet.
 */
language: Language, 
/**
 * `failed`: why.
 */
error: CommandError | null, 
/**
 * `failed`: the database the desk was to open (a file, or `user@host:port/database`).
 */
database: string | null, 
/**
 * The server chosen before, to fill the chooser's form (never the password).
 */
server: ServerAddress | null, 
/**
 * Whether another database may be chosen here: not when the command line
 * (`--db`, `CAREDESK_DB`, `--demo`) named it.
 */
canChoose: boolean, };

/**
 * One entry of a visit's timeline.
 */
export type StateChange = { step: Step, state: VisitState, at: string, by: string, };

/**
 * A step of the process: each moves a visit from one state to the next.
 */
export type Step = "prepare" | "receive" | "start_repair" | "finish_repair" | "pass_qc" | "fail_qc" | "hand_over" | "follow_up" | "no_show" | "cancel";

/**
 * The customer's answers, checked against the questionnaire they were asked with.
 */
export type Survey = { version: number, answers: Array<Answer>, comment: string, flagged: boolean, 
/**
 * The visit's index, in hundredths of a point (0–10000 is 0–100).
 */
csi: number, };

/**
 * The survey of a reached call.
 */
export type SurveyInput = { answers: Array<AnswerInput>, 
/**
 * What the customer said in their own words.
 */
comment: string, 
/**
 * The caller marks the comment for the manager: it opens a complaint.
 */
flagged: boolean, };

/**
 * Whether the connection to the server is encrypted, as PostgreSQL's `sslmode`
 * names it. Like libpq's modes of the same names, `prefer` and `require` do
 * not check the server's certificate (a dealership's server usually has a
 * self-signed one): they keep the network from reading along, not a
 * machine from pretending to be the server.
 */
export type TlsMode = "disable" | "prefer" | "require";

/**
 * The order's sums, in fen.
 */
export type Totals = { labour: Fen, parts: Fen, subtotal: Fen, tax: Fen, total: Fen, };

/**
 * How the invitation list stands.
 */
export type Turnout = { invited: number, pending: number, yes: number, no: number, maybe: number, notReached: number, 
/**
 * Checked in, walk-in guests included.
 */
attended: number, walkIns: number, drawn: number, };

/**
 * What a figure's value counts; money is in fen. Its printed form is the
 * locale's `unit` section.
 */
export type Unit = "percent" | "points" | "minutes" | "count" | "money";

/**
 * A vehicle as stored, with its current owner.
 */
export type Vehicle = { id: VehicleId, customerId: CustomerId, plate: string | null, vin: string, vinCheckConfirmed: boolean, brand: string, model: string, modelYear: number | null, colour: string, purchaseDate: string | null, warrantyEnd: string | null, mileageKm: number | null, insuranceExpiry: string | null, annualInspectionDue: string | null, 
/**
 * The next-service recommendation given at the last handover.
 */
nextServiceDate?: string, nextServiceKm?: number, archivedAt: string | null, createdAt: string, updatedAt: string, };

/**
 * A vehicle in one line of the customer list.
 */
export type VehicleBrief = { id: VehicleId, plate: string | null, vin: string, brand: string, model: string, };

/**
 * A vehicle with all its owners, newest first.
 */
export type VehicleDetail = { vehicle: Vehicle, owners: Array<Ownership>, };

/**
 * A vehicle in the archive; it keeps its id when its owner changes.
 */
export type VehicleId = number;

/**
 * A vehicle form as the user filled it in.
 */
export type VehicleInput = { 
/**
 * Empty for a vehicle not registered yet.
 */
plate: string, vin: string, 
/**
 * The advisor confirmed a VIN whose 9th character is not a check digit.
 */
vinCheckConfirmed: boolean, brand: string, model: string, modelYear: number | null, colour: string, purchaseDate: string | null, warrantyEnd: string | null, mileageKm: number | null, insuranceExpiry: string | null, annualInspectionDue: string | null, 
/**
 * The `updatedAt` of the vehicle the form was filled from: saving after
 * someone else's change is refused as `stale`. None for a new vehicle.
 */
version?: string, };

/**
 * A vehicle's service history.
 */
export type VehicleVisits = { visits: Array<VisitSummary>, declinedWork: Array<DeclinedWork>, };

/**
 * A visit with everything the visit page shows.
 */
export type Visit = { id: VisitId, 
/**
 * The repair order number, e.g. `20261122-003`.
 */
number: string, state: VisitState, walkIn: boolean, customerId: CustomerId, customerName: string, customerMobile: string, vehicleId: VehicleId, plate?: string, vin: string, 
/**
 * Brand and model, as shown.
 */
vehicleLabel: string, advisorId: StaffId, advisorName: string, appointmentAt?: string, expectedMinutes: number, requestedWork: string, concerns: string, replacementCar: boolean, preparation: Preparation, cancelReason?: string, reception?: Reception, order: Order, technicianId?: StaffId, technicianName?: string, extraWork: Array<ExtraWork>, qcChecks: Array<QcCheck>, handover?: Handover, followUpDue?: [string, string], totals: Totals, 
/**
 * When the visit entered each state it has been in, oldest first.
 */
timeline: Array<StateChange>, createdAt: string, 
/**
 * The last change, and the version a form of this visit saves against.
 */
updatedAt: string, 
/**
 * The promised time has passed at the desk's clock and the vehicle is not
 * ready (`overdue`): set as the visit is read for a screen.
 */
overdue: boolean, };

/**
 * A service visit: an appointment, a walk-in, its repair order and handover.
 */
export type VisitId = number;

/**
 * Where a visit is in the service core process.
 */
export type VisitState = "booked" | "prepared" | "received" | "in_repair" | "quality_check" | "ready" | "handed_over" | "followed_up" | "no_show" | "cancelled";

/**
 * A visit as a row of a board or a list.
 */
export type VisitSummary = { id: VisitId, number: string, state: VisitState, walkIn: boolean, customerId: CustomerId, customerName: string, customerMobile: string, vehicleId: VehicleId, plate?: string, vehicleLabel: string, advisorId: StaffId, advisorName: string, technicianName?: string, appointmentAt?: string, expectedMinutes: number, requestedWork: string, replacementCar: boolean, 
/**
 * Preparation items not yet done (appointments only).
 */
unprepared: Array<PreparationItem>, promisedAt?: string, receivedAt?: string, handedOverAt?: string, overdue: boolean, total: Fen, extraWorkWaiting: number, 
/**
 * A past visit imported from the old system's files: history, not work
 * CareDesk handled, so no KPI, list or board counts it.
 */
imported: boolean, 
/**
 * The old system's advisor name of an imported visit (`advisor_name` is
 * the staff member of that name, else whoever imported it).
 */
importedAdvisor?: string, 
/**
 * The old system's repair-order number of an imported visit.
 */
sourceNumber?: string, };

/**
 * A vehicle that arrives without an appointment.
 */
export type WalkIn = { customerId: CustomerId, vehicleId: VehicleId, advisorId: StaffId, requestedWork: string, expectedMinutes: number, replacementCar: boolean, reception: Reception, };

/**
 * The workshop board: vehicles at the dealership by stage, and today's handovers.
 */
export type WorkshopBoard = { 
/**
 * The desk's clock as the board was read: what "now" and "today" mean on it.
 */
now: string, today: string, 
/**
 * Received, in repair, in quality check, ready; and handed over today.
 */
visits: Array<VisitSummary>, onTimeToday: OnTime, onTime30Days: OnTime, loadToday: DayLoad, };

/** Every `Action`, in Rust's order. */
export const ALL_ACTION: readonly Action[] = ["read_archive", "edit_archive", "change_consent", "archive_customer", "load_demo_data", "own_account", "manage_staff", "manage_settings", "back_up", "restore", "read_visits", "book_visits", "serve_visits", "record_repair", "quality_check", "plan_service", "register_complaint", "handle_complaint", "manage_complaints", "read_satisfaction", "call_customers", "plan_follow_up", "read_campaigns", "plan_campaigns", "work_campaigns", "move_database", "export_data", "import_data", "read_reports"];

/** Every `ActivityKind`, in Rust's order. */
export const ALL_ACTIVITY_KIND: readonly ActivityKind[] = ["lecture", "diy_challenge", "lottery", "trip", "other"];

/** Every `AnswerKind`, in Rust's order. */
export const ALL_ANSWER_KIND: readonly AnswerKind[] = ["score", "yes_no"];

/** Every `Arrival`, in Rust's order. */
export const ALL_ARRIVAL: readonly Arrival[] = ["invited", "walk_in"];

/** Every `AuditAction`, in Rust's order. */
export const ALL_AUDIT_ACTION: readonly AuditAction[] = ["created", "updated", "archived", "restored", "owner_changed", "password_changed", "password_reset", "backup_restored", "demo_loaded", "rescheduled", "preparation_updated", "prepared", "received", "order_updated", "repair_started", "extra_work_found", "extra_work_approved", "extra_work_declined", "repair_finished", "qc_passed", "qc_failed", "handed_over", "followed_up", "no_show", "cancelled", "complaint_step", "escalated", "call_attempted", "calls_assigned", "status_changed", "invited", "checked_in", "prize_drawn", "care_call_attempted", "exported"];

/** Every `AuditEntity`, in Rust's order. */
export const ALL_AUDIT_ENTITY: readonly AuditEntity[] = ["customer", "vehicle", "staff", "settings", "database", "visit", "complaint", "campaign"];

/** Every `BackupFormat`, in Rust's order. */
export const ALL_BACKUP_FORMAT: readonly BackupFormat[] = ["file", "server_dump"];

/** Every `BackupKind`, in Rust's order. */
export const ALL_BACKUP_KIND: readonly BackupKind[] = ["automatic", "manual", "before_restore"];

/** Every `CallStatus`, in Rust's order. */
export const ALL_CALL_STATUS: readonly CallStatus[] = ["open", "completed", "unreachable", "refused"];

/** Every `CampaignPaper`, in Rust's order. */
export const ALL_CAMPAIGN_PAPER: readonly CampaignPaper[] = ["invitations", "budget", "lottery"];

/** Every `CampaignStatus`, in Rust's order. */
export const ALL_CAMPAIGN_STATUS: readonly CampaignStatus[] = ["draft", "planned", "running", "finished"];

/** Every `CareKind`, in Rust's order. */
export const ALL_CARE_KIND: readonly CareKind[] = ["maintenance_due", "insurance_expiring", "inspection_due", "birthday", "declined_work"];

/** Every `Category`, in Rust's order. */
export const ALL_CATEGORY: readonly Category[] = ["tangibles", "empathy", "assurance", "responsiveness", "reliability", "product", "parts", "price", "other"];

/** Every `Cause`, in Rust's order. */
export const ALL_CAUSE: readonly Cause[] = ["ours", "shared", "customer_misunderstanding"];

/** Every `CellIssueKind`, in Rust's order. */
export const ALL_CELL_ISSUE_KIND: readonly CellIssueKind[] = ["error_value", "lost_digits", "not_a_number", "invalid_date", "unknown_value", "wrong_type"];

/** Every `ChangeKind`, in Rust's order. */
export const ALL_CHANGE_KIND: readonly ChangeKind[] = ["customer", "vehicle", "staff", "settings", "visit", "follow_up", "complaint", "campaign", "care"];

/** Every `Channel`, in Rust's order. */
export const ALL_CHANNEL: readonly Channel[] = ["visit", "phone", "follow_up_call", "other"];

/** Every `ComplaintState`, in Rust's order. */
export const ALL_COMPLAINT_STATE: readonly ComplaintState[] = ["received", "assigned", "contacted", "agreed", "resolved", "return_called", "closed"];

/** Every `ComplaintStep`, in Rust's order. */
export const ALL_COMPLAINT_STEP: readonly ComplaintStep[] = ["solve_on_the_spot", "assign", "contact", "agree", "resolve", "return_call", "close", "reopen"];

/** Every `ContactTime`, in Rust's order. */
export const ALL_CONTACT_TIME: readonly ContactTime[] = ["anytime", "morning", "noon", "afternoon", "evening", "weekend"];

/** Every `CustomerGrade`, in Rust's order. */
export const ALL_CUSTOMER_GRADE: readonly CustomerGrade[] = ["ordinary", "vip"];

/** Every `CustomerSource`, in Rust's order. */
export const ALL_CUSTOMER_SOURCE: readonly CustomerSource[] = ["sales", "walk_in", "referral", "phone", "online", "event", "other"];

/** Every `DeadlineKind`, in Rust's order. */
export const ALL_DEADLINE_KIND: readonly DeadlineKind[] = ["assign", "resolve"];

/** Every `Due`, in Rust's order. */
export const ALL_DUE: readonly Due[] = ["not_yet", "due", "overdue", "closed"];

/** Every `DuplicateKey`, in Rust's order. */
export const ALL_DUPLICATE_KEY: readonly DuplicateKey[] = ["vin", "plate", "mobileAndName"];

/** Every `ErrorKind`, in Rust's order. */
export const ALL_ERROR_KIND: readonly ErrorKind[] = ["required", "too_long", "invalid_mobile", "invalid_phone", "invalid_plate", "invalid_vin", "vin_check_digit", "invalid_date", "date_in_future", "in_the_past", "date_order", "out_of_range", "duplicate", "not_found", "invalid_state", "invalid_login", "weak_password", "unauthenticated", "locked", "wrong_password", "account_disabled", "too_many_attempts", "forbidden", "invalid_backup", "other_backup_format", "pg_tools_missing", "pg_tools_too_old", "backup_failed", "invalid_path", "printing", "storage", "unavailable", "stale", "server_unreachable", "server_login", "no_such_database", "server_too_old", "server_tls", "foreign_database", "newer_schema", "database_not_empty", "database_character_type", "credential_missing", "credential_store", "internal"];

/** Every `EscalationReason`, in Rust's order. */
export const ALL_ESCALATION_REASON: readonly EscalationReason[] = ["not_assigned_in_time", "not_resolved_in_time", "socially_influential"];

/** Every `ExtraWorkStatus`, in Rust's order. */
export const ALL_EXTRA_WORK_STATUS: readonly ExtraWorkStatus[] = ["awaiting_approval", "approved", "declined"];

/** Every `Field`, in Rust's order. */
export const ALL_FIELD: readonly Field[] = ["customerName", "mobile", "otherPhone", "gender", "birthday", "address", "notes", "marketingConsent", "plate", "vin", "brand", "model", "modelYear", "colour", "purchaseDate", "warrantyEnd", "mileageKm", "insuranceExpiry", "annualInspectionDue", "advisor", "visitDate", "roNumber", "workDone", "amount"];

/** Every `HardCase`, in Rust's order. */
export const ALL_HARD_CASE: readonly HardCase[] = ["emotional", "righteous", "stubborn", "self_absorbed", "well_prepared", "socially_influential"];

/** Every `ImportErrorKind`, in Rust's order. */
export const ALL_IMPORT_ERROR_KIND: readonly ImportErrorKind[] = ["io", "empty_file", "too_large", "too_many_cells", "not_a_spreadsheet", "damaged", "encrypted", "no_data", "no_such_sheet", "empty_sheet", "no_header_row", "no_such_row", "cell_too_long", "duplicate_mapping"];

/** Every `KpiKey`, in Rust's order. */
export const ALL_KPI_KEY: readonly KpiKey[] = ["csi", "callsInWindow", "reachRate", "oneTimeResolution", "escalationRate", "minutesToAssign", "minutesToClose", "showRate", "onTimeHandover", "repairOrders", "revenue", "averagePerOrder", "extraWorkApproval", "declinedRecovered", "careBooked", "careVisited", "campaignAttendance", "campaignRevenue", "campaignReturn", "customersLost", "customersBack"];

/** Every `Language`, in Rust's order. */
export const ALL_LANGUAGE: readonly Language[] = ["zh-CN", "en"];

/** Every `LeadGrade`, in Rust's order. */
export const ALL_LEAD_GRADE: readonly LeadGrade[] = ["A", "B", "C", "D"];

/** Every `LineKind`, in Rust's order. */
export const ALL_LINE_KIND: readonly LineKind[] = ["labour", "part"];

/** Every `Outcome`, in Rust's order. */
export const ALL_OUTCOME: readonly Outcome[] = ["reached", "no_answer", "busy", "wrong_number", "refused", "call_back"];

/** Every `Panel`, in Rust's order. */
export const ALL_PANEL: readonly Panel[] = ["front_bumper", "bonnet", "windscreen", "roof", "boot_lid", "rear_bumper", "rear_window", "left_front_wing", "left_front_door", "left_rear_door", "left_rear_wing", "right_front_wing", "right_front_door", "right_rear_door", "right_rear_wing", "left_mirror", "right_mirror", "wheels"];

/** Every `Paper`, in Rust's order. */
export const ALL_PAPER: readonly Paper[] = ["repair_order", "quality_check", "handover"];

/** Every `PastVisitStatus`, in Rust's order. */
export const ALL_PAST_VISIT_STATUS: readonly PastVisitStatus[] = ["new", "known"];

/** Every `PaymentMethod`, in Rust's order. */
export const ALL_PAYMENT_METHOD: readonly PaymentMethod[] = ["cash", "bank_card", "we_chat_pay", "alipay", "bank_transfer", "warranty", "insurance"];

/** Every `PreparationItem`, in Rust's order. */
export const ALL_PREPARATION_ITEM: readonly PreparationItem[] = ["parts_ready", "order_prefilled", "advisor_available", "replacement_car_ready"];

/** Every `QcItem`, in Rust's order. */
export const ALL_QC_ITEM: readonly QcItem[] = ["in_time", "all_work_done", "road_test", "cleanliness", "parked", "advisor_signed", "order_matches_work", "open_problems_noted", "service_book_stamped"];

/** Every `QcResult`, in Rust's order. */
export const ALL_QC_RESULT: readonly QcResult[] = ["pass", "fail", "not_applicable"];

/** Every `RecordKind`, in Rust's order. */
export const ALL_RECORD_KIND: readonly RecordKind[] = ["visit", "complaint", "followUpCall", "careCall", "campaign", "customer"];

/** Every `RecoveryStep`, in Rust's order. */
export const ALL_RECOVERY_STEP: readonly RecoveryStep[] = ["apology", "urgent_restoration", "empathy", "symbolic_compensation", "follow_up"];

/** Every `Role`, in Rust's order. */
export const ALL_ROLE: readonly Role[] = ["service_advisor", "technician", "qc_inspector", "follow_up", "service_manager", "administrator"];

/** Every `Rsvp`, in Rust's order. */
export const ALL_RSVP: readonly Rsvp[] = ["pending", "yes", "no", "maybe", "not_reached"];

/** Every `Section`, in Rust's order. */
export const ALL_SECTION: readonly Section[] = ["service_start", "service_advisor", "factor", "overall"];

/** Every `Severity`, in Rust's order. */
export const ALL_SEVERITY: readonly Severity[] = ["minor", "serious"];

/** Every `StartStage`, in Rust's order. */
export const ALL_START_STAGE: readonly StartStage[] = ["ready", "choose", "failed"];

/** Every `Step`, in Rust's order. */
export const ALL_STEP: readonly Step[] = ["prepare", "receive", "start_repair", "finish_repair", "pass_qc", "fail_qc", "hand_over", "follow_up", "no_show", "cancel"];

/** Every `TlsMode`, in Rust's order. */
export const ALL_TLS_MODE: readonly TlsMode[] = ["disable", "prefer", "require"];

/** Every `Unit`, in Rust's order. */
export const ALL_UNIT: readonly Unit[] = ["percent", "points", "minutes", "count", "money"];

/** Every `VisitState`, in Rust's order. */
export const ALL_VISIT_STATE: readonly VisitState[] = ["booked", "prepared", "received", "in_repair", "quality_check", "ready", "handed_over", "followed_up", "no_show", "cancelled"];

/** True when a rejected command promise carries a CareDesk error. */
export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e && "issues" in e;
}

/** Every command; each rejects with a `CommandError`. */
export const commands = {
  startStatus: (): Promise<StartStatus> => invoke("start_status"),
  testServer: (server: ServerInput): Promise<ServerCheck> => invoke("test_server", { server }),
  chooseServer: (server: ServerInput): Promise<StartStatus> => invoke("choose_server", { server }),
  chooseThisComputer: (): Promise<StartStatus> => invoke("choose_this_computer"),
  retryStart: (): Promise<StartStatus> => invoke("retry_start"),
  databaseInfo: (): Promise<DatabaseInfo> => invoke("database_info"),
  testMoveTarget: (server: ServerInput): Promise<ServerCheck> => invoke("test_move_target", { server }),
  moveToServer: (server: ServerInput): Promise<MoveReport> => invoke("move_to_server", { server }),
  getPreferences: (): Promise<Preferences> => invoke("get_preferences"),
  setLanguage: (language: Language): Promise<void> => invoke("set_language", { language }),
  authStatus: (): Promise<AuthStatus> => invoke("auth_status"),
  createAdministrator: (setup: AdminSetup): Promise<AuthStatus> => invoke("create_administrator", { setup }),
  signIn: (login: string, password: string): Promise<AuthStatus> => invoke("sign_in", { login, password }),
  unlock: (password: string): Promise<AuthStatus> => invoke("unlock", { password }),
  signOut: (): Promise<void> => invoke("sign_out"),
  lock: (): Promise<AuthStatus> => invoke("lock"),
  touch: (): Promise<void> => invoke("touch"),
  changePassword: (currentPassword: string, newPassword: string): Promise<void> => invoke("change_password", { currentPassword, newPassword }),
  listStaff: (): Promise<Array<StaffMember>> => invoke("list_staff"),
  createStaff: (input: StaffInput, password: string): Promise<StaffMember> => invoke("create_staff", { input, password }),
  updateStaff: (id: StaffId, input: StaffInput): Promise<StaffMember> => invoke("update_staff", { id, input }),
  resetPassword: (id: StaffId, password: string): Promise<void> => invoke("reset_password", { id, password }),
  staffHistory: (id: StaffId): Promise<Array<AuditEntry>> => invoke("staff_history", { id }),
  getSettings: (): Promise<Settings> => invoke("get_settings"),
  updateSettings: (settings: Settings): Promise<Settings> => invoke("update_settings", { settings }),
  listBackups: (): Promise<BackupOverview> => invoke("list_backups"),
  backupNow: (): Promise<BackupInfo> => invoke("backup_now"),
  restoreBackup: (path: string): Promise<BackupInfo> => invoke("restore_backup", { path }),
  chooseBackupFolder: (): Promise<string | null> => invoke("choose_backup_folder"),
  chooseBackupFile: (): Promise<string | null> => invoke("choose_backup_file"),
  archiveStats: (): Promise<ArchiveStats> => invoke("archive_stats"),
  searchCustomers: (query: CustomerQuery): Promise<Array<CustomerSummary>> => invoke("search_customers", { query }),
  getCustomer: (id: CustomerId): Promise<CustomerDetail> => invoke("get_customer", { id }),
  customerHistory: (id: CustomerId): Promise<Array<AuditEntry>> => invoke("customer_history", { id }),
  createCustomer: (input: NewCustomer): Promise<CustomerDetail> => invoke("create_customer", { input }),
  updateCustomer: (id: CustomerId, input: CustomerInput): Promise<CustomerDetail> => invoke("update_customer", { id, input }),
  setCustomerArchived: (id: CustomerId, archived: boolean): Promise<CustomerDetail> => invoke("set_customer_archived", { id, archived }),
  addVehicle: (customerId: CustomerId, input: VehicleInput): Promise<CustomerDetail> => invoke("add_vehicle", { customerId, input }),
  updateVehicle: (id: VehicleId, input: VehicleInput): Promise<CustomerDetail> => invoke("update_vehicle", { id, input }),
  getVehicle: (id: VehicleId): Promise<VehicleDetail> => invoke("get_vehicle", { id }),
  vehicleHistory: (id: VehicleId): Promise<Array<AuditEntry>> => invoke("vehicle_history", { id }),
  changeOwner: (change: OwnerChange): Promise<VehicleDetail> => invoke("change_owner", { change }),
  loadDemoData: (): Promise<ArchiveStats> => invoke("load_demo_data"),
  appointmentBoard: (from: string, days: number): Promise<AppointmentBoard> => invoke("appointment_board", { from, days }),
  workshopBoard: (): Promise<WorkshopBoard> => invoke("workshop_board"),
  getVisit: (id: VisitId): Promise<Visit> => invoke("get_visit", { id }),
  visitHistory: (id: VisitId): Promise<Array<AuditEntry>> => invoke("visit_history", { id }),
  vehicleVisits: (id: VehicleId): Promise<VehicleVisits> => invoke("vehicle_visits", { id }),
  customerVisits: (id: CustomerId): Promise<Array<VisitSummary>> => invoke("customer_visits", { id }),
  serviceStaff: (): Promise<Array<Colleague>> => invoke("service_staff"),
  getServiceSettings: (): Promise<ServiceSettings> => invoke("get_service_settings"),
  updateServiceSettings: (settings: ServiceSettings): Promise<ServiceSettings> => invoke("update_service_settings", { settings }),
  bookAppointment: (booking: Booking): Promise<Visit> => invoke("book_appointment", { booking }),
  rescheduleAppointment: (id: VisitId, at: string, advisorId: StaffId, version: string | null): Promise<Visit> => invoke("reschedule_appointment", { id, at, advisorId, version }),
  cancelAppointment: (id: VisitId, reason: string): Promise<Visit> => invoke("cancel_appointment", { id, reason }),
  markNoShow: (id: VisitId): Promise<Visit> => invoke("mark_no_show", { id }),
  savePreparation: (id: VisitId, checklist: Preparation, version: string | null): Promise<Visit> => invoke("save_preparation", { id, checklist, version }),
  receiveVehicle: (id: VisitId, reception: Reception, version: string | null): Promise<Visit> => invoke("receive_vehicle", { id, reception, version }),
  receiveWalkIn: (walkIn: WalkIn): Promise<Visit> => invoke("receive_walk_in", { walkIn }),
  writeRepairOrder: (id: VisitId, order: OrderInput): Promise<Visit> => invoke("write_repair_order", { id, order }),
  startRepair: (id: VisitId, technicianId: StaffId, version: string | null): Promise<Visit> => invoke("start_repair", { id, technicianId, version }),
  recordExtraWork: (id: VisitId, extra: ExtraWorkInput): Promise<Visit> => invoke("record_extra_work", { id, extra }),
  decideExtraWork: (id: VisitId, extraWorkId: ExtraWorkId, approved: boolean, note: string): Promise<Visit> => invoke("decide_extra_work", { id, extraWorkId, approved, note }),
  finishRepair: (id: VisitId): Promise<Visit> => invoke("finish_repair", { id }),
  recordQualityCheck: (id: VisitId, check: QcInput): Promise<Visit> => invoke("record_quality_check", { id, check }),
  handOver: (id: VisitId, handover: HandoverInput): Promise<Visit> => invoke("hand_over", { id, handover }),
  printVisit: (id: VisitId, paper: Paper, language: Language): Promise<Printed> => invoke("print_visit", { id, paper, language }),
  openPrinted: (path: string): Promise<void> => invoke("open_printed", { path }),
  savePrintedCopy: (path: string): Promise<Printed | null> => invoke("save_printed_copy", { path }),
  printComplaint: (id: ComplaintId, language: Language): Promise<Printed> => invoke("print_complaint", { id, language }),
  exportArchive: (language: Language): Promise<Exported | null> => invoke("export_archive", { language }),
  exportCustomerList: (query: CustomerQuery, language: Language): Promise<Exported | null> => invoke("export_customer_list", { query, language }),
  exportFollowUpCalls: (filter: CallFilter, language: Language): Promise<Exported | null> => invoke("export_follow_up_calls", { filter, language }),
  exportComplaints: (openOnly: boolean, language: Language): Promise<Exported | null> => invoke("export_complaints", { openOnly, language }),
  exportCampaignGuests: (id: CampaignId, rsvp: Rsvp | null, language: Language): Promise<Exported | null> => invoke("export_campaign_guests", { id, rsvp, language }),
  exportCampaignResults: (id: CampaignId, language: Language): Promise<Exported | null> => invoke("export_campaign_results", { id, language }),
  exportCsiReport: (from: string, to: string, language: Language): Promise<Exported | null> => invoke("export_csi_report", { from, to, language }),
  savePicture: (name: string, png: string, language: Language): Promise<SavedPicture | null> => invoke("save_picture", { name, png, language }),
  importPickFile: (language: Language): Promise<Opened | null> => invoke("import_pick_file", { language }),
  importSheet: (sheet: string | null, headerRow: number | null): Promise<SheetView> => invoke("import_sheet", { sheet, headerRow }),
  importPreview: (mapping: Mapping): Promise<Preview> => invoke("import_preview", { mapping }),
  importCommit: (): Promise<ImportSummary> => invoke("import_commit"),
  importCancel: (): Promise<void> => invoke("import_cancel"),
  importSaveFailed: (reasons: Array<FailedReason>, language: Language): Promise<Exported | null> => invoke("import_save_failed", { reasons, language }),
  importTemplates: (): Promise<Array<Mapping>> => invoke("import_templates"),
  saveImportTemplate: (template: Mapping): Promise<Array<Mapping>> => invoke("save_import_template", { template }),
  deleteImportTemplate: (name: string): Promise<Array<Mapping>> => invoke("delete_import_template", { name }),
  complaintAlerts: (): Promise<ComplaintAlerts> => invoke("complaint_alerts"),
  listComplaints: (openOnly: boolean): Promise<Array<Complaint>> => invoke("list_complaints", { openOnly }),
  getComplaint: (id: ComplaintId): Promise<Complaint> => invoke("get_complaint", { id }),
  complaintHistory: (id: ComplaintId): Promise<Array<AuditEntry>> => invoke("complaint_history", { id }),
  complaintKpis: (since: string): Promise<ComplaintKpis> => invoke("complaint_kpis", { since }),
  complaintHandlers: (): Promise<Array<Colleague>> => invoke("complaint_handlers"),
  getComplaintLimits: (): Promise<ComplaintLimits> => invoke("get_complaint_limits"),
  updateComplaintLimits: (limits: ComplaintLimits): Promise<ComplaintLimits> => invoke("update_complaint_limits", { limits }),
  registerComplaint: (input: ComplaintInput): Promise<Complaint> => invoke("register_complaint", { input }),
  solveComplaintOnTheSpot: (id: ComplaintId, solution: string): Promise<Complaint> => invoke("solve_complaint_on_the_spot", { id, solution }),
  assignComplaint: (id: ComplaintId, handlerId: StaffId, version: string | null): Promise<Complaint> => invoke("assign_complaint", { id, handlerId, version }),
  complaintStep: (id: ComplaintId, step: ComplaintStep, note: string): Promise<Complaint> => invoke("complaint_step", { id, step, note }),
  resolveComplaint: (id: ComplaintId, resolvedOn: string, solution: string): Promise<Complaint> => invoke("resolve_complaint", { id, resolvedOn, solution }),
  closeComplaint: (id: ComplaintId): Promise<Complaint> => invoke("close_complaint", { id }),
  reopenComplaint: (id: ComplaintId, reason: string): Promise<Complaint> => invoke("reopen_complaint", { id, reason }),
  recordRecovery: (id: ComplaintId, recovery: RecoveryInput): Promise<Complaint> => invoke("record_recovery", { id, recovery }),
  recordComplaintCause: (id: ComplaintId, cause: CauseInput): Promise<Complaint> => invoke("record_complaint_cause", { id, cause }),
  checkImprovement: (id: ComplaintId, version: string | null): Promise<Complaint> => invoke("check_improvement", { id, version }),
  followUpCalls: (filter: CallFilter): Promise<Array<FollowUpCall>> => invoke("follow_up_calls", { filter }),
  getFollowUpCall: (id: FollowUpId): Promise<CallDetail> => invoke("get_follow_up_call", { id }),
  visitFollowUp: (id: VisitId): Promise<CallDetail | null> => invoke("visit_follow_up", { id }),
  followUpCallers: (): Promise<Array<Colleague>> => invoke("follow_up_callers"),
  takeFollowUpCalls: (ids: Array<FollowUpId>, callerId: StaffId): Promise<void> => invoke("take_follow_up_calls", { ids, callerId }),
  recordCallAttempt: (id: FollowUpId, attempt: AttemptInput): Promise<CallDetail> => invoke("record_call_attempt", { id, attempt }),
  getQuestionnaire: (): Promise<Questionnaire> => invoke("get_questionnaire"),
  updateQuestionnaire: (questionnaire: Questionnaire): Promise<Questionnaire> => invoke("update_questionnaire", { questionnaire }),
  getFollowUpSettings: (): Promise<FollowUpSettings> => invoke("get_follow_up_settings"),
  updateFollowUpSettings: (settings: FollowUpSettings): Promise<FollowUpSettings> => invoke("update_follow_up_settings", { settings }),
  csiReport: (from: string, to: string): Promise<CsiReport> => invoke("csi_report", { from, to }),
  printCallSheet: (filter: CallFilter, language: Language): Promise<Printed> => invoke("print_call_sheet", { filter, language }),
  listCampaigns: (): Promise<Array<CampaignSummary>> => invoke("list_campaigns"),
  getCampaign: (id: CampaignId): Promise<Campaign> => invoke("get_campaign", { id }),
  createCampaign: (input: CampaignInput): Promise<Campaign> => invoke("create_campaign", { input }),
  updateCampaign: (id: CampaignId, input: CampaignInput): Promise<Campaign> => invoke("update_campaign", { id, input }),
  setCampaignStatus: (id: CampaignId, status: CampaignStatus): Promise<Campaign> => invoke("set_campaign_status", { id, status }),
  segmentCount: (segment: Segment): Promise<SegmentCount> => invoke("segment_count", { segment }),
  segmentPreview: (segment: Segment): Promise<Array<SegmentMember>> => invoke("segment_preview", { segment }),
  vehicleModels: (): Promise<Array<string>> => invoke("vehicle_models"),
  saveCampaignSegment: (id: CampaignId, segment: Segment): Promise<Campaign> => invoke("save_campaign_segment", { id, segment }),
  inviteSegment: (id: CampaignId): Promise<Campaign> => invoke("invite_segment", { id }),
  campaignInvitations: (id: CampaignId): Promise<Array<Invitation>> => invoke("campaign_invitations", { id }),
  recordRsvp: (invitationId: InvitationId, rsvp: Rsvp, note: string): Promise<Invitation> => invoke("record_rsvp", { invitationId, rsvp, note }),
  checkInGuest: (id: CampaignId, customerId: CustomerId, walkIn: boolean): Promise<Invitation> => invoke("check_in_guest", { id, customerId, walkIn }),
  drawPrize: (invitationId: InvitationId): Promise<Draw> => invoke("draw_prize", { invitationId }),
  campaignDraws: (id: CampaignId): Promise<Array<Draw>> => invoke("campaign_draws", { id }),
  campaignResults: (id: CampaignId): Promise<Results> => invoke("campaign_results", { id }),
  careList: (kind: CareKind, date: string): Promise<Array<CareCall>> => invoke("care_list", { kind, date }),
  getCareCall: (id: CareCallId): Promise<CareCallDetail> => invoke("get_care_call", { id }),
  recordCareAttempt: (id: CareCallId, attempt: CareAttemptInput): Promise<CareCallDetail> => invoke("record_care_attempt", { id, attempt }),
  getCareSettings: (): Promise<CareSettings> => invoke("get_care_settings"),
  updateCareSettings: (settings: CareSettings): Promise<CareSettings> => invoke("update_care_settings", { settings }),
  careSegment: (kind: CareKind): Promise<Segment> => invoke("care_segment", { kind }),
  printCampaign: (id: CampaignId, paper: CampaignPaper, language: Language): Promise<Printed> => invoke("print_campaign", { id, paper, language }),
  printCareSheet: (kind: CareKind, date: string, language: Language): Promise<Printed> => invoke("print_care_sheet", { kind, date, language }),
  reportsDashboard: (query: ReportQuery): Promise<Dashboard> => invoke("reports_dashboard", { query }),
  reportsLeague: (query: ReportQuery): Promise<Array<LeagueRow>> => invoke("reports_league", { query }),
  reportsRecords: (query: ReportQuery, kpi: KpiKey): Promise<Array<ReportRecord>> => invoke("reports_records", { query, kpi }),
  exportReport: (query: ReportQuery, language: Language): Promise<Exported | null> => invoke("export_report", { query, language }),
  printReport: (query: ReportQuery, language: Language): Promise<Printed> => invoke("print_report", { query, language }),
};
