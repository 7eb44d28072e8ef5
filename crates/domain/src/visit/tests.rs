use super::*;

use std::fmt::Debug;

use chrono::NaiveTime;

use crate::settings::AdvisorHours;

// ===========================================================================
// Fixtures: one visit of 王建国's 迈腾 (京A12345), booked with advisor 李娜 for
// its 40,000 km service. Today is 2026-11-22; it is 10:15 in the morning.

const ADVISOR: StaffId = StaffId(3);
const OTHER_ADVISOR: StaffId = StaffId(4);
const TECHNICIAN: StaffId = StaffId(5);
const RECEPTION_KM: u32 = 40_230;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a real time")
}

fn today() -> NaiveDate {
    day(2026, 11, 22)
}

fn today_at(h: u32, m: u32) -> NaiveDateTime {
    today().and_time(time(h, m))
}

fn tomorrow_at(h: u32, m: u32) -> NaiveDateTime {
    day(2026, 11, 23).and_time(time(h, m))
}

fn yesterday_at(h: u32, m: u32) -> NaiveDateTime {
    day(2026, 11, 21).and_time(time(h, m))
}

/// "Now", local time.
fn now() -> NaiveDateTime {
    today_at(10, 15)
}

/// A Beijing local time as the UTC instant the store keeps.
fn beijing(local: NaiveDateTime) -> DateTime<Utc> {
    (local - chrono::Duration::hours(8)).and_utc()
}

/// The steps that took the fixture's visit to `state`, in order.
fn path_to(state: VisitState) -> Vec<(Step, VisitState)> {
    let main = [
        (Step::Prepare, VisitState::Prepared),
        (Step::Receive, VisitState::Received),
        (Step::StartRepair, VisitState::InRepair),
        (Step::FinishRepair, VisitState::QualityCheck),
        (Step::PassQc, VisitState::Ready),
        (Step::HandOver, VisitState::HandedOver),
        (Step::FollowUp, VisitState::FollowedUp),
    ];
    match state {
        VisitState::Booked => Vec::new(),
        VisitState::NoShow => vec![(Step::Prepare, VisitState::Prepared), (Step::NoShow, VisitState::NoShow)],
        VisitState::Cancelled => vec![(Step::Cancel, VisitState::Cancelled)],
        _ => {
            let last = main.iter().position(|(_, s)| *s == state).expect("on the main path");
            main[..=last].to_vec()
        }
    }
}

/// When and by whom each step of the fixture was taken.
fn stamp(step: Step) -> (NaiveDateTime, &'static str) {
    match step {
        Step::Cancel => (yesterday_at(10, 0), "李娜"),
        Step::Prepare => (yesterday_at(16, 0), "李娜"),
        Step::Receive => (today_at(8, 35), "李娜"),
        Step::NoShow => (today_at(9, 30), "李娜"),
        Step::StartRepair => (today_at(9, 0), "赵强"),
        Step::FinishRepair => (today_at(9, 50), "赵强"),
        Step::PassQc | Step::FailQc => (today_at(10, 5), "陈刚"),
        Step::HandOver => (today_at(10, 10), "李娜"),
        // The follow-up call is due from tomorrow.
        Step::FollowUp => (tomorrow_at(10, 0), "周敏"),
    }
}

fn order_line(
    id: i64,
    kind: LineKind,
    description: &str,
    part_number: &str,
    quantity_centi: u32,
    price: i64,
) -> OrderLine {
    OrderLine {
        id: LineId(id),
        kind,
        description: description.into(),
        part_number: part_number.into(),
        quantity_centi,
        unit_price: Fen(price),
        genuine: true,
        amount: line_amount(Fen(price), quantity_centi).expect("no overflow"),
        extra_work_id: None,
        explained: false,
    }
}

/// The 40,000 km service: 1.5 h labour at ¥180, an oil filter, 4.5 l of oil.
/// Labour 270.00, parts 85.50 + 441.00 = 526.50, subtotal 796.50,
/// tax 13% = 103.545 → 103.55, total 900.05.
fn service_lines() -> Vec<OrderLine> {
    vec![
        order_line(1, LineKind::Labour, "40000公里常规保养", "", 150, 18_000),
        order_line(2, LineKind::Part, "机油滤清器", "06L115562B", 100, 8_550),
        order_line(3, LineKind::Part, "全合成机油 5W-30", "G052195M4", 450, 9_800),
    ]
}

fn reception() -> Reception {
    Reception {
        mileage_km: RECEPTION_KM,
        mileage_reason: None,
        fuel_eighths: 5,
        damages: vec![Damage { panel: Panel::RightRearDoor, note: "右后门有约5厘米划痕".into() }],
        valuables: "行车记录仪、太阳镜".into(),
        accessories: "备胎、千斤顶、三角警示牌".into(),
        concerns: "冷车启动时发动机有异响".into(),
    }
}

fn qc_items(result: QcResult) -> Vec<QcItemResult> {
    QcItem::ALL.iter().map(|&item| QcItemResult { item, result, note: String::new() }).collect()
}

/// A visit of 王建国 in `state`, with everything a visit in that state has.
fn visit(state: VisitState) -> Visit {
    let path = path_to(state);
    let reached = |s: VisitState| path.iter().any(|(_, p)| *p == s);
    let prepared = reached(VisitState::Prepared);
    let received = reached(VisitState::Received);
    let repaired = reached(VisitState::InRepair);
    let checked = reached(VisitState::Ready);
    let handed_over = reached(VisitState::HandedOver);

    let mut order = Order {
        lines: Vec::new(),
        promised_at: None,
        confirmed_at: None,
        estimate: None,
        tax_basis_points: 1300,
    };
    if received {
        order.lines = service_lines();
        for line in &mut order.lines {
            line.explained = handed_over;
        }
        order.promised_at = Some(today_at(16, 0));
        order.confirmed_at = Some(beijing(today_at(8, 50)));
        order.estimate = Some(totals(&order.lines, 1300).total);
    }
    let sums = totals(&order.lines, order.tax_basis_points);

    Visit {
        id: VisitId(1),
        number: "20261122-003".into(),
        state,
        walk_in: false,
        customer_id: CustomerId(7),
        customer_name: "王建国".into(),
        customer_mobile: "13812345678".into(),
        vehicle_id: VehicleId(11),
        plate: Some("京A12345".into()),
        vin: "LFV2A21K767042918".into(),
        vehicle_label: "一汽-大众 迈腾 2019款 330TSI".into(),
        advisor_id: ADVISOR,
        advisor_name: "李娜".into(),
        appointment_at: Some(today_at(8, 30)),
        expected_minutes: 90,
        requested_work: "40000公里保养".into(),
        concerns: "冷车启动时发动机有异响".into(),
        replacement_car: false,
        preparation: Preparation {
            parts_ready: true,
            order_prefilled: prepared,
            advisor_available: prepared,
            replacement_car_ready: false,
        },
        cancel_reason: (state == VisitState::Cancelled).then(|| "客户临时出差，改约下周".into()),
        reception: received.then(reception),
        order,
        technician_id: repaired.then_some(TECHNICIAN),
        technician_name: repaired.then(|| "赵强".into()),
        extra_work: Vec::new(),
        qc_checks: if checked {
            vec![QcCheck {
                id: 1,
                inspector: "陈刚".into(),
                at: beijing(today_at(10, 5)),
                passed: true,
                items: qc_items(QcResult::Pass),
                parking_location: "B区12号车位".into(),
            }]
        } else {
            Vec::new()
        },
        handover: handed_over.then(|| Handover {
            invoice_number: "44020261122".into(),
            next_service_date: Some(day(2027, 5, 22)),
            next_service_km: Some(50_230),
            payment_method: PaymentMethod::WeChatPay,
            amount_paid: sums.total,
            handed_over_at: beijing(today_at(10, 10)),
            handed_over_by: "李娜".into(),
        }),
        follow_up_due: handed_over.then(|| (day(2026, 11, 23), day(2026, 11, 25))),
        totals: sums,
        timeline: path
            .iter()
            .map(|&(step, state)| {
                let (at, by) = stamp(step);
                StateChange { step, state, at: beijing(at), by: by.into() }
            })
            .collect(),
        created_at: beijing(day(2026, 11, 20).and_time(time(14, 20))),
        updated_at: beijing(day(2026, 11, 20).and_time(time(14, 20))),
        overdue: false,
    }
}

/// Recomputes the totals from the lines that count, as the store does.
fn retotal(v: &mut Visit) {
    let sums = totals(v.counted_lines(), v.order.tax_basis_points);
    v.totals = sums;
}

/// Adds extra work `id` (1: brake pads, 2: cabin filter, 3: wiper blades) with
/// one part line, in `status`, and recomputes the totals.
fn with_extra_work(mut v: Visit, id: i64, status: ExtraWorkStatus) -> Visit {
    let (description, part, part_number, quantity, price) = match id {
        1 => ("前刹车片磨损至2毫米，建议更换", "前刹车片", "5QD698151B", 100, 68_000),
        2 => ("空调滤芯脏污，建议更换", "空调滤清器", "5Q0819653", 100, 12_800),
        _ => ("雨刮片老化，刮不干净", "雨刮片", "3G1955425", 200, 9_500),
    };
    let mut line = order_line(10 + id, LineKind::Part, part, part_number, quantity, price);
    line.extra_work_id = Some(ExtraWorkId(id));
    let decided = status != ExtraWorkStatus::AwaitingApproval;
    v.extra_work.push(ExtraWork {
        id: ExtraWorkId(id),
        description: description.into(),
        status,
        found_by: "赵强".into(),
        found_at: beijing(today_at(9, 20)),
        decided_at: decided.then(|| beijing(today_at(9, 35))),
        note: if decided { "客户电话确认".into() } else { String::new() },
        amount: line.amount,
        lines: vec![line.clone()],
    });
    v.order.lines.push(line);
    retotal(&mut v);
    v
}

fn labour(description: &str, hours_centi: u32, rate: i64) -> LineInput {
    LineInput {
        kind: LineKind::Labour,
        description: description.into(),
        part_number: String::new(),
        quantity_centi: hours_centi,
        unit_price: Fen(rate),
        genuine: false,
    }
}

fn part(description: &str, part_number: &str, quantity_centi: u32, price: i64) -> LineInput {
    LineInput {
        kind: LineKind::Part,
        description: description.into(),
        part_number: part_number.into(),
        quantity_centi,
        unit_price: Fen(price),
        genuine: true,
    }
}

fn order_input() -> OrderInput {
    OrderInput {
        lines: vec![
            labour("40000公里常规保养", 150, 18_000),
            part("机油滤清器", "06L115562B", 100, 8_550),
            part("全合成机油 5W-30", "G052195M4", 450, 9_800),
        ],
        promised_at: today_at(16, 0),
        customer_confirmed: true,
        version: None,
    }
}

fn qc_passed() -> QcInput {
    QcInput { items: qc_items(QcResult::Pass), parking_location: "B区12号车位".into() }
}

/// `items` with `item`'s answer replaced.
fn qc_with(item: QcItem, result: QcResult, note: &str) -> QcInput {
    let mut input = qc_passed();
    for answer in &mut input.items {
        if answer.item == item {
            answer.result = result;
            answer.note = note.into();
        }
    }
    input
}

/// A handover that explains every counted line and pays the total.
fn handover_input(v: &Visit) -> HandoverInput {
    HandoverInput {
        explained_line_ids: v.counted_lines().map(|l| l.id).collect(),
        invoice_number: "44020261122".into(),
        next_service_date: Some(day(2027, 5, 22)),
        next_service_km: Some(50_230),
        payment_method: PaymentMethod::WeChatPay,
        amount_paid: v.totals.total,
        condition_confirmed: true,
    }
}

fn appointment() -> AppointmentInput {
    AppointmentInput {
        customer_id: CustomerId(7),
        vehicle_id: VehicleId(11),
        advisor_id: ADVISOR,
        at: tomorrow_at(9, 0),
        expected_minutes: 90,
        requested_work: "40000公里保养".into(),
        concerns: "冷车启动时发动机有异响".into(),
        replacement_car: false,
    }
}

fn walk_in_input() -> WalkIn {
    WalkIn {
        customer_id: CustomerId(7),
        vehicle_id: VehicleId(11),
        advisor_id: ADVISOR,
        requested_work: "左前轮胎漏气，需要补胎".into(),
        expected_minutes: 30,
        replacement_car: false,
        reception: reception(),
    }
}

// ---------------------------------------------------------------------------
// Assertions

/// The one issue of a refused step, checked for its kind and field.
#[track_caller]
fn refused<T: Debug>(result: Result<T, Issue>, kind: ErrorKind, field: &str) -> Issue {
    let issue = result.expect_err("the step should be refused");
    assert_eq!((issue.kind, issue.field.as_deref()), (kind, Some(field)), "{issue:?}");
    issue
}

/// Every issue of a refused form, checked for kind and field, in order.
#[track_caller]
fn refused_with<T: Debug>(result: Result<T, Invalid>, expected: &[(ErrorKind, &str)]) -> Invalid {
    let invalid = result.expect_err("the form should be refused");
    let got: Vec<(ErrorKind, &str)> =
        invalid.0.iter().map(|i| (i.kind, i.field.as_deref().unwrap_or("<none>"))).collect();
    assert_eq!(got, expected, "{invalid:?}");
    invalid
}

#[track_caller]
fn assert_moves(step: Transition, from: VisitState, by: Step, to: VisitState) {
    assert_eq!((step.from(), step.step(), step.to()), (from, by, to));
}

// ===========================================================================
// The state table

const NO: Option<VisitState> = None;
const PREPARED: Option<VisitState> = Some(VisitState::Prepared);
const RECEIVED: Option<VisitState> = Some(VisitState::Received);
const IN_REPAIR: Option<VisitState> = Some(VisitState::InRepair);
const QC: Option<VisitState> = Some(VisitState::QualityCheck);
const READY: Option<VisitState> = Some(VisitState::Ready);
const HANDED_OVER: Option<VisitState> = Some(VisitState::HandedOver);
const FOLLOWED_UP: Option<VisitState> = Some(VisitState::FollowedUp);
const NO_SHOW: Option<VisitState> = Some(VisitState::NoShow);
const CANCELLED: Option<VisitState> = Some(VisitState::Cancelled);

/// Where each step leads from each state. Columns in the order of `Step::ALL`.
#[rustfmt::skip]
const EXPECTED_TABLE: [(VisitState, [Option<VisitState>; 10]); 10] = [
    //                         prepare   receive   start      finish pass   fail       hand over    follow up    no show  cancel
    (VisitState::Booked,       [PREPARED, RECEIVED, NO,        NO,    NO,    NO,        NO,          NO,          NO_SHOW, CANCELLED]),
    (VisitState::Prepared,     [NO,       RECEIVED, NO,        NO,    NO,    NO,        NO,          NO,          NO_SHOW, CANCELLED]),
    (VisitState::Received,     [NO,       NO,       IN_REPAIR, NO,    NO,    NO,        NO,          NO,          NO,      NO]),
    (VisitState::InRepair,     [NO,       NO,       NO,        QC,    NO,    NO,        NO,          NO,          NO,      NO]),
    (VisitState::QualityCheck, [NO,       NO,       NO,        NO,    READY, IN_REPAIR, NO,          NO,          NO,      NO]),
    (VisitState::Ready,        [NO,       NO,       NO,        NO,    NO,    NO,        HANDED_OVER, NO,          NO,      NO]),
    (VisitState::HandedOver,   [NO,       NO,       NO,        NO,    NO,    NO,        NO,          FOLLOWED_UP, NO,      NO]),
    (VisitState::FollowedUp,   [NO,       NO,       NO,        NO,    NO,    NO,        NO,          NO,          NO,      NO]),
    (VisitState::NoShow,       [NO,       NO,       NO,        NO,    NO,    NO,        NO,          NO,          NO,      NO]),
    (VisitState::Cancelled,    [NO,       NO,       NO,        NO,    NO,    NO,        NO,          NO,          NO,      NO]),
];

/// The state as the refusal message says it.
fn spoken(state: VisitState) -> &'static str {
    match state {
        VisitState::Booked => "booked",
        VisitState::Prepared => "prepared",
        VisitState::Received => "received",
        VisitState::InRepair => "in repair",
        VisitState::QualityCheck => "quality check",
        VisitState::Ready => "ready",
        VisitState::HandedOver => "handed over",
        VisitState::FollowedUp => "followed up",
        VisitState::NoShow => "no show",
        VisitState::Cancelled => "cancelled",
    }
}

/// What the refusal must say is missing for `step`.
fn what_is_missing(step: Step) -> &'static str {
    match step {
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

mod state_table {
    use super::*;

    #[test]
    fn the_table_lists_every_state_and_every_step_once_in_process_order() {
        assert_eq!(
            VisitState::ALL,
            [
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
            ]
        );
        assert_eq!(
            Step::ALL,
            [
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
            ]
        );
        let rows: Vec<VisitState> = EXPECTED_TABLE.iter().map(|(s, _)| *s).collect();
        assert_eq!(rows, VisitState::ALL);
    }

    #[test]
    fn every_state_and_step_goes_where_the_table_says_and_nowhere_else() {
        for (from, row) in EXPECTED_TABLE {
            for (step, expected) in Step::ALL.into_iter().zip(row) {
                assert_eq!(target(from, step), expected, "{from:?} --{step:?}-->");
            }
        }
        let allowed = EXPECTED_TABLE.iter().flat_map(|(_, row)| row).filter(|t| t.is_some()).count();
        assert_eq!(allowed, 13, "thirteen moves in all");
    }

    #[test]
    fn an_allowed_step_gives_a_transition_from_the_state_by_the_step_to_the_target() {
        for (from, row) in EXPECTED_TABLE {
            for (step, expected) in Step::ALL.into_iter().zip(row) {
                if let Some(to) = expected {
                    assert_moves(transition(from, step).expect("allowed"), from, step, to);
                }
            }
        }
    }

    #[test]
    fn a_step_the_table_refuses_says_what_the_visit_is_and_what_is_missing() {
        for (from, row) in EXPECTED_TABLE {
            for (step, expected) in Step::ALL.into_iter().zip(row) {
                if expected.is_some() {
                    continue;
                }
                let issue = refused(transition(from, step), ErrorKind::InvalidState, "state");
                assert!(issue.message.starts_with("cannot "), "{}", issue.message);
                assert!(
                    issue.message.contains(&format!("while the visit is {}:", spoken(from))),
                    "{from:?} {step:?}: {}",
                    issue.message
                );
                assert!(
                    issue.message.contains(what_is_missing(step)),
                    "{from:?} {step:?}: {}",
                    issue.message
                );
                assert_eq!(issue.conflict, None);
                assert_eq!(issue.action, None);
            }
        }
    }

    #[test]
    fn handover_before_the_quality_check_is_refused_and_says_what_is_missing() {
        let issue =
            refused(transition(VisitState::QualityCheck, Step::HandOver), ErrorKind::InvalidState, "state");
        assert_eq!(
            issue.message,
            "cannot hand the vehicle over while the visit is quality check: the quality check must pass first"
        );
    }

    #[test]
    fn a_cancelled_visit_cannot_be_received() {
        let issue =
            refused(transition(VisitState::Cancelled, Step::Receive), ErrorKind::InvalidState, "state");
        assert_eq!(
            issue.message,
            "cannot receive the vehicle while the visit is cancelled: the visit must be a booked or prepared appointment"
        );
    }

    #[test]
    fn every_state_can_be_reached_from_a_booking() {
        let mut reached = vec![VisitState::Booked];
        let mut i = 0;
        while i < reached.len() {
            for step in Step::ALL {
                if let Some(to) = target(reached[i], step)
                    && !reached.contains(&to)
                {
                    reached.push(to);
                }
            }
            i += 1;
        }
        for state in VisitState::ALL {
            assert!(reached.contains(&state), "{state:?} unreachable");
        }
    }

    #[test]
    fn followed_up_no_show_and_cancelled_are_the_end_of_the_road() {
        for state in [VisitState::FollowedUp, VisitState::NoShow, VisitState::Cancelled] {
            assert!(Step::ALL.iter().all(|&step| target(state, step).is_none()), "{state:?}");
        }
    }

    #[test]
    fn only_appointments_can_be_cancelled_or_missed() {
        for state in VisitState::ALL {
            assert_eq!(target(state, Step::Cancel).is_some(), state.is_appointment(), "{state:?}");
            assert_eq!(target(state, Step::NoShow).is_some(), state.is_appointment(), "{state:?}");
        }
    }

    #[test]
    fn appointments_workshop_and_closed_states_split_the_states_in_three() {
        use VisitState::*;
        let appointments: Vec<_> = VisitState::ALL.into_iter().filter(|s| s.is_appointment()).collect();
        let workshop: Vec<_> = VisitState::ALL.into_iter().filter(|s| s.is_in_workshop()).collect();
        let closed: Vec<_> = VisitState::ALL.into_iter().filter(|s| s.is_closed()).collect();
        assert_eq!(appointments, [Booked, Prepared]);
        assert_eq!(workshop, [Received, InRepair, QualityCheck, Ready]);
        assert_eq!(closed, [HandedOver, FollowedUp, NoShow, Cancelled]);
    }

    #[test]
    fn states_and_steps_cross_to_the_ui_in_snake_case() {
        let json = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        let states: Vec<String> =
            VisitState::ALL.iter().map(|s| json(serde_json::to_value(s).expect("serialises"))).collect();
        assert_eq!(
            states,
            [
                "booked",
                "prepared",
                "received",
                "in_repair",
                "quality_check",
                "ready",
                "handed_over",
                "followed_up",
                "no_show",
                "cancelled"
            ]
        );
        let steps: Vec<String> =
            Step::ALL.iter().map(|s| json(serde_json::to_value(s).expect("serialises"))).collect();
        assert_eq!(
            steps,
            [
                "prepare",
                "receive",
                "start_repair",
                "finish_repair",
                "pass_qc",
                "fail_qc",
                "hand_over",
                "follow_up",
                "no_show",
                "cancel"
            ]
        );
    }
}

// ===========================================================================
// The fixture itself

mod fixture {
    use super::*;

    #[test]
    fn every_fixture_timeline_follows_the_state_table() {
        for state in VisitState::ALL {
            let v = visit(state);
            assert_eq!(v.state, state);
            let mut at = VisitState::Booked;
            for change in &v.timeline {
                assert_eq!(target(at, change.step), Some(change.state), "{state:?}: {change:?}");
                at = change.state;
            }
            assert_eq!(at, state);
        }
    }

    #[test]
    fn the_fixture_is_wang_jianguos_magotan_with_li_na() {
        let v = visit(VisitState::Ready);
        assert_eq!(v.customer_name, "王建国");
        assert_eq!(v.plate.as_deref(), Some("京A12345"));
        assert_eq!(v.advisor_name, "李娜");
        assert_eq!(crate::validate::plate("plate", "京A12345").expect("a valid plate"), "京A12345");
        assert!(crate::validate::vin("vin", &v.vin, false).is_ok());
        assert_eq!(crate::validate::mobile("mobile", &v.customer_mobile).expect("valid"), v.customer_mobile);
    }

    #[test]
    fn the_fixture_reception_and_order_pass_their_own_checks() {
        assert_eq!(reception().validate(Some(39_800)).expect("valid"), reception());
        assert!(write_order(&visit(VisitState::Received), &order_input(), now()).is_ok());
        assert!(quality_check(&visit(VisitState::QualityCheck), &qc_passed()).is_ok());
        let ready = visit(VisitState::Ready);
        assert!(hand_over(&ready, &handover_input(&ready), today()).is_ok());
    }
}

// ===========================================================================
// Appointments and preparation

mod preparation {
    use super::*;

    fn ticked(replacement_car_ready: bool) -> Preparation {
        Preparation {
            parts_ready: true,
            order_prefilled: true,
            advisor_available: true,
            replacement_car_ready,
        }
    }

    #[test]
    fn an_incomplete_checklist_is_saved_and_the_appointment_stays_booked() {
        let booked = visit(VisitState::Booked);
        let half = Preparation { parts_ready: true, order_prefilled: true, ..Preparation::default() };
        assert_eq!(prepare(&booked, &half), Ok(None));
        assert_eq!(prepare(&booked, &Preparation::default()), Ok(None));
    }

    #[test]
    fn a_complete_checklist_makes_the_appointment_prepared() {
        let step =
            prepare(&visit(VisitState::Booked), &ticked(false)).expect("allowed").expect("a transition");
        assert_moves(step, VisitState::Booked, Step::Prepare, VisitState::Prepared);
    }

    #[test]
    fn the_replacement_car_item_only_counts_when_a_replacement_car_is_promised() {
        let mut booked = visit(VisitState::Booked);
        assert!(prepare(&booked, &ticked(false)).expect("allowed").is_some(), "no car promised: not asked");

        booked.replacement_car = true;
        assert_eq!(prepare(&booked, &ticked(false)), Ok(None), "car promised but not ready");
        let step = prepare(&booked, &ticked(true)).expect("allowed").expect("a transition");
        assert_eq!(step.to(), VisitState::Prepared);
    }

    #[test]
    fn the_checklist_lists_what_is_still_to_do_in_order() {
        use PreparationItem::*;
        let nothing = Preparation::default();
        assert_eq!(
            nothing.missing(true),
            [PartsReady, OrderPrefilled, AdvisorAvailable, ReplacementCarReady]
        );
        assert_eq!(nothing.missing(false), [PartsReady, OrderPrefilled, AdvisorAvailable]);
        assert_eq!(ticked(false).missing(true), [ReplacementCarReady]);
        assert!(ticked(false).missing(false).is_empty());
        assert!(ticked(true).missing(true).is_empty());
    }

    #[test]
    fn an_appointment_already_prepared_is_refused() {
        let issue =
            refused(prepare(&visit(VisitState::Prepared), &ticked(true)), ErrorKind::InvalidState, "state");
        assert!(issue.message.contains("the visit must be a booked appointment"), "{}", issue.message);
    }

    #[test]
    fn a_visit_past_the_appointment_cannot_be_prepared() {
        for state in VisitState::ALL.into_iter().filter(|&s| s != VisitState::Booked) {
            refused(prepare(&visit(state), &ticked(true)), ErrorKind::InvalidState, "state");
        }
    }
}

mod rescheduling_cancelling_and_no_shows {
    use super::*;

    #[test]
    fn a_booked_or_prepared_appointment_can_be_moved() {
        assert_eq!(reschedule(&visit(VisitState::Booked)), Ok(()));
        assert_eq!(reschedule(&visit(VisitState::Prepared)), Ok(()));
    }

    #[test]
    fn a_visit_that_has_started_or_ended_cannot_be_moved() {
        for state in VisitState::ALL.into_iter().filter(|s| !s.is_appointment()) {
            let issue = refused(reschedule(&visit(state)), ErrorKind::InvalidState, "state");
            assert!(issue.message.contains(&format!("this visit is {}", spoken(state))), "{}", issue.message);
        }
    }

    #[test]
    fn cancelling_an_appointment_keeps_the_customers_reason_trimmed() {
        for state in [VisitState::Booked, VisitState::Prepared] {
            let (step, reason) = cancel(&visit(state), "  客户临时出差，改约下周 ").expect("allowed");
            assert_moves(step, state, Step::Cancel, VisitState::Cancelled);
            assert_eq!(reason, "客户临时出差，改约下周");
        }
    }

    #[test]
    fn cancelling_without_a_reason_is_refused() {
        refused_with(cancel(&visit(VisitState::Booked), "   "), &[(ErrorKind::Required, "reason")]);
    }

    #[test]
    fn a_reason_longer_than_500_characters_is_refused() {
        let long = "改".repeat(501);
        refused_with(cancel(&visit(VisitState::Booked), &long), &[(ErrorKind::TooLong, "reason")]);
        assert!(cancel(&visit(VisitState::Booked), &"改".repeat(500)).is_ok());
    }

    #[test]
    fn a_visit_cannot_be_cancelled_once_the_vehicle_is_received() {
        for state in VisitState::ALL.into_iter().filter(|s| !s.is_appointment()) {
            let invalid =
                refused_with(cancel(&visit(state), "客户改主意"), &[(ErrorKind::InvalidState, "state")]);
            assert!(invalid.0[0].message.contains("only a booked or prepared appointment can be cancelled"));
        }
    }

    #[test]
    fn cancelling_a_received_visit_without_a_reason_reports_both_at_once() {
        refused_with(
            cancel(&visit(VisitState::Received), ""),
            &[(ErrorKind::InvalidState, "state"), (ErrorKind::Required, "reason")],
        );
    }

    #[test]
    fn a_no_show_is_refused_before_the_appointment_time() {
        let booked = visit(VisitState::Booked); // at 08:30
        let issue = refused(no_show(&booked, today_at(8, 15)), ErrorKind::InvalidState, "state");
        assert!(issue.message.contains("2026-11-22 08:30"), "{}", issue.message);
    }

    #[test]
    fn a_no_show_is_recorded_from_the_appointment_time_on() {
        for state in [VisitState::Booked, VisitState::Prepared] {
            let v = visit(state);
            assert_moves(
                no_show(&v, today_at(8, 30)).expect("at the time"),
                state,
                Step::NoShow,
                VisitState::NoShow,
            );
            assert_moves(
                no_show(&v, now()).expect("after the time"),
                state,
                Step::NoShow,
                VisitState::NoShow,
            );
        }
    }

    #[test]
    fn a_received_vehicle_is_no_no_show() {
        for state in VisitState::ALL.into_iter().filter(|s| !s.is_appointment()) {
            let issue = refused(no_show(&visit(state), now()), ErrorKind::InvalidState, "state");
            assert!(
                issue.message.contains("only a booked or prepared appointment can be marked a no-show"),
                "{}",
                issue.message
            );
        }
    }
}

mod appointment_slots {
    use super::*;

    fn narrow_hours(from: NaiveTime, to: NaiveTime) -> ServiceSettings {
        ServiceSettings {
            advisor_hours: vec![AdvisorHours { advisor_id: ADVISOR, from, to }],
            ..ServiceSettings::default()
        }
    }

    #[test]
    fn a_future_slot_on_the_grid_is_accepted() {
        let settings = ServiceSettings::default();
        for slot in
            [tomorrow_at(8, 30), tomorrow_at(9, 0), tomorrow_at(13, 30), tomorrow_at(17, 0), today_at(10, 30)]
        {
            assert_eq!(check_slot(&settings, ADVISOR, slot, now()), Ok(()), "{slot}");
        }
    }

    #[test]
    fn a_slot_in_the_past_or_right_now_is_refused() {
        let settings = ServiceSettings::default();
        for slot in [today_at(10, 0), now(), yesterday_at(9, 0)] {
            let issue = refused(check_slot(&settings, ADVISOR, slot, now()), ErrorKind::InThePast, "at");
            assert!(issue.message.contains("future"));
        }
        // Being in the past is said first, even when the time is also off the grid.
        refused(check_slot(&settings, ADVISOR, yesterday_at(9, 10), now()), ErrorKind::InThePast, "at");
    }

    #[test]
    fn a_slot_outside_working_hours_is_refused() {
        let settings = ServiceSettings::default();
        for slot in [tomorrow_at(8, 0), tomorrow_at(18, 0), tomorrow_at(22, 30), tomorrow_at(0, 0)] {
            let issue = refused(check_slot(&settings, ADVISOR, slot, now()), ErrorKind::OutOfRange, "at");
            assert!(issue.message.contains("08:30 to 17:30"), "{}", issue.message);
        }
    }

    #[test]
    fn no_appointment_starts_at_closing_time() {
        let settings = ServiceSettings::default();
        refused(check_slot(&settings, ADVISOR, tomorrow_at(17, 30), now()), ErrorKind::OutOfRange, "at");
    }

    #[test]
    fn a_slot_off_the_grid_is_refused() {
        let settings = ServiceSettings::default();
        for slot in [tomorrow_at(9, 10), tomorrow_at(9, 45), tomorrow_at(16, 59)] {
            let issue = refused(check_slot(&settings, ADVISOR, slot, now()), ErrorKind::OutOfRange, "at");
            assert!(issue.message.contains("30-minute slot"), "{}", issue.message);
        }
        let seconds = tomorrow_at(9, 0) + chrono::Duration::seconds(30);
        refused(check_slot(&settings, ADVISOR, seconds, now()), ErrorKind::OutOfRange, "at");
    }

    #[test]
    fn the_grid_follows_the_slot_length() {
        let settings = ServiceSettings { slot_minutes: 45, ..ServiceSettings::default() };
        assert_eq!(check_slot(&settings, ADVISOR, tomorrow_at(9, 15), now()), Ok(()));
        let issue =
            refused(check_slot(&settings, ADVISOR, tomorrow_at(9, 0), now()), ErrorKind::OutOfRange, "at");
        assert!(issue.message.contains("45-minute slot"), "{}", issue.message);
    }

    #[test]
    fn an_advisor_with_narrower_hours_is_not_booked_outside_them() {
        let settings = narrow_hours(time(13, 0), time(17, 0));
        let issue =
            refused(check_slot(&settings, ADVISOR, tomorrow_at(9, 0), now()), ErrorKind::OutOfRange, "at");
        assert!(issue.message.contains("13:00 to 17:00"), "{}", issue.message);
        refused(check_slot(&settings, ADVISOR, tomorrow_at(17, 0), now()), ErrorKind::OutOfRange, "at");
        assert_eq!(check_slot(&settings, ADVISOR, tomorrow_at(13, 0), now()), Ok(()));
        assert_eq!(check_slot(&settings, ADVISOR, tomorrow_at(16, 30), now()), Ok(()));
        // Another advisor keeps the working hours.
        assert_eq!(check_slot(&settings, OTHER_ADVISOR, tomorrow_at(9, 0), now()), Ok(()));
    }

    #[test]
    fn an_advisors_own_hours_never_widen_the_working_hours() {
        let settings = narrow_hours(time(7, 0), time(20, 0));
        assert_eq!(settings.hours_of(ADVISOR), (time(8, 30), time(17, 30)));
        assert_eq!(settings.hours_of(OTHER_ADVISOR), (time(8, 30), time(17, 30)));
        refused(check_slot(&settings, ADVISOR, tomorrow_at(8, 0), now()), ErrorKind::OutOfRange, "at");
        refused(check_slot(&settings, ADVISOR, tomorrow_at(17, 30), now()), ErrorKind::OutOfRange, "at");
    }

    #[test]
    fn an_advisors_hours_starting_off_the_grid_still_need_a_grid_slot() {
        let settings = narrow_hours(time(13, 15), time(17, 0));
        let issue =
            refused(check_slot(&settings, ADVISOR, tomorrow_at(13, 15), now()), ErrorKind::OutOfRange, "at");
        assert!(issue.message.contains("30-minute slot"), "{}", issue.message);
        assert_eq!(check_slot(&settings, ADVISOR, tomorrow_at(13, 30), now()), Ok(()));
    }

    #[test]
    fn a_good_appointment_is_kept_with_its_texts_trimmed() {
        let input = AppointmentInput {
            requested_work: "  40000公里保养 ".into(),
            concerns: " 冷车启动时发动机有异响\n".into(),
            ..appointment()
        };
        let ok = input.validate(&ServiceSettings::default(), now()).expect("valid");
        assert_eq!(ok, appointment());
    }

    #[test]
    fn an_appointment_without_concerns_is_fine() {
        let input = AppointmentInput { concerns: "   ".into(), ..appointment() };
        let ok = input.validate(&ServiceSettings::default(), now()).expect("valid");
        assert_eq!(ok.concerns, "");
    }

    #[test]
    fn an_appointment_in_the_past_is_refused() {
        let input = AppointmentInput { at: today_at(9, 0), ..appointment() };
        refused_with(input.validate(&ServiceSettings::default(), now()), &[(ErrorKind::InThePast, "at")]);
    }

    #[test]
    fn an_appointment_at_closing_time_or_off_the_grid_is_refused() {
        for at in [tomorrow_at(17, 30), tomorrow_at(9, 20), tomorrow_at(7, 30)] {
            let input = AppointmentInput { at, ..appointment() };
            refused_with(
                input.validate(&ServiceSettings::default(), now()),
                &[(ErrorKind::OutOfRange, "at")],
            );
        }
    }

    #[test]
    fn an_appointment_outside_the_advisors_own_hours_is_refused() {
        let settings = narrow_hours(time(13, 0), time(17, 0));
        refused_with(appointment().validate(&settings, now()), &[(ErrorKind::OutOfRange, "at")]);
        let other = AppointmentInput { advisor_id: OTHER_ADVISOR, ..appointment() };
        assert!(other.validate(&settings, now()).is_ok());
    }

    #[test]
    fn the_expected_repair_time_is_ten_minutes_to_a_week() {
        let settings = ServiceSettings::default();
        for minutes in [10, 90, 7 * 24 * 60] {
            let input = AppointmentInput { expected_minutes: minutes, ..appointment() };
            assert!(input.validate(&settings, now()).is_ok(), "{minutes}");
        }
        for minutes in [0, 9, 7 * 24 * 60 + 1] {
            let input = AppointmentInput { expected_minutes: minutes, ..appointment() };
            refused_with(input.validate(&settings, now()), &[(ErrorKind::OutOfRange, "expectedMinutes")]);
        }
    }

    #[test]
    fn every_problem_of_an_appointment_is_reported_at_once() {
        let input = AppointmentInput {
            at: yesterday_at(9, 0),
            expected_minutes: 0,
            requested_work: " ".into(),
            concerns: "响".repeat(2001),
            ..appointment()
        };
        refused_with(
            input.validate(&ServiceSettings::default(), now()),
            &[
                (ErrorKind::InThePast, "at"),
                (ErrorKind::OutOfRange, "expectedMinutes"),
                (ErrorKind::Required, "requestedWork"),
                (ErrorKind::TooLong, "concerns"),
            ],
        );
    }
}

// ===========================================================================
// Reception

mod reception_walk_around {
    use super::*;

    #[test]
    fn a_booked_or_prepared_appointment_is_received_with_the_walk_around_trimmed() {
        let typed = Reception {
            valuables: "  行车记录仪、太阳镜 ".into(),
            accessories: "备胎、千斤顶、三角警示牌\n".into(),
            concerns: " 冷车启动时发动机有异响 ".into(),
            damages: vec![Damage {
                panel: Panel::RightRearDoor, note: " 右后门有约5厘米划痕 ".into()
            }],
            ..reception()
        };
        for state in [VisitState::Booked, VisitState::Prepared] {
            let (step, kept) = receive(&visit(state), &typed, Some(39_800)).expect("allowed");
            assert_moves(step, state, Step::Receive, VisitState::Received);
            assert_eq!(kept, reception());
        }
    }

    #[test]
    fn the_first_visit_has_no_mileage_to_compare_with() {
        let low = Reception { mileage_km: 12, ..reception() };
        assert!(receive(&visit(VisitState::Booked), &low, None).is_ok());
    }

    #[test]
    fn a_mileage_below_the_last_known_is_refused_without_a_reason() {
        let booked = visit(VisitState::Booked);
        let invalid = refused_with(
            receive(&booked, &reception(), Some(41_000)),
            &[(ErrorKind::OutOfRange, "reception.mileageKm")],
        );
        assert!(invalid.0[0].message.contains("41000 km"), "{}", invalid.0[0].message);
        let blank_reason = Reception { mileage_reason: Some("   ".into()), ..reception() };
        refused_with(
            receive(&booked, &blank_reason, Some(41_000)),
            &[(ErrorKind::OutOfRange, "reception.mileageKm")],
        );
    }

    #[test]
    fn a_mileage_below_the_last_known_is_accepted_with_its_reason() {
        let replaced = Reception { mileage_reason: Some(" 更换过仪表盘 ".into()), ..reception() };
        let (_, kept) = receive(&visit(VisitState::Booked), &replaced, Some(41_000)).expect("explained");
        assert_eq!(kept.mileage_reason.as_deref(), Some("更换过仪表盘"));
    }

    #[test]
    fn the_same_mileage_as_last_time_needs_no_reason_and_a_blank_reason_is_dropped() {
        let blank = Reception { mileage_reason: Some("  ".into()), ..reception() };
        let (_, kept) =
            receive(&visit(VisitState::Booked), &blank, Some(RECEPTION_KM)).expect("same mileage");
        assert_eq!(kept.mileage_reason, None);
    }

    #[test]
    fn an_impossible_mileage_is_refused() {
        let odd = Reception { mileage_km: 2_000_001, ..reception() };
        refused_with(
            receive(&visit(VisitState::Booked), &odd, None),
            &[(ErrorKind::OutOfRange, "reception.mileageKm")],
        );
    }

    #[test]
    fn fuel_is_zero_to_eight_eighths() {
        let booked = visit(VisitState::Booked);
        for fuel in [0, 4, 8] {
            assert!(
                receive(&booked, &Reception { fuel_eighths: fuel, ..reception() }, None).is_ok(),
                "{fuel}"
            );
        }
        let over = Reception { fuel_eighths: 9, ..reception() };
        refused_with(receive(&booked, &over, None), &[(ErrorKind::OutOfRange, "reception.fuelEighths")]);
    }

    #[test]
    fn a_damage_without_a_note_is_refused_at_its_place_in_the_list() {
        let mut walk_around = reception();
        walk_around.damages.push(Damage { panel: Panel::FrontBumper, note: "  ".into() });
        refused_with(
            receive(&visit(VisitState::Booked), &walk_around, None),
            &[(ErrorKind::Required, "reception.damages.1.note")],
        );
    }

    #[test]
    fn a_car_without_damage_needs_no_damage_notes() {
        let clean = Reception { damages: Vec::new(), ..reception() };
        assert!(receive(&visit(VisitState::Booked), &clean, None).is_ok());
    }

    #[test]
    fn the_customers_concerns_are_required_but_valuables_and_accessories_are_not() {
        let booked = visit(VisitState::Booked);
        let no_concerns = Reception { concerns: " ".into(), ..reception() };
        refused_with(receive(&booked, &no_concerns, None), &[(ErrorKind::Required, "reception.concerns")]);
        let bare = Reception { valuables: String::new(), accessories: String::new(), ..reception() };
        assert!(receive(&booked, &bare, None).is_ok());
    }

    #[test]
    fn long_texts_on_the_walk_around_are_refused() {
        let long = Reception { valuables: "包".repeat(501), accessories: "胎".repeat(501), ..reception() };
        refused_with(
            receive(&visit(VisitState::Booked), &long, None),
            &[(ErrorKind::TooLong, "reception.valuables"), (ErrorKind::TooLong, "reception.accessories")],
        );
    }

    #[test]
    fn a_vehicle_already_in_the_workshop_or_gone_cannot_be_received_again() {
        for state in VisitState::ALL.into_iter().filter(|s| !s.is_appointment()) {
            refused_with(receive(&visit(state), &reception(), None), &[(ErrorKind::InvalidState, "state")]);
        }
    }

    #[test]
    fn every_problem_of_the_walk_around_is_reported_at_once() {
        let bad = Reception {
            fuel_eighths: 9,
            damages: vec![Damage { panel: Panel::Bonnet, note: String::new() }],
            concerns: String::new(),
            ..reception()
        };
        refused_with(
            receive(&visit(VisitState::Received), &bad, Some(41_000)),
            &[
                (ErrorKind::InvalidState, "state"),
                (ErrorKind::OutOfRange, "reception.mileageKm"),
                (ErrorKind::OutOfRange, "reception.fuelEighths"),
                (ErrorKind::Required, "reception.damages.0.note"),
                (ErrorKind::Required, "reception.concerns"),
            ],
        );
    }
}

mod walk_ins {
    use super::*;

    #[test]
    fn a_walk_in_is_kept_with_its_texts_trimmed() {
        let typed = WalkIn {
            requested_work: "  左前轮胎漏气，需要补胎 ".into(),
            reception: Reception { concerns: " 冷车启动时发动机有异响 ".into(), ..reception() },
            ..walk_in_input()
        };
        assert_eq!(typed.validate(Some(39_800)).expect("valid"), walk_in_input());
    }

    #[test]
    fn a_walk_in_needs_the_requested_work() {
        let input = WalkIn { requested_work: "  ".into(), ..walk_in_input() };
        refused_with(input.validate(None), &[(ErrorKind::Required, "requestedWork")]);
    }

    #[test]
    fn a_walk_ins_expected_time_is_ten_minutes_to_a_week() {
        assert!(WalkIn { expected_minutes: 10, ..walk_in_input() }.validate(None).is_ok());
        assert!(WalkIn { expected_minutes: 7 * 24 * 60, ..walk_in_input() }.validate(None).is_ok());
        for minutes in [0, 9, 7 * 24 * 60 + 1] {
            let input = WalkIn { expected_minutes: minutes, ..walk_in_input() };
            refused_with(input.validate(None), &[(ErrorKind::OutOfRange, "expectedMinutes")]);
        }
    }

    #[test]
    fn a_walk_ins_walk_around_is_checked_like_an_appointments() {
        let input = WalkIn {
            reception: Reception { fuel_eighths: 9, concerns: String::new(), ..reception() },
            ..walk_in_input()
        };
        refused_with(
            input.validate(Some(41_000)),
            &[
                (ErrorKind::OutOfRange, "reception.mileageKm"),
                (ErrorKind::OutOfRange, "reception.fuelEighths"),
                (ErrorKind::Required, "reception.concerns"),
            ],
        );
    }

    #[test]
    fn every_problem_of_a_walk_in_is_reported_at_once() {
        let input = WalkIn {
            requested_work: String::new(),
            expected_minutes: 0,
            reception: Reception { fuel_eighths: 10, ..reception() },
            ..walk_in_input()
        };
        refused_with(
            input.validate(None),
            &[
                (ErrorKind::Required, "requestedWork"),
                (ErrorKind::OutOfRange, "expectedMinutes"),
                (ErrorKind::OutOfRange, "reception.fuelEighths"),
            ],
        );
    }

    #[test]
    fn a_walk_in_starts_received_as_if_received_from_a_booking() {
        let step = walk_in();
        assert_moves(step, VisitState::Booked, Step::Receive, VisitState::Received);
        assert_eq!(target(step.from(), step.step()), Some(step.to()));
    }
}

// ===========================================================================
// The repair order

mod repair_order {
    use super::*;

    #[test]
    fn the_order_is_written_while_the_vehicle_is_received() {
        let typed = OrderInput {
            lines: vec![
                LineInput { description: " 40000公里常规保养 ".into(), ..labour("", 150, 18_000) },
                LineInput { part_number: " 06L115562B ".into(), ..part(" 机油滤清器", "", 100, 8_550) },
            ],
            ..order_input()
        };
        let kept = write_order(&visit(VisitState::Received), &typed, now()).expect("allowed");
        assert_eq!(kept.lines[0].description, "40000公里常规保养");
        assert_eq!(kept.lines[1].description, "机油滤清器");
        assert_eq!(kept.lines[1].part_number, "06L115562B");
        assert_eq!(kept.promised_at, today_at(16, 0));
        assert!(kept.customer_confirmed);
    }

    #[test]
    fn labour_is_always_genuine_and_a_part_keeps_what_the_advisor_said() {
        let lines = vec![
            labour("更换刹车油", 50, 18_000),
            LineInput { genuine: false, ..part("雨刮片", "3G1955425", 200, 9_500) },
        ];
        let kept = write_order(&visit(VisitState::Received), &OrderInput { lines, ..order_input() }, now())
            .expect("ok");
        assert!(kept.lines[0].genuine, "labour counts as genuine");
        assert_eq!(kept.lines[0].part_number, "", "labour has no part number");
        assert!(!kept.lines[1].genuine, "a non-genuine part stays marked");
    }

    #[test]
    fn labour_keeps_no_part_number_even_if_one_was_typed() {
        let lines = vec![LineInput { part_number: "XYZ".into(), ..labour("四轮定位", 100, 18_000) }];
        let kept = write_order(&visit(VisitState::Received), &OrderInput { lines, ..order_input() }, now())
            .expect("ok");
        assert_eq!(kept.lines[0].part_number, "");
    }

    #[test]
    fn the_order_cannot_be_written_before_reception_or_once_the_repair_started() {
        for state in VisitState::ALL.into_iter().filter(|&s| s != VisitState::Received) {
            let invalid = refused_with(
                write_order(&visit(state), &order_input(), now()),
                &[(ErrorKind::InvalidState, "state")],
            );
            assert!(invalid.0[0].message.contains(&format!("this visit is {}", spoken(state))));
        }
    }

    #[test]
    fn a_zero_quantity_part_is_refused_at_its_line() {
        let mut order = order_input();
        order.lines[1].quantity_centi = 0;
        refused_with(
            write_order(&visit(VisitState::Received), &order, now()),
            &[(ErrorKind::OutOfRange, "lines.1.quantity")],
        );
    }

    #[test]
    fn zero_hours_of_labour_are_refused() {
        let mut order = order_input();
        order.lines[0].quantity_centi = 0;
        refused_with(
            write_order(&visit(VisitState::Received), &order, now()),
            &[(ErrorKind::OutOfRange, "lines.0.hours")],
        );
    }

    #[test]
    fn a_labour_rate_of_zero_or_less_is_refused() {
        for rate in [0, -18_000] {
            let mut order = order_input();
            order.lines[0].unit_price = Fen(rate);
            refused_with(
                write_order(&visit(VisitState::Received), &order, now()),
                &[(ErrorKind::OutOfRange, "lines.0.rate")],
            );
        }
    }

    #[test]
    fn a_part_price_of_zero_or_less_is_refused() {
        for price in [0, -1] {
            let order = OrderInput {
                lines: vec![part("机油滤清器", "06L115562B", 100, price)],
                ..order_input()
            };
            refused_with(
                write_order(&visit(VisitState::Received), &order, now()),
                &[(ErrorKind::OutOfRange, "lines.0.unitPrice")],
            );
        }
    }

    #[test]
    fn quantities_and_prices_have_an_upper_limit() {
        let received = visit(VisitState::Received);
        let biggest =
            OrderInput { lines: vec![part("螺栓", "N10", 10_000_000, 10_000_000_000)], ..order_input() };
        assert!(write_order(&received, &biggest, now()).is_ok());
        let too_many = OrderInput { lines: vec![part("螺栓", "N10", 10_000_001, 100)], ..order_input() };
        refused_with(
            write_order(&received, &too_many, now()),
            &[(ErrorKind::OutOfRange, "lines.0.quantity")],
        );
        let too_dear =
            OrderInput { lines: vec![part("螺栓", "N10", 100, 10_000_000_001)], ..order_input() };
        refused_with(
            write_order(&received, &too_dear, now()),
            &[(ErrorKind::OutOfRange, "lines.0.unitPrice")],
        );
    }

    #[test]
    fn a_part_needs_its_part_number() {
        let order = OrderInput { lines: vec![part("机油滤清器", "  ", 100, 8_550)], ..order_input() };
        refused_with(
            write_order(&visit(VisitState::Received), &order, now()),
            &[(ErrorKind::Required, "lines.0.partNumber")],
        );
    }

    #[test]
    fn every_line_needs_a_description() {
        let order = OrderInput {
            lines: vec![labour("保养", 100, 18_000), labour(" ", 100, 18_000)],
            ..order_input()
        };
        refused_with(
            write_order(&visit(VisitState::Received), &order, now()),
            &[(ErrorKind::Required, "lines.1.description")],
        );
    }

    #[test]
    fn an_empty_order_is_refused() {
        let order = OrderInput { lines: Vec::new(), ..order_input() };
        refused_with(
            write_order(&visit(VisitState::Received), &order, now()),
            &[(ErrorKind::Required, "lines")],
        );
    }

    #[test]
    fn a_promised_time_now_or_in_the_past_is_refused() {
        for promised_at in [now(), today_at(9, 0), yesterday_at(17, 0)] {
            let order = OrderInput { promised_at, ..order_input() };
            refused_with(
                write_order(&visit(VisitState::Received), &order, now()),
                &[(ErrorKind::InThePast, "promisedAt")],
            );
        }
        let soon = OrderInput { promised_at: now() + chrono::Duration::minutes(1), ..order_input() };
        assert!(write_order(&visit(VisitState::Received), &soon, now()).is_ok());
    }

    #[test]
    fn every_problem_of_the_order_is_reported_at_once() {
        let order = OrderInput {
            lines: vec![labour("四轮定位", 100, 0), part("刹车片", "", 0, 68_000)],
            promised_at: now(),
            customer_confirmed: false,
            version: None,
        };
        refused_with(
            write_order(&visit(VisitState::InRepair), &order, now()),
            &[
                (ErrorKind::InvalidState, "state"),
                (ErrorKind::OutOfRange, "lines.0.rate"),
                (ErrorKind::Required, "lines.1.partNumber"),
                (ErrorKind::OutOfRange, "lines.1.quantity"),
                (ErrorKind::InThePast, "promisedAt"),
            ],
        );
    }

    #[test]
    fn an_empty_order_in_the_wrong_state_reports_both() {
        let order = OrderInput { lines: Vec::new(), ..order_input() };
        refused_with(
            write_order(&visit(VisitState::Booked), &order, now()),
            &[(ErrorKind::InvalidState, "state"), (ErrorKind::Required, "lines")],
        );
    }
}

mod order_arithmetic {
    use super::*;

    #[test]
    fn a_line_is_price_times_quantity_in_hundredths() {
        assert_eq!(line_amount(Fen(18_000), 150), Some(Fen(27_000)), "1.5 h at ¥180");
        assert_eq!(line_amount(Fen(8_550), 100), Some(Fen(8_550)), "one filter");
        assert_eq!(line_amount(Fen(9_800), 450), Some(Fen(44_100)), "4.5 l of oil");
        assert_eq!(line_amount(Fen(190), 2 * 7 * 8 * 10 * 100), Some(Fen(212_800)));
    }

    #[test]
    fn a_line_is_rounded_half_up_to_the_fen() {
        assert_eq!(line_amount(Fen(333), 50), Some(Fen(167)), "166.5 fen");
        assert_eq!(line_amount(Fen(333), 49), Some(Fen(163)), "163.17 fen");
        assert_eq!(line_amount(Fen(1), 49), Some(Fen(0)), "0.49 fen");
        assert_eq!(line_amount(Fen(1), 50), Some(Fen(1)), "0.5 fen");
        assert_eq!(line_amount(Fen(1), 150), Some(Fen(2)), "1.5 fen");
        assert_eq!(line_amount(Fen(18_000), 33), Some(Fen(5_940)), "0.33 h");
        assert_eq!(line_amount(Fen(12_345), 25), Some(Fen(3_086)), "3086.25 fen");
    }

    #[test]
    fn a_line_too_big_to_compute_has_no_amount() {
        assert_eq!(line_amount(Fen(i64::MAX), 2), None);
        assert_eq!(line_amount(Fen(i64::MAX / 2), 100), None);
    }

    #[test]
    fn the_service_order_adds_up_with_13_percent_tax_rounded_half_up() {
        let sums = totals(&service_lines(), 1300);
        assert_eq!(
            sums,
            Totals {
                labour: Fen(27_000),
                parts: Fen(52_650),
                subtotal: Fen(79_650),
                tax: Fen(10_355), // 10,354.5 fen
                total: Fen(90_005),
            }
        );
        assert_eq!(visit(VisitState::Ready).totals, sums);
    }

    #[test]
    fn tax_is_rounded_half_up_in_basis_points() {
        let one_part = |price: i64| vec![order_line(1, LineKind::Part, "垫片", "N0138157", 100, price)];
        assert_eq!(totals(&one_part(5), 1000).tax, Fen(1), "0.5 fen");
        assert_eq!(totals(&one_part(4), 1000).tax, Fen(0), "0.4 fen");
        assert_eq!(totals(&one_part(50), 1300).tax, Fen(7), "6.5 fen");
        assert_eq!(totals(&one_part(10_000), 600).tax, Fen(600), "6%");
        assert_eq!(totals(&one_part(10_001), 1).tax, Fen(1), "1.0001 fen");
        assert_eq!(totals(&one_part(9_999), 0).tax, Fen(0), "tax-free");
        assert_eq!(totals(&one_part(9_999), 0).total, Fen(9_999));
    }

    #[test]
    fn an_order_without_lines_sums_to_nothing() {
        assert_eq!(totals(&[], 1300), Totals::default());
    }

    #[test]
    fn only_approved_extra_work_counts_towards_the_total() {
        let mut v = visit(VisitState::InRepair);
        v = with_extra_work(v, 1, ExtraWorkStatus::Approved);
        v = with_extra_work(v, 2, ExtraWorkStatus::AwaitingApproval);
        v = with_extra_work(v, 3, ExtraWorkStatus::Declined);
        let counted: Vec<LineId> = v.counted_lines().map(|l| l.id).collect();
        assert_eq!(counted, [LineId(1), LineId(2), LineId(3), LineId(11)]);

        // 796.50 + 680.00 brake pads = 1,476.50; tax 191.945 → 191.95.
        assert_eq!(
            v.totals,
            Totals {
                labour: Fen(27_000),
                parts: Fen(120_650),
                subtotal: Fen(147_650),
                tax: Fen(19_195),
                total: Fen(166_845),
            }
        );
    }

    #[test]
    fn a_line_of_extra_work_the_visit_does_not_know_does_not_count() {
        let mut v = visit(VisitState::InRepair);
        let mut stray = order_line(20, LineKind::Part, "刹车盘", "5QD615301", 200, 45_000);
        stray.extra_work_id = Some(ExtraWorkId(99));
        v.order.lines.push(stray);
        let counted: Vec<LineId> = v.counted_lines().map(|l| l.id).collect();
        assert_eq!(counted, [LineId(1), LineId(2), LineId(3)]);
    }
}

// ===========================================================================
// Repair

mod repair {
    use super::*;

    #[test]
    fn the_repair_starts_on_a_confirmed_order() {
        let step = start_repair(&visit(VisitState::Received)).expect("allowed").expect("a transition");
        assert_moves(step, VisitState::Received, Step::StartRepair, VisitState::InRepair);
    }

    #[test]
    fn the_repair_does_not_start_before_the_customer_confirmed() {
        let mut v = visit(VisitState::Received);
        v.order.confirmed_at = None;
        refused(start_repair(&v), ErrorKind::InvalidState, "customerConfirmed");
    }

    #[test]
    fn the_repair_does_not_start_on_an_empty_order() {
        let mut v = visit(VisitState::Received);
        v.order.lines.clear();
        refused(start_repair(&v), ErrorKind::InvalidState, "lines");
        v.order.confirmed_at = None;
        refused(start_repair(&v), ErrorKind::InvalidState, "lines");
    }

    #[test]
    fn assigning_another_technician_during_repair_is_no_state_change() {
        assert_eq!(start_repair(&visit(VisitState::InRepair)), Ok(None));
    }

    #[test]
    fn the_repair_cannot_start_on_a_cancelled_visit_or_out_of_turn() {
        for state in [
            VisitState::Booked,
            VisitState::Prepared,
            VisitState::QualityCheck,
            VisitState::Ready,
            VisitState::HandedOver,
            VisitState::FollowedUp,
            VisitState::NoShow,
            VisitState::Cancelled,
        ] {
            let issue = refused(start_repair(&visit(state)), ErrorKind::InvalidState, "state");
            assert!(issue.message.contains(what_is_missing(Step::StartRepair)), "{}", issue.message);
        }
    }

    #[test]
    fn the_repair_is_finished_by_its_technician() {
        let step = finish_repair(&visit(VisitState::InRepair)).expect("allowed");
        assert_moves(step, VisitState::InRepair, Step::FinishRepair, VisitState::QualityCheck);
    }

    #[test]
    fn the_repair_cannot_be_finished_without_a_technician() {
        let mut v = visit(VisitState::InRepair);
        v.technician_id = None;
        v.technician_name = None;
        refused(finish_repair(&v), ErrorKind::InvalidState, "technicianId");
    }

    #[test]
    fn extra_work_awaiting_the_customer_blocks_finishing_the_repair() {
        let v = with_extra_work(visit(VisitState::InRepair), 1, ExtraWorkStatus::AwaitingApproval);
        refused(finish_repair(&v), ErrorKind::InvalidState, "extraWork");
    }

    #[test]
    fn decided_extra_work_does_not_block_finishing_the_repair() {
        let v = with_extra_work(visit(VisitState::InRepair), 1, ExtraWorkStatus::Approved);
        let v = with_extra_work(v, 2, ExtraWorkStatus::Declined);
        assert!(finish_repair(&v).is_ok());
    }

    #[test]
    fn a_repair_that_is_not_under_way_cannot_be_finished() {
        for state in VisitState::ALL.into_iter().filter(|&s| s != VisitState::InRepair) {
            refused(finish_repair(&visit(state)), ErrorKind::InvalidState, "state");
        }
    }
}

mod extra_work {
    use super::*;

    fn brake_pads() -> ExtraWorkInput {
        ExtraWorkInput {
            description: " 前刹车片磨损至2毫米，建议更换 ".into(),
            lines: vec![part("前刹车片", "5QD698151B", 100, 68_000), labour("更换前刹车片", 80, 18_000)],
        }
    }

    #[test]
    fn extra_work_found_during_repair_is_recorded_with_its_price() {
        let kept = find_extra_work(&visit(VisitState::InRepair), &brake_pads()).expect("allowed");
        assert_eq!(kept.description, "前刹车片磨损至2毫米，建议更换");
        assert_eq!(kept.lines.len(), 2);
        assert!(kept.lines[1].genuine);
    }

    #[test]
    fn extra_work_is_only_recorded_while_the_vehicle_is_in_repair() {
        for state in VisitState::ALL.into_iter().filter(|&s| s != VisitState::InRepair) {
            refused_with(
                find_extra_work(&visit(state), &brake_pads()),
                &[(ErrorKind::InvalidState, "state")],
            );
        }
    }

    #[test]
    fn extra_work_needs_a_description_and_a_priced_line() {
        let v = visit(VisitState::InRepair);
        let bare = ExtraWorkInput { description: "  ".into(), lines: Vec::new() };
        refused_with(
            find_extra_work(&v, &bare),
            &[(ErrorKind::Required, "description"), (ErrorKind::Required, "lines")],
        );
        let unpriced =
            ExtraWorkInput { lines: vec![part("前刹车片", "5QD698151B", 100, 0)], ..brake_pads() };
        refused_with(find_extra_work(&v, &unpriced), &[(ErrorKind::OutOfRange, "lines.0.unitPrice")]);
    }

    #[test]
    fn the_customer_decides_on_waiting_extra_work_during_repair() {
        let v = with_extra_work(visit(VisitState::InRepair), 1, ExtraWorkStatus::AwaitingApproval);
        assert_eq!(decide_extra_work(&v, ExtraWorkId(1)), Ok(()));
    }

    #[test]
    fn the_customer_decides_only_once() {
        let v = with_extra_work(visit(VisitState::InRepair), 1, ExtraWorkStatus::Approved);
        let v = with_extra_work(v, 2, ExtraWorkStatus::Declined);
        for id in [1, 2] {
            let issue =
                refused(decide_extra_work(&v, ExtraWorkId(id)), ErrorKind::InvalidState, "extraWorkId");
            assert!(issue.message.contains("already decided"), "{}", issue.message);
        }
    }

    #[test]
    fn deciding_extra_work_the_visit_does_not_have_is_not_found() {
        let v = with_extra_work(visit(VisitState::InRepair), 1, ExtraWorkStatus::AwaitingApproval);
        refused(decide_extra_work(&v, ExtraWorkId(7)), ErrorKind::NotFound, "extraWorkId");
        refused(
            decide_extra_work(&visit(VisitState::InRepair), ExtraWorkId(1)),
            ErrorKind::NotFound,
            "extraWorkId",
        );
    }

    #[test]
    fn extra_work_is_only_decided_while_the_vehicle_is_in_repair() {
        let mut v = with_extra_work(visit(VisitState::InRepair), 1, ExtraWorkStatus::AwaitingApproval);
        v.state = VisitState::QualityCheck;
        refused(decide_extra_work(&v, ExtraWorkId(1)), ErrorKind::InvalidState, "state");
    }
}

// ===========================================================================
// Quality check

mod quality_control {
    use super::*;

    const ITEM_FIELDS: [&str; 9] = [
        "items.inTime",
        "items.allWorkDone",
        "items.roadTest",
        "items.cleanliness",
        "items.parked",
        "items.advisorSigned",
        "items.orderMatchesWork",
        "items.openProblemsNoted",
        "items.serviceBookStamped",
    ];

    #[test]
    fn a_passed_check_with_a_parking_place_makes_the_vehicle_ready() {
        let input = QcInput { parking_location: "  B区12号车位 ".into(), ..qc_passed() };
        let (step, kept) = quality_check(&visit(VisitState::QualityCheck), &input).expect("passed");
        assert_moves(step, VisitState::QualityCheck, Step::PassQc, VisitState::Ready);
        assert_eq!(kept.parking_location, "B区12号车位");
        assert_eq!(kept.items, qc_items(QcResult::Pass));
    }

    #[test]
    fn the_answers_are_kept_in_checklist_order_with_their_notes_trimmed() {
        let mut input = qc_with(QcItem::OpenProblemsNoted, QcResult::Pass, "  左后轮胎花纹较浅，已告知 ");
        input.items.reverse();
        let (_, kept) = quality_check(&visit(VisitState::QualityCheck), &input).expect("passed");
        let order: Vec<QcItem> = kept.items.iter().map(|r| r.item).collect();
        assert_eq!(order, QcItem::ALL);
        assert_eq!(kept.items[7].note, "左后轮胎花纹较浅，已告知");
    }

    #[test]
    fn the_road_test_may_be_not_applicable() {
        let input = qc_with(QcItem::RoadTest, QcResult::NotApplicable, "");
        let (step, _) = quality_check(&visit(VisitState::QualityCheck), &input).expect("passed");
        assert_eq!(step.to(), VisitState::Ready);
    }

    #[test]
    fn only_the_road_test_may_be_not_applicable() {
        for (item, field) in QcItem::ALL.into_iter().zip(ITEM_FIELDS) {
            if item == QcItem::RoadTest {
                continue;
            }
            let input = qc_with(item, QcResult::NotApplicable, "");
            refused_with(
                quality_check(&visit(VisitState::QualityCheck), &input),
                &[(ErrorKind::OutOfRange, field)],
            );
        }
    }

    #[test]
    fn a_failed_item_sends_the_vehicle_back_to_repair() {
        let input = qc_with(QcItem::AllWorkDone, QcResult::Fail, "机油液位偏高，需重新调整");
        let (step, kept) = quality_check(&visit(VisitState::QualityCheck), &input).expect("recorded");
        assert_moves(step, VisitState::QualityCheck, Step::FailQc, VisitState::InRepair);
        assert_eq!(kept.items[1].result, QcResult::Fail);
    }

    #[test]
    fn a_failed_check_needs_no_parking_place() {
        let input = QcInput {
            parking_location: "  ".into(),
            ..qc_with(QcItem::Cleanliness, QcResult::Fail, "车内脚垫未清洁")
        };
        let (step, kept) = quality_check(&visit(VisitState::QualityCheck), &input).expect("recorded");
        assert_eq!(step.to(), VisitState::InRepair);
        assert_eq!(kept.parking_location, "");
    }

    #[test]
    fn a_failed_item_needs_a_note_saying_what_is_wrong() {
        let input = qc_with(QcItem::AllWorkDone, QcResult::Fail, "   ");
        refused_with(
            quality_check(&visit(VisitState::QualityCheck), &input),
            &[(ErrorKind::Required, "items.allWorkDone")],
        );
    }

    #[test]
    fn passing_needs_the_parking_place() {
        let input = QcInput { parking_location: " ".into(), ..qc_passed() };
        refused_with(
            quality_check(&visit(VisitState::QualityCheck), &input),
            &[(ErrorKind::Required, "parkingLocation")],
        );
    }

    #[test]
    fn every_item_needs_an_answer() {
        let mut input = qc_passed();
        input.items.retain(|r| r.item != QcItem::RoadTest);
        refused_with(
            quality_check(&visit(VisitState::QualityCheck), &input),
            &[(ErrorKind::Required, "items.roadTest")],
        );

        let nothing = QcInput { items: Vec::new(), ..qc_passed() };
        let expected: Vec<(ErrorKind, &str)> =
            ITEM_FIELDS.iter().map(|&f| (ErrorKind::Required, f)).collect();
        refused_with(quality_check(&visit(VisitState::QualityCheck), &nothing), &expected);
    }

    #[test]
    fn an_item_answered_twice_is_refused() {
        let mut input = qc_passed();
        input.items.push(QcItemResult {
            item: QcItem::Cleanliness,
            result: QcResult::Fail,
            note: "座椅有污渍".into(),
        });
        refused_with(
            quality_check(&visit(VisitState::QualityCheck), &input),
            &[(ErrorKind::Required, "items.cleanliness")],
        );
    }

    #[test]
    fn long_notes_and_parking_places_are_refused() {
        let input = QcInput {
            parking_location: "车".repeat(101),
            ..qc_with(QcItem::InTime, QcResult::Pass, &"注".repeat(501))
        };
        refused_with(
            quality_check(&visit(VisitState::QualityCheck), &input),
            &[(ErrorKind::TooLong, "items.inTime"), (ErrorKind::TooLong, "parkingLocation")],
        );
    }

    #[test]
    fn the_check_is_refused_unless_the_repair_is_finished() {
        for state in VisitState::ALL.into_iter().filter(|&s| s != VisitState::QualityCheck) {
            let invalid = refused_with(
                quality_check(&visit(state), &qc_passed()),
                &[(ErrorKind::InvalidState, "state")],
            );
            assert!(invalid.0[0].message.contains(what_is_missing(Step::PassQc)), "{}", invalid.0[0].message);
        }
        let failing = qc_with(QcItem::RoadTest, QcResult::Fail, "方向盘跑偏");
        refused_with(
            quality_check(&visit(VisitState::InRepair), &failing),
            &[(ErrorKind::InvalidState, "state")],
        );
    }

    #[test]
    fn every_problem_of_the_check_is_reported_at_once() {
        let mut input = qc_with(QcItem::Parked, QcResult::NotApplicable, "");
        input.items.retain(|r| r.item != QcItem::InTime);
        input.parking_location = String::new();
        refused_with(
            quality_check(&visit(VisitState::Ready), &input),
            &[
                (ErrorKind::InvalidState, "state"),
                (ErrorKind::Required, "items.inTime"),
                (ErrorKind::OutOfRange, "items.parked"),
                (ErrorKind::Required, "parkingLocation"),
            ],
        );
    }
}

// ===========================================================================
// Handover and follow-up

mod handover {
    use super::*;

    #[test]
    fn a_ready_vehicle_is_handed_over_when_everything_is_done() {
        let ready = visit(VisitState::Ready);
        let input = HandoverInput { invoice_number: "  44020261122 ".into(), ..handover_input(&ready) };
        let (step, kept) = hand_over(&ready, &input, today()).expect("allowed");
        assert_moves(step, VisitState::Ready, Step::HandOver, VisitState::HandedOver);
        assert_eq!(kept.invoice_number, "44020261122");
        assert_eq!(kept.explained_line_ids, [LineId(1), LineId(2), LineId(3)]);
        assert_eq!(kept.amount_paid, Fen(90_005));
        assert_eq!(kept.payment_method, PaymentMethod::WeChatPay);
    }

    #[test]
    fn handover_before_the_quality_check_passed_is_refused() {
        let v = visit(VisitState::QualityCheck);
        let invalid =
            refused_with(hand_over(&v, &handover_input(&v), today()), &[(ErrorKind::InvalidState, "state")]);
        assert!(invalid.0[0].message.contains("the quality check must pass first"));
    }

    #[test]
    fn only_a_ready_vehicle_can_be_handed_over() {
        for state in VisitState::ALL.into_iter().filter(|&s| s != VisitState::Ready) {
            let v = visit(state);
            let input = HandoverInput { next_service_km: None, ..handover_input(&v) };
            refused_with(hand_over(&v, &input, today()), &[(ErrorKind::InvalidState, "state")]);
        }
    }

    #[test]
    fn a_line_not_explained_to_the_customer_is_refused() {
        let ready = visit(VisitState::Ready);
        let input =
            HandoverInput { explained_line_ids: vec![LineId(1), LineId(3)], ..handover_input(&ready) };
        refused_with(hand_over(&ready, &input, today()), &[(ErrorKind::Required, "explainedLineIds")]);
    }

    #[test]
    fn approved_extra_work_must_be_explained_but_declined_need_not() {
        let ready = with_extra_work(visit(VisitState::Ready), 1, ExtraWorkStatus::Approved);
        let ready = with_extra_work(ready, 2, ExtraWorkStatus::Declined);
        let without_extra = HandoverInput {
            explained_line_ids: vec![LineId(1), LineId(2), LineId(3)],
            ..handover_input(&ready)
        };
        refused_with(
            hand_over(&ready, &without_extra, today()),
            &[(ErrorKind::Required, "explainedLineIds")],
        );

        let (_, kept) = hand_over(&ready, &handover_input(&ready), today()).expect("all explained");
        assert_eq!(kept.explained_line_ids, [LineId(1), LineId(2), LineId(3), LineId(11)]);
        assert_eq!(kept.amount_paid, Fen(166_845));
    }

    #[test]
    fn the_lines_kept_as_explained_are_the_ones_that_count() {
        let ready = with_extra_work(visit(VisitState::Ready), 2, ExtraWorkStatus::Declined);
        let input = HandoverInput {
            explained_line_ids: vec![LineId(12), LineId(3), LineId(2), LineId(1), LineId(99)],
            ..handover_input(&ready)
        };
        let (_, kept) = hand_over(&ready, &input, today()).expect("allowed");
        assert_eq!(kept.explained_line_ids, [LineId(1), LineId(2), LineId(3)]);
    }

    #[test]
    fn the_invoice_number_is_required() {
        let ready = visit(VisitState::Ready);
        let input = HandoverInput { invoice_number: "   ".into(), ..handover_input(&ready) };
        refused_with(hand_over(&ready, &input, today()), &[(ErrorKind::Required, "invoiceNumber")]);
        let long = HandoverInput { invoice_number: "4".repeat(41), ..handover_input(&ready) };
        refused_with(hand_over(&ready, &long, today()), &[(ErrorKind::TooLong, "invoiceNumber")]);
    }

    #[test]
    fn the_amount_paid_must_be_the_order_total_to_the_fen() {
        let ready = visit(VisitState::Ready);
        for paid in [Fen(90_004), Fen(90_006), Fen(79_650), Fen(0)] {
            let input = HandoverInput { amount_paid: paid, ..handover_input(&ready) };
            let invalid =
                refused_with(hand_over(&ready, &input, today()), &[(ErrorKind::OutOfRange, "amountPaid")]);
            assert!(invalid.0[0].message.contains("90005 fen"), "{}", invalid.0[0].message);
        }
    }

    #[test]
    fn the_next_service_date_must_be_in_the_future() {
        let ready = visit(VisitState::Ready);
        for date in [today(), day(2026, 11, 1)] {
            let input = HandoverInput { next_service_date: Some(date), ..handover_input(&ready) };
            refused_with(hand_over(&ready, &input, today()), &[(ErrorKind::InThePast, "nextServiceDate")]);
        }
        for date in [Some(day(2026, 11, 23)), None] {
            let input = HandoverInput { next_service_date: date, ..handover_input(&ready) };
            assert!(hand_over(&ready, &input, today()).is_ok(), "{date:?}");
        }
    }

    #[test]
    fn the_next_service_mileage_must_be_above_todays() {
        let ready = visit(VisitState::Ready);
        for km in [RECEPTION_KM, 30_000] {
            let input = HandoverInput { next_service_km: Some(km), ..handover_input(&ready) };
            let invalid =
                refused_with(hand_over(&ready, &input, today()), &[(ErrorKind::OutOfRange, "nextServiceKm")]);
            assert!(invalid.0[0].message.contains("40230 km"), "{}", invalid.0[0].message);
        }
        for km in [Some(RECEPTION_KM + 1), None] {
            let input = HandoverInput { next_service_km: km, ..handover_input(&ready) };
            assert!(hand_over(&ready, &input, today()).is_ok(), "{km:?}");
        }
    }

    #[test]
    fn the_customer_must_confirm_the_vehicles_condition() {
        let ready = visit(VisitState::Ready);
        let input = HandoverInput { condition_confirmed: false, ..handover_input(&ready) };
        refused_with(hand_over(&ready, &input, today()), &[(ErrorKind::Required, "conditionConfirmed")]);
    }

    #[test]
    fn every_payment_method_is_accepted() {
        let ready = visit(VisitState::Ready);
        for method in [
            PaymentMethod::Cash,
            PaymentMethod::BankCard,
            PaymentMethod::WeChatPay,
            PaymentMethod::Alipay,
            PaymentMethod::BankTransfer,
            PaymentMethod::Warranty,
            PaymentMethod::Insurance,
        ] {
            let input = HandoverInput { payment_method: method, ..handover_input(&ready) };
            let (_, kept) = hand_over(&ready, &input, today()).expect("allowed");
            assert_eq!(kept.payment_method, method);
        }
    }

    #[test]
    fn every_problem_of_the_handover_is_reported_at_once() {
        let v = visit(VisitState::QualityCheck);
        let input = HandoverInput {
            explained_line_ids: Vec::new(),
            invoice_number: String::new(),
            next_service_date: Some(today()),
            next_service_km: Some(RECEPTION_KM),
            payment_method: PaymentMethod::Cash,
            amount_paid: Fen(0),
            condition_confirmed: false,
        };
        refused_with(
            hand_over(&v, &input, today()),
            &[
                (ErrorKind::InvalidState, "state"),
                (ErrorKind::Required, "explainedLineIds"),
                (ErrorKind::Required, "invoiceNumber"),
                (ErrorKind::InThePast, "nextServiceDate"),
                (ErrorKind::OutOfRange, "nextServiceKm"),
                (ErrorKind::OutOfRange, "amountPaid"),
                (ErrorKind::Required, "conditionConfirmed"),
            ],
        );
    }
}

mod follow_up_call {
    use super::*;

    #[test]
    fn by_default_the_call_is_due_one_to_three_days_after_handover() {
        let window = follow_up_window(today(), &ServiceSettings::default());
        assert_eq!(window, (day(2026, 11, 23), day(2026, 11, 25)));
        assert_eq!(visit(VisitState::HandedOver).follow_up_due, Some(window));
    }

    #[test]
    fn the_window_runs_over_month_year_and_leap_day() {
        let settings = ServiceSettings::default();
        assert_eq!(follow_up_window(day(2026, 11, 29), &settings), (day(2026, 11, 30), day(2026, 12, 2)));
        assert_eq!(follow_up_window(day(2026, 12, 30), &settings), (day(2026, 12, 31), day(2027, 1, 2)));
        assert_eq!(follow_up_window(day(2028, 2, 28), &settings), (day(2028, 2, 29), day(2028, 3, 2)));
    }

    #[test]
    fn a_manager_can_change_the_window() {
        let same_day_to_a_week =
            ServiceSettings { follow_up_from_days: 0, follow_up_to_days: 7, ..ServiceSettings::default() };
        assert_eq!(follow_up_window(today(), &same_day_to_a_week), (today(), day(2026, 11, 29)));
        let one_day =
            ServiceSettings { follow_up_from_days: 2, follow_up_to_days: 2, ..ServiceSettings::default() };
        assert_eq!(follow_up_window(today(), &one_day), (day(2026, 11, 24), day(2026, 11, 24)));
    }

    #[test]
    fn a_handed_over_visit_is_followed_up() {
        let step = follow_up(&visit(VisitState::HandedOver)).expect("allowed");
        assert_moves(step, VisitState::HandedOver, Step::FollowUp, VisitState::FollowedUp);
    }

    #[test]
    fn only_a_handed_over_visit_is_followed_up_and_only_once() {
        for state in VisitState::ALL.into_iter().filter(|&s| s != VisitState::HandedOver) {
            let issue = refused(follow_up(&visit(state)), ErrorKind::InvalidState, "state");
            assert!(issue.message.contains(what_is_missing(Step::FollowUp)), "{}", issue.message);
        }
    }
}

// ===========================================================================
// The visit as read

mod overdue {
    use super::*;

    #[test]
    fn a_vehicle_still_in_the_workshop_after_the_promised_time_is_overdue() {
        for state in [VisitState::Received, VisitState::InRepair, VisitState::QualityCheck] {
            let v = visit(state); // promised for 16:00
            assert!(v.is_overdue(today_at(16, 1)), "{state:?}");
            assert!(!v.is_overdue(today_at(16, 0)), "{state:?}: at the promised time it is not late yet");
            assert!(!v.is_overdue(now()), "{state:?}");
        }
    }

    #[test]
    fn the_visit_as_shown_carries_whether_it_is_overdue_at_the_desks_clock() {
        let v = visit(VisitState::InRepair); // promised for 16:00
        assert!(v.clone().shown_at(today_at(16, 1)).overdue);
        assert!(!v.shown_at(today_at(15, 59)).overdue);
    }

    #[test]
    fn a_ready_or_handed_over_vehicle_is_never_overdue() {
        for state in [VisitState::Ready, VisitState::HandedOver, VisitState::FollowedUp] {
            assert!(!visit(state).is_overdue(tomorrow_at(9, 0)), "{state:?}");
        }
    }

    #[test]
    fn an_appointment_or_a_closed_visit_is_never_overdue() {
        for state in [VisitState::Booked, VisitState::Prepared, VisitState::NoShow, VisitState::Cancelled] {
            let mut v = visit(state);
            v.order.promised_at = Some(today_at(9, 0));
            assert!(!v.is_overdue(now()), "{state:?}");
        }
    }

    #[test]
    fn without_a_promised_time_nothing_is_overdue() {
        let mut v = visit(VisitState::InRepair);
        v.order.promised_at = None;
        assert!(!v.is_overdue(tomorrow_at(9, 0)));
    }
}

// ===========================================================================
// Service settings

mod service_settings {
    use super::*;

    #[test]
    fn the_default_settings_are_valid() {
        let settings = ServiceSettings::default();
        assert_eq!(settings.validate().expect("valid"), settings);
        assert_eq!((settings.opens, settings.closes, settings.slot_minutes), (time(8, 30), time(17, 30), 30));
        assert_eq!((settings.follow_up_from_days, settings.follow_up_to_days), (1, 3));
        assert_eq!(settings.tax_basis_points, 1300);
    }

    #[test]
    fn closing_must_come_after_opening() {
        for closes in [time(8, 30), time(8, 0)] {
            let settings = ServiceSettings { closes, ..ServiceSettings::default() };
            refused_with(settings.validate(), &[(ErrorKind::DateOrder, "closes")]);
        }
    }

    #[test]
    fn the_slot_length_is_one_of_the_usual_ones() {
        for minutes in [10, 15, 20, 30, 45, 60, 90, 120] {
            assert!(
                ServiceSettings { slot_minutes: minutes, ..ServiceSettings::default() }.validate().is_ok()
            );
        }
        for minutes in [0, 5, 25, 40, 180] {
            let settings = ServiceSettings { slot_minutes: minutes, ..ServiceSettings::default() };
            refused_with(settings.validate(), &[(ErrorKind::OutOfRange, "slotMinutes")]);
        }
    }

    #[test]
    fn numbers_out_of_range_are_refused_by_name() {
        let cases: [(ServiceSettings, &str); 8] = [
            (ServiceSettings { workshop_hours: 0, ..ServiceSettings::default() }, "workshopHours"),
            (ServiceSettings { workshop_hours: 2001, ..ServiceSettings::default() }, "workshopHours"),
            (ServiceSettings { labour_rate: Fen(0), ..ServiceSettings::default() }, "labourRate"),
            (ServiceSettings { labour_rate: Fen(10_000_001), ..ServiceSettings::default() }, "labourRate"),
            (ServiceSettings { tax_basis_points: 5001, ..ServiceSettings::default() }, "taxBasisPoints"),
            (
                ServiceSettings {
                    follow_up_from_days: 31,
                    follow_up_to_days: 40,
                    ..ServiceSettings::default()
                },
                "followUpFromDays",
            ),
            (ServiceSettings { follow_up_to_days: 61, ..ServiceSettings::default() }, "followUpToDays"),
            (ServiceSettings { labour_rate: Fen(-100), ..ServiceSettings::default() }, "labourRate"),
        ];
        for (settings, field) in cases {
            refused_with(settings.validate(), &[(ErrorKind::OutOfRange, field)]);
        }
        let edges = ServiceSettings {
            workshop_hours: 2000,
            labour_rate: Fen(10_000_000),
            tax_basis_points: 0,
            follow_up_from_days: 30,
            follow_up_to_days: 60,
            ..ServiceSettings::default()
        };
        assert!(edges.validate().is_ok());
    }

    #[test]
    fn the_follow_up_window_must_not_end_before_it_starts() {
        let settings =
            ServiceSettings { follow_up_from_days: 3, follow_up_to_days: 1, ..ServiceSettings::default() };
        refused_with(settings.validate(), &[(ErrorKind::DateOrder, "followUpToDays")]);
    }

    #[test]
    fn an_advisors_hours_must_end_after_they_start_and_be_given_once() {
        let settings = ServiceSettings {
            advisor_hours: vec![
                AdvisorHours { advisor_id: ADVISOR, from: time(13, 0), to: time(17, 0) },
                AdvisorHours { advisor_id: OTHER_ADVISOR, from: time(12, 0), to: time(12, 0) },
                AdvisorHours { advisor_id: ADVISOR, from: time(8, 30), to: time(12, 0) },
            ],
            ..ServiceSettings::default()
        };
        refused_with(
            settings.validate(),
            &[
                (ErrorKind::DateOrder, "advisorHours.1.to"),
                (ErrorKind::Duplicate, "advisorHours.2.advisorId"),
            ],
        );
    }

    #[test]
    fn every_problem_of_the_settings_is_reported_at_once() {
        let settings = ServiceSettings {
            dealership: "一汽-大众北京金港汽车服务".into(),
            opens: time(18, 0),
            closes: time(8, 0),
            slot_minutes: 7,
            workshop_hours: 0,
            labour_rate: Fen(0),
            tax_basis_points: 9000,
            follow_up_from_days: 5,
            follow_up_to_days: 2,
            advisor_hours: vec![AdvisorHours { advisor_id: ADVISOR, from: time(15, 0), to: time(9, 0) }],
        };
        refused_with(
            settings.validate(),
            &[
                (ErrorKind::DateOrder, "closes"),
                (ErrorKind::OutOfRange, "slotMinutes"),
                (ErrorKind::OutOfRange, "workshopHours"),
                (ErrorKind::OutOfRange, "labourRate"),
                (ErrorKind::OutOfRange, "taxBasisPoints"),
                (ErrorKind::DateOrder, "followUpToDays"),
                (ErrorKind::DateOrder, "advisorHours.0.to"),
            ],
        );
    }

    #[test]
    fn the_default_day_has_eighteen_half_hour_slots_from_half_past_eight() {
        let slots = ServiceSettings::default().slots();
        assert_eq!(slots.len(), 18);
        assert_eq!(slots.first(), Some(&time(8, 30)));
        assert_eq!(slots.get(1), Some(&time(9, 0)));
        assert_eq!(slots.last(), Some(&time(17, 0)));
    }

    #[test]
    fn the_last_slot_starts_before_closing_whatever_the_length() {
        let every_45 = ServiceSettings { slot_minutes: 45, ..ServiceSettings::default() }.slots();
        assert_eq!(every_45.len(), 12);
        assert_eq!(every_45.last(), Some(&time(16, 45)));
        let every_120 = ServiceSettings { slot_minutes: 120, ..ServiceSettings::default() }.slots();
        assert_eq!(every_120, [time(8, 30), time(10, 30), time(12, 30), time(14, 30), time(16, 30)]);
    }

    #[test]
    fn slots_stop_at_midnight_and_a_closed_day_has_none() {
        let late = ServiceSettings {
            opens: time(22, 0),
            closes: time(23, 59),
            slot_minutes: 120,
            ..ServiceSettings::default()
        };
        assert_eq!(late.slots(), [time(22, 0)]);
        let shut = ServiceSettings { closes: time(8, 30), ..ServiceSettings::default() };
        assert!(shut.slots().is_empty());
    }

    #[test]
    fn an_unsaved_zero_slot_length_still_gives_a_bounded_grid() {
        let zero = ServiceSettings { slot_minutes: 0, ..ServiceSettings::default() };
        let slots = zero.slots();
        assert_eq!(slots.len(), 200);
        assert_eq!(slots.get(1), Some(&time(8, 31)));
    }
}
