//! Staff accounts, sign-in, the permission rules the store enforces itself,
//! and the audit trail, on temp databases — on both engines where the
//! functions run on both (staff, the audit trail).

#[path = "common/engines.rs"]
mod engines;

use caredesk_domain::archive::{CustomerInput, NewCustomer};
use caredesk_domain::audit::AuditAction;
use caredesk_domain::staff::{AdminSetup, StaffInput};
use caredesk_domain::{Actor, ErrorKind, Role, StaffId};
use caredesk_store::staff::{self, SignIn};
use caredesk_store::{Db, Now, StoreError, audit, customers};
use chrono::{Duration, TimeZone, Utc};
use engines::Store;

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn later(seconds: i64) -> Now {
    Now { instant: now().instant + Duration::seconds(seconds), ..now() }
}

fn kind_and_field(err: StoreError) -> (ErrorKind, Option<String>) {
    match err {
        StoreError::Invalid(invalid) => (invalid.0[0].kind, invalid.0[0].field.clone()),
        other => panic!("{other}"),
    }
}

/// An administrator and one member per role; returns them as actors.
fn team(db: &mut Store) -> Vec<Actor> {
    let setup =
        AdminSetup { name: "赵管理".into(), login: "admin".into(), password: "admin-demo-1".into() };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, now())).unwrap();
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    let mut actors = vec![admin.clone()];
    for (i, role) in Role::ALL.into_iter().filter(|r| *r != Role::Administrator).enumerate() {
        let input = StaffInput { name: format!("员工{i}"), login: format!("staff{i}"), role, active: true };
        let id = db.write(|tx| staff::create(tx, &admin, &input, "password-123", now())).unwrap();
        actors.push(Actor { id, name: input.name, role });
    }
    actors
}

fn by_role(actors: &[Actor], role: Role) -> Actor {
    actors.iter().find(|a| a.role == role).unwrap().clone()
}

fn customer(consent: bool) -> NewCustomer {
    NewCustomer {
        customer: CustomerInput {
            name: "王芳".into(),
            mobile: "13800138000".into(),
            marketing_consent: consent,
            ..CustomerInput::default()
        },
        vehicles: vec![],
    }
}

#[test]
fn the_first_start_creates_one_administrator() {
    for mut db in Store::each() {
        first_start(&mut db);
    }
}

fn first_start(db: &mut Store) {
    assert_eq!(db.read(|c| staff::count(c)).unwrap(), 0, "{}", db.engine());
    let weak = AdminSetup { name: "赵管理".into(), login: "admin".into(), password: "short".into() };
    let err = db.write(|tx| staff::create_administrator(tx, &weak, now())).unwrap_err();
    assert_eq!(kind_and_field(err), (ErrorKind::WeakPassword, Some("password".into())));
    team(db);
    let again = AdminSetup { name: "钱".into(), login: "other".into(), password: "another-pass".into() };
    let err = db.write(|tx| staff::create_administrator(tx, &again, now())).unwrap_err();
    assert_eq!(kind_and_field(err).0, ErrorKind::InvalidState);
}

fn attempt(db: &mut Store, login: &str, password: &str, at: Now) -> SignIn {
    db.write(|tx| staff::sign_in(tx, login, password, at)).unwrap()
}

fn refused(outcome: SignIn) -> ErrorKind {
    match outcome {
        SignIn::Refused(issue) => issue.kind,
        SignIn::Accepted(member) => panic!("{} was let in", member.login),
    }
}

#[test]
fn wrong_passwords_are_refused_and_slow_down_after_three() {
    for mut db in Store::each() {
        wrong_passwords(&mut db);
    }
    assert_eq!(staff::retry_delay(2), Duration::zero());
    assert_eq!(staff::retry_delay(3), Duration::seconds(5));
    assert_eq!(staff::retry_delay(4), Duration::seconds(10));
    assert_eq!(staff::retry_delay(40), Duration::seconds(60));
}

fn wrong_passwords(db: &mut Store) {
    let engine = db.engine();
    team(db);
    assert!(matches!(attempt(db, " ADMIN ", "admin-demo-1", now()), SignIn::Accepted(_)));
    assert_eq!(refused(attempt(db, "nobody", "whatever", now())), ErrorKind::WrongPassword);
    for i in 0..3 {
        assert_eq!(refused(attempt(db, "admin", "guess", later(i))), ErrorKind::WrongPassword);
    }
    // The fourth try, even with the right password, must wait.
    assert_eq!(refused(attempt(db, "admin", "admin-demo-1", later(3))), ErrorKind::TooManyAttempts);
    assert!(matches!(attempt(db, "admin", "admin-demo-1", later(2 + 6)), SignIn::Accepted(_)), "{engine}");
}

#[test]
fn a_disabled_account_cannot_sign_in() {
    for mut db in Store::each() {
        disabled(&mut db);
    }
}

fn disabled(db: &mut Store) {
    let actors = team(db);
    let admin = actors[0].clone();
    let advisor = by_role(&actors, Role::ServiceAdvisor);
    let member = db.read(|c| staff::get(c, advisor.id)).unwrap();
    let input =
        StaffInput { name: member.name, login: member.login.clone(), role: member.role, active: false };
    db.write(|tx| staff::update(tx, &admin, advisor.id, &input, now())).unwrap();
    assert_eq!(refused(attempt(db, &member.login, "password-123", now())), ErrorKind::AccountDisabled);
}

#[test]
fn the_last_administrator_stays() {
    for mut db in Store::each() {
        last_administrator(&mut db);
    }
}

fn last_administrator(db: &mut Store) {
    let actors = team(db);
    let admin = actors[0].clone();
    let demote = StaffInput {
        name: admin.name.clone(),
        login: "admin".into(),
        role: Role::ServiceManager,
        active: true,
    };
    let err = db.write(|tx| staff::update(tx, &admin, admin.id, &demote, now())).unwrap_err();
    assert_eq!(kind_and_field(err), (ErrorKind::InvalidState, Some("role".into())));
    let manager = by_role(&actors, Role::ServiceManager);
    let err = db.write(|tx| staff::update(tx, &manager, admin.id, &demote, now())).unwrap_err();
    assert_eq!(kind_and_field(err).0, ErrorKind::Forbidden);
}

#[test]
fn passwords_change_with_the_current_one_and_reset_by_the_administrator() {
    for mut db in Store::each() {
        passwords_change(&mut db);
    }
}

fn passwords_change(db: &mut Store) {
    let actors = team(db);
    let advisor = by_role(&actors, Role::ServiceAdvisor);
    let err = db
        .write(|tx| staff::change_own_password(tx, &advisor, "wrong", "new-password-1", now()))
        .unwrap_err();
    assert_eq!(kind_and_field(err), (ErrorKind::WrongPassword, Some("currentPassword".into())));
    db.write(|tx| staff::change_own_password(tx, &advisor, "password-123", "new-password-1", now())).unwrap();
    assert!(db.read(|c| staff::password_matches(c, advisor.id, "new-password-1")).unwrap());
    let err =
        db.write(|tx| staff::reset_password(tx, &advisor, actors[0].id, "x-password-9", now())).unwrap_err();
    assert_eq!(kind_and_field(err).0, ErrorKind::Forbidden);
    db.write(|tx| staff::reset_password(tx, &actors[0], advisor.id, "reset-pass-7", now())).unwrap();
    assert!(db.read(|c| staff::password_matches(c, advisor.id, "reset-pass-7")).unwrap());
    let actions: Vec<AuditAction> =
        db.read(|c| audit::of_staff(c, advisor.id)).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, [AuditAction::PasswordReset, AuditAction::PasswordChanged, AuditAction::Created]);
}

#[test]
fn the_store_enforces_the_archive_rules_itself() {
    // Customers are written on SQLite only, for now.
    let mut store = Store::sqlite();
    let actors = team(&mut store);
    let db = store.db();
    let advisor = by_role(&actors, Role::ServiceAdvisor);
    let technician = by_role(&actors, Role::Technician);
    let manager = by_role(&actors, Role::ServiceManager);

    let err = db.write(|tx| customers::create(tx, &technician, &customer(false), now())).unwrap_err();
    assert_eq!(kind_and_field(err).0, ErrorKind::Forbidden);
    let err = db.write(|tx| customers::create(tx, &advisor, &customer(true), now())).unwrap_err();
    assert_eq!(kind_and_field(err), (ErrorKind::Forbidden, Some("marketingConsent".into())));
    let id = db.write(|tx| customers::create(tx, &advisor, &customer(false), now())).unwrap();

    let consent = CustomerInput { marketing_consent: true, ..customer(false).customer };
    let err = db.write(|tx| customers::update(tx, &advisor, id, &consent, now())).unwrap_err();
    assert_eq!(kind_and_field(err), (ErrorKind::Forbidden, Some("marketingConsent".into())));
    db.write(|tx| customers::update(tx, &manager, id, &consent, now())).unwrap();

    let err = db.write(|tx| customers::set_archived(tx, &advisor, id, true, now())).unwrap_err();
    assert_eq!(kind_and_field(err).0, ErrorKind::Forbidden);
    db.write(|tx| customers::set_archived(tx, &manager, id, true, now())).unwrap();
}

#[test]
fn every_change_is_in_the_history_with_who_and_what() {
    // Customers are written on SQLite only, for now.
    let mut store = Store::sqlite();
    let actors = team(&mut store);
    let db = store.db();
    let advisor = by_role(&actors, Role::ServiceAdvisor);
    let id = db.write(|tx| customers::create(tx, &advisor, &customer(false), now())).unwrap();
    let edited = CustomerInput {
        address: "长春市朝阳区人民大街 1234 号".into(), ..customer(false).customer
    };
    db.write(|tx| customers::update(tx, &advisor, id, &edited, later(60))).unwrap();

    let history = audit::of_customer(db.conn(), id).unwrap();
    assert_eq!(history.len(), 2);
    let latest = &history[0];
    assert_eq!(
        (latest.action, latest.staff_name.as_str(), latest.staff_id),
        (AuditAction::Updated, "员工0", advisor.id)
    );
    assert_eq!(latest.changes.len(), 1);
    assert_eq!(latest.changes[0].field, "address");
    assert_eq!(latest.changes[0].before, serde_json::json!(""));
    assert_eq!(latest.changes[0].after, serde_json::json!("长春市朝阳区人民大街 1234 号"));
    assert_eq!(latest.at, later(60).instant);
    assert_eq!(history[1].action, AuditAction::Created);
    assert!(history[1].changes.iter().any(|c| c.field == "name"));
}

#[test]
fn a_failed_write_leaves_neither_the_change_nor_its_audit_row() {
    // Customers are written on SQLite only, for now.
    let mut store = Store::sqlite();
    let actors = team(&mut store);
    let db = store.db();
    let advisor = by_role(&actors, Role::ServiceAdvisor);
    let id = db.write(|tx| customers::create(tx, &advisor, &customer(false), now())).unwrap();
    let rows =
        |db: &Db| -> i64 { db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap() };
    let before = rows(db);
    // The update itself succeeds, then something later in the same transaction fails.
    let edited = CustomerInput { address: "新地址".into(), ..customer(false).customer };
    let result: Result<(), StoreError> = db.write(|tx| {
        customers::update(tx, &advisor, id, &edited, now())?;
        Err(StoreError::Corrupt("the disk filled up".into()))
    });
    assert!(result.is_err());
    assert_eq!(rows(db), before, "no audit row");
    assert_eq!(customers::get(db.conn(), id).unwrap().address, "", "no change");
}

#[test]
fn the_audit_trail_cannot_be_edited() {
    // Customers are written on SQLite only, for now.
    let mut store = Store::sqlite();
    let actors = team(&mut store);
    let db = store.db();
    db.write(|tx| customers::create(tx, &actors[0], &customer(false), now())).unwrap();
    for sql in ["UPDATE audit_log SET staff_name = 'x'", "DELETE FROM audit_log"] {
        let err = db.write(|tx| Ok::<_, StoreError>(tx.execute(sql, [])?)).unwrap_err();
        assert!(err.to_string().contains("audit trail cannot be changed"), "{err}");
    }
}

#[test]
fn staff_ids_are_not_reused_for_the_system() {
    assert_eq!(Actor::system().id, StaffId(0));
}
