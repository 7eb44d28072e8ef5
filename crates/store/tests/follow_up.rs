//! Follow-up calls through the store on temp databases: the day's list and its
//! row numbers, retries across days, the survey that follows the visit up, the
//! hot alert's complaint, refusals that write nothing, roles, and the report.

use caredesk_domain::archive::{CustomerInput, NewCustomer, VehicleInput};
use caredesk_domain::complaint::{Category, Channel};
use caredesk_domain::follow_up::{
    AnswerInput, AnswerKind, AttemptInput, CallFilter, CallStatus, Due, FollowUpSettings, Outcome,
    Questionnaire, SurveyInput,
};
use caredesk_domain::staff::{AdminSetup, StaffInput};
use caredesk_domain::visit::{
    HandoverInput, LineInput, LineKind, OrderInput, PaymentMethod, QcInput, QcItem, QcItemResult, QcResult,
    Reception, VisitState, WalkIn,
};
use caredesk_domain::{Actor, ErrorKind, Fen, FollowUpId, Role, VisitId};
use caredesk_store::{Db, Now, StoreError, complaints, customers, follow_up, staff, vehicles, visits};
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// 2026-11-23 10:00 in Beijing, plus `days` and `hours`.
fn at(days: i64, hours: i64) -> Now {
    Now::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap() + Duration::days(days) + Duration::hours(hours),
        8,
    )
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

struct Shop {
    _dir: tempfile::TempDir,
    db: Db,
    advisor: Actor,
    advisor2: Actor,
    foreman: Actor,
    inspector: Actor,
    caller: Actor,
    caller2: Actor,
    manager: Actor,
}

fn member(db: &mut Db, admin: &Actor, name: &str, login: &str, role: Role) -> Actor {
    let input = StaffInput { name: name.into(), login: login.into(), role, active: true };
    let id = db.write(|tx| staff::create(tx, admin, &input, "correct horse battery", at(0, 0))).unwrap();
    Actor { id, name: name.into(), role }
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("caredesk.sqlite")).unwrap();
    let setup =
        AdminSetup {
            name: "赵建国".into(), login: "admin".into(), password: "correct horse battery".into()
        };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, at(0, 0))).unwrap();
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    Shop {
        advisor: member(&mut db, &admin, "王丽", "wangli", Role::ServiceAdvisor),
        advisor2: member(&mut db, &admin, "孙悦", "sunyue", Role::ServiceAdvisor),
        foreman: member(&mut db, &admin, "刘强", "liuqiang", Role::Technician),
        inspector: member(&mut db, &admin, "陈静", "chenjing", Role::QcInspector),
        caller: member(&mut db, &admin, "李娜", "lina", Role::FollowUp),
        caller2: member(&mut db, &admin, "周敏", "zhoumin", Role::FollowUp),
        manager: member(&mut db, &admin, "张伟", "zhangwei", Role::ServiceManager),
        _dir: dir,
        db,
    }
}

fn vin(seed: u32) -> String {
    let mut chars: Vec<char> = format!("LFV2A21K7{:08}", 67_042_918 + seed).chars().collect();
    let raw: String = chars.iter().collect();
    chars[8] = caredesk_domain::validate::vin_check_digit(&raw).unwrap();
    chars.into_iter().collect()
}

/// A customer with a car, received as a walk-in by `advisor`, repaired, checked
/// and handed over at `when`.
fn handed_over(shop: &mut Shop, name: &str, n: u32, advisor: &Actor, when: Now) -> VisitId {
    let new = NewCustomer {
        customer: CustomerInput {
            name: name.into(),
            mobile: format!("139{:08}", 10_000_000 + n),
            ..CustomerInput::default()
        },
        vehicles: vec![VehicleInput {
            plate: format!("京A{:05}", 10_000 + n),
            vin: vin(n),
            brand: "一汽-大众".into(),
            model: "迈腾".into(),
            mileage_km: Some(40_000),
            ..VehicleInput::default()
        }],
    };
    let start = Now::at(when.instant - Duration::hours(4), 8);
    let customer = shop.db.write(|tx| customers::create(tx, &Actor::system(), &new, start)).unwrap();
    let vehicle = vehicles::of_customer(shop.db.conn(), customer).unwrap()[0].id;
    let walk_in = WalkIn {
        customer_id: customer,
        vehicle_id: vehicle,
        advisor_id: advisor.id,
        requested_work: "常规保养".into(),
        expected_minutes: 60,
        replacement_car: false,
        reception: Reception {
            mileage_km: 45_000,
            mileage_reason: None,
            fuel_eighths: 4,
            damages: vec![],
            valuables: String::new(),
            accessories: String::new(),
            concerns: "保养".into(),
        },
    };
    let (foreman, inspector) = (shop.foreman.clone(), shop.inspector.clone());
    let db = &mut shop.db;
    let id = db.write(|tx| visits::walk_in(tx, advisor, &walk_in, start)).unwrap();
    let order = OrderInput {
        lines: vec![LineInput {
            kind: LineKind::Labour,
            description: "更换机油机滤".into(),
            part_number: String::new(),
            quantity_centi: 100,
            unit_price: Fen(18_000),
            genuine: true,
        }],
        promised_at: (start.local + Duration::hours(3)),
        customer_confirmed: true,
    };
    db.write(|tx| visits::write_order(tx, advisor, id, &order, start)).unwrap();
    db.write(|tx| visits::start_repair(tx, &foreman, id, foreman.id, start)).unwrap();
    db.write(|tx| visits::finish_repair(tx, &foreman, id, start)).unwrap();
    let qc = QcInput {
        items: QcItem::ALL
            .into_iter()
            .map(|item| QcItemResult { item, result: QcResult::Pass, note: String::new() })
            .collect(),
        parking_location: "A1".into(),
    };
    db.write(|tx| visits::quality_check(tx, &inspector, id, &qc, start)).unwrap();
    let visit = visits::get(db.conn(), id).unwrap();
    let handover = HandoverInput {
        explained_line_ids: visit.counted_lines().map(|l| l.id).collect(),
        invoice_number: format!("FP{n}"),
        next_service_date: None,
        next_service_km: None,
        payment_method: PaymentMethod::Cash,
        amount_paid: visit.totals.total,
        condition_confirmed: true,
    };
    db.write(|tx| visits::hand_over(tx, advisor, id, &handover, when)).unwrap();
    id
}

fn call_of(shop: &Shop, visit: VisitId) -> FollowUpId {
    FollowUpId(
        shop.db
            .conn()
            .query_row("SELECT id FROM follow_up_calls WHERE visit_id = ?1", [visit.0], |r| r.get(0))
            .unwrap(),
    )
}

fn survey(factors: u8, others: &[(&str, u8)]) -> SurveyInput {
    let q = Questionnaire::default();
    let mut answers: Vec<AnswerInput> = q
        .questions
        .iter()
        .map(|x| AnswerInput {
            key: x.key.clone(),
            value: Some(if x.answer == AnswerKind::YesNo { 1 } else { factors }),
        })
        .collect();
    for (key, value) in others {
        answers.iter_mut().find(|a| a.key == *key).unwrap().value = Some(*value);
    }
    SurveyInput { answers, comment: String::new(), flagged: false }
}

fn reached(survey: SurveyInput) -> AttemptInput {
    AttemptInput { outcome: Outcome::Reached, call_back_at: None, note: String::new(), survey: Some(survey) }
}

fn outcome(outcome: Outcome) -> AttemptInput {
    AttemptInput { outcome, call_back_at: None, note: String::new(), survey: None }
}

fn kinds(error: StoreError) -> Vec<(ErrorKind, Option<String>)> {
    error.issues().into_iter().map(|i| (i.kind, i.field)).collect()
}

fn list(
    shop: &Shop,
    actor: &Actor,
    date: NaiveDate,
    today: NaiveDate,
) -> Vec<caredesk_domain::follow_up::FollowUpCall> {
    follow_up::list(shop.db.conn(), actor, &CallFilter { date, ..CallFilter::default() }, today).unwrap()
}

#[test]
fn a_handed_over_visit_is_on_the_list_from_its_due_day_and_the_survey_follows_it_up() {
    let mut shop = shop();
    let advisor = shop.advisor.clone();
    let caller = shop.caller.clone();
    let visit = handed_over(&mut shop, "王建国", 1, &advisor, at(0, 0));
    // Handed over on the 23rd: not on the 23rd's list, on the 24th's.
    assert!(list(&shop, &caller, day(23), day(23)).is_empty());
    let calls = list(&shop, &caller, day(24), day(24));
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!((call.row, call.due, call.status), (1, Due::Due, CallStatus::Open));
    assert_eq!((call.due_from, call.due_to), (day(24), day(26)));
    assert_eq!(call.customer_name, "王建国");
    assert_eq!(call.plate.as_deref(), Some("京A10001"));
    assert_eq!(call.work_done, "更换机油机滤");
    assert_eq!(call.advisor_name, "王丽");

    let complaint = shop
        .db
        .write(|tx| {
            follow_up::record_attempt(
                tx,
                &caller,
                call.id,
                &reached(survey(5, &[("initiative", 4)])),
                at(1, 1),
            )
        })
        .unwrap();
    assert_eq!(complaint, None);
    assert_eq!(visits::get(shop.db.conn(), visit).unwrap().state, VisitState::FollowedUp);
    let detail = follow_up::get(shop.db.conn(), &caller, call.id, day(24)).unwrap();
    assert_eq!(detail.call.status, CallStatus::Completed);
    assert_eq!(detail.call.caller_name.as_deref(), Some("李娜"), "recording an attempt takes the call");
    assert_eq!(detail.survey.as_ref().unwrap().csi, 9_750);
    assert_eq!(detail.survey.as_ref().unwrap().version, 1);
    assert_eq!(detail.attempts.len(), 1);
    // Done today, it keeps its row on today's list.
    assert_eq!(list(&shop, &caller, day(24), day(24))[0].row, 1);
    assert!(list(&shop, &caller, day(25), day(25)).is_empty());

    let report = follow_up::report(shop.db.conn(), &shop.manager, day(1), day(30), day(24)).unwrap();
    assert_eq!((report.surveys, report.csi), (1, Some(9_750)));
    assert_eq!((report.calls_closed, report.reached, report.completed_in_window), (1, 1, 1));
}

#[test]
fn not_reached_three_days_running_closes_the_call_as_unreachable() {
    let mut shop = shop();
    let advisor = shop.advisor.clone();
    let caller = shop.caller.clone();
    let visit = handed_over(&mut shop, "刘洋", 2, &advisor, at(0, 0));
    let id = call_of(&shop, visit);
    shop.db
        .write(|tx| follow_up::record_attempt(tx, &caller, id, &outcome(Outcome::NoAnswer), at(1, 0)))
        .unwrap();
    // Tried on the 24th: still on the 24th's list (worked today), due again on the 25th.
    assert_eq!(list(&shop, &caller, day(24), day(24))[0].due, Due::NotYet);
    assert_eq!(list(&shop, &caller, day(25), day(25))[0].next_on, day(25));
    shop.db
        .write(|tx| follow_up::record_attempt(tx, &caller, id, &outcome(Outcome::Busy), at(2, 0)))
        .unwrap();
    shop.db
        .write(|tx| follow_up::record_attempt(tx, &caller, id, &outcome(Outcome::NoAnswer), at(3, 0)))
        .unwrap();
    let detail = follow_up::get(shop.db.conn(), &caller, id, day(26)).unwrap();
    assert_eq!((detail.call.status, detail.call.attempts), (CallStatus::Unreachable, 3));
    assert!(list(&shop, &caller, day(27), day(27)).is_empty());
    assert_eq!(visits::get(shop.db.conn(), visit).unwrap().state, VisitState::HandedOver);
    // A closed call takes no more attempts.
    let again =
        shop.db.write(|tx| follow_up::record_attempt(tx, &caller, id, &outcome(Outcome::Busy), at(3, 1)));
    assert_eq!(kinds(again.unwrap_err()), [(ErrorKind::InvalidState, Some("status".into()))]);
}

#[test]
fn an_overdue_call_shows_as_overdue() {
    let mut shop = shop();
    let advisor = shop.advisor.clone();
    handed_over(&mut shop, "赵敏", 3, &advisor, at(0, 0));
    let calls = list(&shop, &shop.caller, day(28), day(28));
    assert_eq!(calls[0].due, Due::Overdue);
}

#[test]
fn a_low_score_opens_a_complaint_linked_to_the_visit() {
    let mut shop = shop();
    let advisor = shop.advisor.clone();
    let caller = shop.caller.clone();
    let visit = handed_over(&mut shop, "陈刚", 4, &advisor, at(0, 0));
    let id = call_of(&shop, visit);
    let opened = shop
        .db
        .write(|tx| {
            follow_up::record_attempt(tx, &caller, id, &reached(survey(5, &[("friendliness", 2)])), at(1, 0))
        })
        .unwrap()
        .expect("a complaint");
    let complaint = complaints::get(shop.db.conn(), opened.0).unwrap();
    assert_eq!(complaint.visit_id, Some(visit));
    assert_eq!(complaint.channel, Channel::FollowUpCall);
    assert_eq!(complaint.category, Category::Empathy);
    assert_eq!(complaint.received_by, "李娜");
    assert!(complaint.description.contains("客户友好度 2 分"), "{}", complaint.description);
    let detail = follow_up::get(shop.db.conn(), &caller, id, day(24)).unwrap();
    assert_eq!(detail.call.complaint_id, Some(opened));
    assert_eq!(detail.complaint_number, Some(complaint.number));
    assert_eq!(detail.survey.unwrap().csi, 8_800);
    let report = follow_up::report(shop.db.conn(), &shop.manager, day(1), day(30), day(24)).unwrap();
    assert_eq!(report.hot_alerts, 1);
    assert_eq!(report.alerts.len(), 1);
    assert_eq!(report.alerts[0].complaint_id, opened);
}

#[test]
fn a_refused_survey_writes_nothing() {
    let mut shop = shop();
    let advisor = shop.advisor.clone();
    let caller = shop.caller.clone();
    let visit = handed_over(&mut shop, "孙丽", 5, &advisor, at(0, 0));
    let id = call_of(&shop, visit);
    let bad = shop.db.write(|tx| {
        follow_up::record_attempt(
            tx,
            &caller,
            id,
            &reached(survey(5, &[("quality", 7), ("friendliness", 1)])),
            at(1, 0),
        )
    });
    assert_eq!(kinds(bad.unwrap_err()), [(ErrorKind::OutOfRange, Some("answers.quality".into()))]);
    let none =
        shop.db.write(|tx| follow_up::record_attempt(tx, &caller, id, &outcome(Outcome::Reached), at(1, 0)));
    assert_eq!(kinds(none.unwrap_err()), [(ErrorKind::Required, Some("survey".into()))]);
    let mut past = outcome(Outcome::CallBack);
    past.call_back_at = Some(at(1, -1).local);
    let past = shop.db.write(|tx| follow_up::record_attempt(tx, &caller, id, &past, at(1, 0)));
    assert_eq!(kinds(past.unwrap_err()), [(ErrorKind::InThePast, Some("callBackAt".into()))]);
    let conn = shop.db.conn();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM follow_up_attempts"), 0);
    assert_eq!(count("SELECT count(*) FROM follow_up_surveys"), 0);
    assert_eq!(count("SELECT count(*) FROM complaints"), 0);
    assert_eq!(count("SELECT attempts FROM follow_up_calls"), 0);
    assert_eq!(visits::get(conn, visit).unwrap().state, VisitState::HandedOver);
}

#[test]
fn a_call_back_is_due_on_its_day_and_keeps_the_call_open() {
    let mut shop = shop();
    let advisor = shop.advisor.clone();
    let caller = shop.caller.clone();
    let visit = handed_over(&mut shop, "周杰", 6, &advisor, at(0, 0));
    let id = call_of(&shop, visit);
    let mut input = outcome(Outcome::CallBack);
    let when: NaiveDateTime = day(25).and_hms_opt(19, 30, 0).unwrap();
    input.call_back_at = Some(when);
    shop.db.write(|tx| follow_up::record_attempt(tx, &caller, id, &input, at(1, 0))).unwrap();
    let call = &list(&shop, &caller, day(25), day(25))[0];
    assert_eq!((call.status, call.call_back_at, call.due), (CallStatus::Open, Some(when), Due::Due));
}

#[test]
fn row_numbers_are_the_days_whatever_the_filter_and_callers_take_calls() {
    let mut shop = shop();
    let (advisor, advisor2, caller, caller2, manager) = (
        shop.advisor.clone(),
        shop.advisor2.clone(),
        shop.caller.clone(),
        shop.caller2.clone(),
        shop.manager.clone(),
    );
    let first = handed_over(&mut shop, "一号", 11, &advisor, at(0, 0));
    let second = handed_over(&mut shop, "二号", 12, &advisor2, at(0, 1));
    let third = handed_over(&mut shop, "三号", 13, &advisor, at(0, 2));
    let ids: Vec<FollowUpId> = [first, second, third].iter().map(|v| call_of(&shop, *v)).collect();
    let filter = CallFilter { date: day(24), advisor_id: Some(advisor2.id), ..CallFilter::default() };
    let only = follow_up::list(shop.db.conn(), &manager, &filter, day(24)).unwrap();
    assert_eq!(only.iter().map(|c| (c.row, c.customer_name.as_str())).collect::<Vec<_>>(), [(2, "二号")]);

    // A caller takes two; the other may not take one of them, the manager may give it.
    shop.db.write(|tx| follow_up::assign(tx, &caller, &ids[..2], caller.id, at(1, 0))).unwrap();
    let taken = shop.db.write(|tx| follow_up::assign(tx, &caller2, &ids[1..2], caller2.id, at(1, 0)));
    assert_eq!(kinds(taken.unwrap_err()), [(ErrorKind::InvalidState, Some("ids".into()))]);
    let for_other = shop.db.write(|tx| follow_up::assign(tx, &caller2, &ids[2..], caller.id, at(1, 0)));
    assert_eq!(kinds(for_other.unwrap_err()), [(ErrorKind::Forbidden, Some("callerId".into()))]);
    shop.db.write(|tx| follow_up::assign(tx, &manager, &ids[1..2], caller2.id, at(1, 0))).unwrap();
    let mine = CallFilter { date: day(24), caller_id: Some(caller.id), ..CallFilter::default() };
    let rows: Vec<u32> =
        follow_up::list(shop.db.conn(), &caller, &mine, day(24)).unwrap().iter().map(|c| c.row).collect();
    assert_eq!(rows, [1]);
    let untaken = CallFilter { date: day(24), untaken: true, ..CallFilter::default() };
    let rows: Vec<u32> =
        follow_up::list(shop.db.conn(), &caller, &untaken, day(24)).unwrap().iter().map(|c| c.row).collect();
    assert_eq!(rows, [3]);
    // Someone else's call cannot be worked by another caller.
    let other =
        shop.db.write(|tx| follow_up::record_attempt(tx, &caller, ids[1], &outcome(Outcome::Busy), at(1, 0)));
    assert_eq!(kinds(other.unwrap_err()), [(ErrorKind::Forbidden, Some("callerId".into()))]);
}

#[test]
fn roles_advisors_see_their_own_and_only_callers_and_managers_call() {
    let mut shop = shop();
    let (advisor, advisor2) = (shop.advisor.clone(), shop.advisor2.clone());
    let mine = handed_over(&mut shop, "甲", 21, &advisor, at(0, 0));
    let theirs = handed_over(&mut shop, "乙", 22, &advisor2, at(0, 1));
    let seen: Vec<VisitId> = list(&shop, &advisor, day(24), day(24)).iter().map(|c| c.visit_id).collect();
    assert_eq!(seen, [mine]);
    let other = follow_up::get(shop.db.conn(), &advisor, call_of(&shop, theirs), day(24));
    assert_eq!(kinds(other.unwrap_err()), [(ErrorKind::Forbidden, None)]);
    let id = call_of(&shop, mine);
    let refused =
        shop.db.write(|tx| follow_up::record_attempt(tx, &advisor, id, &outcome(Outcome::Busy), at(1, 0)));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::Forbidden, None)]);
    let inspector = shop.inspector.clone();
    assert!(
        follow_up::list(
            shop.db.conn(),
            &inspector,
            &CallFilter { date: day(24), ..CallFilter::default() },
            day(24)
        )
        .is_err()
    );
}

#[test]
fn the_questionnaire_is_versioned_and_surveys_keep_their_version() {
    let mut shop = shop();
    let (advisor, caller, manager) = (shop.advisor.clone(), shop.caller.clone(), shop.manager.clone());
    let first = handed_over(&mut shop, "甲", 31, &advisor, at(0, 0));
    let second = handed_over(&mut shop, "乙", 32, &advisor, at(0, 1));
    let (first, second) = (call_of(&shop, first), call_of(&shop, second));
    shop.db
        .write(|tx| follow_up::record_attempt(tx, &caller, first, &reached(survey(4, &[])), at(1, 0)))
        .unwrap();

    // The manager reweighs: product problems 21% → 11%, pick-up 15% → 25%.
    let mut q = follow_up::questionnaire(shop.db.conn()).unwrap();
    q.questions.iter_mut().find(|x| x.key == "product").unwrap().weight_bp = Some(1100);
    let unbalanced = shop.db.write(|tx| follow_up::update_questionnaire(tx, &manager, &q, at(1, 1)));
    assert_eq!(kinds(unbalanced.unwrap_err()), [(ErrorKind::OutOfRange, Some("weights".into()))]);
    q.questions.iter_mut().find(|x| x.key == "pickup").unwrap().weight_bp = Some(2500);
    let refused = shop.db.write(|tx| follow_up::update_questionnaire(tx, &caller, &q, at(1, 1)));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::Forbidden, None)]);
    let saved = shop.db.write(|tx| follow_up::update_questionnaire(tx, &manager, &q, at(1, 1))).unwrap();
    assert_eq!(saved.version, 2);
    let again = shop.db.write(|tx| follow_up::update_questionnaire(tx, &manager, &saved, at(1, 1))).unwrap();
    assert_eq!(again.version, 2, "an unchanged questionnaire is no new version");

    shop.db
        .write(|tx| {
            follow_up::record_attempt(tx, &caller, second, &reached(survey(4, &[("pickup", 1)])), at(1, 2))
        })
        .unwrap();
    let old = follow_up::get(shop.db.conn(), &manager, first, day(24)).unwrap();
    assert_eq!((old.survey.unwrap().version, old.questionnaire.version), (1, 1));
    assert_eq!(old.questionnaire.question("product").unwrap().weight_bp, Some(2100));
    let new = follow_up::get(shop.db.conn(), &manager, second, day(24)).unwrap();
    let survey = new.survey.unwrap();
    assert_eq!(survey.version, 2);
    // All 4s but pick-up (25%) at 1: 75 − 25 × 3/4 = 56.25.
    assert_eq!(survey.csi, 5_625);
}

#[test]
fn settings_change_the_number_of_attempts_and_are_checked() {
    let mut shop = shop();
    let (advisor, caller, manager) = (shop.advisor.clone(), shop.caller.clone(), shop.manager.clone());
    let bad = FollowUpSettings { max_attempts: 0, alert_at_or_below: 2 };
    let refused = shop.db.write(|tx| follow_up::update_settings(tx, &manager, &bad, at(0, 0)));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::OutOfRange, Some("maxAttempts".into()))]);
    let one = FollowUpSettings { max_attempts: 1, alert_at_or_below: 2 };
    shop.db.write(|tx| follow_up::update_settings(tx, &manager, &one, at(0, 0))).unwrap();
    let visit = handed_over(&mut shop, "甲", 41, &advisor, at(0, 0));
    let id = call_of(&shop, visit);
    shop.db
        .write(|tx| follow_up::record_attempt(tx, &caller, id, &outcome(Outcome::Busy), at(1, 0)))
        .unwrap();
    assert_eq!(
        follow_up::get(shop.db.conn(), &caller, id, day(24)).unwrap().call.status,
        CallStatus::Unreachable
    );
    assert_eq!(follow_up::callers(shop.db.conn()).unwrap().len(), 3);
}
