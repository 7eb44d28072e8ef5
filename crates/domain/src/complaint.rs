//! Complaints and service recovery (DOMAIN.md §5): what a complaint records,
//! the flow a serious one follows, its time limits and escalation, the five
//! recovery steps, cause and improvement, and the KPIs the dealer is measured on.
//!
//! Architecture invariant: as for visits, a complaint's state changes only
//! through a [`ComplaintTransition`] made here by a step function that checked
//! the step's preconditions. Time is an argument (`now`), never read from a
//! clock, so every limit and escalation is tested without waiting.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorKind, Invalid, Issue, Issues};
use crate::{CustomerId, Fen, StaffId, VehicleId, VisitId, kpi, validate};

/// How the complaint reached the dealership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Visit,
    Phone,
    /// A low score or a flagged comment on the follow-up call.
    FollowUpCall,
    Other,
}

/// Minor: solved on the spot, no compensation. Serious: the strict flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Minor,
    Serious,
}

/// What the complaint is about: the five service-quality dimensions, then the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Tangibles,
    Empathy,
    Assurance,
    Responsiveness,
    Reliability,
    Product,
    Parts,
    Price,
    Other,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Tangibles,
        Category::Empathy,
        Category::Assurance,
        Category::Responsiveness,
        Category::Reliability,
        Category::Product,
        Category::Parts,
        Category::Price,
        Category::Other,
    ];
}

/// The hard cases of DOMAIN.md §5, each with the advice shown to the handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HardCase {
    Emotional,
    Righteous,
    Stubborn,
    SelfAbsorbed,
    /// Knows consumer law, records the conversation.
    WellPrepared,
    /// A journalist or a lawyer: reported upward at once.
    SociallyInfluential,
}

/// Whose fault it was, each calling for its own response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    Ours,
    Shared,
    CustomerMisunderstanding,
}

impl Cause {
    /// The response the cause calls for, in English (the UI has both languages).
    pub fn response(self) -> &'static str {
        match self {
            Cause::Ours => "apologise, put it right at our cost, and compensate symbolically",
            Cause::Shared => "explain both sides honestly and agree a shared solution",
            Cause::CustomerMisunderstanding => {
                "explain patiently with the facts, without blame; thank the customer for raising it"
            }
        }
    }
}

/// Where a complaint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintState {
    Received,
    Assigned,
    Contacted,
    Agreed,
    Resolved,
    ReturnCalled,
    Closed,
}

impl ComplaintState {
    pub const ALL: [ComplaintState; 7] = [
        ComplaintState::Received,
        ComplaintState::Assigned,
        ComplaintState::Contacted,
        ComplaintState::Agreed,
        ComplaintState::Resolved,
        ComplaintState::ReturnCalled,
        ComplaintState::Closed,
    ];

    pub fn is_open(self) -> bool {
        self != ComplaintState::Closed
    }
}

/// A step of the complaint flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStep {
    /// A minor complaint: the solution given on the spot closes it.
    SolveOnTheSpot,
    Assign,
    Contact,
    Agree,
    Resolve,
    ReturnCall,
    Close,
    /// The customer was not satisfied after all: back to the handler.
    Reopen,
}

impl ComplaintStep {
    pub const ALL: [ComplaintStep; 8] = [
        ComplaintStep::SolveOnTheSpot,
        ComplaintStep::Assign,
        ComplaintStep::Contact,
        ComplaintStep::Agree,
        ComplaintStep::Resolve,
        ComplaintStep::ReturnCall,
        ComplaintStep::Close,
        ComplaintStep::Reopen,
    ];

    fn needs(self) -> &'static str {
        match self {
            ComplaintStep::SolveOnTheSpot => "only a minor complaint just received is solved on the spot",
            ComplaintStep::Assign => {
                "a handler is assigned to a serious complaint just received (or re-assigned before it is resolved)"
            }
            ComplaintStep::Contact => "a handler must be assigned first",
            ComplaintStep::Agree => "the handler must have contacted the customer first",
            ComplaintStep::Resolve => "a solution must be agreed with the customer first",
            ComplaintStep::ReturnCall => "the complaint must be resolved first",
            ComplaintStep::Close => "the return call must be done first",
            ComplaintStep::Reopen => "only a resolved or closed complaint can be reopened",
        }
    }
}

/// The flow's table: where `step` leads from `from` for a complaint of `severity`.
pub fn target(severity: Severity, from: ComplaintState, step: ComplaintStep) -> Option<ComplaintState> {
    use ComplaintState::*;
    use ComplaintStep as S;
    match (severity, from, step) {
        (Severity::Minor, Received, S::SolveOnTheSpot) => Some(Closed),
        (Severity::Serious, Received | Assigned | Contacted | Agreed, S::Assign) => Some(Assigned),
        (Severity::Serious, Assigned, S::Contact) => Some(Contacted),
        (Severity::Serious, Contacted, S::Agree) => Some(Agreed),
        (Severity::Serious, Agreed, S::Resolve) => Some(Resolved),
        (Severity::Serious, Resolved, S::ReturnCall) => Some(ReturnCalled),
        (Severity::Serious, ReturnCalled, S::Close) => Some(Closed),
        (Severity::Serious, Resolved | ReturnCalled | Closed, S::Reopen) => Some(Assigned),
        // A minor complaint that comes back was not solved on the spot after all:
        // it is received again, to be solved or re-registered as serious.
        (Severity::Minor, Closed, S::Reopen) => Some(Received),
        _ => None,
    }
}

/// A checked change of a complaint's state. Only this module makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintTransition {
    from: ComplaintState,
    to: ComplaintState,
    step: ComplaintStep,
}

impl ComplaintTransition {
    pub fn from(&self) -> ComplaintState {
        self.from
    }
    pub fn to(&self) -> ComplaintState {
        self.to
    }
    pub fn step(&self) -> ComplaintStep {
        self.step
    }
}

/// The transition for `step`, or an `invalid_state` issue that says what is missing.
pub fn transition(
    severity: Severity,
    from: ComplaintState,
    step: ComplaintStep,
) -> Result<ComplaintTransition, Issue> {
    match target(severity, from, step) {
        Some(to) => Ok(ComplaintTransition { from, to, step }),
        None => Err(Issue::new(
            ErrorKind::InvalidState,
            "state",
            format!("cannot {step:?} a {severity:?} complaint that is {from:?}: {}", step.needs()),
        )),
    }
}

// ---------------------------------------------------------------------------
// Time limits and escalation

/// The time limits, all settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintLimits {
    /// A serious complaint gets a handler within this many minutes of receipt.
    pub assign_minutes: u32,
    /// …and is resolved within this many hours of receipt.
    pub resolve_hours: u32,
    /// A minor complaint is solved within this many hours (on the spot, in practice).
    pub minor_resolve_hours: u32,
    /// The one-time resolution rate the dealer aims at, in percent.
    pub one_time_target_percent: u32,
    /// The escalation rate the dealer aims at, in percent.
    pub escalation_target_percent: u32,
}

impl Default for ComplaintLimits {
    fn default() -> Self {
        ComplaintLimits {
            assign_minutes: 60,
            resolve_hours: 72,
            minor_resolve_hours: 4,
            one_time_target_percent: 85,
            escalation_target_percent: 0,
        }
    }
}

impl ComplaintLimits {
    pub fn validate(&self) -> Result<ComplaintLimits, Invalid> {
        let mut issues = Issues::default();
        issues.take(validate::in_range("assignMinutes", Some(self.assign_minutes), 5..=24 * 60));
        issues.take(validate::in_range("resolveHours", Some(self.resolve_hours), 1..=90 * 24));
        issues.take(validate::in_range("minorResolveHours", Some(self.minor_resolve_hours), 1..=7 * 24));
        issues.take(validate::in_range("oneTimeTargetPercent", Some(self.one_time_target_percent), 0..=100));
        issues.take(validate::in_range(
            "escalationTargetPercent",
            Some(self.escalation_target_percent),
            0..=100,
        ));
        issues.finish()?;
        Ok(self.clone())
    }
}

/// Why a complaint went to the service manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EscalationReason {
    NotAssignedInTime,
    NotResolvedInTime,
    SociallyInfluential,
}

/// What the escalation rule needs to know of a complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub severity: Severity,
    pub state: ComplaintState,
    pub hard_case: Option<HardCase>,
    pub received_at: DateTime<Utc>,
    /// When a handler was first assigned.
    pub assigned_at: Option<DateTime<Utc>>,
    /// When it was resolved (or, for a minor one, closed on the spot).
    pub resolved_at: Option<DateTime<Utc>>,
    /// The reasons already recorded; each is recorded once.
    pub escalated: Vec<EscalationReason>,
}

/// The assignment deadline, for a serious complaint.
pub fn assign_due(clock: &Clock, limits: &ComplaintLimits) -> Option<DateTime<Utc>> {
    (clock.severity == Severity::Serious)
        .then(|| clock.received_at + Duration::minutes(i64::from(limits.assign_minutes)))
}

/// The resolution deadline.
pub fn resolve_due(clock: &Clock, limits: &ComplaintLimits) -> DateTime<Utc> {
    let hours = match clock.severity {
        Severity::Serious => limits.resolve_hours,
        Severity::Minor => limits.minor_resolve_hours,
    };
    clock.received_at + Duration::hours(i64::from(hours))
}

/// The escalations due at `now` that are not recorded yet, in the order they arose.
/// A limit counts as missed when the step was not taken by the deadline
/// (taken late, it still escalates once).
pub fn escalations_due(clock: &Clock, limits: &ComplaintLimits, now: DateTime<Utc>) -> Vec<EscalationReason> {
    let mut due = Vec::new();
    if clock.hard_case == Some(HardCase::SociallyInfluential) {
        due.push(EscalationReason::SociallyInfluential);
    }
    if let Some(deadline) = assign_due(clock, limits) {
        let missed = match clock.assigned_at {
            Some(at) => at > deadline,
            None => now > deadline,
        };
        if missed {
            due.push(EscalationReason::NotAssignedInTime);
        }
    }
    let deadline = resolve_due(clock, limits);
    let missed = match clock.resolved_at {
        Some(at) => at > deadline,
        None => now > deadline && clock.state.is_open(),
    };
    if missed {
        due.push(EscalationReason::NotResolvedInTime);
    }
    due.retain(|reason| !clock.escalated.contains(reason));
    due
}

// ---------------------------------------------------------------------------
// Registering and working a complaint

/// A complaint as registered by whoever received it (the first-contact owner, 首问负责人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintInput {
    pub customer_id: CustomerId,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_id: Option<VehicleId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_id: Option<VisitId>,
    pub channel: Channel,
    pub severity: Severity,
    pub category: Category,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_case: Option<HardCase>,
    /// What happened, in the customer's words.
    pub description: String,
    /// What the customer asks for.
    pub request: String,
}

impl ComplaintInput {
    pub fn validate(&self) -> Result<ComplaintInput, Invalid> {
        let mut issues = Issues::default();
        let description = issues.take(validate::text("description", &self.description, 2000));
        let request = issues.take(validate::optional_text("request", &self.request, 1000));
        issues.finish()?;
        Ok(ComplaintInput {
            description: description.unwrap_or_default(),
            request: request.unwrap_or_default(),
            ..self.clone()
        })
    }
}

/// Solving a minor complaint on the spot: the solution is recorded and it closes.
pub fn solve_on_the_spot(
    severity: Severity,
    state: ComplaintState,
    solution: &str,
) -> Result<(ComplaintTransition, String), Invalid> {
    let mut issues = Issues::default();
    let step = issues.take(transition(severity, state, ComplaintStep::SolveOnTheSpot));
    let solution = issues.take(validate::text("solution", solution, 1000));
    issues.finish()?;
    match (step, solution) {
        (Some(step), Some(solution)) => Ok((step, solution)),
        _ => Err(Invalid(Vec::new())),
    }
}

/// Resolving: the resolution date may not be before the (local) day of receipt nor after today.
pub fn resolve(
    severity: Severity,
    state: ComplaintState,
    received_on: NaiveDate,
    resolved_on: NaiveDate,
    today: NaiveDate,
    solution: &str,
) -> Result<(ComplaintTransition, String), Invalid> {
    let mut issues = Issues::default();
    let step = issues.take(transition(severity, state, ComplaintStep::Resolve));
    if resolved_on < received_on {
        issues.push(Issue::new(
            ErrorKind::DateOrder,
            "resolvedOn",
            "the resolution cannot be before the complaint was received",
        ));
    }
    if resolved_on > today {
        issues.push(Issue::new(
            ErrorKind::DateInFuture,
            "resolvedOn",
            "the resolution date cannot be later than today",
        ));
    }
    let solution = issues.take(validate::text("solution", solution, 1000));
    issues.finish()?;
    match (step, solution) {
        (Some(step), Some(solution)) => Ok((step, solution)),
        _ => Err(Invalid(Vec::new())),
    }
}

/// Closing a serious complaint needs the return call's result.
pub fn close(
    severity: Severity,
    state: ComplaintState,
    return_call_result: &str,
) -> Result<ComplaintTransition, Invalid> {
    let mut issues = Issues::default();
    let step = issues.take(transition(severity, state, ComplaintStep::Close));
    if return_call_result.trim().is_empty() {
        issues.push(Issue::new(
            ErrorKind::Required,
            "returnCallResult",
            "a serious complaint is closed only with the return call's result",
        ));
    }
    issues.finish()?;
    step.ok_or(Invalid(Vec::new()))
}

// ---------------------------------------------------------------------------
// Service recovery, cause and improvement

/// The five steps of service recovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryStep {
    Apology,
    UrgentRestoration,
    Empathy,
    SymbolicCompensation,
    FollowUp,
}

impl RecoveryStep {
    pub const ALL: [RecoveryStep; 5] = [
        RecoveryStep::Apology,
        RecoveryStep::UrgentRestoration,
        RecoveryStep::Empathy,
        RecoveryStep::SymbolicCompensation,
        RecoveryStep::FollowUp,
    ];
}

/// Ticking a recovery step: when, and for the compensation what and its cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryInput {
    pub step: RecoveryStep,
    pub done_on: NaiveDate,
    pub note: String,
    /// For the symbolic compensation: what was given.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compensation: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Fen>,
    /// The `updatedAt` of the complaint the form was filled from: saving after
    /// someone else's change is refused as `stale`. Left out, nothing is checked.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<DateTime<Utc>>,
}

impl RecoveryInput {
    pub fn validate(&self, received_on: NaiveDate, today: NaiveDate) -> Result<RecoveryInput, Invalid> {
        let mut issues = Issues::default();
        if self.done_on < received_on {
            issues.push(Issue::new(
                ErrorKind::DateOrder,
                "doneOn",
                "a recovery step cannot be before the complaint",
            ));
        }
        if self.done_on > today {
            issues.push(Issue::new(
                ErrorKind::DateInFuture,
                "doneOn",
                "a recovery step cannot be later than today",
            ));
        }
        let note = issues.take(validate::optional_text("note", &self.note, 500));
        let compensation = match (&self.compensation, self.step) {
            (Some(what), RecoveryStep::SymbolicCompensation) => {
                issues.take(validate::text("compensation", what, 200)).map(Some)
            }
            (None, RecoveryStep::SymbolicCompensation) => {
                issues.push(Issue::new(ErrorKind::Required, "compensation", "say what was given"));
                None
            }
            _ => Some(None),
        };
        match self.cost {
            Some(cost) if cost.0 < 0 => {
                issues.push(Issue::new(ErrorKind::OutOfRange, "cost", "the cost cannot be below zero"));
            }
            Some(_) if self.step != RecoveryStep::SymbolicCompensation => {
                issues.push(Issue::new(ErrorKind::OutOfRange, "cost", "only the compensation has a cost"));
            }
            _ => {}
        }
        issues.finish()?;
        Ok(RecoveryInput {
            note: note.unwrap_or_default(),
            compensation: compensation.flatten(),
            ..self.clone()
        })
    }
}

/// The cause, the root cause and the improvement measure of a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CauseInput {
    pub cause: Cause,
    pub root_cause: String,
    /// Who was responsible, for a work-quality complaint.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_id: Option<StaffId>,
    /// What will change so it does not happen again.
    pub measure: String,
    /// Who sees to the measure, and when it is checked.
    pub measure_owner_id: StaffId,
    pub check_on: NaiveDate,
    /// The `updatedAt` of the complaint the form was filled from: saving after
    /// someone else's change is refused as `stale`. Left out, nothing is checked.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<DateTime<Utc>>,
}

/// A work-quality complaint: the work was not done right (reliability) or the
/// part was wrong. It names who was responsible.
pub fn is_work_quality(category: Category) -> bool {
    matches!(category, Category::Reliability | Category::Parts)
}

impl CauseInput {
    pub fn validate(&self, category: Category, today: NaiveDate) -> Result<CauseInput, Invalid> {
        let mut issues = Issues::default();
        let root_cause = issues.take(validate::text("rootCause", &self.root_cause, 1000));
        let measure = issues.take(validate::text("measure", &self.measure, 1000));
        if is_work_quality(category) && self.responsible_id.is_none() {
            issues.push(Issue::new(
                ErrorKind::Required,
                "responsibleId",
                "a work-quality complaint names who was responsible",
            ));
        }
        if self.check_on < today {
            issues.push(Issue::new(ErrorKind::InThePast, "checkOn", "the check date must be today or later"));
        }
        issues.finish()?;
        Ok(CauseInput {
            root_cause: root_cause.unwrap_or_default(),
            measure: measure.unwrap_or_default(),
            ..self.clone()
        })
    }
}

// ---------------------------------------------------------------------------
// The complaint as read

/// A recovery step as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recovery {
    pub step: RecoveryStep,
    pub done_on: NaiveDate,
    pub note: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compensation: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Fen>,
    pub by: String,
}

/// An escalation to the service manager, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    pub reason: EscalationReason,
    pub at: DateTime<Utc>,
}

/// One entry of a complaint's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintEvent {
    pub step: ComplaintStep,
    pub state: ComplaintState,
    pub at: DateTime<Utc>,
    pub by: String,
    pub note: String,
}

/// The cause and the improvement measure, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CauseRecord {
    pub cause: Cause,
    pub root_cause: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
    pub measure: String,
    pub measure_owner: String,
    pub check_on: NaiveDate,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<DateTime<Utc>>,
}

/// A complaint with everything its page and its printed record show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Complaint {
    #[ts(type = "number")]
    pub id: i64,
    /// `TS20261122-001`.
    pub number: String,
    pub state: ComplaintState,
    pub severity: Severity,
    pub channel: Channel,
    pub category: Category,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_case: Option<HardCase>,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub customer_mobile: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_id: Option<VehicleId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_id: Option<VisitId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_number: Option<String>,
    pub description: String,
    pub request: String,
    /// The first-contact owner (首问负责人), who received it.
    pub received_by: String,
    pub received_at: DateTime<Utc>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler_id: Option<StaffId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_call_result: Option<String>,
    /// When a handler must be assigned by (serious complaints).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_due: Option<DateTime<Utc>>,
    pub resolve_due: DateTime<Utc>,
    pub escalations: Vec<Escalation>,
    pub recovery: Vec<Recovery>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CauseRecord>,
    pub reopened: bool,
    pub timeline: Vec<ComplaintEvent>,
    /// The last change, and the version a form of this complaint saves against.
    /// Escalations do not change it: they change nothing a form edits.
    pub updated_at: DateTime<Utc>,
    /// The time limit that matters at the desk's clock: set as the complaint
    /// is read for a screen (`Complaint::shown_at`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
}

/// Which time limit an open complaint works against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A serious complaint gets a handler.
    Assign,
    /// The complaint is resolved.
    Resolve,
}

/// A complaint's time limit as of a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: DateTime<Utc>,
    /// Whole minutes until `due`; negative once it has passed.
    pub minutes_left: i64,
}

impl Complaint {
    /// The limit that matters at `now`: a serious complaint nobody has been
    /// given yet works against the limit to assign it; any other complaint not
    /// yet resolved, against the limit to resolve it; a resolved one, none.
    pub fn deadline_at(&self, now: DateTime<Utc>) -> Option<Deadline> {
        use ComplaintState::*;
        if matches!(self.state, Resolved | ReturnCalled | Closed) {
            return None;
        }
        let (kind, due) = match self.assign_due {
            Some(due) if self.severity == Severity::Serious && self.state == Received => {
                (DeadlineKind::Assign, due)
            }
            _ => (DeadlineKind::Resolve, self.resolve_due),
        };
        Some(Deadline { kind, due, minutes_left: (due - now).num_minutes() })
    }

    /// The complaint as a screen shows it at `now` (the desk's clock).
    pub fn shown_at(mut self, now: DateTime<Utc>) -> Complaint {
        self.deadline = self.deadline_at(now);
        self
    }
}

// ---------------------------------------------------------------------------
// KPIs

/// What the KPIs need to know of one complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiFacts {
    pub category: Category,
    pub received_at: DateTime<Utc>,
    /// The local day of receipt: months are counted in the dealership's time.
    pub received_on: NaiveDate,
    pub assigned_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub escalated: bool,
    pub reopened: bool,
}

/// Counts per category, or per month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCount {
    pub category: Category,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthCount {
    /// `2026-11`.
    pub month: String,
    pub category: Category,
    pub count: u32,
}

/// The complaint KPIs of DOMAIN.md §5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Kpis {
    pub total: u32,
    pub closed: u32,
    /// Closed without reopening or escalation, of all closed; `None` when none is closed.
    #[ts(optional)]
    pub one_time_resolution_percent: Option<f64>,
    /// Escalated, of all complaints; `None` when there are none.
    #[ts(optional)]
    pub escalation_percent: Option<f64>,
    #[ts(optional)]
    pub median_minutes_to_assign: Option<i64>,
    #[ts(optional)]
    pub median_minutes_to_close: Option<i64>,
    pub reopened: u32,
    pub by_category: Vec<CategoryCount>,
    pub by_month: Vec<MonthCount>,
}

/// The KPIs over `complaints`; every rate and median is `kpi`'s, the one the
/// manager's dashboard shows.
pub fn kpis(complaints: &[KpiFacts]) -> Kpis {
    let total = complaints.len() as u32;
    let closed: Vec<&KpiFacts> = complaints.iter().filter(|c| c.closed_at.is_some()).collect();
    let one_time = closed.iter().filter(|c| !c.escalated && !c.reopened).count() as u32;
    let escalated = complaints.iter().filter(|c| c.escalated).count() as u32;
    let to_assign =
        complaints.iter().filter_map(|c| c.assigned_at.map(|a| (a - c.received_at).num_minutes())).collect();
    let to_close =
        closed.iter().filter_map(|c| c.closed_at.map(|a| (a - c.received_at).num_minutes())).collect();
    let mut by_category: Vec<CategoryCount> = Category::ALL
        .into_iter()
        .map(|category| CategoryCount {
            category,
            count: complaints.iter().filter(|c| c.category == category).count() as u32,
        })
        .filter(|c| c.count > 0)
        .collect();
    by_category.sort_by(|a, b| b.count.cmp(&a.count).then(a.category.cmp(&b.category)));
    let mut months: std::collections::BTreeMap<(String, Category), u32> = Default::default();
    for c in complaints {
        *months.entry((c.received_on.format("%Y-%m").to_string(), c.category)).or_default() += 1;
    }
    Kpis {
        total,
        closed: closed.len() as u32,
        one_time_resolution_percent: kpi::one_time_resolution(one_time, closed.len() as u32)
            .map(|r| r.percent),
        escalation_percent: kpi::escalation_rate(escalated, total).map(|r| r.percent),
        median_minutes_to_assign: kpi::median_minutes(to_assign),
        median_minutes_to_close: kpi::median_minutes(to_close),
        reopened: complaints.iter().filter(|c| c.reopened).count() as u32,
        by_category,
        by_month: months
            .into_iter()
            .map(|((month, category), count)| MonthCount { month, category, count })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
