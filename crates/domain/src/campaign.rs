//! Customer-care campaigns and events (DOMAIN.md §6): the plan (theme, dates,
//! venue, activities, prizes with their stock, budget lines), its status, the
//! target segment over the archive, invitations with RSVP and check-in, the
//! lottery, and the results measured by the visits that followed.
//!
//! Architecture invariant: no I/O, no clock, no random source of its own. The
//! lottery takes the random pick as an argument (the store passes the operating
//! system's secure source, the tests a seeded one), so the rule that a draw is
//! uniform over the prizes in stock is tested here.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::archive::{CustomerGrade, LeadGrade};
use crate::error::{ErrorKind, Invalid, Issue, Issues};
use crate::visit::line_amount;
use crate::{CustomerId, Fen, StaffId, VehicleId, kpi, validate};

/// A campaign's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct CampaignId(#[ts(type = "number")] pub i64);

/// A prize's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct PrizeId(#[ts(type = "number")] pub i64);

/// An invitation's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct InvitationId(#[ts(type = "number")] pub i64);

// ---------------------------------------------------------------------------
// Status

/// Where a campaign is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    /// Being written.
    Draft,
    /// Approved: invitations go out.
    Planned,
    /// The event is on: check-in and the lottery.
    Running,
    /// Over: results are read.
    Finished,
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 4] =
        [CampaignStatus::Draft, CampaignStatus::Planned, CampaignStatus::Running, CampaignStatus::Finished];

    /// Where a campaign in this status may go, by the status table.
    pub fn next(self) -> Vec<CampaignStatus> {
        CampaignStatus::ALL.into_iter().filter(|&to| status_change(self, to).is_ok()).collect()
    }
}

/// The status table: forward one step at a time; a planned campaign may go back to draft.
pub fn status_change(from: CampaignStatus, to: CampaignStatus) -> Result<(), Issue> {
    use CampaignStatus::*;
    match (from, to) {
        (Draft, Planned) | (Planned, Running) | (Running, Finished) | (Planned, Draft) => Ok(()),
        _ => Err(Issue::new(
            ErrorKind::InvalidState,
            "status",
            format!("a {from:?} campaign cannot become {to:?}").to_lowercase(),
        )),
    }
}

// ---------------------------------------------------------------------------
// The plan

/// What happens at the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// A talk, e.g. on safe driving before a long holiday.
    Lecture,
    /// Fix a planted small fault with a technician's help.
    DiyChallenge,
    Lottery,
    /// A self-drive trip.
    Trip,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub kind: ActivityKind,
    pub title: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
    pub notes: String,
}

/// A prize as planned: what it is, how many there are, what one is worth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrizeInput {
    /// Set when an existing prize is edited.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PrizeId>,
    pub name: String,
    pub stock: u32,
    pub unit_value: Fen,
}

/// A budget line: the planned quantity and unit price, and the actual ones once known.
/// Amounts are computed, never typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLineInput {
    pub item: String,
    /// In hundredths (1.5 litres = 150), like the repair order's quantities.
    pub quantity_centi: i64,
    pub unit_price: Fen,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_quantity_centi: Option<i64>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_unit_price: Option<Fen>,
    pub note: String,
}

/// A campaign's plan as the manager writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignInput {
    pub theme: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub venue: String,
    pub background: String,
    pub objectives: String,
    pub activities: Vec<Activity>,
    pub prizes: Vec<PrizeInput>,
    pub budget: Vec<BudgetLineInput>,
    /// Visits within this many days after the event count towards its results.
    pub attribution_days: u32,
    /// The `updatedAt` of the campaign the form was filled from: saving after
    /// someone else's change is refused as `stale`. None for a new campaign.
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<DateTime<Utc>>,
}

/// The largest quantity on a budget line: 10,000,000.00.
pub const MAX_BUDGET_QUANTITY_CENTI: i64 = 1_000_000_000;
/// The largest unit price: 10,000,000 yuan.
pub const MAX_BUDGET_PRICE: Fen = Fen(1_000_000_000);

fn quantity(field: String, value: i64) -> Result<u32, Issue> {
    if value < 0 {
        Err(Issue::new(ErrorKind::OutOfRange, field, "a quantity cannot be below zero"))
    } else if value > MAX_BUDGET_QUANTITY_CENTI {
        Err(Issue::new(ErrorKind::OutOfRange, field, "the quantity is too large"))
    } else {
        Ok(u32::try_from(value).unwrap_or(u32::MAX))
    }
}

fn price(field: String, value: Fen) -> Result<Fen, Issue> {
    if value.0 < 0 {
        Err(Issue::new(ErrorKind::OutOfRange, field, "a unit price cannot be below zero"))
    } else if value > MAX_BUDGET_PRICE {
        Err(Issue::new(ErrorKind::OutOfRange, field, "the unit price is too large"))
    } else {
        Ok(value)
    }
}

impl CampaignInput {
    /// Checks the plan. `drawn` is how many of each existing prize the lottery
    /// has already given: a stock below it is refused.
    pub fn validate(&self, drawn: &[(PrizeId, u32)]) -> Result<CampaignInput, Invalid> {
        let mut issues = Issues::default();
        let theme = issues.take(validate::text("theme", &self.theme, 80));
        if self.ends_on < self.starts_on {
            issues.push(Issue::new(
                ErrorKind::DateOrder,
                "endsOn",
                "the end date cannot be before the start date",
            ));
        }
        let venue = issues.take(validate::optional_text("venue", &self.venue, 200));
        let background = issues.take(validate::optional_text("background", &self.background, 2000));
        let objectives = issues.take(validate::optional_text("objectives", &self.objectives, 2000));
        issues.take(validate::in_range("attributionDays", Some(self.attribution_days), 1..=365));
        let mut activities = Vec::new();
        for (i, a) in self.activities.iter().enumerate() {
            let title = issues.take(validate::text(&format!("activities.{i}.title"), &a.title, 120));
            let notes =
                issues.take(validate::optional_text(&format!("activities.{i}.notes"), &a.notes, 1000));
            if let Some(at) = a.at
                && (at.date() < self.starts_on || at.date() > self.ends_on)
            {
                issues.push(Issue::new(
                    ErrorKind::DateOrder,
                    format!("activities.{i}.at"),
                    "an activity happens between the campaign's start and end",
                ));
            }
            activities.push(Activity {
                title: title.unwrap_or_default(),
                notes: notes.unwrap_or_default(),
                ..a.clone()
            });
        }
        let mut prizes = Vec::new();
        for (i, p) in self.prizes.iter().enumerate() {
            let name = issues.take(validate::text(&format!("prizes.{i}.name"), &p.name, 80));
            issues.take(price(format!("prizes.{i}.unitValue"), p.unit_value));
            if p.stock > 100_000 {
                issues.push(Issue::new(
                    ErrorKind::OutOfRange,
                    format!("prizes.{i}.stock"),
                    "at most 100,000 of a prize",
                ));
            }
            if let Some(given) = p.id.and_then(|id| drawn.iter().find(|(d, _)| *d == id)).map(|(_, n)| *n)
                && p.stock < given
            {
                issues.push(Issue::new(
                    ErrorKind::OutOfRange,
                    format!("prizes.{i}.stock"),
                    format!("{given} of this prize have already been drawn: the stock cannot be less"),
                ));
            }
            prizes.push(PrizeInput { name: name.unwrap_or_default(), ..p.clone() });
        }
        for (id, given) in drawn {
            if *given > 0 && !self.prizes.iter().any(|p| p.id == Some(*id)) {
                issues.push(Issue::new(
                    ErrorKind::InvalidState,
                    "prizes",
                    "a prize that has been drawn cannot be removed",
                ));
            }
        }
        let mut budget = Vec::new();
        for (i, line) in self.budget.iter().enumerate() {
            let at = |f: &str| format!("budget.{i}.{f}");
            let item = issues.take(validate::text(&at("item"), &line.item, 120));
            issues.take(quantity(at("quantityCenti"), line.quantity_centi));
            issues.take(price(at("unitPrice"), line.unit_price));
            if let Some(q) = line.actual_quantity_centi {
                issues.take(quantity(at("actualQuantityCenti"), q));
            }
            if let Some(p) = line.actual_unit_price {
                issues.take(price(at("actualUnitPrice"), p));
            }
            let note = issues.take(validate::optional_text(&at("note"), &line.note, 200));
            budget.push(BudgetLineInput {
                item: item.unwrap_or_default(),
                note: note.unwrap_or_default(),
                ..line.clone()
            });
        }
        issues.finish()?;
        Ok(CampaignInput {
            theme: theme.unwrap_or_default(),
            venue: venue.unwrap_or_default(),
            background: background.unwrap_or_default(),
            objectives: objectives.unwrap_or_default(),
            activities,
            prizes,
            budget,
            ..self.clone()
        })
    }
}

// ---------------------------------------------------------------------------
// The budget's arithmetic

/// A budget line with its amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLine {
    pub item: String,
    pub quantity_centi: i64,
    pub unit_price: Fen,
    pub amount: Fen,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_quantity_centi: Option<i64>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_unit_price: Option<Fen>,
    /// Set once an actual quantity or price is known (the other one as planned).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_amount: Option<Fen>,
    pub note: String,
}

/// The budget: its lines with their amounts, the planned and the actual total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
    pub planned: Fen,
    /// The actual amounts where known, the planned ones elsewhere.
    pub actual: Fen,
    /// How many lines have an actual amount.
    pub actual_lines: u32,
}

fn amount(price: Fen, quantity_centi: i64) -> Fen {
    line_amount(price, u32::try_from(quantity_centi.max(0)).unwrap_or(u32::MAX)).unwrap_or(Fen(i64::MAX))
}

/// Each line's amount is quantity × unit price (half up to the fen); the totals are the lines' sums.
pub fn budget(lines: &[BudgetLineInput]) -> Budget {
    let lines: Vec<BudgetLine> = lines
        .iter()
        .map(|l| {
            let actual = (l.actual_quantity_centi.is_some() || l.actual_unit_price.is_some()).then(|| {
                amount(
                    l.actual_unit_price.unwrap_or(l.unit_price),
                    l.actual_quantity_centi.unwrap_or(l.quantity_centi),
                )
            });
            BudgetLine {
                item: l.item.clone(),
                quantity_centi: l.quantity_centi,
                unit_price: l.unit_price,
                amount: amount(l.unit_price, l.quantity_centi),
                actual_quantity_centi: l.actual_quantity_centi,
                actual_unit_price: l.actual_unit_price,
                actual_amount: actual,
                note: l.note.clone(),
            }
        })
        .collect();
    let sum =
        |f: &dyn Fn(&BudgetLine) -> Fen| Fen(lines.iter().map(|l| f(l).0).fold(0i64, i64::saturating_add));
    Budget {
        planned: sum(&|l| l.amount),
        actual: sum(&|l| l.actual_amount.unwrap_or(l.amount)),
        actual_lines: lines.iter().filter(|l| l.actual_amount.is_some()).count() as u32,
        lines,
    }
}

// ---------------------------------------------------------------------------
// The segment

/// Who a campaign is for: every filter set must hold (they combine with "and").
/// A customer without marketing consent is never in the list, whatever the filters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Segment {
    /// Vehicle models (any of them).
    #[ts(optional, as = "Option<Vec<String>>")]
    pub models: Vec<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_year_from: Option<u16>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_year_to: Option<u16>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchased_from: Option<NaiveDate>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchased_to: Option<NaiveDate>,
    /// The vehicle has not been at the workshop for this many months (or never).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_visit_months: Option<u32>,
    /// The next service recommended at handover is due within this many days (or overdue).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_due_days: Option<u32>,
    /// The warranty ends within this many days.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warranty_days: Option<u32>,
    /// The insurance expires within this many days.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insurance_days: Option<u32>,
    /// The annual inspection is due within this many days.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inspection_days: Option<u32>,
    /// Work the customer declined at an earlier visit is still open on the vehicle.
    #[ts(optional, as = "Option<bool>")]
    pub declined_work: bool,
    #[ts(optional, as = "Option<bool>")]
    pub birthday_this_month: bool,
    /// Customer grades (any of them).
    #[ts(optional, as = "Option<Vec<CustomerGrade>>")]
    pub grades: Vec<CustomerGrade>,
    /// Sales leads of these grades (any of them); leads may have no vehicle.
    #[ts(optional, as = "Option<Vec<LeadGrade>>")]
    pub lead_grades: Vec<LeadGrade>,
}

/// A segment's filters as dates on `today`: what the store's query compares with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SegmentBounds {
    /// Last visit before this day (or none).
    pub last_visit_before: Option<NaiveDate>,
    /// Next service on or before this day.
    pub service_due_by: Option<NaiveDate>,
    /// Warranty end from today to this day.
    pub warranty_by: Option<NaiveDate>,
    pub insurance_by: Option<NaiveDate>,
    pub inspection_by: Option<NaiveDate>,
    /// The month (1–12) of the birthday.
    pub birthday_month: Option<u32>,
    pub today: NaiveDate,
}

impl Segment {
    pub fn validate(&self) -> Result<Segment, Invalid> {
        let mut issues = Issues::default();
        if let (Some(from), Some(to)) = (self.model_year_from, self.model_year_to)
            && to < from
        {
            issues.push(Issue::new(
                ErrorKind::DateOrder,
                "modelYearTo",
                "the last model year is before the first",
            ));
        }
        for (field, year) in [("modelYearFrom", self.model_year_from), ("modelYearTo", self.model_year_to)] {
            issues.take(validate::in_range(field, year, 1950..=2100));
        }
        if let (Some(from), Some(to)) = (self.purchased_from, self.purchased_to)
            && to < from
        {
            issues.push(Issue::new(
                ErrorKind::DateOrder,
                "purchasedTo",
                "the purchase period ends before it starts",
            ));
        }
        issues.take(validate::in_range("lastVisitMonths", self.last_visit_months, 1..=240));
        for (field, days) in [
            ("serviceDueDays", self.service_due_days),
            ("warrantyDays", self.warranty_days),
            ("insuranceDays", self.insurance_days),
            ("inspectionDays", self.inspection_days),
        ] {
            issues.take(validate::in_range(field, days, 0..=730));
        }
        let mut models = Vec::new();
        for (i, model) in self.models.iter().enumerate() {
            if let Some(m) = issues.take(validate::text(&format!("models.{i}"), model, 60))
                && !models.contains(&m)
            {
                models.push(m);
            }
        }
        issues.finish()?;
        Ok(Segment { models, ..self.clone() })
    }

    /// No filter at all: the whole archive (with consent).
    pub fn is_empty(&self) -> bool {
        *self == Segment::default()
    }

    /// Any filter on the vehicle: a customer matches through a vehicle that matches.
    pub fn on_vehicle(&self) -> bool {
        !self.models.is_empty()
            || self.model_year_from.is_some()
            || self.model_year_to.is_some()
            || self.purchased_from.is_some()
            || self.purchased_to.is_some()
            || self.last_visit_months.is_some()
            || self.service_due_days.is_some()
            || self.warranty_days.is_some()
            || self.insurance_days.is_some()
            || self.inspection_days.is_some()
            || self.declined_work
    }

    pub fn bounds(&self, today: NaiveDate) -> SegmentBounds {
        let ahead = |days: Option<u32>| days.map(|d| today + Days::new(u64::from(d)));
        SegmentBounds {
            last_visit_before: self
                .last_visit_months
                .map(|m| today.checked_sub_months(Months::new(m)).unwrap_or(NaiveDate::MIN)),
            service_due_by: ahead(self.service_due_days),
            warranty_by: ahead(self.warranty_days),
            insurance_by: ahead(self.insurance_days),
            inspection_by: ahead(self.inspection_days),
            birthday_month: self.birthday_this_month.then(|| today.month()),
            today,
        }
    }
}

/// The live count of a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentCount {
    /// Customers in the list.
    pub customers: u32,
    /// Customers the filters match who withdrew (or never gave) marketing consent: never in the list.
    pub excluded_no_consent: u32,
}

/// A customer of a segment's preview or an invitation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentMember {
    pub customer_id: CustomerId,
    pub name: String,
    pub mobile: String,
    /// The vehicle through which they match (the first, when several do).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_id: Option<VehicleId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_label: Option<String>,
    pub grade: CustomerGrade,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_grade: Option<LeadGrade>,
}

// ---------------------------------------------------------------------------
// Invitations, RSVP and check-in

/// The invited customer's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rsvp {
    /// Not asked yet.
    Pending,
    Yes,
    No,
    Maybe,
    NotReached,
}

/// RSVPs are recorded while the campaign is planned or running.
pub fn record_rsvp(status: CampaignStatus, rsvp: Rsvp) -> Result<(), Issue> {
    if rsvp == Rsvp::Pending {
        return Err(Issue::new(ErrorKind::OutOfRange, "rsvp", "record yes, no, maybe or not reached"));
    }
    match status {
        CampaignStatus::Planned | CampaignStatus::Running => Ok(()),
        _ => Err(Issue::new(
            ErrorKind::InvalidState,
            "status",
            "answers are recorded once the campaign is planned and until it is finished",
        )),
    }
}

/// Invitations are made from the segment while the campaign is a draft or planned.
pub fn invite(status: CampaignStatus) -> Result<(), Issue> {
    match status {
        CampaignStatus::Draft | CampaignStatus::Planned => Ok(()),
        _ => {
            Err(Issue::new(ErrorKind::InvalidState, "status", "invitations are made before the event starts"))
        }
    }
}

/// How a guest came in at the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    /// On the invitation list.
    Invited,
    /// Not invited: let in as a walk-in guest, and recorded as such.
    WalkIn,
}

/// Checking a guest in: only while the event runs; an invited customer once; a
/// customer who was not invited only as a walk-in guest.
pub fn check_in(
    status: CampaignStatus,
    invited: bool,
    already_checked_in: bool,
    as_walk_in: bool,
) -> Result<Arrival, Issue> {
    if status != CampaignStatus::Running {
        return Err(Issue::new(
            ErrorKind::InvalidState,
            "status",
            "guests are checked in while the event is running",
        ));
    }
    if already_checked_in {
        return Err(Issue::new(ErrorKind::Duplicate, "customerId", "this guest is already checked in"));
    }
    match (invited, as_walk_in) {
        (true, _) => Ok(Arrival::Invited),
        (false, true) => Ok(Arrival::WalkIn),
        (false, false) => Err(Issue::new(
            ErrorKind::NotFound,
            "customerId",
            "this customer was not invited: check them in as a walk-in guest",
        )),
    }
}

// ---------------------------------------------------------------------------
// The lottery

/// A prize with what is left of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InStock {
    pub prize: PrizeId,
    pub left: u32,
}

/// One draw for an attendee: only a checked-in attendee, once, while the event
/// runs, from the prizes still in stock. Every unit in stock is equally likely:
/// `pick(n)` must return a uniformly random number below `n` (the shell passes
/// the operating system's secure source), or fail, and nothing is drawn.
pub fn draw(
    status: CampaignStatus,
    checked_in: bool,
    already_drew: bool,
    stock: &[InStock],
    pick: impl FnOnce(u32) -> Result<u32, Issue>,
) -> Result<PrizeId, Issue> {
    if status != CampaignStatus::Running {
        return Err(Issue::new(
            ErrorKind::InvalidState,
            "status",
            "the lottery is drawn while the event is running",
        ));
    }
    if !checked_in {
        return Err(Issue::new(ErrorKind::InvalidState, "invitationId", "only a checked-in attendee draws"));
    }
    if already_drew {
        return Err(Issue::new(ErrorKind::Duplicate, "invitationId", "this attendee has already drawn"));
    }
    let total: u32 = stock.iter().map(|s| s.left).fold(0, u32::saturating_add);
    if total == 0 {
        return Err(Issue::new(
            ErrorKind::OutOfRange,
            "prizes",
            "every prize has been drawn: the stock is empty",
        ));
    }
    let mut n = pick(total)?.min(total - 1);
    for s in stock {
        if n < s.left {
            return Ok(s.prize);
        }
        n -= s.left;
    }
    Err(Issue::new(ErrorKind::Internal, "prizes", "the draw fell outside the stock"))
}

/// A prize with its stock and how many were drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Prize {
    pub id: PrizeId,
    pub name: String,
    pub stock: u32,
    pub drawn: u32,
    pub unit_value: Fen,
}

/// One recorded draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Draw {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub invitation_id: InvitationId,
    pub customer_name: String,
    pub prize_id: PrizeId,
    pub prize_name: String,
    pub operator: String,
}

// ---------------------------------------------------------------------------
// Results

/// What the campaign brought back, computed from its facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    pub invited: u32,
    /// Said yes.
    pub confirmed: u32,
    /// Checked in (walk-in guests included).
    pub attended: u32,
    pub walk_ins: u32,
    /// Repair orders handed over to invited customers and guests from the start
    /// of the event to `attribution_days` after its end.
    pub repair_orders: u32,
    pub revenue: Fen,
    /// The actual budget (planned where no actual is known) plus the prizes given.
    pub cost: Fen,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_attendee: Option<Fen>,
    /// Revenue over cost, in percent (150 = the revenue is 1.5 times the cost).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_percent: Option<u32>,
    /// The day until which visits count.
    pub attributed_until: NaiveDate,
}

/// The facts the results are computed from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResultFacts {
    pub invited: u32,
    pub confirmed: u32,
    pub attended: u32,
    pub walk_ins: u32,
    pub repair_orders: u32,
    pub revenue: Fen,
    pub budget: Fen,
    pub prizes_given: Fen,
}

/// The window visits are attributed in: from the first day of the event to `days` after its end.
pub fn attribution_window(starts_on: NaiveDate, ends_on: NaiveDate, days: u32) -> (NaiveDate, NaiveDate) {
    (starts_on, ends_on + Days::new(u64::from(days)))
}

pub fn results(facts: &ResultFacts, attributed_until: NaiveDate) -> Results {
    let cost = Fen(facts.budget.0.saturating_add(facts.prizes_given.0));
    // The dashboard's campaign figures are the same two functions.
    let cost_per_attendee = kpi::cost_per_attendee(cost, facts.attended);
    let return_percent = kpi::return_on_budget(facts.revenue, cost);
    Results {
        invited: facts.invited,
        confirmed: facts.confirmed,
        attended: facts.attended,
        walk_ins: facts.walk_ins,
        repair_orders: facts.repair_orders,
        revenue: facts.revenue,
        cost,
        cost_per_attendee,
        return_percent,
        attributed_until,
    }
}

// ---------------------------------------------------------------------------
// What the screens show

/// How the invitation list stands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Turnout {
    pub invited: u32,
    pub pending: u32,
    pub yes: u32,
    pub no: u32,
    pub maybe: u32,
    pub not_reached: u32,
    /// Checked in, walk-in guests included.
    pub attended: u32,
    pub walk_ins: u32,
    pub drawn: u32,
}

/// A campaign with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Campaign {
    pub id: CampaignId,
    pub theme: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub venue: String,
    pub background: String,
    pub objectives: String,
    pub status: CampaignStatus,
    /// Where the campaign may go from its status (`CampaignStatus::next`).
    pub next_statuses: Vec<CampaignStatus>,
    pub activities: Vec<Activity>,
    pub prizes: Vec<Prize>,
    /// The lines as entered, for the form.
    pub budget_lines: Vec<BudgetLineInput>,
    /// The lines with their computed amounts and the totals.
    pub budget: Budget,
    pub segment: Segment,
    pub attribution_days: u32,
    pub created_by: String,
    pub turnout: Turnout,
    /// The last change, and the version a form of this campaign saves against.
    pub updated_at: DateTime<Utc>,
}

/// A campaign as a row of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignSummary {
    pub id: CampaignId,
    pub theme: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: CampaignStatus,
    pub invited: u32,
    pub attended: u32,
    pub planned_budget: Fen,
}

/// One guest: invited from the segment or let in as a walk-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub id: InvitationId,
    /// The row number on the list and the printed invitation sheet.
    pub row: u32,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub mobile: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_id: Option<VehicleId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_label: Option<String>,
    pub arrival: Arrival,
    pub rsvp: Rsvp,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsvp_by: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsvp_at: Option<chrono::DateTime<chrono::Utc>>,
    pub rsvp_note: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_in_by: Option<String>,
    /// The prize this guest drew, if they drew.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prize: Option<String>,
}

/// Who did what at a campaign (for the UI's names of people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ByWhom {
    pub id: StaffId,
    pub name: String,
}

#[cfg(test)]
mod tests;
