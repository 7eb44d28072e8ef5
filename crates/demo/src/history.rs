//! The demo dealership's past (issue 16): the fourteen months before the
//! three weeks `service` writes, so that every report has something to show
//! and the trends move. Visits by appointment and walk-ins, no-shows, late
//! handovers, extra work offered and declined (and done at a later visit),
//! the follow-up calls with their scores, complaints of every kind (some
//! escalated, some reopened), proactive-care calls that bring customers in,
//! three care events, and customers who stayed away a year (a few came back).
//!
//! As everywhere in the demo, every step goes through the store's own
//! functions at the moment it would have happened; nothing is left open:
//! every call is worked, every complaint closed, every appointment kept or
//! marked a no-show, so today's lists are what `service` makes them.

use std::collections::BTreeMap;

use caredesk_domain::archive::NewCustomer;
use caredesk_domain::campaign::{
    Activity, ActivityKind, CampaignInput, CampaignStatus, PrizeInput, Rsvp, Segment,
};
use caredesk_domain::care::{CareAttemptInput, CareKind};
use caredesk_domain::complaint::{Category, Channel, ComplaintInput, ComplaintStep, Severity};
use caredesk_domain::follow_up::{AnswerInput, AnswerKind, AttemptInput, CallStatus, Outcome, SurveyInput};
use caredesk_domain::visit::{
    AppointmentInput, Booking, ExtraWorkInput, HandoverInput, LineKind, OrderInput, PaymentMethod,
    Preparation, WalkIn,
};
use caredesk_domain::{CustomerId, Fen, VehicleId, VisitId};
use caredesk_store::engine::Write;
use caredesk_store::{Now, StoreError, campaigns, care, complaints, follow_up, vehicles, visits};
use chrono::{Datelike, Days, Duration, Months, NaiveDate};

use crate::service::{Dice, JOBS, Line, Team, at, budget_line, lines, qc, reception, time};

/// The first day of the history: fourteen months before this month began, so
/// that the customers lost in each of the last two complete months (a year
/// without a visit) were last seen here.
pub(crate) fn start(today: NaiveDate) -> NaiveDate {
    today.with_day(1).unwrap_or(today) - Months::new(14)
}

/// The last day of the history: the day before `service`'s three weeks.
fn end(today: NaiveDate) -> NaiveDate {
    today - Days::new(22)
}

/// Work found during repair, offered to the customer: the offer's description
/// is its labour line's, so a later order with that line recovers it.
const EXTRAS: &[(&str, &[Line])] = &[
    (
        "更换后制动片",
        &[
            (LineKind::Labour, "更换后制动片", "", 80, 18_000),
            (LineKind::Part, "后制动片（套）", "5Q0 698 451 A", 100, 52_000),
        ],
    ),
    (
        "更换蓄电池",
        &[
            (LineKind::Labour, "更换蓄电池", "", 30, 18_000),
            (LineKind::Part, "蓄电池 60Ah", "000 915 105 DE", 100, 89_000),
        ],
    ),
    (
        "清洗节气门及喷油嘴",
        &[
            (LineKind::Labour, "清洗节气门及喷油嘴", "", 100, 18_000),
            (LineKind::Part, "燃油系统清洗剂", "G 17 SFA1 M2", 100, 12_000),
        ],
    ),
    (
        "更换刹车油",
        &[
            (LineKind::Labour, "更换刹车油", "", 50, 18_000),
            (LineKind::Part, "制动液 DOT4（升）", "B 000 750 M3", 100, 9_500),
        ],
    ),
];

/// When a customer became one: their first purchase (the earliest car's purchase
/// date), or, for a sales lead without a car, a day in the last three months.
pub(crate) fn since(customer: &NewCustomer, index: u64, today: NaiveDate) -> NaiveDate {
    let first = customer
        .vehicles
        .iter()
        .filter_map(|v| v.purchase_date.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()))
        .min();
    first.unwrap_or_else(|| today - Days::new(1 + (index * 37) % 90)).min(today)
}

/// The customer as the archive first knew them on `since` (with the cars bought
/// by then, each at the mileage of that day or of the history's start, whichever
/// is later), and the cars bought later, each with the day it was added.
pub(crate) fn as_of(
    customer: &NewCustomer,
    since: NaiveDate,
    today: NaiveDate,
) -> (NewCustomer, Vec<(NaiveDate, caredesk_domain::archive::VehicleInput)>) {
    let mut first = customer.clone();
    first.vehicles.clear();
    let mut later = Vec::new();
    for vehicle in &customer.vehicles {
        let bought =
            vehicle.purchase_date.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()).unwrap_or(since);
        let known = bought.max(since).max(start(today));
        let mut vehicle = vehicle.clone();
        vehicle.mileage_km = vehicle.mileage_km.map(|km| mileage_on(km, bought, today, known));
        if bought <= since {
            first.vehicles.push(vehicle);
        } else {
            later.push((bought, vehicle));
        }
    }
    (first, later)
}

/// The odometer on `day` of a car bought on `bought` that shows `km` today: a steady pace.
fn mileage_on(km: u32, bought: NaiveDate, today: NaiveDate, day: NaiveDate) -> u32 {
    let age = (today - bought).num_days().max(1);
    let driven = (day - bought).num_days().clamp(0, age);
    (i64::from(km) * driven / age).max(8) as u32
}

/// A month's luck, in 0..10: quieter and busier months, better and worse ones.
fn month_mood(day: NaiveDate) -> u64 {
    let key = (day.year() as u64) * 12 + u64::from(day.month());
    (key.wrapping_mul(2_654_435_761) >> 7) % 10
}

/// One car of the fleet and when it is next expected.
struct Car {
    customer: CustomerId,
    vehicle: VehicleId,
    /// The odometer as the archive knew it, and the day it read that.
    km: u32,
    known: NaiveDate,
    /// The next visit; `None`: not before the history ends.
    due: Option<NaiveDate>,
    /// Days between its visits.
    every: u64,
    /// Stays away after its next visit (a year later, a lost customer) — and, if `back`,
    /// comes back a year and a bit later.
    lost: bool,
    back: bool,
    /// Staying away: no care call brings it in.
    away: bool,
    /// Declined work to be done at its next visit.
    declined: Option<usize>,
    /// A care call booked this visit.
    booked_by_care: bool,
    /// Has been here before: only a known car misses an appointment. (An archive
    /// export whose first row of a vehicle is a missed appointment does not come back in whole.)
    seen: bool,
}

/// Writes the history, from [`start`] to the day before `service`'s three weeks.
pub fn seed_history(tx: &(impl Write + ?Sized), team: &Team, now: Now) -> Result<(), StoreError> {
    let mut dice = Dice(19_491_001);
    let (first, last) = (start(now.today), end(now.today));
    let mut cars = Vec::new();
    for (n, (customer, vehicle, _)) in vehicles::in_service(tx)?.into_iter().enumerate() {
        let record = vehicles::get(tx, vehicle)?;
        let bought = record.purchase_date.unwrap_or(first - Days::new(365));
        let every = 25 + dice.roll(60);
        // A few are seen once in the first two months of the history, then not for a year
        // (lost; some come back); more are seen once in its first half, then go elsewhere.
        let lost = n % 11 == 4;
        let lapsed = !lost && matches!(n % 10, 1 | 5 | 8);
        // And some came in last about six months ago: their next service is due about now,
        // on today's care list.
        let due_now = !lost && n % 10 == 3;
        let earliest = (bought + Days::new(20)).max(first);
        let due = if lost {
            Some(first + Days::new(dice.roll(58)))
        } else if lapsed {
            Some(earliest + Days::new(dice.roll(180)))
        } else if due_now {
            Some(now.today - Months::new(6) - Days::new(6) + Days::new(dice.roll(18)))
        } else {
            Some(earliest + Days::new(dice.roll(every)))
        };
        cars.push(Car {
            customer,
            vehicle,
            km: record.mileage_km.unwrap_or(10_000),
            known: bought.max(first),
            due: due.filter(|d| *d >= earliest && *d <= last),
            every,
            lost: lost || lapsed || due_now,
            back: lost && n % 3 == 1,
            away: false,
            declined: None,
            booked_by_care: false,
            seen: false,
        });
    }
    let events = events(now.today);
    let mut day = first;
    while day < now.today {
        if day <= last {
            visit_day(tx, team, now, &mut cars, day, &mut dice)?;
        }
        let open = work_calls(tx, team, now, day, &mut dice)?;
        if day <= last && (day.day() == 3 || day.day() == 17) {
            care_day(tx, team, now, &mut cars, day, &mut dice)?;
        }
        for (n, event) in events.iter().enumerate() {
            campaign_day(tx, team, now, event, n, day, &mut dice)?;
        }
        if day > last && open == 0 {
            break;
        }
        day = day + Days::new(1);
    }
    Ok(())
}

/// The day's visits: the cars due, earliest first, as many as the advisors take.
fn visit_day(
    tx: &(impl Write + ?Sized),
    team: &Team,
    now: Now,
    cars: &mut [Car],
    day: NaiveDate,
    dice: &mut Dice,
) -> Result<(), StoreError> {
    let mood = month_mood(day);
    let weekend = day.weekday().number_from_monday() >= 6;
    let capacity = 3 + mood / 3 + if weekend { 2 } else { 0 } + dice.roll(3);
    let mut due: Vec<usize> = (0..cars.len()).filter(|&i| cars[i].due.is_some_and(|d| d <= day)).collect();
    due.sort_by_key(|&i| (cars[i].due, i));
    for (slot, i) in due.into_iter().take(capacity as usize).enumerate() {
        let car = &cars[i];
        let roll = dice.roll(100);
        let walk_in = roll < 14 && !car.booked_by_care;
        // More no-shows in a bad month.
        let no_show = !walk_in && car.seen && roll >= 14 && roll < 14 + 3 + mood;
        let extra = match dice.roll(100) {
            0..=13 => Some((dice.roll(EXTRAS.len() as u64) as usize, false)),
            14..=25 => Some((dice.roll(EXTRAS.len() as u64) as usize, true)),
            _ => None,
        };
        let plan = Visit {
            customer: car.customer,
            vehicle: car.vehicle,
            // About 16,000 km a year.
            mileage: car.km + 45 * (day - car.known).num_days().max(0) as u32,
            advisor: slot % team.advisors.len(),
            start: day.and_time(time(8, 30)) + Duration::minutes(30 * (slot / team.advisors.len()) as i64),
            job: dice.roll(JOBS.len() as u64) as usize,
            walk_in,
            no_show,
            extra: extra.filter(|_| car.declined.is_none()),
            recovered: car.declined,
            late: dice.roll(100) < 4 + mood,
            booked_days_before: if car.booked_by_care { 1 } else { 1 + dice.roll(6) as i64 },
        };
        let car = &mut cars[i];
        car.booked_by_care = false;
        if no_show {
            run(tx, team, &plan, now, dice)?;
            // Booked again for a week or two later.
            car.due = Some(day + Days::new(7 + dice.roll(10)));
            continue;
        }
        run(tx, team, &plan, now, dice)?;
        car.declined = None;
        car.seen = true;
        car.due = Some(day + Days::new(car.every + dice.roll(20)));
        if let Some((kind, false)) = plan.extra {
            // Most customers who declined come back for it within a few months.
            if dice.roll(10) < 7 {
                car.declined = Some(kind);
                car.due = Some(day + Days::new(20 + dice.roll(100)));
            }
        }
        if car.lost {
            car.lost = false;
            car.away = true;
            car.due = car.back.then(|| day + Months::new(12) + Days::new(10 + dice.roll(30)));
        } else {
            car.away = false;
        }
    }
    let last = end(now.today);
    for car in cars.iter_mut() {
        car.due = car.due.filter(|d| *d <= last);
    }
    Ok(())
}

struct Visit {
    customer: CustomerId,
    vehicle: VehicleId,
    mileage: u32,
    advisor: usize,
    start: chrono::NaiveDateTime,
    job: usize,
    walk_in: bool,
    no_show: bool,
    /// Extra work found during repair: which, and whether the customer approved it.
    extra: Option<(usize, bool)>,
    /// Work declined at an earlier visit, done this time.
    recovered: Option<usize>,
    late: bool,
    booked_days_before: i64,
}

/// One visit from booking (or walk-in) to handover, or to its no-show.
fn run(
    tx: &(impl Write + ?Sized),
    team: &Team,
    plan: &Visit,
    now: Now,
    dice: &mut Dice,
) -> Result<(), StoreError> {
    let advisor = &team.advisors[plan.advisor % team.advisors.len()];
    let job = &JOBS[plan.job % JOBS.len()];
    let step = |minutes: i64| at(now, plan.start + Duration::minutes(minutes));
    let id: VisitId = if plan.walk_in {
        let walk_in = WalkIn {
            customer_id: plan.customer,
            vehicle_id: plan.vehicle,
            advisor_id: advisor.id,
            requested_work: job.request.into(),
            expected_minutes: job.minutes,
            replacement_car: false,
            reception: reception(plan.mileage, dice, job.request),
        };
        visits::walk_in(tx, advisor, &walk_in, step(0))?
    } else {
        let booked_on = (plan.start - Duration::days(plan.booked_days_before)).date();
        let booking = Booking {
            appointment: AppointmentInput {
                customer_id: plan.customer,
                vehicle_id: plan.vehicle,
                advisor_id: advisor.id,
                at: plan.start,
                expected_minutes: job.minutes,
                requested_work: match plan.recovered {
                    Some(k) => format!("{}；{}", job.request, EXTRAS[k].0),
                    None => job.request.into(),
                },
                concerns: String::new(),
                replacement_car: false,
            },
            new_customer: None,
        };
        let id = visits::book(tx, advisor, &booking, at(now, booked_on.and_time(time(11, 0))))?;
        // The day-before checklist, ticked on the screen for about a third (the rest received straight from booked).
        if dice.roll(3) == 0 {
            let ready = Preparation {
                parts_ready: true,
                order_prefilled: true,
                advisor_available: true,
                replacement_car_ready: true,
            };
            let eve = (plan.start - Duration::days(1)).date().max(booked_on);
            visits::prepare(tx, advisor, id, &ready, None, at(now, eve.and_time(time(16, 0))))?;
        }
        if plan.no_show {
            visits::no_show(tx, advisor, id, step(60))?;
            return Ok(());
        }
        visits::receive(tx, advisor, id, &reception(plan.mileage, dice, job.request), None, step(0))?;
        id
    };
    let promised = plan
        .start
        .date()
        .and_time(time(17, 0))
        .max(plan.start + Duration::minutes(i64::from(job.minutes) + 120));
    let mut order_lines = lines(job.lines);
    if let Some(k) = plan.recovered {
        order_lines.extend(lines(EXTRAS[k].1));
    }
    let order =
        OrderInput { lines: order_lines, promised_at: promised, customer_confirmed: true, version: None };
    visits::write_order(tx, advisor, id, &order, step(15))?;
    visits::start_repair(tx, &team.technician, id, team.technician.id, None, step(30))?;
    if let Some((k, approved)) = plan.extra {
        let extra = ExtraWorkInput { description: EXTRAS[k].0.into(), lines: lines(EXTRAS[k].1) };
        let extra_id = visits::find_extra_work(tx, &team.technician, id, &extra, step(60))?;
        let note = if approved { "客户电话同意" } else { "客户表示下次再做" };
        visits::decide_extra_work(tx, advisor, id, extra_id, approved, note, step(75))?;
    }
    let repair = i64::from(job.minutes) + 45;
    visits::finish_repair(tx, &team.technician, id, step(repair))?;
    visits::quality_check(tx, &team.inspector, id, &qc(None), step(repair + 20))?;
    let visit = visits::get(tx, id)?;
    let handed_at =
        if plan.late { promised + Duration::minutes(40) } else { promised - Duration::minutes(30) };
    let handed_at = handed_at.max(plan.start + Duration::minutes(repair + 40));
    let handover = HandoverInput {
        explained_line_ids: visit.counted_lines().map(|l| l.id).collect(),
        invoice_number: format!("FP{}", visit.number.replace('-', "")),
        next_service_date: Some(handed_at.date() + Months::new(6)),
        next_service_km: Some(plan.mileage + 7_500),
        payment_method: [PaymentMethod::WeChatPay, PaymentMethod::Alipay, PaymentMethod::BankCard]
            [dice.roll(3) as usize],
        amount_paid: visit.totals.total,
        condition_confirmed: true,
    };
    visits::hand_over(tx, advisor, id, &handover, at(now, handed_at))
}

/// What a customer says on the phone, by the month's luck: most are satisfied.
fn answers(dice: &mut Dice, mood: u64) -> SurveyInput {
    let roll = dice.roll(100);
    // A good month (mood 0) has few lukewarm and unhappy customers, a bad one (9) many.
    let (happy, lukewarm) = (82 - 3 * mood, 98 - mood);
    let questionnaire = caredesk_domain::follow_up::Questionnaire::default();
    let mut low_given = false;
    let answers = questionnaire
        .questions
        .iter()
        .map(|q| {
            let value = match q.answer {
                AnswerKind::YesNo => u8::from(roll < lukewarm),
                AnswerKind::Score if roll < happy => 4 + dice.roll(2) as u8,
                AnswerKind::Score if roll < lukewarm => 3 + dice.roll(3) as u8,
                AnswerKind::Score if !low_given && q.key == "friendliness" => {
                    low_given = true;
                    1 + dice.roll(2) as u8
                }
                AnswerKind::Score => 2 + dice.roll(3) as u8,
            };
            AnswerInput { key: q.key.clone(), value: Some(value) }
        })
        .collect();
    let comment = if roll < happy {
        ["服务很好，很满意", "", "", "顾问讲解很清楚", "洗车很干净"][dice.roll(5) as usize]
    } else if roll < lukewarm {
        ["等待时间有点长", "价格偏高", "休息区人太多"][dice.roll(3) as usize]
    } else {
        ["接待态度不好，等了很久没人理", "交车时间一拖再拖", "车开回去问题还在"][dice.roll(3) as usize]
    };
    SurveyInput { answers, comment: comment.into(), flagged: false }
}

/// Works the follow-up calls due by `day` once each: most reached on the first
/// or second try, some a day or two late, a few never reached or refusing.
/// Returns how many calls were open when the day began.
fn work_calls(
    tx: &(impl Write + ?Sized),
    team: &Team,
    now: Now,
    day: NaiveDate,
    dice: &mut Dice,
) -> Result<usize, StoreError> {
    let caller = &team.caller;
    let mood = month_mood(day);
    let calls = follow_up::open_calls(tx)?;
    let open = calls.len();
    for (n, (id, due_from)) in calls.into_iter().enumerate() {
        // A busy day on the phones: some calls wait a day (and a few miss their window).
        if due_from > day || dice.roll(100) < 10 + 2 * mood {
            continue;
        }
        let when = at(now, day.and_time(time(9, 30)) + Duration::minutes(7 * (n as i64 % 60)));
        let input = match dice.roll(20) {
            0..=2 => AttemptInput {
                outcome: Outcome::NoAnswer,
                call_back_at: None,
                note: String::new(),
                survey: None,
            },
            3 => {
                AttemptInput { outcome: Outcome::Busy, call_back_at: None, note: String::new(), survey: None }
            }
            4 if dice.roll(3) == 0 => AttemptInput {
                outcome: Outcome::Refused,
                call_back_at: None,
                note: "客户表示很忙，不需要回访".into(),
                survey: None,
            },
            _ => AttemptInput {
                outcome: Outcome::Reached,
                call_back_at: None,
                note: String::new(),
                survey: Some(answers(dice, mood)),
            },
        };
        if let Some(complaint) = follow_up::record_attempt(tx, caller, id, &input, when)? {
            handle(tx, team, complaint.0, when, dice, None)?;
        }
    }
    Ok(open)
}

/// How a complaint's handling goes wrong, when it must.
#[derive(Clone, Copy)]
enum Twist {
    /// The handler is found after the time limit.
    Escalated,
    /// Closed, then the customer is not satisfied after all.
    Reopened,
}

/// A serious complaint worked to its close: usually a handler within the hour
/// and closed in a day or two; sometimes the handler comes late (escalated),
/// sometimes the customer was not satisfied after all (reopened).
fn handle(
    tx: &(impl Write + ?Sized),
    team: &Team,
    complaint: i64,
    when: Now,
    dice: &mut Dice,
    twist: Option<Twist>,
) -> Result<(), StoreError> {
    let manager = &team.manager;
    let later = |minutes: i64| at(when, when.local + Duration::minutes(minutes));
    let roll = match twist {
        Some(Twist::Escalated) => 0,
        Some(Twist::Reopened) => 15,
        None => dice.roll(100),
    };
    let assign_after = if roll < 15 { 100 + dice.roll(120) as i64 } else { 10 + dice.roll(40) as i64 };
    complaints::assign(tx, manager, complaint, manager.id, None, later(assign_after))?;
    let t = assign_after;
    complaints::step(
        tx,
        manager,
        complaint,
        ComplaintStep::Contact,
        "已致电客户致歉，了解详细情况",
        later(t + 15),
    )?;
    complaints::step(
        tx,
        manager,
        complaint,
        ComplaintStep::Agree,
        "约客户到店，由服务经理亲自接待",
        later(t + 30),
    )?;
    let days = 1 + dice.roll(2) as i64;
    let resolved = later(t + days * 24 * 60);
    complaints::resolve(tx, manager, complaint, resolved.today, "当面致歉并赠送免费洗车一次", resolved)?;
    complaints::step(
        tx,
        manager,
        complaint,
        ComplaintStep::ReturnCall,
        "客户表示满意",
        later(t + days * 24 * 60 + 120),
    )?;
    complaints::close(tx, manager, complaint, later(t + days * 24 * 60 + 125))?;
    if (15..25).contains(&roll) {
        // The customer calls back a few hours after the return call: the fix did not hold.
        let back = t + days * 24 * 60 + 240;
        complaints::reopen(tx, manager, complaint, "客户来电表示问题再次出现", later(back))?;
        complaints::step(
            tx,
            manager,
            complaint,
            ComplaintStep::Contact,
            "再次联系客户，安排复检",
            later(back + 30),
        )?;
        complaints::step(
            tx,
            manager,
            complaint,
            ComplaintStep::Agree,
            "免费复检并更换相关部件",
            later(back + 60),
        )?;
        let fixed = later(back + 300);
        complaints::resolve(tx, manager, complaint, fixed.today, "复检后免费处理，客户认可", fixed)?;
        complaints::step(
            tx,
            manager,
            complaint,
            ComplaintStep::ReturnCall,
            "客户表示问题已解决",
            later(back + 330),
        )?;
        complaints::close(tx, manager, complaint, later(back + 335))?;
    }
    Ok(())
}

/// Complaints that come in other ways than a follow-up call: at the counter
/// (minor ones solved on the spot), by phone, and otherwise (a review online).
fn other_complaint(
    tx: &(impl Write + ?Sized),
    team: &Team,
    now: Now,
    car: &Car,
    day: NaiveDate,
    dice: &mut Dice,
    twist: Option<Twist>,
) -> Result<(), StoreError> {
    const CATEGORIES: [(Category, &str, &str); 9] = [
        (Category::Tangibles, "休息区空调坏了，等车很热", "改善休息区环境"),
        (Category::Empathy, "顾问只顾着看手机，没人理我", "要求道歉"),
        (Category::Assurance, "技师说不清楚故障原因", "请技术经理解释"),
        (Category::Responsiveness, "打了三次电话都没人回", "尽快回电"),
        (Category::Reliability, "说好下午四点交车，六点才好", "说明原因"),
        (Category::Product, "新车不到一年中控屏黑屏", "免费更换"),
        (Category::Parts, "订的配件等了两周还没到", "尽快到货"),
        (Category::Price, "保养价格比上次贵了两百", "解释收费"),
        (Category::Other, "停车场车位太少", "希望改善"),
    ];
    let n = u64::from(day.ordinal());
    let (category, description, request) = CATEGORIES[(n % 9) as usize];
    let channel = [Channel::Visit, Channel::Phone, Channel::Other][(n % 3) as usize];
    let minor = channel == Channel::Visit && n.is_multiple_of(2) && twist.is_none();
    let received = at(now, day.and_time(time(10, 0)) + Duration::minutes(dice.roll(300) as i64));
    let who = match channel {
        Channel::Visit => &team.advisors[(n % 2) as usize],
        Channel::Phone => &team.caller,
        _ => &team.manager,
    };
    let input = ComplaintInput {
        customer_id: car.customer,
        vehicle_id: Some(car.vehicle),
        visit_id: None,
        channel,
        severity: if minor { Severity::Minor } else { Severity::Serious },
        category,
        hard_case: None,
        description: description.into(),
        request: request.into(),
    };
    let id = complaints::register(tx, who, &input, received)?;
    if minor {
        let later = at(received, received.local + Duration::minutes(15));
        return complaints::solve_on_the_spot(tx, who, id, "当场致歉并处理，客户认可", later);
    }
    handle(tx, team, id, received, dice, twist)
}

/// The care lists of `day`, worked through: reached customers are asked to
/// book, and some of them do (their visit comes within days).
fn care_day(
    tx: &(impl Write + ?Sized),
    team: &Team,
    now: Now,
    cars: &mut [Car],
    day: NaiveDate,
    dice: &mut Dice,
) -> Result<(), StoreError> {
    let caller = &team.caller;
    let by_customer: BTreeMap<CustomerId, usize> =
        cars.iter().enumerate().map(|(i, c)| (c.customer, i)).collect();
    let mut n = 0i64;
    let mut booked = 0;
    for kind in
        [CareKind::MaintenanceDue, CareKind::DeclinedWork, CareKind::Birthday, CareKind::InsuranceExpiring]
    {
        let when = at(now, day.and_time(time(9, 0)));
        care::refresh(tx, kind, when)?;
        for call in care::list(tx, caller, kind, day, day)? {
            if call.status != CallStatus::Open {
                continue;
            }
            let reached = dice.roll(10) < 7;
            let tries = if reached { 1 } else { 3 };
            for t in 0..tries {
                let moment =
                    at(now, (day + Days::new(t)).and_time(time(14, 0)) + Duration::minutes(3 * (n % 100)));
                let input = CareAttemptInput {
                    outcome: if reached { Outcome::Reached } else { Outcome::NoAnswer },
                    call_back_at: None,
                    note: if reached { "已提醒，客户表示知道了".into() } else { String::new() },
                };
                care::record_attempt(tx, caller, call.id, &input, moment)?;
                n += 1;
            }
            // Reached, and wants to come (half of them, and the day's first who can): the
            // appointment is booked for a few days later.
            if reached
                && kind != CareKind::Birthday
                && (dice.roll(10) < 5 || booked == 0)
                && let Some(&i) = by_customer.get(&call.customer_id)
            {
                let car = &mut cars[i];
                let coming = day + Days::new(2 + dice.roll(10));
                if !car.lost && !car.away && coming <= end(now.today) && car.due.is_none_or(|d| d > coming) {
                    car.due = Some(coming);
                    car.booked_by_care = true;
                    booked += 1;
                }
            }
        }
    }
    // Now and then a complaint arrives otherwise than on a follow-up call.
    for k in 0..(1 + dice.roll(3)) {
        let i = dice.roll(cars.len() as u64) as usize;
        // Every month one is escalated (its handler found too late) and one reopened.
        let twist = match (k, day.day()) {
            (0, 3) => Some(Twist::Escalated),
            (0, _) => Some(Twist::Reopened),
            _ => None,
        };
        other_complaint(tx, team, now, &cars[i], day + Days::new(k), dice, twist)?;
    }
    Ok(())
}

/// A care event of the history: the day it is held and its theme.
struct Event {
    held: NaiveDate,
    theme: String,
}

/// Three events: early last month, mid the month before, and seven months ago,
/// so that the last two complete months each have one whatever today is.
fn events(today: NaiveDate) -> Vec<Event> {
    let month = today.with_day(1).unwrap_or(today);
    let theme = |day: NaiveDate| {
        let season = match day.month() {
            3..=5 => "春季保养节 · 免费检测",
            6..=8 => "夏季空调关怀月",
            9..=11 => "金秋安全自驾 · 车辆检查",
            _ => "冬季暖心关怀 · 蓄电池检测",
        };
        format!("{season}（{}月）", day.month())
    };
    [(7, 12), (2, 12), (1, 5)]
        .into_iter()
        .map(|(back, day)| {
            let held = month - Months::new(back) + Days::new(day - 1);
            Event { held, theme: theme(held) }
        })
        .collect()
}

fn campaign_day(
    tx: &(impl Write + ?Sized),
    team: &Team,
    now: Now,
    event: &Event,
    n: usize,
    day: NaiveDate,
    dice: &mut Dice,
) -> Result<(), StoreError> {
    let manager = &team.manager;
    let caller = &team.caller;
    let held = event.held;
    let moment = |d: NaiveDate, h: u32, m: u32| at(now, d.and_time(time(h, m)));
    let find = || -> Result<Option<caredesk_domain::campaign::CampaignId>, StoreError> {
        Ok(campaigns::list(tx)?.into_iter().find(|c| c.theme == event.theme).map(|c| c.id))
    };
    if day == held - Days::new(30) {
        let input = CampaignInput {
            theme: event.theme.clone(),
            starts_on: held,
            ends_on: held,
            venue: "售后服务中心".into(),
            background: "老客户回厂检测，提升到店率。".into(),
            objectives: "免费检测，带动保养和维修；带回久未到店的客户。".into(),
            activities: vec![Activity {
                kind: ActivityKind::Lottery,
                title: "到场抽奖".into(),
                at: Some(held.and_time(time(15, 0))),
                notes: "每位到场客户抽一次".into(),
            }],
            prizes: vec![PrizeInput {
                id: None,
                name: "免费洗车券".into(),
                stock: 10,
                unit_value: Fen(4_000),
            }],
            budget: vec![
                budget_line("宣传物料", 100, 800, Some((100, 760 + 20 * n as i64))),
                budget_line("茶歇（人）", 3_000, 25, Some((2_000 + 300 * n as i64, 25))),
                budget_line("检测耗材", 100, 1_000, Some((100, 900))),
            ],
            attribution_days: 30,
            version: None,
        };
        let planned = moment(day, 10, 0);
        let id = campaigns::create(tx, manager, &input, planned)?;
        let segment = Segment { last_visit_months: Some(6), ..Segment::default() };
        campaigns::set_segment(tx, manager, id, &segment, planned)?;
        campaigns::invite(tx, manager, id, moment(day, 10, 30))?;
        campaigns::set_status(tx, manager, id, CampaignStatus::Planned, moment(day + Days::new(1), 9, 0))?;
    } else if day == held - Days::new(14) {
        let Some(id) = find()? else { return Ok(()) };
        for (k, guest) in campaigns::invitations(tx, id)?.iter().take(36).enumerate() {
            let rsvp = match dice.roll(10) {
                0..=4 => Rsvp::Yes,
                5..=6 => Rsvp::Maybe,
                7..=8 => Rsvp::No,
                _ => Rsvp::NotReached,
            };
            let d = day + Days::new(k as u64 / 12);
            campaigns::record_rsvp(tx, caller, guest.id, rsvp, "", moment(d, 10, 5 * (k as u32 % 12)))?;
        }
    } else if day == held {
        let Some(id) = find()? else { return Ok(()) };
        campaigns::set_status(tx, manager, id, CampaignStatus::Running, moment(day, 8, 30))?;
        let mut attendees = Vec::new();
        for (k, guest) in campaigns::invitations(tx, id)?.iter().enumerate() {
            let comes = match guest.rsvp {
                Rsvp::Yes => dice.roll(10) < 8,
                Rsvp::Maybe => dice.roll(2) == 0,
                _ => false,
            };
            if comes {
                let arrived = moment(day, 9, 5 + (k as u32 % 50));
                attendees.push(campaigns::check_in(tx, caller, id, guest.customer_id, false, arrived)?);
            }
        }
        for (k, invitation) in attendees.iter().take(10).enumerate() {
            let mut roll = dice.roll(1_000) as u32;
            campaigns::draw(tx, caller, *invitation, moment(day, 15, k as u32), |total| {
                roll %= total.max(1);
                Ok(roll)
            })?;
        }
        campaigns::set_status(tx, manager, id, CampaignStatus::Finished, moment(day, 17, 30))?;
    }
    Ok(())
}
