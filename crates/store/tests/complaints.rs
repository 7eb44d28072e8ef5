//! Complaints through the store, on temp databases, with the clock passed in:
//! escalation when the hour to assign passes, the serious flow to closing,
//! recovery, refusals that change nothing, the KPIs, and two desks at once —
//! each test on both engines (SQLite, and PostgreSQL when the test cluster is given).

#[path = "common/engines.rs"]
mod engines;

use caredesk_domain::archive::{CustomerInput, NewCustomer, VehicleInput};
use caredesk_domain::complaint::{
    Category, Cause, CauseInput, Channel, ComplaintInput, ComplaintState, ComplaintStep, EscalationReason,
    HardCase, RecoveryInput, RecoveryStep, Severity,
};
use caredesk_domain::staff::{AdminSetup, StaffInput};
use caredesk_domain::{Actor, CustomerId, ErrorKind, Fen, Role, StaffId};
use caredesk_store::engine::Write;
use caredesk_store::{Now, StoreError, complaints, customers, staff};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use engines::{Store, race};
use rusqlite::params;

/// 2026-11-22 10:00 in Beijing, plus `minutes`.
fn at(minutes: i64) -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap() + Duration::minutes(minutes), 8)
}

struct Shop {
    advisor: Actor,
    manager: Actor,
    /// A second service manager, at another desk.
    deputy: Actor,
    handler: Actor,
    disabled: StaffId,
    customer: CustomerId,
}

fn member(db: &mut Store, admin: &Actor, name: &str, login: &str, role: Role, active: bool) -> Actor {
    let input = StaffInput { name: name.into(), login: login.into(), role, active };
    let id = db.write(|tx| staff::create(tx, admin, &input, "correct horse battery", at(0))).unwrap();
    Actor { id, name: name.into(), role }
}

fn shop(db: &mut Store) -> Shop {
    let setup =
        AdminSetup {
            name: "赵建国".into(), login: "admin".into(), password: "correct horse battery".into()
        };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, at(0))).unwrap();
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    let advisor = member(db, &admin, "王丽", "wangli", Role::ServiceAdvisor, true);
    let manager = member(db, &admin, "张伟", "zhangwei", Role::ServiceManager, true);
    let deputy = member(db, &admin, "李娜", "lina", Role::ServiceManager, true);
    let handler = member(db, &admin, "刘强", "liuqiang", Role::Technician, true);
    let disabled = member(db, &admin, "离职员工", "leaver", Role::ServiceAdvisor, false).id;
    let new = NewCustomer {
        customer: CustomerInput {
            name: "王建国".into(),
            mobile: "13800138000".into(),
            ..CustomerInput::default()
        },
        vehicles: vec![VehicleInput {
            plate: "京A12345".into(),
            vin: "LFV2A21K767042918".into(),
            brand: "一汽-大众".into(),
            model: "迈腾".into(),
            ..VehicleInput::default()
        }],
    };
    let customer = db.write(|tx| customers::create(tx, &Actor::system(), &new, at(0))).unwrap();
    Shop { advisor, manager, deputy, handler, disabled, customer }
}

fn input(shop: &Shop, severity: Severity, hard_case: Option<HardCase>) -> ComplaintInput {
    ComplaintInput {
        customer_id: shop.customer,
        vehicle_id: None,
        visit_id: None,
        channel: Channel::Phone,
        severity,
        category: Category::Reliability,
        hard_case,
        description: "保养后第二天发动机故障灯又亮了".into(),
        request: "免费重新检查，并给个说法".into(),
    }
}

fn kinds(error: StoreError) -> Vec<(ErrorKind, Option<String>)> {
    error.issues().into_iter().map(|i| (i.kind, i.field)).collect()
}

#[test]
fn an_unassigned_serious_complaint_escalates_after_the_hour_and_follows_the_flow_to_closing() {
    for mut db in Store::each() {
        serious_flow(&mut db);
    }
}

fn serious_flow(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (advisor, manager, handler) = (shop.advisor.clone(), shop.manager.clone(), shop.handler.clone());
    let new = input(&shop, Severity::Serious, None);
    let id = db.write(|tx| complaints::register(tx, &advisor, &new, at(0))).unwrap();
    let complaint = db.read(|c| complaints::get(c, id)).unwrap();
    assert_eq!(complaint.number, "TS20261122-001", "{engine}");
    assert_eq!(complaint.received_by, "王丽", "the first-contact owner");
    assert_eq!(complaint.assign_due, Some(at(60).instant));

    // 59 minutes: nothing yet. 61 minutes: escalated to the manager, once.
    assert!(db.write(|tx| complaints::escalate_due(tx, at(59))).unwrap().is_empty());
    let raised = db.write(|tx| complaints::escalate_due(tx, at(61))).unwrap();
    assert_eq!(raised, [(id, EscalationReason::NotAssignedInTime)], "{engine}");
    assert!(db.write(|tx| complaints::escalate_due(tx, at(62))).unwrap().is_empty());
    assert_eq!(db.read(|c| complaints::escalated_open(c)).unwrap(), 1);

    // Assigning a disabled account is refused; the handler is assigned.
    let disabled = shop.disabled;
    let refused = db.write(|tx| complaints::assign(tx, &manager, id, disabled, None, at(70))).unwrap_err();
    assert_eq!(kinds(refused), [(ErrorKind::InvalidState, Some("handlerId".into()))]);
    db.write(|tx| complaints::assign(tx, &manager, id, handler.id, None, at(70))).unwrap();
    // Only the handler (or a manager) works it.
    let not_handler =
        db.write(|tx| complaints::step(tx, &advisor, id, ComplaintStep::Contact, "已致电", at(80)));
    assert_eq!(not_handler.unwrap_err().issues()[0].kind, ErrorKind::Forbidden);
    db.write(|tx| {
        complaints::step(tx, &handler, id, ComplaintStep::Contact, "已致电客户，约明早到店", at(80))
    })
    .unwrap();
    db.write(|tx| complaints::step(tx, &handler, id, ComplaintStep::Agree, "免费检查点火线圈", at(90)))
        .unwrap();

    // The five recovery steps; a negative compensation cost is refused.
    let step = |step, compensation: Option<&str>, cost: Option<i64>| RecoveryInput {
        step,
        done_on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        note: String::new(),
        compensation: compensation.map(str::to_owned),
        cost: cost.map(Fen),
        version: None,
    };
    let negative = step(RecoveryStep::SymbolicCompensation, Some("保养券"), Some(-100));
    let refused =
        db.write(|tx| complaints::record_recovery(tx, &handler, id, &negative, at(95))).unwrap_err();
    assert_eq!(kinds(refused), [(ErrorKind::OutOfRange, Some("cost".into()))]);
    for (s, what, cost) in [
        (RecoveryStep::Apology, None, None),
        (RecoveryStep::UrgentRestoration, None, None),
        (RecoveryStep::Empathy, None, None),
        (RecoveryStep::SymbolicCompensation, Some("赠送保养券一张"), Some(20_000)),
        (RecoveryStep::FollowUp, None, None),
    ] {
        db.write(|tx| complaints::record_recovery(tx, &handler, id, &step(s, what, cost), at(100))).unwrap();
    }
    // Ticking a step again corrects it, in place.
    let corrected = step(RecoveryStep::SymbolicCompensation, Some("赠送保养券两张"), Some(40_000));
    db.write(|tx| complaints::record_recovery(tx, &handler, id, &corrected, at(105))).unwrap();
    let recovery = db.read(|c| complaints::get(c, id)).unwrap().recovery;
    let compensation = recovery.iter().find(|r| r.step == RecoveryStep::SymbolicCompensation).unwrap();
    assert_eq!(
        (compensation.compensation.as_deref(), compensation.cost),
        (Some("赠送保养券两张"), Some(Fen(40_000))),
        "{engine}"
    );
    let cause = CauseInput {
        cause: Cause::Ours,
        root_cause: "更换火花塞后未检查点火线圈插头".into(),
        responsible_id: Some(handler.id),
        measure: "完工自检清单增加点火系统插头检查".into(),
        measure_owner_id: manager.id,
        check_on: NaiveDate::from_ymd_opt(2026, 12, 22).unwrap(),
        version: None,
    };
    db.write(|tx| complaints::record_cause(tx, &handler, id, &cause, at(110))).unwrap();

    // Resolved today; closing before the return call is refused.
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    db.write(|tx| complaints::resolve(tx, &handler, id, today, "更换点火线圈，故障排除", at(300))).unwrap();
    let early = db.write(|tx| complaints::close(tx, &manager, id, at(310))).unwrap_err();
    assert_eq!(early.issues()[0].kind, ErrorKind::InvalidState);
    db.write(|tx| complaints::step(tx, &handler, id, ComplaintStep::ReturnCall, "客户表示满意", at(1500)))
        .unwrap();
    db.write(|tx| complaints::close(tx, &manager, id, at(1510))).unwrap();

    let complaint = db.read(|c| complaints::get(c, id)).unwrap();
    assert_eq!(complaint.state, ComplaintState::Closed, "{engine}");
    assert_eq!(complaint.recovery.len(), 5);
    assert_eq!(complaint.escalations.len(), 1);
    assert_eq!(complaint.timeline.len(), 6);
    assert_eq!(complaint.cause.as_ref().map(|c| c.measure_owner.as_str()), Some("张伟"));
    assert_eq!(db.read(|c| complaints::escalated_open(c)).unwrap(), 0);
    assert_eq!(db.read(|c| complaints::closed_at(c, id)).unwrap(), Some(at(1510).instant));

    // One complaint, escalated: 0% one-time resolution, 100% escalation; 70 minutes to assign.
    let kpis = db.read(|c| complaints::kpis(c, today)).unwrap();
    assert_eq!((kpis.total, kpis.closed), (1, 1), "{engine}");
    assert_eq!(kpis.one_time_resolution_percent, Some(0.0));
    assert_eq!(kpis.escalation_percent, Some(100.0));
    assert_eq!(kpis.median_minutes_to_assign, Some(70));
    assert_eq!(kpis.median_minutes_to_close, Some(1510));
}

#[test]
fn a_minor_complaint_is_solved_on_the_spot_and_a_press_case_escalates_at_once() {
    for mut db in Store::each() {
        minor_and_press(&mut db);
    }
}

fn minor_and_press(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let advisor = shop.advisor.clone();
    let minor = input(&shop, Severity::Minor, None);
    let press = input(&shop, Severity::Serious, Some(HardCase::SociallyInfluential));
    let id = db.write(|tx| complaints::register(tx, &advisor, &minor, at(0))).unwrap();
    let empty = db.write(|tx| complaints::solve_on_the_spot(tx, &advisor, id, "  ", at(5))).unwrap_err();
    assert_eq!(kinds(empty), [(ErrorKind::Required, Some("solution".into()))]);
    db.write(|tx| complaints::solve_on_the_spot(tx, &advisor, id, "当场重新清洁车内", at(5))).unwrap();
    assert_eq!(db.read(|c| complaints::get(c, id)).unwrap().state, ComplaintState::Closed, "{engine}");

    let loud = db.write(|tx| complaints::register(tx, &advisor, &press, at(10))).unwrap();
    let complaint = db.read(|c| complaints::get(c, loud)).unwrap();
    assert_eq!(complaint.number, "TS20261122-002", "{engine}");
    assert_eq!(complaint.escalations[0].reason, EscalationReason::SociallyInfluential);
    assert_eq!(complaint.escalations[0].at, at(10).instant);
    let open: Vec<i64> = db.read(|c| complaints::list(c, true)).unwrap().iter().map(|k| k.id).collect();
    assert_eq!(open, [loud]);
    let all: Vec<i64> = db.read(|c| complaints::list(c, false)).unwrap().iter().map(|k| k.id).collect();
    assert_eq!(all, [loud, id], "newest first");
    assert_eq!(db.read(|c| complaints::escalated_open(c)).unwrap(), 1);
    assert_eq!(db.read(|c| complaints::unassigned_from_calls(c)).unwrap(), 0);

    let kpis = db.read(|c| complaints::kpis(c, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())).unwrap();
    assert_eq!((kpis.total, kpis.closed), (2, 1), "{engine}");
    assert_eq!(kpis.one_time_resolution_percent, Some(100.0));
    assert_eq!(kpis.escalation_percent, Some(50.0));
}

// ---------------------------------------------------------------------------
// Two desks at once: on PostgreSQL every desk writes at the same time, so what
// SQLite's single writer kept — one escalation, one number, one step after
// another — must hold there too.

/// `sql` selects one number, named `n`.
fn count(db: &mut Store, sql: &str) -> i64 {
    db.read(|c| c.one(sql, params![])?.get("n")).unwrap_or_else(|e| panic!("{}: {e}", db.engine()))
}

#[test]
fn an_escalation_noticed_by_two_desks_at_once_is_recorded_once() {
    for mut db in Store::each() {
        escalation_at_once(&mut db);
    }
}

fn escalation_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let new = input(&shop, Severity::Serious, None);
    let id = db.write(|tx| complaints::register(tx, &shop.advisor, &new, at(0))).unwrap();
    let mut desk = db.beside();
    // Both desks open the complaint screens after the hour to assign has passed.
    let (first, second) = race(
        db,
        &mut desk,
        |tx| complaints::escalate_due(tx, at(61)),
        |tx| complaints::escalate_due(tx, at(61)),
    );
    assert_eq!(first, [(id, EscalationReason::NotAssignedInTime)], "{engine}");
    assert_eq!(
        second.unwrap_or_else(|e| panic!("{engine}: {e}")),
        [],
        "{engine}: the second desk sees it done"
    );
    assert_eq!(db.read(|c| complaints::get(c, id)).unwrap().escalations.len(), 1);
    assert_eq!(count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'escalated'"), 1, "{engine}");
}

#[test]
fn two_desks_registering_at_once_get_different_numbers() {
    for mut db in Store::each() {
        numbers_at_once(&mut db);
    }
}

fn numbers_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let new = input(&shop, Severity::Serious, None);
    let mut desk = db.beside();
    let register = |tx: &dyn Write| complaints::register(tx, &shop.advisor, &new, at(0));
    let (first, second) = race(db, &mut desk, register, register);
    let second = second.unwrap_or_else(|e| panic!("{engine}: {e}"));
    let numbers: Vec<String> =
        [first, second].into_iter().map(|id| db.read(|c| complaints::get(c, id)).unwrap().number).collect();
    assert_eq!(numbers, ["TS20261122-001", "TS20261122-002"], "{engine}");
}

#[test]
fn two_managers_assigning_one_complaint_at_once_take_turns() {
    for mut db in Store::each() {
        assign_at_once(&mut db);
    }
}

fn assign_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let new = input(&shop, Severity::Serious, None);
    let id = db.write(|tx| complaints::register(tx, &shop.advisor, &new, at(0))).unwrap();
    let mut desk = db.beside();
    let (manager, handler) = (&shop.manager, shop.handler.id);
    let (_, second) = race(
        db,
        &mut desk,
        |tx| complaints::assign(tx, manager, id, handler, None, at(10)),
        |tx| complaints::assign(tx, manager, id, manager.id, None, at(10)),
    );
    // The second assignment saw the first one: a re-assignment, as one after the other.
    second.unwrap_or_else(|e| panic!("{engine}: {e}"));
    let complaint = db.read(|c| complaints::get(c, id)).unwrap();
    assert_eq!((complaint.state, complaint.handler.as_deref()), (ComplaintState::Assigned, Some("张伟")));
    let steps: Vec<(ComplaintState, String)> =
        complaint.timeline.iter().map(|e| (e.state, e.note.clone())).collect();
    assert_eq!(
        steps,
        [(ComplaintState::Assigned, "刘强".to_owned()), (ComplaintState::Assigned, "张伟".to_owned())],
        "{engine}"
    );
}

// ---------------------------------------------------------------------------
// Two desks editing one complaint: a save from a form filled before someone
// else's change is refused as stale, naming who changed it and when, and
// writes nothing.

fn cause(shop: &Shop, root_cause: &str, version: Option<DateTime<Utc>>) -> CauseInput {
    CauseInput {
        cause: Cause::Ours,
        root_cause: root_cause.into(),
        responsible_id: Some(shop.handler.id),
        measure: "完工自检清单增加点火系统插头检查".into(),
        measure_owner_id: shop.manager.id,
        check_on: NaiveDate::from_ymd_opt(2026, 12, 22).unwrap(),
        version,
    }
}

fn apology(note: &str, version: Option<DateTime<Utc>>) -> RecoveryInput {
    RecoveryInput {
        step: RecoveryStep::Apology,
        done_on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        note: note.into(),
        compensation: None,
        cost: None,
        version,
    }
}

fn version(db: &mut Store, id: i64) -> Option<DateTime<Utc>> {
    Some(db.read(|c| complaints::get(c, id)).unwrap().updated_at)
}

/// The refusal is `stale`, naming `who` and when, as the shell passes it on.
fn assert_stale(engine: &str, error: &StoreError, who: &str, when: Now) {
    let StoreError::Stale { by, at, .. } = error else { panic!("{engine}: {error:?}") };
    assert_eq!((by.as_str(), *at), (who, when.instant), "{engine}");
    let issue = &error.issues()[0];
    assert_eq!(issue.kind, ErrorKind::Stale, "{engine}");
    assert_eq!(issue.changed.as_ref().map(|c| (c.by.as_str(), c.at)), Some((who, when.instant)), "{engine}");
}

#[test]
fn a_cause_saved_from_a_form_filled_before_someone_elses_change_is_refused_as_stale() {
    for mut db in Store::each() {
        stale_cause(&mut db);
    }
}

fn stale_cause(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (manager, deputy) = (shop.manager.clone(), shop.deputy.clone());
    let id = db
        .write(|tx| complaints::register(tx, &shop.advisor, &input(&shop, Severity::Serious, None), at(0)))
        .unwrap();
    // Two managers open the complaint; 张伟 records the cause first.
    let read = version(db, id);
    db.write(|tx| {
        complaints::record_cause(tx, &manager, id, &cause(&shop, "未检查点火线圈插头", read), at(10))
    })
    .unwrap();
    // The hour to assign passes: the escalation is no one's edit and leaves the version alone.
    let after_cause = version(db, id);
    assert_eq!(db.write(|tx| complaints::escalate_due(tx, at(61))).unwrap().len(), 1, "{engine}");
    assert_eq!(version(db, id), after_cause, "{engine}");
    let trail = count(db, "SELECT count(*) AS n FROM audit_log");

    // 李娜 saves the cause she filled from the complaint as it was: refused, naming 张伟, not the escalation.
    let hers = cause(&shop, "客户误解保养项目", read);
    let error = db.write(|tx| complaints::record_cause(tx, &deputy, id, &hers, at(70))).unwrap_err();
    assert_stale(engine, &error, "张伟", at(10));
    // So are her choice of handler and her tick on the measure, made on the same page.
    let assigned =
        db.write(|tx| complaints::assign(tx, &deputy, id, shop.handler.id, read, at(70))).unwrap_err();
    assert_stale(engine, &assigned, "张伟", at(10));
    let checked = db.write(|tx| complaints::check_measure(tx, &deputy, id, read, at(70))).unwrap_err();
    assert_stale(engine, &checked, "张伟", at(10));
    let stored = db.read(|c| complaints::get(c, id)).unwrap();
    let record = stored.cause.as_ref().unwrap();
    assert_eq!((record.root_cause.as_str(), record.checked_at), ("未检查点火线圈插头", None), "{engine}");
    assert_eq!((stored.state, stored.handler.as_deref()), (ComplaintState::Received, None), "{engine}");
    assert_eq!(count(db, "SELECT count(*) AS n FROM audit_log"), trail, "{engine}");

    // Reloaded, her cause goes through — even on a clock that reads what 张伟's did.
    let reloaded = CauseInput { version: Some(stored.updated_at), ..hers };
    db.write(|tx| complaints::record_cause(tx, &deputy, id, &reloaded, at(10))).unwrap();
    // 张伟 ticks the measure he read before 李娜 recorded hers anew: refused; hers has not been checked.
    let checked =
        db.write(|tx| complaints::check_measure(tx, &manager, id, after_cause, at(80))).unwrap_err();
    assert_stale(engine, &checked, "李娜", at(10));
    let current = version(db, id);
    db.write(|tx| complaints::check_measure(tx, &manager, id, current, at(80))).unwrap();
    let record = db.read(|c| complaints::get(c, id)).unwrap().cause.unwrap();
    assert_eq!(
        (record.root_cause.as_str(), record.checked_at),
        ("客户误解保养项目", Some(at(80).instant)),
        "{engine}"
    );
}

#[test]
fn a_recovery_step_saved_from_a_form_filled_before_someone_elses_change_is_refused_as_stale() {
    for mut db in Store::each() {
        stale_recovery(&mut db);
    }
}

fn stale_recovery(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (manager, deputy) = (shop.manager.clone(), shop.deputy.clone());
    let id = db
        .write(|tx| complaints::register(tx, &shop.advisor, &input(&shop, Severity::Serious, None), at(0)))
        .unwrap();
    let read = version(db, id);
    db.write(|tx| complaints::record_recovery(tx, &manager, id, &apology("当面致歉", read), at(10))).unwrap();
    let error = db
        .write(|tx| complaints::record_recovery(tx, &deputy, id, &apology("电话致歉", read), at(20)))
        .unwrap_err();
    assert_stale(engine, &error, "张伟", at(10));
    let recovery = db.read(|c| complaints::get(c, id)).unwrap().recovery;
    assert_eq!(
        recovery.iter().map(|r| (r.note.as_str(), r.by.as_str())).collect::<Vec<_>>(),
        [("当面致歉", "张伟")]
    );
    // From the version now stored it goes through.
    let current = version(db, id);
    db.write(|tx| complaints::record_recovery(tx, &deputy, id, &apology("电话致歉", current), at(20)))
        .unwrap();
    assert_eq!(db.read(|c| complaints::get(c, id)).unwrap().recovery[0].by, "李娜", "{engine}");
}

#[test]
fn two_desks_saving_one_cause_from_the_same_version_at_once_the_second_is_refused_as_stale() {
    for mut db in Store::each() {
        stale_cause_at_once(&mut db);
    }
}

fn stale_cause_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let id = db
        .write(|tx| complaints::register(tx, &shop.advisor, &input(&shop, Severity::Serious, None), at(0)))
        .unwrap();
    let read = version(db, id);
    let (his, hers) = (cause(&shop, "未检查点火线圈插头", read), cause(&shop, "客户误解保养项目", read));
    let mut desk = db.beside();
    // Both on the same clock reading as the registration: the versions still differ.
    let (_, second) = race(
        db,
        &mut desk,
        |tx| complaints::record_cause(tx, &shop.manager, id, &his, at(0)),
        |tx| complaints::record_cause(tx, &shop.deputy, id, &hers, at(0)),
    );
    assert_stale(engine, &second.unwrap_err(), "张伟", at(0));
    let record = db.read(|c| complaints::get(c, id)).unwrap().cause.unwrap();
    assert_eq!(record.root_cause, "未检查点火线圈插头", "{engine}");
}

#[test]
fn every_change_to_a_complaint_gives_it_a_new_version_even_on_a_clock_that_stands_still() {
    for mut db in Store::each() {
        every_change_stamps(&mut db);
    }
}

fn every_change_stamps(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (manager, handler) = (shop.manager.clone(), shop.handler.clone());
    let t = at(10);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let id = db
        .write(|tx| complaints::register(tx, &shop.advisor, &input(&shop, Severity::Serious, None), t))
        .unwrap();
    let mut versions = vec![version(db, id)];
    type Change<'a> = Box<dyn Fn(&dyn Write) -> Result<(), StoreError> + 'a>;
    let changes: Vec<Change> = vec![
        Box::new(|tx| complaints::assign(tx, &manager, id, handler.id, None, t)),
        Box::new(|tx| complaints::step(tx, &handler, id, ComplaintStep::Contact, "已致电客户", t)),
        Box::new(|tx| complaints::record_recovery(tx, &handler, id, &apology("当面致歉", None), t)),
        Box::new(|tx| {
            complaints::record_cause(tx, &handler, id, &cause(&shop, "未检查点火线圈插头", None), t)
        }),
        Box::new(|tx| complaints::check_measure(tx, &manager, id, None, t)),
        Box::new(|tx| complaints::step(tx, &handler, id, ComplaintStep::Agree, "免费返修", t)),
        Box::new(|tx| complaints::resolve(tx, &handler, id, today, "更换点火线圈", t)),
        Box::new(|tx| complaints::step(tx, &handler, id, ComplaintStep::ReturnCall, "客户满意", t)),
        Box::new(|tx| complaints::close(tx, &manager, id, t)),
        Box::new(|tx| complaints::reopen(tx, &manager, id, "客户再次来电", t)),
    ];
    for change in &changes {
        db.write(|tx| change(tx)).unwrap_or_else(|e| panic!("{engine}: {e}"));
        versions.push(version(db, id));
    }
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{engine}: {versions:?}");
}

#[test]
fn a_late_assignment_is_named_by_who_made_it_not_by_the_escalation_it_recorded() {
    for mut db in Store::each() {
        stale_late_assignment(&mut db);
    }
}

fn stale_late_assignment(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (manager, deputy) = (shop.manager.clone(), shop.deputy.clone());
    let new = input(&shop, Severity::Serious, None);
    let id = db.write(|tx| complaints::register(tx, &shop.advisor, &new, at(0))).unwrap();
    let read = version(db, id);
    // 张伟 assigns the handler after the hour: the same transaction records the escalation.
    db.write(|tx| complaints::assign(tx, &manager, id, shop.handler.id, read, at(70))).unwrap();
    assert_eq!(db.read(|c| complaints::get(c, id)).unwrap().escalations.len(), 1, "{engine}");
    // 李娜, from the unassigned complaint, picks herself: refused, naming 张伟.
    let error = db.write(|tx| complaints::assign(tx, &deputy, id, deputy.id, read, at(75))).unwrap_err();
    assert_stale(engine, &error, "张伟", at(70));
    assert_eq!(db.read(|c| complaints::get(c, id)).unwrap().handler.as_deref(), Some("刘强"), "{engine}");
}
