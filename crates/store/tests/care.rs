//! The proactive care lists through the store on temp databases — each test on
//! both engines (SQLite, and PostgreSQL when the test cluster is given): each
//! list filled from the archive, a call made once per occasion however often
//! the lists are read, the maintenance estimated from the visits' mileage, the
//! declined work, and the calls worked by attempts.

#[path = "common/engines.rs"]
mod engines;
#[path = "common/shop.rs"]
mod shop;

use caredesk_domain::care::{CareAttemptInput, CareKind, CareSettings};
use caredesk_domain::follow_up::{CallStatus, Outcome};
use caredesk_domain::{Actor, CustomerId, ErrorKind, Role, VehicleId};
use caredesk_store::engine::Write;
use caredesk_store::{Now, StoreError, care, vehicles};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use engines::{Store, race};
use rusqlite::params;
use shop::{Spec, archive, customer, kinds, member, now, set_vehicle, team, today};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// 10:00 in Beijing on `day`.
fn on(day: &str) -> Now {
    Now::at(date(day).and_hms_opt(2, 0, 0).unwrap().and_utc(), 8)
}

fn vehicle_of(db: &mut Store, customer: CustomerId) -> VehicleId {
    db.read(|c| vehicles::of_customer(c, customer)).unwrap()[0].id
}

/// A visit of `customer`'s vehicle received and handed over `at` with the odometer at
/// `km`, as the visits' workflow leaves it: the vehicle's mileage and last visit
/// updated, the extra work the customer declined.
fn visit(db: &mut Store, advisor: &Actor, customer: CustomerId, at: Now, km: i64, declined: &[&str]) {
    let vehicle = vehicle_of(db, customer);
    db.write(|tx| {
        let visits: i64 = tx.one("SELECT count(*) AS n FROM visits", params![])?.get("n")?;
        let number = format!("R{:04}", visits + 1);
        let id: i64 = tx
            .one(
                "INSERT INTO visits (number, state, walk_in, customer_id, vehicle_id, advisor_id, expected_minutes,
                     requested_work, mileage_km, received_at, handed_over_by, handed_over_at, handed_over_local,
                     created_at, updated_at)
                 VALUES (?1, 'handed_over', 1, ?2, ?3, ?4, 60, '常规保养', ?5, ?6, ?7, ?6, ?8, ?6, ?6) RETURNING id",
                params![number, customer.0, vehicle.0, advisor.id.0, km, at.instant, advisor.name, at.local],
            )?
            .get("id")?;
        for work in declined {
            tx.run(
                "INSERT INTO extra_work (visit_id, description, status, found_by, found_at, decided_at)
                 VALUES (?1, ?2, 'declined', '刘强', ?3, ?3)",
                params![id, work, at.instant],
            )?;
        }
        tx.run(
            "UPDATE vehicles SET mileage_km = ?2, updated_at = ?3, last_visit_on = ?4 WHERE id = ?1",
            params![vehicle.0, km, at.instant, at.today],
        )?;
        Ok(())
    })
    .unwrap();
}

/// The odometer as the archive records it (a phone call, an edit): `km` on `at`.
fn odometer(db: &mut Store, vehicle: VehicleId, km: i64, at: DateTime<Utc>) {
    db.write(|tx| {
        tx.run(
            "UPDATE vehicles SET mileage_km = ?2, updated_at = ?3 WHERE id = ?1",
            params![vehicle.0, km, at],
        )
    })
    .unwrap();
}

fn refresh(db: &mut Store, kind: CareKind, now: Now) {
    let engine = db.engine();
    db.write(|tx| care::refresh(tx, kind, now)).unwrap_or_else(|e| panic!("{engine}: refresh {kind:?}: {e}"));
}

/// The names on list `kind` of `day`.
fn names(db: &mut Store, caller: &Actor, kind: CareKind, day: NaiveDate) -> Vec<String> {
    let list = db.read(|c| care::list(c, caller, kind, day, day)).unwrap();
    list.into_iter().map(|c| c.customer_name).collect()
}

fn count_calls(db: &mut Store) -> i64 {
    db.read(|c| c.one("SELECT count(*) AS n FROM care_calls", params![])?.get("n")).unwrap()
}

// Moved from tests/campaigns.rs.
#[test]
fn the_care_lists_fill_from_the_archive_and_are_worked_like_calls() {
    for mut db in Store::each() {
        the_care_lists_fill_from_the_archive_and_are_worked_like_calls_on(&mut db);
    }
}

fn the_care_lists_fill_from_the_archive_and_are_worked_like_calls_on(db: &mut Store) {
    let team = team(db);
    archive(db);
    let caller = team.caller.clone();
    let mut lists = vec![];
    for kind in
        [CareKind::MaintenanceDue, CareKind::InsuranceExpiring, CareKind::InspectionDue, CareKind::Birthday]
    {
        db.write(|tx| care::refresh(tx, kind, now())).unwrap();
        db.write(|tx| care::refresh(tx, kind, now())).unwrap();
        let list = db.read(|c| care::list(c, &caller, kind, today(), today())).unwrap();
        lists.push(list.iter().map(|c| c.customer_name.clone()).collect::<Vec<_>>());
    }
    assert_eq!(
        lists,
        [vec!["子 保养到期"], vec!["丁 速腾"], vec!["戊 宝来"], vec!["己 生日"]],
        "{}",
        db.engine()
    );
    let call = db.read(|c| care::list(c, &caller, CareKind::InsuranceExpiring, today(), today())).unwrap()[0]
        .clone();
    let busy = CareAttemptInput { outcome: Outcome::Busy, call_back_at: None, note: String::new() };
    db.write(|tx| care::record_attempt(tx, &caller, call.id, &busy, now())).unwrap();
    let tomorrow = today() + Days::new(1);
    let again = db.read(|c| care::list(c, &caller, CareKind::InsuranceExpiring, tomorrow, tomorrow)).unwrap()
        [0]
    .clone();
    assert_eq!((again.id, again.attempts), (call.id, 1));
    let reached =
        CareAttemptInput { outcome: Outcome::Reached, call_back_at: None, note: "已在本店续保".into() };
    let technician = team.technician.clone();
    let refused = db.write(|tx| care::record_attempt(tx, &technician, call.id, &reached, now()));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::Forbidden, None)]);
    db.write(|tx| care::record_attempt(tx, &caller, call.id, &reached, now())).unwrap();
    assert_eq!(db.read(|c| care::get(c, call.id, today())).unwrap().status, CallStatus::Completed);
    assert_eq!(db.read(|c| care::attempts(c, call.id)).unwrap().len(), 2);
}

#[test]
fn a_call_is_made_once_per_occasion_however_often_the_lists_are_read() {
    for mut db in Store::each() {
        a_call_is_made_once_per_occasion_however_often_the_lists_are_read_on(&mut db);
    }
}

fn a_call_is_made_once_per_occasion_however_often_the_lists_are_read_on(db: &mut Store) {
    let team = team(db);
    let insured = |insurance, consent| Spec { insurance: Some(insurance), consent, ..Spec::default() };
    customer(db, 1, "丁 速腾", insured("2026-12-10", true));
    customer(db, 2, "戊 无同意", insured("2026-12-05", false));
    customer(db, 3, "庚 已过期", insured("2026-11-20", true));
    let kind = CareKind::InsuranceExpiring;
    refresh(db, kind, now());
    assert_eq!(names(db, &team.caller, kind, today()), ["丁 速腾"], "{}", db.engine());
    assert_eq!(count_calls(db), 1);

    // The archive is read once a day: a customer added since waits for tomorrow…
    customer(db, 4, "甲 新客", insured("2026-12-01", true));
    refresh(db, kind, now());
    assert_eq!(names(db, &team.caller, kind, today()), ["丁 速腾"]);

    // …or for a change of the settings, which only a manager may make, and only in range.
    let mut settings = db.read(|c| care::settings(c)).unwrap();
    assert_eq!(settings, CareSettings::default());
    settings.insurance_days = 20;
    let refused = db.write(|tx| care::update_settings(tx, &team.caller, &settings, now()));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::Forbidden, None)]);
    let bad = CareSettings { max_attempts: 0, ..settings.clone() };
    let refused = db.write(|tx| care::update_settings(tx, &team.manager, &bad, now()));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::OutOfRange, Some("maxAttempts".into()))]);
    db.write(|tx| care::update_settings(tx, &team.manager, &settings, now())).unwrap();
    assert_eq!(db.read(|c| care::settings(c)).unwrap(), settings);
    refresh(db, kind, now());
    assert_eq!(names(db, &team.caller, kind, today()), ["甲 新客", "丁 速腾"], "by the occasion");
    assert_eq!(count_calls(db), 2, "丁 is called once");

    // The next days read the archive again, and add nobody twice.
    for day in 1..=3 {
        let later = Now::at(now().instant + Duration::days(day), 8);
        refresh(db, kind, later);
        assert_eq!(count_calls(db), 2, "day {day}");
    }
    let call = db.read(|c| care::list(c, &team.caller, kind, today(), today())).unwrap()[0].clone();
    assert_eq!((call.row, call.due_on, call.reason.as_str()), (1, date("2026-12-01"), "保险到期 2026-12-01"));
    assert_eq!(call.plate.as_deref(), Some("京B20004"));
    assert_eq!(call.vehicle_label.as_deref(), Some("一汽-大众 迈腾"));
    assert_eq!(call.next_on, today());
}

#[test]
fn maintenance_is_estimated_from_the_mileage_when_none_was_recommended() {
    for mut db in Store::each() {
        maintenance_is_estimated_from_the_mileage_when_none_was_recommended_on(&mut db);
    }
}

fn maintenance_is_estimated_from_the_mileage_when_none_was_recommended_on(db: &mut Store) {
    let team = team(db);
    let yes = |purchased| Spec { purchased, consent: true, ..Spec::default() };
    // Serviced here on 08-25 at 20 600 km, 29 600 km today: 100 km a day, 400 km to
    // the next multiple of 7 500 — due in 4 days.
    let driven = customer(db, 1, "甲 按里程", yes(None));
    visit(db, &team.manager, driven, on("2026-08-25"), 20_600, &[]);
    let vehicle = vehicle_of(db, driven);
    odometer(db, vehicle, 29_600, now().instant);
    // Bought on 08-15, serviced here 10 days ago at 31 000 km: the visit is the last
    // reading, so the next service is 7 500 km after it, 22 days on.
    let serviced = customer(db, 2, "乙 刚保养", yes(Some("2026-08-15")));
    visit(db, &team.manager, serviced, on("2026-11-13"), 31_000, &[]);
    // Bought this summer, little driven: not due for a long time.
    customer(db, 3, "丙 少开", yes(Some("2026-06-01")));
    // A recommendation wins over the estimate.
    let recommended = customer(db, 4, "丁 建议保养", yes(Some("2020-01-01")));
    set_vehicle(db, recommended, "next_service_date", "2026-11-30");
    // Without consent, never on a list.
    let refused = customer(db, 5, "戊 无同意", Spec { consent: false, ..Spec::default() });
    visit(db, &team.manager, refused, on("2026-08-25"), 20_600, &[]);

    let kind = CareKind::MaintenanceDue;
    refresh(db, kind, now());
    let list = db.read(|c| care::list(c, &team.caller, kind, today(), today())).unwrap();
    let calls: Vec<_> =
        list.iter().map(|c| (c.customer_name.as_str(), c.due_on, c.reason.as_str())).collect();
    assert_eq!(
        calls,
        [
            ("甲 按里程", date("2026-11-27"), "按平均行驶里程估算保养 2026-11-27"),
            ("丁 建议保养", date("2026-11-30"), "建议保养 2026-11-30"),
            ("乙 刚保养", date("2026-12-05"), "按平均行驶里程估算保养 2026-12-05"),
        ],
        "{}",
        db.engine()
    );
}

#[test]
fn declined_work_is_a_list_until_the_next_visit() {
    for mut db in Store::each() {
        declined_work_is_a_list_until_the_next_visit_on(&mut db);
    }
}

fn declined_work_is_a_list_until_the_next_visit_on(db: &mut Store) {
    let team = team(db);
    let yes = || Spec { consent: true, ..Spec::default() };
    // Declined two things yesterday: one call for the visit, both in its reason.
    let brakes = customer(db, 1, "丁 刹车片", yes());
    visit(db, &team.manager, brakes, on("2026-11-22"), 45_000, &["前刹车片磨损至 3mm", "雨刮老化"]);
    // Declined in October, back since: done or decided, not called.
    let back = customer(db, 2, "戊 已回店", yes());
    visit(db, &team.manager, back, on("2026-10-01"), 40_000, &["空调滤芯"]);
    visit(db, &team.manager, back, on("2026-11-01"), 42_000, &[]);
    // Longer ago than the settings look back (180 days).
    let old = customer(db, 3, "甲 太久", yes());
    visit(db, &team.manager, old, on("2026-04-01"), 20_000, &["轮胎"]);
    // Without consent.
    let refused = customer(db, 4, "乙 无同意", Spec::default());
    visit(db, &team.manager, refused, on("2026-11-22"), 10_000, &["电瓶"]);

    let kind = CareKind::DeclinedWork;
    refresh(db, kind, now());
    let list = db.read(|c| care::list(c, &team.caller, kind, today(), today())).unwrap();
    assert_eq!(list.len(), 1, "{}: {list:?}", db.engine());
    assert_eq!((list[0].customer_name.as_str(), list[0].due_on), ("丁 刹车片", date("2026-11-22")));
    let mut work: Vec<&str> = list[0].reason.split('；').collect();
    work.sort_unstable();
    assert_eq!(work, ["前刹车片磨损至 3mm", "雨刮老化"]);
    refresh(db, kind, on("2026-11-24"));
    assert_eq!(count_calls(db), 1);
}

#[test]
fn attempts_close_a_call_and_a_taken_call_is_the_callers() {
    for mut db in Store::each() {
        attempts_close_a_call_and_a_taken_call_is_the_callers_on(&mut db);
    }
}

fn attempts_close_a_call_and_a_taken_call_is_the_callers_on(db: &mut Store) {
    let team = team(db);
    let other = {
        let admin = Actor::system();
        member(db, &admin, "王丽", "wangli", Role::FollowUp)
    };
    customer(db, 1, "己 生日", Spec { birthday: Some("1980-11-30"), consent: true, ..Spec::default() });
    let kind = CareKind::Birthday;
    refresh(db, kind, now());
    let call = db.read(|c| care::list(c, &team.caller, kind, today(), today())).unwrap()[0].clone();
    assert_eq!((call.due_on, call.vehicle_id, call.plate.clone()), (date("2026-11-30"), None, None));

    let busy = CareAttemptInput { outcome: Outcome::Busy, call_back_at: None, note: "占线".into() };
    db.write(|tx| care::record_attempt(tx, &team.caller, call.id, &busy, now())).unwrap();
    let taken = db.read(|c| care::get(c, call.id, today())).unwrap();
    assert_eq!(taken.caller_id, Some(team.caller.id));
    assert_eq!(taken.caller_name.as_deref(), Some("李娜"));
    assert_eq!((taken.last_outcome, taken.last_note.as_str()), (Some(Outcome::Busy), "占线"));
    assert_eq!(taken.next_on, today() + Days::new(1));
    // Worked today: still on today's list, and on tomorrow's.
    assert_eq!(names(db, &team.caller, kind, today()), ["己 生日"]);

    // Another caller may not work it; the manager may.
    let refused = db.write(|tx| care::record_attempt(tx, &other, call.id, &busy, now()));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::Forbidden, Some("callerId".into()))]);
    let tomorrow = Now::at(now().instant + Duration::days(1), 8);
    db.write(|tx| care::record_attempt(tx, &team.manager, call.id, &busy, tomorrow)).unwrap();
    let no_answer = CareAttemptInput { outcome: Outcome::NoAnswer, call_back_at: None, note: String::new() };
    let later = Now::at(now().instant + Duration::days(2), 8);
    db.write(|tx| care::record_attempt(tx, &team.caller, call.id, &no_answer, later)).unwrap();
    // Three times not reached (the default): the call is closed, and a closed call takes no attempt.
    let closed = db.read(|c| care::get(c, call.id, later.today)).unwrap();
    assert_eq!((closed.status, closed.attempts), (CallStatus::Unreachable, 3), "{}", db.engine());
    let refused = db.write(|tx| care::record_attempt(tx, &team.caller, call.id, &busy, later));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::InvalidState, Some("status".into()))]);
    let attempts = db.read(|c| care::attempts(c, call.id)).unwrap();
    let by: Vec<_> = attempts.iter().map(|a| (a.outcome, a.by.as_str())).collect();
    assert_eq!(by, [(Outcome::Busy, "李娜"), (Outcome::Busy, "张伟"), (Outcome::NoAnswer, "李娜")]);
    assert_eq!(attempts[0].note, "占线");
    let closed_on: Option<String> = db
        .read(|c| {
            c.one("SELECT closed_on FROM care_calls WHERE id = ?1", params![call.id.0])?.get("closed_on")
        })
        .unwrap();
    assert_eq!(closed_on.as_deref(), Some("2026-11-25"));
    // An unknown call.
    let missing = db.read(|c| care::get(c, caredesk_domain::care::CareCallId(999), today()));
    assert!(matches!(missing, Err(StoreError::NotFound { what: "care call", id: 999 })), "{missing:?}");
    // Each attempt is in the customer's audit trail.
    let audited: i64 = db
        .read(|c| {
            c.one("SELECT count(*) AS n FROM audit_log WHERE action = 'care_call_attempted'", params![])?
                .get("n")
        })
        .unwrap();
    assert_eq!(audited, 3);
}

/// Two desks recording an attempt at the same call at once, on PostgreSQL: the
/// second waits for the first and counts its attempt (nothing lost).
#[test]
fn two_desks_recording_at_once_both_count() {
    for mut db in Store::each() {
        let team = team(&mut db);
        customer(
            &mut db,
            1,
            "己 生日",
            Spec { birthday: Some("1980-11-30"), consent: true, ..Spec::default() },
        );
        refresh(&mut db, CareKind::Birthday, now());
        let call = db.read(|c| care::list(c, &team.caller, CareKind::Birthday, today(), today())).unwrap()[0]
            .clone();
        if !matches!(db, Store::Postgres { .. }) {
            continue;
        }
        // The other desk records while this one holds the call, and must wait for it.
        let busy = CareAttemptInput { outcome: Outcome::Busy, call_back_at: None, note: String::new() };
        let record = |tx: &dyn Write| care::record_attempt(tx, &team.caller, call.id, &busy, now());
        let mut desk = db.beside();
        let (_, second) = race(&mut db, &mut desk, record, record);
        second.unwrap();
        let not_reached: i64 = db
            .read(|c| {
                c.one("SELECT not_reached FROM care_calls WHERE id = ?1", params![call.id.0])?
                    .get("not_reached")
            })
            .unwrap();
        assert_eq!(not_reached, 2);
        assert_eq!(db.read(|c| care::get(c, call.id, today())).unwrap().attempts, 2);
    }
}
