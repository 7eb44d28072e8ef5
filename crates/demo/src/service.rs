//! The demo dealership's service department: three weeks of visits handed
//! over (with a few no-shows, late handovers and declined extra work), today's
//! workshop at every stage, and tomorrow's appointments. Every visit goes
//! through the same store functions the screens call, each step at the
//! moment it would have happened, so the data obeys every rule.

use caredesk_domain::campaign::{
    Activity, ActivityKind, BudgetLineInput, CampaignInput, CampaignStatus, PrizeInput, Rsvp, Segment,
};
use caredesk_domain::complaint::ComplaintStep;
use caredesk_domain::follow_up::{AnswerInput, AnswerKind, AttemptInput, CallStatus, Outcome, SurveyInput};
use caredesk_domain::visit::{
    AppointmentInput, Booking, Damage, ExtraWorkInput, HandoverInput, LineInput, LineKind, OrderInput, Panel,
    PaymentMethod, Preparation, QcInput, QcItem, QcItemResult, QcResult, Reception, WalkIn,
};
use caredesk_domain::{Actor, CustomerId, Fen, VehicleId, VisitId};
use caredesk_store::engine::Write;
use caredesk_store::{Now, StoreError, campaigns, complaints, follow_up, vehicles, visits};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// The staff who work the demo visits.
pub struct Team {
    pub advisors: Vec<Actor>,
    pub technician: Actor,
    pub inspector: Actor,
    /// Works the follow-up calls.
    pub caller: Actor,
    /// Takes the complaints a low score opens.
    pub manager: Actor,
}

/// A repair-order line: kind, description, part number, quantity in hundredths, price in fen.
pub(crate) type Line = (LineKind, &'static str, &'static str, u32, i64);

/// A job the workshop does every day: what the customer asks for and the order's lines.
pub(crate) struct Job {
    pub(crate) request: &'static str,
    pub(crate) lines: &'static [Line],
    pub(crate) minutes: u32,
}

pub(crate) const JOBS: &[Job] = &[
    Job {
        request: "常规保养（更换机油机滤）",
        lines: &[
            (LineKind::Labour, "更换机油及机油滤清器", "", 50, 18_000),
            (LineKind::Part, "机油 5W-40（升）", "G 052 195 M4", 450, 9_800),
            (LineKind::Part, "机油滤清器", "06J 115 403 Q", 100, 6_500),
        ],
        minutes: 60,
    },
    Job {
        request: "更换前刹车片",
        lines: &[
            (LineKind::Labour, "更换前制动片", "", 80, 18_000),
            (LineKind::Part, "前制动片（套）", "5Q0 698 151 B", 100, 68_000),
        ],
        minutes: 90,
    },
    Job {
        request: "空调不凉，检查空调系统",
        lines: &[
            (LineKind::Labour, "空调系统检测", "", 100, 18_000),
            (LineKind::Labour, "加注冷媒", "", 50, 18_000),
            (LineKind::Part, "冷媒 R134a（克）", "G 052 100 A2", 5_000, 60),
        ],
        minutes: 120,
    },
    Job {
        request: "更换空调滤芯和空气滤芯",
        lines: &[
            (LineKind::Labour, "更换空调滤清器及空气滤清器", "", 40, 18_000),
            (LineKind::Part, "空调滤清器", "5Q0 819 653", 100, 18_800),
            (LineKind::Part, "空气滤清器", "5Q0 129 620 D", 100, 16_500),
        ],
        minutes: 45,
    },
    Job {
        request: "四轮定位，方向跑偏",
        lines: &[(LineKind::Labour, "四轮定位及调整", "", 100, 30_000)],
        minutes: 60,
    },
    Job {
        request: "更换雨刮片",
        lines: &[
            (LineKind::Labour, "更换前雨刮片", "", 20, 18_000),
            (LineKind::Part, "前雨刮片（对）", "3G1 998 002", 100, 26_000),
        ],
        minutes: 30,
    },
];

const EXTRA: (&str, &[Line]) = (
    "后刹车片磨损至 3mm，建议更换",
    &[
        (LineKind::Labour, "更换后制动片", "", 80, 18_000),
        (LineKind::Part, "后制动片（套）", "5Q0 698 451 A", 100, 52_000),
    ],
);

pub(crate) fn lines(spec: &[Line]) -> Vec<LineInput> {
    spec.iter()
        .map(|&(kind, description, part_number, quantity_centi, price)| LineInput {
            kind,
            description: description.into(),
            part_number: part_number.into(),
            quantity_centi,
            unit_price: Fen(price),
            genuine: true,
        })
        .collect()
}

/// `now` moved to a local wall-clock time, keeping the machine's offset from UTC.
pub(crate) fn at(now: Now, local: NaiveDateTime) -> Now {
    let shift = local - now.local;
    Now { instant: now.instant + shift, today: local.date(), local }
}

pub(crate) fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// A small deterministic generator: the same demo every time.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    pub(crate) fn roll(&mut self, sides: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % sides.max(1)
    }
}

pub(crate) fn reception(mileage: u32, dice: &mut Dice, concerns: &str) -> Reception {
    let damages = if dice.roll(4) == 0 {
        vec![Damage { panel: Panel::RearBumper, note: "右后角轻微划痕".into() }]
    } else {
        Vec::new()
    };
    Reception {
        mileage_km: mileage,
        mileage_reason: None,
        fuel_eighths: 2 + dice.roll(6) as u8,
        damages,
        valuables: String::new(),
        accessories: "备胎、千斤顶".into(),
        concerns: concerns.into(),
    }
}

pub(crate) fn qc(failing: Option<QcItem>) -> QcInput {
    QcInput {
        items: QcItem::ALL
            .into_iter()
            .map(|item| QcItemResult {
                item,
                result: if failing == Some(item) { QcResult::Fail } else { QcResult::Pass },
                note: if failing == Some(item) {
                    "车内地毯有油污，需重新清洁".into()
                } else {
                    String::new()
                },
            })
            .collect(),
        parking_location: "交车区 A-03".into(),
    }
}

/// Runs one visit from booking (or walk-in) to the stage `until`, each step at its own moment.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Booked,
    Prepared,
    Received,
    InRepair,
    QualityCheck,
    Ready,
    HandedOver,
}

struct Plan {
    customer: CustomerId,
    vehicle: VehicleId,
    mileage: u32,
    advisor: usize,
    start: NaiveDateTime,
    job: usize,
    until: Stage,
    walk_in: bool,
    extra: Option<bool>,
    late: bool,
    /// The promised time, minutes after the start; the default is 17:00 or later.
    promised_in: Option<i64>,
}

fn run(
    tx: &(impl Write + ?Sized),
    team: &Team,
    plan: &Plan,
    now: Now,
    dice: &mut Dice,
) -> Result<VisitId, StoreError> {
    let advisor = &team.advisors[plan.advisor % team.advisors.len()];
    let job = &JOBS[plan.job % JOBS.len()];
    let step = |minutes: i64| at(now, plan.start + Duration::minutes(minutes));
    let concerns = if plan.job == 1 { "刹车时有吱吱声" } else { "" };
    let id = if plan.walk_in {
        let walk_in = WalkIn {
            customer_id: plan.customer,
            vehicle_id: plan.vehicle,
            advisor_id: advisor.id,
            requested_work: job.request.into(),
            expected_minutes: job.minutes,
            replacement_car: false,
            reception: reception(
                plan.mileage,
                dice,
                if concerns.is_empty() { job.request } else { concerns },
            ),
        };
        visits::walk_in(tx, advisor, &walk_in, step(0))?
    } else {
        let booked_at = at(now, (plan.start - Duration::days(2)).date().and_time(time(10, 0)));
        let booking = Booking {
            appointment: AppointmentInput {
                customer_id: plan.customer,
                vehicle_id: plan.vehicle,
                advisor_id: advisor.id,
                at: plan.start,
                expected_minutes: job.minutes,
                requested_work: job.request.into(),
                concerns: concerns.into(),
                replacement_car: plan.job == 2,
            },
            new_customer: None,
        };
        let id = visits::book(tx, advisor, &booking, booked_at)?;
        if plan.until == Stage::Booked {
            return Ok(id);
        }
        let ready = Preparation {
            parts_ready: true,
            order_prefilled: true,
            advisor_available: true,
            replacement_car_ready: true,
        };
        visits::prepare(tx, advisor, id, &ready, None, at(now, booked_at.local + Duration::hours(24)))?;
        if plan.until == Stage::Prepared {
            return Ok(id);
        }
        let concerns = if concerns.is_empty() { job.request } else { concerns };
        visits::receive(tx, advisor, id, &reception(plan.mileage, dice, concerns), None, step(0))?;
        id
    };
    let promised = match plan.promised_in {
        Some(minutes) => plan.start + Duration::minutes(minutes),
        None => plan
            .start
            .date()
            .and_time(time(17, 0))
            .max(plan.start + Duration::minutes(i64::from(job.minutes) + 120)),
    };
    let order = OrderInput {
        lines: lines(job.lines),
        promised_at: promised,
        customer_confirmed: true,
        version: None,
    };
    visits::write_order(tx, advisor, id, &order, step(15))?;
    if plan.until == Stage::Received {
        return Ok(id);
    }
    visits::start_repair(tx, &team.technician, id, team.technician.id, None, step(30))?;
    if let Some(approved) = plan.extra {
        let extra = ExtraWorkInput { description: EXTRA.0.into(), lines: lines(EXTRA.1) };
        let extra_id = visits::find_extra_work(tx, &team.technician, id, &extra, step(60))?;
        let note = if approved { "客户电话同意" } else { "客户表示下次保养时再换" };
        visits::decide_extra_work(tx, advisor, id, extra_id, approved, note, step(75))?;
    }
    if plan.until == Stage::InRepair {
        return Ok(id);
    }
    let repair = i64::from(job.minutes) + 45;
    visits::finish_repair(tx, &team.technician, id, step(repair))?;
    if plan.until == Stage::QualityCheck {
        return Ok(id);
    }
    visits::quality_check(tx, &team.inspector, id, &qc(None), step(repair + 20))?;
    if plan.until == Stage::Ready {
        return Ok(id);
    }
    let visit = visits::get(tx, id)?;
    let handed_at =
        if plan.late { promised + Duration::minutes(40) } else { promised - Duration::minutes(30) };
    let handed_at = handed_at.max(plan.start + Duration::minutes(repair + 40));
    let handover = HandoverInput {
        explained_line_ids: visit.counted_lines().map(|l| l.id).collect(),
        invoice_number: format!("FP{}", visit.number.replace('-', "")),
        next_service_date: Some(handed_at.date() + chrono::Months::new(6)),
        next_service_km: Some(plan.mileage + 7_500),
        payment_method: [PaymentMethod::WeChatPay, PaymentMethod::Alipay, PaymentMethod::BankCard]
            [dice.roll(3) as usize],
        amount_paid: visit.totals.total,
        condition_confirmed: true,
    };
    visits::hand_over(tx, advisor, id, &handover, at(now, handed_at))?;
    Ok(id)
}

/// Writes the demo visits around `now`.
pub fn seed_visits(tx: &(impl Write + ?Sized), team: &Team, now: Now) -> Result<(), StoreError> {
    let mut dice = Dice(20_110_829);
    let fleet = vehicles::in_service(tx)?;
    let mut cars = fleet.iter().cycle();
    let mut next = |dice: &mut Dice| {
        let (customer, vehicle, mileage) = cars.next().copied().unwrap_or((CustomerId(0), VehicleId(0), 0));
        (customer, vehicle, mileage + 1_000 + dice.roll(4_000) as u32)
    };
    if fleet.is_empty() {
        return Ok(());
    }
    let today = now.today;
    // Three weeks of history, Sundays included (a 4S shop opens every day).
    for back in (1..=21u64).rev() {
        let day: NaiveDate = today - chrono::Days::new(back);
        let visits_today = 4 + dice.roll(4);
        for slot in 0..visits_today {
            let (customer, vehicle, mileage) = next(&mut dice);
            let start = day.and_time(time(8, 30)) + Duration::minutes(30 * slot as i64);
            let roll = dice.roll(20);
            let plan = Plan {
                customer,
                vehicle,
                mileage,
                advisor: slot as usize,
                start,
                job: dice.roll(JOBS.len() as u64) as usize,
                until: Stage::HandedOver,
                walk_in: roll == 1,
                extra: match roll {
                    2 | 3 => Some(false),
                    4 => Some(true),
                    _ => None,
                },
                late: roll == 5 || roll == 6,
                promised_in: None,
            };
            if roll == 0 {
                // A no-show, marked an hour after the appointment.
                let id = run(tx, team, &Plan { until: Stage::Prepared, ..plan }, now, &mut dice)?;
                let advisor = &team.advisors[slot as usize % team.advisors.len()];
                visits::no_show(tx, advisor, id, at(now, start + Duration::hours(1)))?;
            } else {
                run(tx, team, &plan, now, &mut dice)?;
            }
        }
    }
    work_calls(tx, team, now, &mut dice)?;
    // Today's workshop: walk-ins received in the early morning at every stage.
    let stages = [Stage::Received, Stage::InRepair, Stage::InRepair, Stage::QualityCheck, Stage::Ready];
    let morning = (now.local - Duration::hours(6)).min(today.and_time(time(8, 0)));
    for (i, until) in stages.into_iter().enumerate() {
        let (customer, vehicle, mileage) = next(&mut dice);
        let plan = Plan {
            customer,
            vehicle,
            mileage,
            advisor: i,
            start: morning - Duration::minutes(20 * i as i64),
            job: i,
            until,
            walk_in: true,
            extra: (i == 2).then_some(false),
            late: false,
            // One vehicle was promised for three hours after it came in: overdue now.
            promised_in: (i == 1).then_some(180),
        };
        run(tx, team, &plan, now, &mut dice)?;
    }
    // Tomorrow's appointments, half of them prepared.
    let tomorrow = today + chrono::Days::new(1);
    for slot in 0..8u32 {
        let (customer, vehicle, mileage) = next(&mut dice);
        let plan = Plan {
            customer,
            vehicle,
            mileage,
            advisor: slot as usize,
            start: tomorrow.and_time(time(8, 30)) + Duration::minutes(30 * i64::from(slot / 2)),
            job: dice.roll(JOBS.len() as u64) as usize,
            until: if slot % 2 == 0 { Stage::Prepared } else { Stage::Booked },
            walk_in: false,
            extra: None,
            late: false,
            promised_in: None,
        };
        run(tx, team, &plan, now, &mut dice)?;
    }
    Ok(())
}

/// What a customer says on the phone: most are satisfied, some lukewarm, a few unhappy.
fn answers(dice: &mut Dice) -> SurveyInput {
    let mood = dice.roll(100);
    let questionnaire = caredesk_domain::follow_up::Questionnaire::default();
    let mut low_given = false;
    let answers = questionnaire
        .questions
        .iter()
        .map(|q| {
            let value = match q.answer {
                AnswerKind::YesNo => u8::from(mood < 95),
                AnswerKind::Score => match mood {
                    0..=84 => 4 + dice.roll(2) as u8,
                    85..=96 => 3 + dice.roll(3) as u8,
                    _ if !low_given && q.key == "friendliness" => {
                        low_given = true;
                        2
                    }
                    _ => 3 + dice.roll(2) as u8,
                },
            };
            AnswerInput { key: q.key.clone(), value: Some(value) }
        })
        .collect();
    let comment = match mood {
        0..=84 => ["服务很好，很满意", "", "", "顾问讲解很清楚"][dice.roll(4) as usize],
        85..=96 => "等待时间有点长",
        _ => "接待态度不好，等了很久没人理",
    };
    SurveyInput { answers, comment: comment.into(), flagged: false }
}

/// The follow-up calls of the handed-over visits, worked day by day up to
/// yesterday: most customers reached on the first or second try, a few never;
/// calls due today are left for today's list. A low score's complaint is taken
/// by the manager at once and closed with its return call.
fn work_calls(tx: &(impl Write + ?Sized), team: &Team, now: Now, dice: &mut Dice) -> Result<(), StoreError> {
    let calls = follow_up::open_calls(tx)?;
    let caller = &team.caller;
    for (n, (id, due_from)) in calls.into_iter().enumerate() {
        let mut day = due_from;
        let mut status = CallStatus::Open;
        while status == CallStatus::Open && day < now.today {
            let when = at(now, day.and_time(time(9, 30)) + Duration::minutes(12 * (n as i64 % 30)));
            let roll = dice.roll(20);
            let input = match roll {
                0..=2 => AttemptInput {
                    outcome: Outcome::NoAnswer,
                    call_back_at: None,
                    note: String::new(),
                    survey: None,
                },
                3 => AttemptInput {
                    outcome: Outcome::Busy,
                    call_back_at: None,
                    note: String::new(),
                    survey: None,
                },
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
                    survey: Some(answers(dice)),
                },
            };
            if let Some(complaint) = follow_up::record_attempt(tx, caller, id, &input, when)? {
                recover(tx, team, complaint.0, when, now)?;
            }
            status = follow_up::get(tx, caller, id, when.today)?.call.status;
            day = day + chrono::Days::new(1);
        }
    }
    Ok(())
}

/// The manager takes a follow-up complaint within the hour and closes the loop
/// the next day (as far as the demo's clock has got).
fn recover(
    tx: &(impl Write + ?Sized),
    team: &Team,
    complaint: i64,
    when: Now,
    now: Now,
) -> Result<(), StoreError> {
    let manager = &team.manager;
    let later = |minutes: i64| at(when, when.local + Duration::minutes(minutes));
    complaints::assign(tx, manager, complaint, manager.id, None, later(30))?;
    complaints::step(
        tx,
        manager,
        complaint,
        ComplaintStep::Contact,
        "已致电客户致歉，了解详细情况",
        later(45),
    )?;
    complaints::step(
        tx,
        manager,
        complaint,
        ComplaintStep::Agree,
        "约客户到店，由服务经理亲自接待",
        later(60),
    )?;
    let next_day = later(24 * 60);
    if later(26 * 60 + 5).instant > now.instant {
        return Ok(());
    }
    complaints::resolve(tx, manager, complaint, next_day.today, "当面致歉并赠送免费洗车一次", next_day)?;
    complaints::step(tx, manager, complaint, ComplaintStep::ReturnCall, "客户表示满意", later(26 * 60))?;
    complaints::close(tx, manager, complaint, later(26 * 60 + 5))
}

pub(crate) fn budget_line(
    item: &str,
    quantity_centi: i64,
    yuan: i64,
    actual: Option<(i64, i64)>,
) -> BudgetLineInput {
    BudgetLineInput {
        item: item.into(),
        quantity_centi,
        unit_price: Fen(yuan * 100),
        actual_quantity_centi: actual.map(|(q, _)| q),
        actual_unit_price: actual.map(|(_, p)| Fen(p * 100)),
        note: String::new(),
    }
}

/// Two campaigns: a summer air-conditioning check held two weeks ago — invited from
/// the archive, answered, attended, its lottery drawn, its budget settled — and a
/// winter safety month planned for next month, its invitations being phoned.
pub fn seed_campaigns(tx: &(impl Write + ?Sized), team: &Team, now: Now) -> Result<(), StoreError> {
    let manager = &team.manager;
    let caller = &team.caller;
    let mut dice = Dice(20_110_829);
    let day =
        |back: i64, h: u32, m: u32| at(now, (now.today - chrono::Duration::days(back)).and_time(time(h, m)));

    // Held 15 days ago.
    let planned_at = day(40, 10, 0);
    let held = now.today - chrono::Days::new(15);
    let input = CampaignInput {
        theme: "清凉一夏 · 空调免费检测".into(),
        starts_on: held,
        ends_on: held,
        venue: "售后服务车间及客户休息区".into(),
        background: "入夏后空调使用频繁，不少车辆制冷效果下降。".into(),
        objectives: "免费检测空调系统，带动空调滤芯更换和冷媒加注；回馈老客户。".into(),
        activities: vec![
            Activity {
                kind: ActivityKind::Lecture,
                title: "夏季用车小知识讲座".into(),
                at: Some(held.and_time(time(10, 0))),
                notes: "技术经理主讲，30 分钟".into(),
            },
            Activity {
                kind: ActivityKind::Lottery,
                title: "到场抽奖".into(),
                at: Some(held.and_time(time(15, 0))),
                notes: "每位到场客户抽一次".into(),
            },
        ],
        prizes: vec![
            PrizeInput { id: None, name: "免费洗车券".into(), stock: 8, unit_value: Fen(4_000) },
            PrizeInput { id: None, name: "空调滤芯一个".into(), stock: 3, unit_value: Fen(18_800) },
            PrizeInput { id: None, name: "500 元保养工时卡".into(), stock: 1, unit_value: Fen(50_000) },
        ],
        budget: vec![
            budget_line("宣传海报与横幅", 100, 600, Some((100, 560))),
            budget_line("茶歇（人）", 4_000, 25, Some((3_300, 25))),
            budget_line("检测耗材", 100, 800, Some((100, 720))),
            budget_line("讲师劳务", 100, 500, None),
        ],
        attribution_days: 30,
        version: None,
    };
    let id = campaigns::create(tx, manager, &input, planned_at)?;
    let segment = Segment { last_visit_months: Some(1), ..Segment::default() };
    campaigns::set_segment(tx, manager, id, &segment, planned_at)?;
    campaigns::invite(tx, manager, id, planned_at)?;
    campaigns::set_status(tx, manager, id, CampaignStatus::Planned, day(39, 9, 0))?;
    let guests = campaigns::invitations(tx, id)?;
    let guests: Vec<_> = guests.into_iter().take(40).collect();
    for (n, guest) in guests.iter().enumerate() {
        let rsvp = match dice.roll(10) {
            0..=3 => Rsvp::Yes,
            4..=5 => Rsvp::Maybe,
            6..=7 => Rsvp::No,
            _ => Rsvp::NotReached,
        };
        campaigns::record_rsvp(
            tx,
            caller,
            guest.id,
            rsvp,
            "",
            day(30 - (n as i64 % 10), 10, 5 * (n as u32 % 10)),
        )?;
    }
    campaigns::set_status(tx, manager, id, CampaignStatus::Running, day(15, 8, 30))?;
    let mut attendees = Vec::new();
    for (n, guest) in guests.iter().enumerate() {
        let said = campaigns::invitations(tx, id)?.into_iter().find(|g| g.id == guest.id).map(|g| g.rsvp);
        let comes = match said {
            Some(Rsvp::Yes) => dice.roll(10) < 8,
            Some(Rsvp::Maybe) => dice.roll(2) == 0,
            _ => false,
        };
        if comes {
            let arrived = day(15, 9, 10 + (n as u32 % 40));
            attendees.push(campaigns::check_in(tx, caller, id, guest.customer_id, false, arrived)?);
        }
    }
    // Twelve prizes: the first twelve attendees draw (the box was empty after that).
    for (n, invitation) in attendees.iter().take(12).enumerate() {
        let mut roll = dice.roll(1_000) as u32;
        campaigns::draw(tx, caller, *invitation, day(15, 15, n as u32 % 50), |total| {
            roll %= total.max(1);
            Ok(roll)
        })?;
    }
    campaigns::set_status(tx, manager, id, CampaignStatus::Finished, day(15, 17, 30))?;

    // Next month: planned, invitations being phoned.
    let starts = now.today + chrono::Days::new(20);
    let input = CampaignInput {
        theme: "冬季安全检测月".into(),
        starts_on: starts,
        ends_on: starts + chrono::Days::new(1),
        venue: "售后服务中心".into(),
        background: "入冬前检查轮胎、蓄电池、防冻液和灯光。".into(),
        objectives: "提醒老客户冬季用车安全；带回久未到店的客户。".into(),
        activities: vec![Activity {
            kind: ActivityKind::DiyChallenge,
            title: "五分钟更换雨刮片挑战".into(),
            at: None,
            notes: "技师协助，完成者赠送玻璃水".into(),
        }],
        prizes: vec![PrizeInput {
            id: None,
            name: "冬季防冻玻璃水".into(),
            stock: 30,
            unit_value: Fen(2_500),
        }],
        budget: vec![
            budget_line("玻璃水（瓶）", 3_000, 25, None),
            budget_line("宣传物料", 100, 800, None),
            budget_line("茶歇（人）", 5_000, 25, None),
        ],
        attribution_days: 45,
        version: None,
    };
    let id = campaigns::create(tx, manager, &input, day(3, 10, 0))?;
    let segment = Segment { last_visit_months: Some(6), ..Segment::default() };
    campaigns::set_segment(tx, manager, id, &segment, day(3, 10, 30))?;
    campaigns::invite(tx, manager, id, day(3, 10, 40))?;
    campaigns::set_status(tx, manager, id, CampaignStatus::Planned, day(2, 9, 0))?;
    for (n, guest) in campaigns::invitations(tx, id)?.iter().take(12).enumerate() {
        let rsvp = [Rsvp::Yes, Rsvp::Maybe, Rsvp::NotReached, Rsvp::Yes, Rsvp::No][n % 5];
        campaigns::record_rsvp(tx, caller, guest.id, rsvp, "", day(1, 14, 5 * n as u32))?;
    }
    Ok(())
}
