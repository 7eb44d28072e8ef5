//! The service visit (DOMAIN.md §3): its states, the steps between them and
//! what each step needs, the repair order and its arithmetic, the quality
//! check and the handover.
//!
//! Architecture invariant: a visit's state changes only through a
//! [`Transition`], and a `Transition` can only be made here, by a step
//! function that checked the step's preconditions. The store persists
//! transitions; it never writes a state of its own choosing.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorKind, Invalid, Issue, Issues};
use crate::settings::ServiceSettings;
use crate::{CustomerId, ExtraWorkId, Fen, LineId, StaffId, VehicleId, VisitId, validate};

/// Where a visit is in the service core process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VisitState {
    Booked,
    Prepared,
    Received,
    InRepair,
    QualityCheck,
    Ready,
    HandedOver,
    FollowedUp,
    NoShow,
    Cancelled,
}

impl VisitState {
    pub const ALL: [VisitState; 10] = [
        VisitState::Booked,
        VisitState::Prepared,
        VisitState::Received,
        VisitState::InRepair,
        VisitState::QualityCheck,
        VisitState::Ready,
        VisitState::HandedOver,
        VisitState::FollowedUp,
        VisitState::NoShow,
        VisitState::Cancelled,
    ];

    /// An appointment that has not happened yet.
    pub fn is_appointment(self) -> bool {
        matches!(self, VisitState::Booked | VisitState::Prepared)
    }

    /// The vehicle is at the dealership.
    pub fn is_in_workshop(self) -> bool {
        matches!(
            self,
            VisitState::Received | VisitState::InRepair | VisitState::QualityCheck | VisitState::Ready
        )
    }

    /// Nothing more happens to the visit in the workshop.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            VisitState::HandedOver | VisitState::FollowedUp | VisitState::NoShow | VisitState::Cancelled
        )
    }
}

/// A step of the process: each moves a visit from one state to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Prepare,
    Receive,
    StartRepair,
    FinishRepair,
    PassQc,
    FailQc,
    HandOver,
    FollowUp,
    NoShow,
    Cancel,
}

impl Step {
    pub const ALL: [Step; 10] = [
        Step::Prepare,
        Step::Receive,
        Step::StartRepair,
        Step::FinishRepair,
        Step::PassQc,
        Step::FailQc,
        Step::HandOver,
        Step::FollowUp,
        Step::NoShow,
        Step::Cancel,
    ];

    fn describe(self) -> &'static str {
        match self {
            Step::Prepare => "mark the appointment prepared",
            Step::Receive => "receive the vehicle",
            Step::StartRepair => "start the repair",
            Step::FinishRepair => "finish the repair",
            Step::PassQc => "pass the quality check",
            Step::FailQc => "fail the quality check",
            Step::HandOver => "hand the vehicle over",
            Step::FollowUp => "record the follow-up",
            Step::NoShow => "mark a no-show",
            Step::Cancel => "cancel",
        }
    }

    /// What the visit must be in for this step, in words.
    fn needs(self) -> &'static str {
        match self {
            Step::Prepare => "the visit must be a booked appointment",
            Step::Receive => "the visit must be a booked or prepared appointment",
            Step::StartRepair => "the vehicle must be received with a confirmed repair order",
            Step::FinishRepair => "the vehicle must be in repair",
            Step::PassQc | Step::FailQc => "the repair must be finished and waiting for the quality check",
            Step::HandOver => "the quality check must pass first",
            Step::FollowUp => "the vehicle must have been handed over",
            Step::NoShow => "only a booked or prepared appointment can be marked a no-show",
            Step::Cancel => "only a booked or prepared appointment can be cancelled",
        }
    }
}

/// The state machine's table: where `step` leads from `from`, if it may be taken there.
pub fn target(from: VisitState, step: Step) -> Option<VisitState> {
    use VisitState::*;
    match (from, step) {
        (Booked, Step::Prepare) => Some(Prepared),
        // A customer at the counter is received even if preparation is incomplete;
        // the visit keeps the unticked items so the gap stays visible.
        (Booked | Prepared, Step::Receive) => Some(Received),
        (Received, Step::StartRepair) => Some(InRepair),
        (InRepair, Step::FinishRepair) => Some(QualityCheck),
        (QualityCheck, Step::PassQc) => Some(Ready),
        (QualityCheck, Step::FailQc) => Some(InRepair),
        (Ready, Step::HandOver) => Some(HandedOver),
        (HandedOver, Step::FollowUp) => Some(FollowedUp),
        (Booked | Prepared, Step::NoShow) => Some(NoShow),
        (Booked | Prepared, Step::Cancel) => Some(Cancelled),
        _ => None,
    }
}

/// A checked change of a visit's state. Only this module makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    from: VisitState,
    to: VisitState,
    step: Step,
}

impl Transition {
    pub fn from(&self) -> VisitState {
        self.from
    }
    pub fn to(&self) -> VisitState {
        self.to
    }
    pub fn step(&self) -> Step {
        self.step
    }
}

/// The transition for `step`, or an `invalid_state` issue that says what is missing.
pub fn transition(from: VisitState, step: Step) -> Result<Transition, Issue> {
    match target(from, step) {
        Some(to) => Ok(Transition { from, to, step }),
        None => Err(Issue {
            kind: ErrorKind::InvalidState,
            field: Some("state".into()),
            message: format!(
                "cannot {} while the visit is {}: {}",
                step.describe(),
                serde_name(&from),
                step.needs()
            ),
            conflict: None,
            action: None,
            changed: None,
        }),
    }
}

fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

/// `road test` → `roadTest`: an enum's serde name as a form field.
fn camel_case(words: &str) -> String {
    let mut out = String::new();
    for (i, word) in words.split(' ').enumerate() {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.push(first);
            } else {
                out.extend(first.to_uppercase());
            }
            out.extend(chars);
        }
    }
    out
}

fn refuse(field: &str, message: impl Into<String>) -> Issue {
    Issue::new(ErrorKind::InvalidState, field, message)
}

fn required(field: &str) -> Issue {
    Issue::new(ErrorKind::Required, field, format!("{field} is required"))
}

// ---------------------------------------------------------------------------
// Appointments

/// An appointment being booked or moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentInput {
    pub customer_id: CustomerId,
    pub vehicle_id: VehicleId,
    pub advisor_id: StaffId,
    /// The reception slot's start, local time.
    pub at: NaiveDateTime,
    /// Expected repair time, in minutes: the workshop load.
    pub expected_minutes: u32,
    /// The work the customer asks for.
    pub requested_work: String,
    /// The customer's concerns, in their own words.
    pub concerns: String,
    /// A replacement car (替换车) is promised.
    pub replacement_car: bool,
}

/// Checks a slot: on the grid, inside the advisor's reception hours, not in the past.
pub fn check_slot(
    settings: &ServiceSettings,
    advisor: StaffId,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), Issue> {
    let (from, to) = settings.hours_of(advisor);
    if at <= now {
        return Err(Issue::new(ErrorKind::InThePast, "at", "the appointment must be in the future"));
    }
    let time = at.time();
    if time < from || time >= to {
        return Err(Issue::new(
            ErrorKind::OutOfRange,
            "at",
            format!(
                "the appointment must be within reception hours, {} to {}",
                from.format("%H:%M"),
                to.format("%H:%M")
            ),
        ));
    }
    if !settings.slots().contains(&time) {
        return Err(Issue::new(
            ErrorKind::OutOfRange,
            "at",
            format!("the appointment must start on a {}-minute slot", settings.slot_minutes),
        ));
    }
    Ok(())
}

impl AppointmentInput {
    /// The appointment with its texts trimmed, or every issue. The slot being
    /// free is the store's check (it needs the other appointments).
    pub fn validate(
        &self,
        settings: &ServiceSettings,
        now: NaiveDateTime,
    ) -> Result<AppointmentInput, Invalid> {
        let mut issues = Issues::default();
        issues.take(check_slot(settings, self.advisor_id, self.at, now));
        issues.take(validate::in_range("expectedMinutes", Some(self.expected_minutes), 10..=7 * 24 * 60));
        let requested_work = issues.take(validate::text("requestedWork", &self.requested_work, 500));
        let concerns = issues.take(validate::optional_text("concerns", &self.concerns, 2000));
        issues.finish()?;
        Ok(AppointmentInput {
            requested_work: requested_work.unwrap_or_default(),
            concerns: concerns.unwrap_or_default(),
            ..self.clone()
        })
    }
}

/// A new appointment's customer: one in the archive, or one created with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Booking {
    pub appointment: AppointmentInput,
    /// When set, this customer (with one vehicle) is created in the same
    /// transaction and `appointment.customerId`/`vehicleId` are ignored.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_customer: Option<crate::archive::NewCustomer>,
}

/// The preparation checklist of DOMAIN.md §3.2.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preparation {
    pub parts_ready: bool,
    pub order_prefilled: bool,
    pub advisor_available: bool,
    /// Clean, fuelled and ready; only asked when a replacement car is promised.
    pub replacement_car_ready: bool,
}

/// One item of the preparation checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PreparationItem {
    PartsReady,
    OrderPrefilled,
    AdvisorAvailable,
    ReplacementCarReady,
}

impl Preparation {
    /// The items still to do; the replacement car only when one is promised.
    pub fn missing(&self, replacement_car: bool) -> Vec<PreparationItem> {
        let mut missing = Vec::new();
        if !self.parts_ready {
            missing.push(PreparationItem::PartsReady);
        }
        if !self.order_prefilled {
            missing.push(PreparationItem::OrderPrefilled);
        }
        if !self.advisor_available {
            missing.push(PreparationItem::AdvisorAvailable);
        }
        if replacement_car && !self.replacement_car_ready {
            missing.push(PreparationItem::ReplacementCarReady);
        }
        missing
    }
}

/// Saving the checklist: a booked appointment whose list is complete becomes prepared.
pub fn prepare(visit: &Visit, checklist: &Preparation) -> Result<Option<Transition>, Issue> {
    if visit.state != VisitState::Booked {
        return Err(transition(visit.state, Step::Prepare).err().unwrap_or_else(|| {
            refuse("state", "the appointment is already prepared; its checklist is complete")
        }));
    }
    if checklist.missing(visit.replacement_car).is_empty() {
        transition(visit.state, Step::Prepare).map(Some)
    } else {
        Ok(None)
    }
}

/// Moving an appointment: only while it has not happened.
pub fn reschedule(visit: &Visit) -> Result<(), Issue> {
    if visit.state.is_appointment() {
        Ok(())
    } else {
        Err(refuse(
            "state",
            format!("only an appointment can be moved; this visit is {}", serde_name(&visit.state)),
        ))
    }
}

/// Cancelling, with the customer's reason.
pub fn cancel(visit: &Visit, reason: &str) -> Result<(Transition, String), Invalid> {
    let mut issues = Issues::default();
    let step = issues.take(transition(visit.state, Step::Cancel));
    let reason = issues.take(validate::text("reason", reason, 500));
    issues.finish()?;
    match (step, reason) {
        (Some(step), Some(reason)) => Ok((step, reason)),
        _ => Err(Invalid(Vec::new())),
    }
}

/// Marking a no-show: only once the appointment's time has passed.
pub fn no_show(visit: &Visit, now: NaiveDateTime) -> Result<Transition, Issue> {
    let step = transition(visit.state, Step::NoShow)?;
    match visit.appointment_at {
        Some(at) if at > now => Err(refuse(
            "state",
            format!(
                "the appointment is at {}; it cannot be a no-show before then",
                at.format("%Y-%m-%d %H:%M")
            ),
        )),
        _ => Ok(step),
    }
}

// ---------------------------------------------------------------------------
// Reception

/// A panel of the body, for the walk-around's damage record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Panel {
    FrontBumper,
    Bonnet,
    Windscreen,
    Roof,
    BootLid,
    RearBumper,
    RearWindow,
    LeftFrontWing,
    LeftFrontDoor,
    LeftRearDoor,
    LeftRearWing,
    RightFrontWing,
    RightFrontDoor,
    RightRearDoor,
    RightRearWing,
    LeftMirror,
    RightMirror,
    Wheels,
}

/// Existing damage found on the walk-around.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Damage {
    pub panel: Panel,
    pub note: String,
}

/// The walk-around with the customer (DOMAIN.md §3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reception {
    pub mileage_km: u32,
    /// Why the mileage is below the last one known (a replaced cluster, a typo on file).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mileage_reason: Option<String>,
    /// Fuel (or charge) in eighths: 0 empty … 8 full.
    pub fuel_eighths: u8,
    pub damages: Vec<Damage>,
    /// Valuables left in the car, as told to the customer.
    pub valuables: String,
    /// Accessories with the car (spare wheel, jack, child seat …).
    pub accessories: String,
    /// The customer's concerns, verbatim.
    pub concerns: String,
}

impl Reception {
    /// The walk-around, or every issue. `last_mileage` is the highest known so far.
    pub fn validate(&self, last_mileage: Option<u32>) -> Result<Reception, Invalid> {
        let mut issues = Issues::default();
        issues.take(validate::in_range("mileageKm", Some(self.mileage_km), 0..=2_000_000));
        let reason = self.mileage_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        if let Some(last) = last_mileage
            && self.mileage_km < last
            && reason.is_none()
        {
            issues.push(Issue::new(
                ErrorKind::OutOfRange,
                "mileageKm",
                format!("the mileage is below the last known {last} km; give the reason"),
            ));
        }
        if self.fuel_eighths > 8 {
            issues.push(Issue::new(ErrorKind::OutOfRange, "fuelEighths", "fuel is 0 to 8 eighths"));
        }
        let mut damages = Vec::new();
        for (i, damage) in self.damages.iter().enumerate() {
            if let Some(note) = issues.take(validate::text(&format!("damages.{i}.note"), &damage.note, 200)) {
                damages.push(Damage { panel: damage.panel, note });
            }
        }
        let valuables = issues.take(validate::optional_text("valuables", &self.valuables, 500));
        let accessories = issues.take(validate::optional_text("accessories", &self.accessories, 500));
        let concerns = issues.take(validate::text("concerns", &self.concerns, 2000));
        issues.finish()?;
        Ok(Reception {
            mileage_km: self.mileage_km,
            mileage_reason: reason.map(str::to_owned),
            fuel_eighths: self.fuel_eighths,
            damages,
            valuables: valuables.unwrap_or_default(),
            accessories: accessories.unwrap_or_default(),
            concerns: concerns.unwrap_or_default(),
        })
    }
}

/// Receiving the vehicle of an appointment.
pub fn receive(
    visit: &Visit,
    reception: &Reception,
    last_mileage: Option<u32>,
) -> Result<(Transition, Reception), Invalid> {
    let mut issues = Issues::default();
    let step = issues.take(transition(visit.state, Step::Receive));
    let reception = match reception.validate(last_mileage) {
        Ok(r) => Some(r),
        Err(invalid) => {
            issues.extend(invalid, "reception");
            None
        }
    };
    issues.finish()?;
    match (step, reception) {
        (Some(step), Some(reception)) => Ok((step, reception)),
        _ => Err(Invalid(Vec::new())),
    }
}

/// A vehicle that arrives without an appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WalkIn {
    pub customer_id: CustomerId,
    pub vehicle_id: VehicleId,
    pub advisor_id: StaffId,
    pub requested_work: String,
    pub expected_minutes: u32,
    pub replacement_car: bool,
    pub reception: Reception,
}

impl WalkIn {
    pub fn validate(&self, last_mileage: Option<u32>) -> Result<WalkIn, Invalid> {
        let mut issues = Issues::default();
        let requested_work = issues.take(validate::text("requestedWork", &self.requested_work, 500));
        issues.take(validate::in_range("expectedMinutes", Some(self.expected_minutes), 10..=7 * 24 * 60));
        let reception = match self.reception.validate(last_mileage) {
            Ok(r) => Some(r),
            Err(invalid) => {
                issues.extend(invalid, "reception");
                None
            }
        };
        issues.finish()?;
        Ok(WalkIn {
            requested_work: requested_work.unwrap_or_default(),
            reception: reception.unwrap_or_else(|| self.reception.clone()),
            ..self.clone()
        })
    }
}

/// The state a walk-in starts in, and the step recorded for it.
pub fn walk_in() -> Transition {
    Transition { from: VisitState::Booked, to: VisitState::Received, step: Step::Receive }
}

// ---------------------------------------------------------------------------
// The repair order

/// Labour or a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Labour,
    Part,
}

/// A repair-order line as the advisor (or the technician, for extra work) enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineInput {
    pub kind: LineKind,
    /// The labour operation, or the part's name.
    pub description: String,
    /// The part number; empty for labour.
    pub part_number: String,
    /// Hours (labour) or quantity (part), in hundredths: 150 is 1.5.
    pub quantity_centi: u32,
    /// The hourly rate (labour) or the unit price (part).
    pub unit_price: Fen,
    /// A genuine part (原装备件); always true for labour.
    pub genuine: bool,
}

/// A stored repair-order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderLine {
    pub id: LineId,
    pub kind: LineKind,
    pub description: String,
    pub part_number: String,
    pub quantity_centi: u32,
    pub unit_price: Fen,
    pub genuine: bool,
    pub amount: Fen,
    /// The extra work this line came from; it counts once the customer approved it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_work_id: Option<ExtraWorkId>,
    /// Explained to the customer at handover.
    pub explained: bool,
}

/// The largest quantity (or hours) on one line: 100,000.00.
pub const MAX_QUANTITY_CENTI: u32 = 10_000_000;
/// The largest unit price or rate: 100,000,000 yuan.
pub const MAX_UNIT_PRICE: Fen = Fen(10_000_000_000);

/// `unit_price × quantity_centi / 100`, rounded half up to the fen.
pub fn line_amount(unit_price: Fen, quantity_centi: u32) -> Option<Fen> {
    let cents = unit_price.0.checked_mul(i64::from(quantity_centi))?;
    Some(Fen((cents + 50).div_euclid(100)))
}

impl LineInput {
    pub fn validate(&self) -> Result<LineInput, Invalid> {
        let mut issues = Issues::default();
        let description = issues.take(validate::text("description", &self.description, 200));
        let part_number = match self.kind {
            LineKind::Part => issues.take(validate::text("partNumber", &self.part_number, 40)),
            LineKind::Labour => Some(String::new()),
        };
        let (quantity_field, price_field) = match self.kind {
            LineKind::Labour => ("hours", "rate"),
            LineKind::Part => ("quantity", "unitPrice"),
        };
        if self.quantity_centi == 0 || self.quantity_centi > MAX_QUANTITY_CENTI {
            issues.push(Issue::new(
                ErrorKind::OutOfRange,
                quantity_field,
                format!("{quantity_field} must be above zero and at most 100000"),
            ));
        }
        if self.unit_price.0 <= 0 || self.unit_price.0 > MAX_UNIT_PRICE.0 {
            issues.push(Issue::new(
                ErrorKind::OutOfRange,
                price_field,
                format!("{price_field} must be above zero and at most 100000000 yuan"),
            ));
        }
        issues.finish()?;
        Ok(LineInput {
            description: description.unwrap_or_default(),
            part_number: part_number.unwrap_or_default(),
            genuine: self.kind == LineKind::Labour || self.genuine,
            ..self.clone()
        })
    }
}

fn validate_lines(lines: &[LineInput], prefix: &str, issues: &mut Issues) -> Vec<LineInput> {
    let mut valid = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.validate() {
            Ok(line) => valid.push(line),
            Err(invalid) => issues.extend(invalid, &format!("{prefix}.{i}")),
        }
    }
    valid
}

/// The repair order as the advisor saves it at reception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderInput {
    pub lines: Vec<LineInput>,
    /// When the vehicle will be ready, as promised to the customer.
    pub promised_at: NaiveDateTime,
    /// The customer agreed to the work and the estimate.
    pub customer_confirmed: bool,
    /// The `updatedAt` of the visit the form was filled from: saving after
    /// someone else's change is refused as `stale`. Left out, nothing is checked.
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<DateTime<Utc>>,
}

/// Saving the repair order: only while the vehicle is received and the repair has not started.
pub fn write_order(visit: &Visit, order: &OrderInput, now: NaiveDateTime) -> Result<OrderInput, Invalid> {
    let mut issues = Issues::default();
    if visit.state != VisitState::Received {
        issues.push(refuse(
            "state",
            format!(
                "the repair order is written at reception, before the repair starts; this visit is {}",
                serde_name(&visit.state)
            ),
        ));
    }
    let lines = validate_lines(&order.lines, "lines", &mut issues);
    if order.lines.is_empty() {
        issues.push(Issue::new(ErrorKind::Required, "lines", "the repair order needs at least one line"));
    }
    if order.promised_at <= now {
        issues.push(Issue::new(
            ErrorKind::InThePast,
            "promisedAt",
            "the promised time must be in the future",
        ));
    }
    issues.finish()?;
    Ok(OrderInput { lines, ..order.clone() })
}

/// The order's sums, in fen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub labour: Fen,
    pub parts: Fen,
    pub subtotal: Fen,
    pub tax: Fen,
    pub total: Fen,
}

/// The totals of the lines that count (order lines and approved extra work),
/// with tax at `tax_basis_points` rounded half up.
pub fn totals<'a>(lines: impl IntoIterator<Item = &'a OrderLine>, tax_basis_points: u32) -> Totals {
    // Sums saturate: a validated order never comes near i64's range, and a
    // corrupt one must not panic or wrap.
    let mut t = Totals::default();
    for line in lines {
        let sum = match line.kind {
            LineKind::Labour => &mut t.labour,
            LineKind::Part => &mut t.parts,
        };
        sum.0 = sum.0.saturating_add(line.amount.0);
    }
    t.subtotal = Fen(t.labour.0.saturating_add(t.parts.0));
    let tax = (i128::from(t.subtotal.0) * i128::from(tax_basis_points) + 5_000).div_euclid(10_000);
    t.tax = Fen(i64::try_from(tax).unwrap_or(i64::MAX));
    t.total = Fen(t.subtotal.0.saturating_add(t.tax.0));
    t
}

// ---------------------------------------------------------------------------
// Repair

/// Starting (or re-assigning) the repair: the order must be confirmed.
pub fn start_repair(visit: &Visit) -> Result<Option<Transition>, Issue> {
    if visit.state == VisitState::InRepair {
        return Ok(None); // a re-assignment
    }
    let step = transition(visit.state, Step::StartRepair)?;
    if visit.order.lines.is_empty() {
        return Err(refuse("lines", "the repair order has no lines yet"));
    }
    if visit.order.confirmed_at.is_none() {
        return Err(refuse("customerConfirmed", "the customer has not confirmed the repair order"));
    }
    Ok(Some(step))
}

/// Where extra work found during repair stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExtraWorkStatus {
    AwaitingApproval,
    Approved,
    Declined,
}

/// Extra work the technician found, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExtraWorkInput {
    pub description: String,
    pub lines: Vec<LineInput>,
}

/// Extra work as stored, with its lines and the customer's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExtraWork {
    pub id: ExtraWorkId,
    pub description: String,
    pub status: ExtraWorkStatus,
    pub found_by: String,
    pub found_at: DateTime<Utc>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<Utc>>,
    pub note: String,
    pub lines: Vec<OrderLine>,
    pub amount: Fen,
}

/// Recording extra work: only during repair.
pub fn find_extra_work(visit: &Visit, input: &ExtraWorkInput) -> Result<ExtraWorkInput, Invalid> {
    let mut issues = Issues::default();
    if visit.state != VisitState::InRepair {
        issues.push(refuse("state", "extra work is recorded while the vehicle is in repair"));
    }
    let description = issues.take(validate::text("description", &input.description, 500));
    let lines = validate_lines(&input.lines, "lines", &mut issues);
    if input.lines.is_empty() {
        issues.push(Issue::new(
            ErrorKind::Required,
            "lines",
            "extra work needs at least one line with its price",
        ));
    }
    issues.finish()?;
    Ok(ExtraWorkInput { description: description.unwrap_or_default(), lines })
}

/// The customer's answer on extra work: only once, and only during repair.
pub fn decide_extra_work(visit: &Visit, extra: ExtraWorkId) -> Result<(), Issue> {
    let Some(work) = visit.extra_work.iter().find(|w| w.id == extra) else {
        return Err(Issue::new(ErrorKind::NotFound, "extraWorkId", "no such extra work on this visit"));
    };
    if work.status != ExtraWorkStatus::AwaitingApproval {
        return Err(refuse("extraWorkId", "the customer has already decided on this extra work"));
    }
    if visit.state != VisitState::InRepair {
        return Err(refuse("state", "extra work is decided while the vehicle is in repair"));
    }
    Ok(())
}

/// Finishing the repair: a technician is assigned and no extra work awaits the customer.
pub fn finish_repair(visit: &Visit) -> Result<Transition, Issue> {
    let step = transition(visit.state, Step::FinishRepair)?;
    if visit.technician_id.is_none() {
        return Err(refuse("technicianId", "no technician is assigned"));
    }
    if visit.extra_work.iter().any(|w| w.status == ExtraWorkStatus::AwaitingApproval) {
        return Err(refuse("extraWork", "extra work is still awaiting the customer's approval"));
    }
    Ok(step)
}

// ---------------------------------------------------------------------------
// Quality check

/// The quality-control checklist of DOMAIN.md §3.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QcItem {
    /// QC in time, to correct errors before the customer arrives.
    InTime,
    /// Every item on the repair order done as required.
    AllWorkDone,
    /// Road test where appropriate.
    RoadTest,
    /// Vehicle cleanliness checked.
    Cleanliness,
    /// Vehicle parked and its location recorded.
    Parked,
    /// The advisor signs the repair order.
    AdvisorSigned,
    /// Repair order checked against labour and parts used; invoice prepared.
    OrderMatchesWork,
    /// Problems found but not corrected written down.
    OpenProblemsNoted,
    /// Service book stamped; promotional items and mobility papers packed.
    ServiceBookStamped,
}

impl QcItem {
    pub const ALL: [QcItem; 9] = [
        QcItem::InTime,
        QcItem::AllWorkDone,
        QcItem::RoadTest,
        QcItem::Cleanliness,
        QcItem::Parked,
        QcItem::AdvisorSigned,
        QcItem::OrderMatchesWork,
        QcItem::OpenProblemsNoted,
        QcItem::ServiceBookStamped,
    ];
}

/// One item's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QcResult {
    Pass,
    Fail,
    /// Only for the road test, which is done "where appropriate".
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QcItemResult {
    pub item: QcItem,
    pub result: QcResult,
    /// Required for a failed item: what is wrong.
    pub note: String,
}

/// The inspector's check, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QcInput {
    pub items: Vec<QcItemResult>,
    /// Where the vehicle is parked; required to pass.
    pub parking_location: String,
}

/// A recorded quality check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QcCheck {
    #[ts(type = "number")]
    pub id: i64,
    pub inspector: String,
    pub at: DateTime<Utc>,
    pub passed: bool,
    pub items: Vec<QcItemResult>,
    pub parking_location: String,
}

/// The quality check: every item answered once; a failed item needs a note
/// and sends the visit back to repair; passing needs the parking location.
pub fn quality_check(visit: &Visit, input: &QcInput) -> Result<(Transition, QcInput), Invalid> {
    let mut issues = Issues::default();
    if let Err(issue) = transition(visit.state, Step::PassQc) {
        issues.push(issue);
    }
    let mut items = Vec::new();
    for item in QcItem::ALL {
        let field = format!("items.{}", camel_case(&serde_name(&item)));
        let answers: Vec<&QcItemResult> = input.items.iter().filter(|r| r.item == item).collect();
        let [answer] = answers.as_slice() else {
            issues.push(Issue::new(ErrorKind::Required, field, "every checklist item needs one answer"));
            continue;
        };
        let note = answer.note.trim();
        if note.chars().count() > 500 {
            issues.push(Issue::new(ErrorKind::TooLong, field.clone(), "the note is too long"));
        }
        match answer.result {
            QcResult::Fail if note.is_empty() => {
                issues.push(Issue::new(
                    ErrorKind::Required,
                    field,
                    "a failed item needs a note saying what is wrong",
                ));
            }
            QcResult::NotApplicable if item != QcItem::RoadTest => {
                issues.push(Issue::new(
                    ErrorKind::OutOfRange,
                    field,
                    "only the road test may be not applicable",
                ));
            }
            _ => {}
        }
        items.push(QcItemResult { item, result: answer.result, note: note.to_owned() });
    }
    let failed = items.iter().any(|r| r.result == QcResult::Fail);
    let parking_location = input.parking_location.trim().to_owned();
    if !failed && parking_location.is_empty() {
        issues.push(required("parkingLocation"));
    }
    if parking_location.chars().count() > 100 {
        issues.push(Issue::new(ErrorKind::TooLong, "parkingLocation", "parkingLocation is too long"));
    }
    issues.finish()?;
    let step = transition(visit.state, if failed { Step::FailQc } else { Step::PassQc })?;
    Ok((step, QcInput { items, parking_location }))
}

// ---------------------------------------------------------------------------
// Handover

/// How the customer paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    BankCard,
    WeChatPay,
    Alipay,
    BankTransfer,
    /// Warranty or goodwill: the manufacturer or the dealer pays.
    Warranty,
    /// The insurer pays.
    Insurance,
}

/// The handover, as the advisor records it (DOMAIN.md §3.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoverInput {
    /// The order lines explained to the customer: every line that counts.
    pub explained_line_ids: Vec<LineId>,
    pub invoice_number: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_service_date: Option<NaiveDate>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_service_km: Option<u32>,
    pub payment_method: PaymentMethod,
    pub amount_paid: Fen,
    /// The customer confirmed the vehicle's condition.
    pub condition_confirmed: bool,
}

/// A recorded handover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Handover {
    pub invoice_number: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_service_date: Option<NaiveDate>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_service_km: Option<u32>,
    pub payment_method: PaymentMethod,
    pub amount_paid: Fen,
    pub handed_over_at: DateTime<Utc>,
    pub handed_over_by: String,
}

/// Handing over: after the quality check, every line explained, the invoice,
/// payment of the total, the condition confirmed; the next service in the future.
pub fn hand_over(
    visit: &Visit,
    input: &HandoverInput,
    today: NaiveDate,
) -> Result<(Transition, HandoverInput), Invalid> {
    let mut issues = Issues::default();
    let step = issues.take(transition(visit.state, Step::HandOver));
    let counted: Vec<&OrderLine> = visit.counted_lines().collect();
    if counted.iter().any(|l| !input.explained_line_ids.contains(&l.id)) {
        issues.push(Issue::new(
            ErrorKind::Required,
            "explainedLineIds",
            "explain every item of work done and its cost to the customer",
        ));
    }
    let invoice_number = issues.take(validate::text("invoiceNumber", &input.invoice_number, 40));
    if let Some(date) = input.next_service_date
        && date <= today
    {
        issues.push(Issue::new(
            ErrorKind::InThePast,
            "nextServiceDate",
            "the next service must be in the future",
        ));
    }
    if let (Some(km), Some(reception)) = (input.next_service_km, &visit.reception)
        && km <= reception.mileage_km
    {
        issues.push(Issue::new(
            ErrorKind::OutOfRange,
            "nextServiceKm",
            format!("the next service must be above today's {} km", reception.mileage_km),
        ));
    }
    let total = visit.totals.total;
    if input.amount_paid != total {
        issues.push(Issue::new(
            ErrorKind::OutOfRange,
            "amountPaid",
            format!("the amount paid must be the order total, {} fen", total.0),
        ));
    }
    if !input.condition_confirmed {
        issues.push(Issue::new(
            ErrorKind::Required,
            "conditionConfirmed",
            "confirm the vehicle's condition with the customer",
        ));
    }
    issues.finish()?;
    match step {
        Some(step) => Ok((
            step,
            HandoverInput {
                invoice_number: invoice_number.unwrap_or_default(),
                explained_line_ids: counted.iter().map(|l| l.id).collect(),
                ..input.clone()
            },
        )),
        None => Err(Invalid(Vec::new())),
    }
}

/// When the follow-up call is due: from `from_days` to `to_days` after handover.
pub fn follow_up_window(handed_over: NaiveDate, settings: &ServiceSettings) -> (NaiveDate, NaiveDate) {
    let add = |days: u32| handed_over + chrono::Days::new(u64::from(days));
    (add(settings.follow_up_from_days), add(settings.follow_up_to_days))
}

/// The follow-up module records the call; the visit is then followed up.
pub fn follow_up(visit: &Visit) -> Result<Transition, Issue> {
    transition(visit.state, Step::FollowUp)
}

// ---------------------------------------------------------------------------
// The visit as read

/// A visit with everything the visit page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: VisitId,
    /// The repair order number, e.g. `20261122-003`.
    pub number: String,
    pub state: VisitState,
    pub walk_in: bool,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub customer_mobile: String,
    pub vehicle_id: VehicleId,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    pub vin: String,
    /// Brand and model, as shown.
    pub vehicle_label: String,
    pub advisor_id: StaffId,
    pub advisor_name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_at: Option<NaiveDateTime>,
    pub expected_minutes: u32,
    pub requested_work: String,
    pub concerns: String,
    pub replacement_car: bool,
    pub preparation: Preparation,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reception: Option<Reception>,
    pub order: Order,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technician_id: Option<StaffId>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technician_name: Option<String>,
    pub extra_work: Vec<ExtraWork>,
    pub qc_checks: Vec<QcCheck>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handover: Option<Handover>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up_due: Option<(NaiveDate, NaiveDate)>,
    pub totals: Totals,
    /// When the visit entered each state it has been in, oldest first.
    pub timeline: Vec<StateChange>,
    pub created_at: DateTime<Utc>,
    /// The last change, and the version a form of this visit saves against.
    pub updated_at: DateTime<Utc>,
    /// The promised time has passed at the desk's clock and the vehicle is not
    /// ready (`overdue`): set as the visit is read for a screen.
    #[serde(default)]
    pub overdue: bool,
}

/// The repair order part of a visit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// The lines written at reception, then approved extra work's lines.
    pub lines: Vec<OrderLine>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised_at: Option<NaiveDateTime>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The total the customer agreed to at confirmation.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Fen>,
    pub tax_basis_points: u32,
}

/// One entry of a visit's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StateChange {
    pub step: Step,
    pub state: VisitState,
    pub at: DateTime<Utc>,
    pub by: String,
}

impl Visit {
    /// The lines that count: the order's own and approved extra work's.
    pub fn counted_lines(&self) -> impl Iterator<Item = &OrderLine> {
        self.order.lines.iter().filter(|l| match l.extra_work_id {
            None => true,
            Some(id) => self.extra_work.iter().any(|w| w.id == id && w.status == ExtraWorkStatus::Approved),
        })
    }

    /// The promised time has passed and the vehicle is not ready.
    pub fn is_overdue(&self, now: NaiveDateTime) -> bool {
        overdue(self.state, self.order.promised_at, now)
    }

    /// The visit as a screen shows it at `now` (the desk's clock): with what
    /// the screen would otherwise work out for itself.
    pub fn shown_at(mut self, now: NaiveDateTime) -> Visit {
        self.overdue = self.is_overdue(now);
        self
    }
}

/// Whether a visit in `state`, promised for `promised_at`, is overdue at `now`:
/// the promised time has passed and the vehicle is not ready. The one rule for
/// the visit page, the workshop board and the appointment board.
pub fn overdue(state: VisitState, promised_at: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    let open = matches!(state, VisitState::Received | VisitState::InRepair | VisitState::QualityCheck);
    open && promised_at.is_some_and(|p| p < now)
}

/// A visit as a row of a board or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitSummary {
    pub id: VisitId,
    pub number: String,
    pub state: VisitState,
    pub walk_in: bool,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub customer_mobile: String,
    pub vehicle_id: VehicleId,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    pub vehicle_label: String,
    pub advisor_id: StaffId,
    pub advisor_name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technician_name: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_at: Option<NaiveDateTime>,
    pub expected_minutes: u32,
    pub requested_work: String,
    pub replacement_car: bool,
    /// Preparation items not yet done (appointments only).
    pub unprepared: Vec<PreparationItem>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised_at: Option<NaiveDateTime>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handed_over_at: Option<DateTime<Utc>>,
    pub overdue: bool,
    pub total: Fen,
    pub extra_work_waiting: u32,
    /// A past visit imported from the old system's files: history, not work
    /// CareDesk handled, so no KPI, list or board counts it.
    pub imported: bool,
    /// The old system's advisor name of an imported visit (`advisor_name` is
    /// the staff member of that name, else whoever imported it).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported_advisor: Option<String>,
    /// The old system's repair-order number of an imported visit.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_number: Option<String>,
}

#[cfg(test)]
mod tests;
