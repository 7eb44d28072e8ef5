//! Complaints through the store, on temp databases, with the clock passed in:
//! escalation when the hour to assign passes, the serious flow to closing,
//! recovery, refusals that change nothing, and the KPIs.

use caredesk_domain::archive::{CustomerInput, NewCustomer, VehicleInput};
use caredesk_domain::complaint::{
    Category, Cause, CauseInput, Channel, ComplaintInput, ComplaintState, ComplaintStep, EscalationReason,
    HardCase, RecoveryInput, RecoveryStep, Severity,
};
use caredesk_domain::staff::{AdminSetup, StaffInput};
use caredesk_domain::{Actor, CustomerId, ErrorKind, Fen, Role, StaffId};
use caredesk_store::{Db, Now, StoreError, complaints, customers, staff};
use chrono::{Duration, NaiveDate, TimeZone, Utc};

/// 2026-11-22 10:00 in Beijing, plus `minutes`.
fn at(minutes: i64) -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap() + Duration::minutes(minutes), 8)
}

struct Shop {
    _dir: tempfile::TempDir,
    db: Db,
    advisor: Actor,
    manager: Actor,
    handler: Actor,
    disabled: StaffId,
    customer: CustomerId,
}

fn member(db: &mut Db, admin: &Actor, name: &str, login: &str, role: Role, active: bool) -> Actor {
    let input = StaffInput { name: name.into(), login: login.into(), role, active };
    let id = db.write(|tx| staff::create(tx, admin, &input, "correct horse battery", at(0))).unwrap();
    Actor { id, name: name.into(), role }
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("caredesk.sqlite")).unwrap();
    let setup =
        AdminSetup {
            name: "赵建国".into(), login: "admin".into(), password: "correct horse battery".into()
        };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, at(0))).unwrap();
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    let advisor = member(&mut db, &admin, "王丽", "wangli", Role::ServiceAdvisor, true);
    let manager = member(&mut db, &admin, "张伟", "zhangwei", Role::ServiceManager, true);
    let handler = member(&mut db, &admin, "刘强", "liuqiang", Role::Technician, true);
    let disabled = member(&mut db, &admin, "离职员工", "leaver", Role::ServiceAdvisor, false).id;
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
    Shop { _dir: dir, db, advisor, manager, handler, disabled, customer }
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
    let mut shop = shop();
    let (advisor, manager, handler) = (shop.advisor.clone(), shop.manager.clone(), shop.handler.clone());
    let new = input(&shop, Severity::Serious, None);
    let db = &mut shop.db;
    let id = db.write(|tx| complaints::register(tx, &advisor, &new, at(0))).unwrap();
    let complaint = complaints::get(db.conn(), id).unwrap();
    assert_eq!(complaint.number, "TS20261122-001");
    assert_eq!(complaint.received_by, "王丽", "the first-contact owner");
    assert_eq!(complaint.assign_due, Some(at(60).instant));

    // 59 minutes: nothing yet. 61 minutes: escalated to the manager, once.
    assert!(db.write(|tx| complaints::escalate_due(tx, at(59))).unwrap().is_empty());
    let raised = db.write(|tx| complaints::escalate_due(tx, at(61))).unwrap();
    assert_eq!(raised, [(id, EscalationReason::NotAssignedInTime)]);
    assert!(db.write(|tx| complaints::escalate_due(tx, at(62))).unwrap().is_empty());
    assert_eq!(complaints::escalated_open(db.conn()).unwrap(), 1);

    // Assigning a disabled account is refused; the handler is assigned.
    let disabled = shop.disabled;
    let refused = db.write(|tx| complaints::assign(tx, &manager, id, disabled, at(70))).unwrap_err();
    assert_eq!(kinds(refused), [(ErrorKind::InvalidState, Some("handlerId".into()))]);
    db.write(|tx| complaints::assign(tx, &manager, id, handler.id, at(70))).unwrap();
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
    let cause = CauseInput {
        cause: Cause::Ours,
        root_cause: "更换火花塞后未检查点火线圈插头".into(),
        responsible_id: Some(handler.id),
        measure: "完工自检清单增加点火系统插头检查".into(),
        measure_owner_id: manager.id,
        check_on: NaiveDate::from_ymd_opt(2026, 12, 22).unwrap(),
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

    let complaint = complaints::get(db.conn(), id).unwrap();
    assert_eq!(complaint.state, ComplaintState::Closed);
    assert_eq!(complaint.recovery.len(), 5);
    assert_eq!(complaint.escalations.len(), 1);
    assert_eq!(complaint.timeline.len(), 6);
    assert_eq!(complaints::escalated_open(db.conn()).unwrap(), 0);

    // One complaint, escalated: 0% one-time resolution, 100% escalation; 70 minutes to assign.
    let kpis = complaints::kpis(db.conn(), today).unwrap();
    assert_eq!((kpis.total, kpis.closed), (1, 1));
    assert_eq!(kpis.one_time_resolution_percent, Some(0.0));
    assert_eq!(kpis.escalation_percent, Some(100.0));
    assert_eq!(kpis.median_minutes_to_assign, Some(70));
    assert_eq!(kpis.median_minutes_to_close, Some(1510));
}

#[test]
fn a_minor_complaint_is_solved_on_the_spot_and_a_press_case_escalates_at_once() {
    let mut shop = shop();
    let advisor = shop.advisor.clone();
    let minor = input(&shop, Severity::Minor, None);
    let press = input(&shop, Severity::Serious, Some(HardCase::SociallyInfluential));
    let db = &mut shop.db;
    let id = db.write(|tx| complaints::register(tx, &advisor, &minor, at(0))).unwrap();
    let empty = db.write(|tx| complaints::solve_on_the_spot(tx, &advisor, id, "  ", at(5))).unwrap_err();
    assert_eq!(kinds(empty), [(ErrorKind::Required, Some("solution".into()))]);
    db.write(|tx| complaints::solve_on_the_spot(tx, &advisor, id, "当场重新清洁车内", at(5))).unwrap();
    assert_eq!(complaints::get(db.conn(), id).unwrap().state, ComplaintState::Closed);

    let loud = db.write(|tx| complaints::register(tx, &advisor, &press, at(10))).unwrap();
    let complaint = complaints::get(db.conn(), loud).unwrap();
    assert_eq!(complaint.escalations[0].reason, EscalationReason::SociallyInfluential);
    assert_eq!(complaint.escalations[0].at, at(10).instant);

    let kpis = complaints::kpis(db.conn(), NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).unwrap();
    assert_eq!((kpis.total, kpis.closed), (2, 1));
    assert_eq!(kpis.one_time_resolution_percent, Some(100.0));
    assert_eq!(kpis.escalation_percent, Some(50.0));
}
