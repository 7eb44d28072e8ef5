//! The manager's dashboard through the store, on both engines (SQLite, and
//! PostgreSQL when the test cluster is given), over a small shop whose every
//! figure is worked out by hand below: the period 1–20 November 2026, read on
//! the 23rd.
//!
//! Visits (A = 王芳, B = 陈明; amounts in fen):
//! - v1 c1 A appt 11-03, handed over 11-03 on time, 100000; extra work: one approved, "更换刹车片" declined
//! - v2 c4 A appt 11-05, handed over 11-06 late, 50000; extra work approved
//! - v3 c3 B appt 11-10, handed over 11-10 on time, 30001; "更换雨刷" declined
//! - v4 c2 B appt 11-12, no-show
//! - v5 c4 A appt 11-15, cancelled (not counted)
//! - v6 c4 A appt 11-25, booked (after the period)
//! - v7 c4 A imported, handed over 11-08, 999999 — never counts, nor its survey and call
//! - v8 c1 A walk-in (v1's vehicle), handed over 11-18 on time, 20000, with "更换刹车片" on its order: v1's declined work recovered
//! - v10 c2 A handed over 2025-11-10 on time, 40000; v11 c3 B handed over 2025-11-02 late, 60000
//!
//! So: orders 4, revenue 200001, average 50000.25 → 50000; on time 3/4 = 75%; show 3 of
//! 3 + 1 no-show = 75%; extra work approved 2 of 4 = 50%, declined recovered 1 of 2 = 50%.
//! Surveys v1 9000, v2 8001, v3 7000 → CSI (24001 / 3 = 8000.33 → 8000) 80.00 points.
//! Calls: f1 (v1) and f3 (v3) in window; f2 (v2) completed late; the no-show's call
//! unreachable; f4 (v8) open, its window gone by → in window 2 of 5 = 40%, reached 3 of 4
//! closed = 75%.
//! Complaints: k1 (v1) assigned in 30 min, closed in 3000, one-time; k2 (v3) assigned in
//! 90, escalated, closed in 6000; k3 (no visit) assigned in 10, open → escalation 1/3 =
//! 33.3%, one-time 1/2 = 50%, medians 30 and 4500 minutes.
//! Campaign 冬季关爱 on 11-15: 2 invited and 1 walk-in, 2 came; 500 yuan; 周杰's v8 after it → 40%.
//! Lost: c2 (last visit 2025-11-10, lost 2026-11-10) and c3 (2025-11-02, lost 2026-11-02,
//! back 2026-11-10): 2 lost, 1 back = 50%.

#[path = "common/engines.rs"]
mod engines;
#[path = "common/shop.rs"]
mod shop;

use caredesk_domain::campaign::CampaignId;
use caredesk_domain::{Actor, CustomerId, ErrorKind, Role, StaffId, VehicleId};
use caredesk_store::reports::{self, Dashboard, Figure, KpiKey, RecordKind, ReportQuery};
use caredesk_store::{StoreError, campaigns, complaints, follow_up, vehicles};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use engines::Store;
use rusqlite::params;
use shop::{Spec, customer, kinds, member, now, team};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn local(text: &str) -> NaiveDateTime {
    text.parse().unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

struct Shop {
    manager: Actor,
    a: Actor,
    b: Actor,
    technician: Actor,
    c: [(CustomerId, VehicleId); 4],
}

#[derive(Default)]
struct V {
    state: &'static str,
    appointment: Option<&'static str>,
    handed_over: Option<&'static str>,
    on_time: Option<i64>,
    total: i64,
    imported: bool,
}

fn visit(db: &mut Store, who: (CustomerId, VehicleId), advisor: &Actor, v: V) -> i64 {
    db.write(|tx| {
        let n: i64 = tx.one("SELECT count(*) AS n FROM visits", params![])?.get("n")?;
        tx.one(
            "INSERT INTO visits (number, state, walk_in, customer_id, vehicle_id, advisor_id, appointment_at,
                 expected_minutes, requested_work, handed_over_local, on_time, total_fen, imported,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 60, '常规保养', ?8, ?9, ?10, ?11, ?12, ?12) RETURNING id",
            params![
                format!("R{:04}", n + 1),
                v.state,
                i64::from(v.appointment.is_none()),
                who.0.0,
                who.1.0,
                advisor.id.0,
                v.appointment.map(local),
                v.handed_over.map(local),
                v.on_time,
                v.total,
                i64::from(v.imported),
                utc("2025-10-01T00:00:00Z")
            ],
        )?
        .get("id")
    })
    .unwrap()
}

fn extra(db: &mut Store, visit: i64, description: &str, status: &str) {
    db.write(|tx| {
        tx.run(
            "INSERT INTO extra_work (visit_id, description, status, found_by, found_at, decided_at)
             VALUES (?1, ?2, ?3, '刘强', ?4, ?4)",
            params![visit, description, status, utc("2026-11-03T03:00:00Z")],
        )
    })
    .unwrap();
}

fn line(db: &mut Store, visit: i64, description: &str) {
    db.write(|tx| {
        tx.run(
            "INSERT INTO order_lines (visit_id, position, kind, description, quantity_centi, unit_price_fen, amount_fen)
             VALUES (?1, 1, 'labour', ?2, 100, 20000, 20000)",
            params![visit, description],
        )
    })
    .unwrap();
}

fn survey(db: &mut Store, visit: i64, call: i64, advisor: &Actor, csi: i64, on: &str) {
    db.write(|tx| {
        tx.run(
            "INSERT INTO follow_up_surveys (call_id, visit_id, version, answers, flagged, csi, alert, advisor_id,
                 surveyed_on, at, staff_name)
             VALUES (?1, ?2, 1, '[]', 0, ?3, 0, ?4, ?5, ?6, '李娜')",
            params![call, visit, csi, advisor.id.0, date(on), utc("2026-11-05T02:00:00Z")],
        )
    })
    .unwrap();
}

fn call(
    db: &mut Store,
    visit: i64,
    who: CustomerId,
    from: &str,
    to: &str,
    status: &str,
    closed: Option<&str>,
) -> i64 {
    db.write(|tx| {
        tx.one(
            "INSERT INTO follow_up_calls (visit_id, customer_id, due_from, due_to, status, next_on, closed_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?3, ?6, ?7) RETURNING id",
            params![visit, who.0, date(from), date(to), status, closed.map(date), utc("2026-11-01T00:00:00Z")],
        )?
        .get("id")
    })
    .unwrap()
}

fn complaint(
    db: &mut Store,
    n: u32,
    who: CustomerId,
    visit: Option<i64>,
    received: &str,
    (assigned, closed): (Option<i64>, Option<i64>),
    escalated: bool,
) -> i64 {
    let at = utc(received);
    db.write(|tx| {
        let id: i64 = tx
            .one(
                "INSERT INTO complaints (number, state, severity, channel, category, customer_id, visit_id,
                     description, received_by_id, received_by, received_at, received_on, assigned_at, closed_at,
                     created_at, updated_at)
                 VALUES (?1, ?2, 'serious', 'phone', 'reliability', ?3, ?4, '没修好', 1, '张伟', ?5, ?6, ?7, ?8, ?5, ?5)
                 RETURNING id",
                params![
                    format!("K{n:04}"),
                    if closed.is_some() { "closed" } else { "assigned" },
                    who.0,
                    visit,
                    at,
                    (at + chrono::Duration::hours(8)).date_naive(),
                    assigned.map(|m| at + chrono::Duration::minutes(m)),
                    closed.map(|m| at + chrono::Duration::minutes(m))
                ],
            )?
            .get("id")?;
        if escalated {
            tx.run(
                "INSERT INTO complaint_escalations (complaint_id, reason, at) VALUES (?1, 'not_resolved_in_time', ?2)",
                params![id, at],
            )?;
        }
        Ok(id)
    })
    .unwrap()
}

/// The shop of the module comment; returns it with the escalated complaint's id.
fn shop(db: &mut Store) -> (Shop, i64, i64) {
    let team = team(db);
    let admin = Actor { id: StaffId(1), name: "赵建国".into(), role: Role::Administrator };
    let a = member(db, &admin, "王芳", "wangfang", Role::ServiceAdvisor);
    let b = member(db, &admin, "陈明", "chenming", Role::ServiceAdvisor);
    let mut c = Vec::new();
    for (n, name) in [(1, "周杰"), (2, "吴敏"), (3, "郑强"), (4, "孙丽")] {
        let id = customer(db, n, name, Spec::default());
        let vehicle = db.read(|conn| vehicles::of_customer(conn, id)).unwrap()[0].id;
        c.push((id, vehicle));
    }
    let c: [(CustomerId, VehicleId); 4] = c.try_into().unwrap();
    db.write(|tx| {
        tx.run(
            "INSERT INTO questionnaires (version, definition, created_at, created_by) VALUES (1, '{}', ?1, 'test')",
            params![utc("2026-01-01T00:00:00Z")],
        )
    })
    .unwrap();
    let on_time = |day: &'static str, on: i64, total: i64| V {
        state: "handed_over",
        handed_over: Some(day),
        on_time: Some(on),
        total,
        ..V::default()
    };
    let v1 = visit(
        db,
        c[0],
        &a,
        V { appointment: Some("2026-11-03T09:00:00"), ..on_time("2026-11-03T17:00:00", 1, 100_000) },
    );
    let v2 = visit(
        db,
        c[3],
        &a,
        V { appointment: Some("2026-11-05T09:00:00"), ..on_time("2026-11-06T12:00:00", 0, 50_000) },
    );
    let v3 = visit(
        db,
        c[2],
        &b,
        V { appointment: Some("2026-11-10T10:00:00"), ..on_time("2026-11-10T16:00:00", 1, 30_001) },
    );
    let v4 =
        visit(db, c[1], &b, V { state: "no_show", appointment: Some("2026-11-12T10:00:00"), ..V::default() });
    visit(db, c[3], &a, V { state: "cancelled", appointment: Some("2026-11-15T10:00:00"), ..V::default() });
    visit(db, c[3], &a, V { state: "booked", appointment: Some("2026-11-25T10:00:00"), ..V::default() });
    let v7 = visit(db, c[3], &a, V { imported: true, ..on_time("2026-11-08T10:00:00", 1, 999_999) });
    let v8 = visit(db, c[0], &a, on_time("2026-11-18T15:00:00", 1, 20_000));
    visit(db, c[1], &a, on_time("2025-11-10T11:00:00", 1, 40_000));
    visit(db, c[2], &b, on_time("2025-11-02T11:00:00", 0, 60_000));
    extra(db, v1, "更换空滤", "approved");
    extra(db, v1, "更换刹车片", "declined");
    extra(db, v2, "四轮定位", "approved");
    extra(db, v3, "更换雨刷", "declined");
    line(db, v8, "更换刹车片");
    let f1 = call(db, v1, c[0].0, "2026-11-05", "2026-11-06", "completed", Some("2026-11-05"));
    let f2 = call(db, v2, c[3].0, "2026-11-08", "2026-11-09", "completed", Some("2026-11-10"));
    let f3 = call(db, v3, c[2].0, "2026-11-12", "2026-11-13", "completed", Some("2026-11-12"));
    let f3u = call(db, v4, c[1].0, "2026-11-12", "2026-11-13", "unreachable", Some("2026-11-14"));
    call(db, v8, c[0].0, "2026-11-20", "2026-11-21", "open", None);
    let f7 = call(db, v7, c[3].0, "2026-11-10", "2026-11-11", "completed", Some("2026-11-10"));
    survey(db, v1, f1, &a, 9000, "2026-11-05");
    survey(db, v2, f2, &a, 8001, "2026-11-10");
    survey(db, v3, f3, &b, 7000, "2026-11-12");
    survey(db, v7, f7, &a, 1000, "2026-11-10");
    complaint(db, 1, c[0].0, Some(v1), "2026-11-04T02:00:00Z", (Some(30), Some(3000)), false);
    let k2 = complaint(db, 2, c[2].0, Some(v3), "2026-11-11T02:00:00Z", (Some(90), Some(6000)), true);
    complaint(db, 3, c[1].0, None, "2026-11-19T02:00:00Z", (Some(10), None), false);
    // A care evening on the 15th, 30 days of attribution, a 500-yuan budget: 周杰 invited and
    // came, 孙丽 invited and stayed away, 郑强 walked in.
    db.write(|tx| {
        let id: i64 = tx
            .one(
                "INSERT INTO campaigns (theme, starts_on, ends_on, status, attribution_days, created_by, created_at,
                     updated_at)
                 VALUES ('冬季关爱', ?1, ?1, 'finished', 30, '张伟', ?2, ?2) RETURNING id",
                params![date("2026-11-15"), utc("2026-11-01T00:00:00Z")],
            )?
            .get("id")?;
        tx.run(
            "INSERT INTO campaign_budget (campaign_id, position, item, quantity_centi, unit_price_fen)
             VALUES (?1, 1, '场地', 100, 50000)",
            params![id],
        )?;
        for (customer, arrival, came) in [(c[0].0, "invited", true), (c[3].0, "invited", false), (c[2].0, "walk_in", true)] {
            tx.run(
                "INSERT INTO campaign_invitations (campaign_id, customer_id, arrival, rsvp, checked_in_at, created_at)
                 VALUES (?1, ?2, ?3, 'yes', ?4, ?5)",
                params![id, customer.0, arrival, came.then(|| utc("2026-11-15T06:00:00Z")), utc("2026-11-01T00:00:00Z")],
            )?;
        }
        Ok(())
    })
    .unwrap();
    (Shop { manager: team.manager, a, b, technician: team.technician, c }, k2, f3u)
}

fn november() -> ReportQuery {
    ReportQuery { from: date("2026-11-01"), to: date("2026-11-20"), advisor: None }
}

fn card(d: &Dashboard, key: KpiKey) -> &reports::KpiCard {
    d.cards.iter().find(|c| c.key == key).unwrap()
}

fn value(d: &Dashboard, key: KpiKey) -> Option<f64> {
    card(d, key).current.value
}

#[test]
fn the_dashboard_figures_are_the_hand_worked_ones() {
    for mut db in Store::each() {
        let engine = db.engine();
        let (_, _, _) = shop(&mut db);
        let d = db.read(|c| reports::dashboard(c, &november(), now())).unwrap();
        let expect = [
            (KpiKey::Csi, Some(80.0)),
            (KpiKey::CallsInWindow, Some(40.0)),
            (KpiKey::ReachRate, Some(75.0)),
            (KpiKey::OneTimeResolution, Some(50.0)),
            (KpiKey::EscalationRate, Some(33.3)),
            (KpiKey::MinutesToAssign, Some(30.0)),
            (KpiKey::MinutesToClose, Some(4500.0)),
            (KpiKey::ShowRate, Some(75.0)),
            (KpiKey::OnTimeHandover, Some(75.0)),
            (KpiKey::RepairOrders, Some(4.0)),
            (KpiKey::Revenue, Some(200_001.0)),
            (KpiKey::AveragePerOrder, Some(50_000.0)),
            (KpiKey::ExtraWorkApproval, Some(50.0)),
            (KpiKey::DeclinedRecovered, Some(50.0)),
            (KpiKey::CareBooked, None),
            (KpiKey::CareVisited, None),
            // 2 came of 2 invited (the walk-in was not invited); 周杰's v8 on the 18th is the
            // event's only order: 20000 fen of a 50000 cost = 40%.
            (KpiKey::CampaignAttendance, Some(100.0)),
            (KpiKey::CampaignRevenue, Some(20_000.0)),
            (KpiKey::CampaignReturn, Some(40.0)),
            (KpiKey::CustomersLost, Some(2.0)),
            (KpiKey::CustomersBack, Some(50.0)),
        ];
        for (key, expected) in expect {
            assert_eq!(value(&d, key), expected, "{engine}: {key:?}");
        }
        assert_eq!(
            card(&d, KpiKey::ShowRate).current,
            Figure { value: Some(75.0), part: Some(3), whole: Some(4) }
        );
        // The targets are the complaint settings' (85% and 0%); the rest have none.
        assert_eq!(card(&d, KpiKey::OneTimeResolution).target, Some(85.0));
        assert_eq!(card(&d, KpiKey::EscalationRate).target, Some(0.0));
        assert!(!card(&d, KpiKey::EscalationRate).higher_is_better);
        assert_eq!(card(&d, KpiKey::Csi).target, None);
        // The previous 20 days (12–31 October) had nothing: no data, not 0%.
        assert_eq!(card(&d, KpiKey::OnTimeHandover).previous.value, None, "{engine}");
        assert_eq!(card(&d, KpiKey::RepairOrders).previous.value, Some(0.0), "{engine}");
        // A year earlier: v10 on time and v11 late, 100000 fen.
        let year_ago = |key| card(&d, key).year_ago.value;
        assert_eq!(year_ago(KpiKey::RepairOrders), Some(2.0), "{engine}");
        assert_eq!(year_ago(KpiKey::Revenue), Some(100_000.0), "{engine}");
        assert_eq!(year_ago(KpiKey::OnTimeHandover), Some(50.0), "{engine}");
        // The trend: December 2025 to November 2026; November counts the whole month
        // (v6 on the 25th is still booked, so neither kept nor missed).
        let trend = &card(&d, KpiKey::RepairOrders).trend;
        assert_eq!(trend.len(), 12);
        assert_eq!(trend[0].month, "2025-12");
        assert_eq!(trend[11].month, "2026-11");
        assert_eq!(trend[11].figure.value, Some(4.0));
        assert_eq!(trend[10].figure.value, Some(0.0));
        assert_eq!(card(&d, KpiKey::ShowRate).trend[11].figure.value, Some(75.0));
    }
}

/// Issue 16, item 6: a module's own screen and the dashboard show the same
/// figure over the same records, on both engines — the complaint KPIs, the
/// satisfaction report (陈明's: none of his visits was imported, which the
/// report, unlike the dashboard, would count) and the campaign's results.
#[test]
fn the_module_screens_and_the_dashboard_agree() {
    for mut db in Store::each() {
        let engine = db.engine();
        let (shop, _, _) = shop(&mut db);
        let whole = ReportQuery { from: date("2026-11-01"), to: date("2026-11-23"), advisor: None };
        let d = db.read(|c| reports::dashboard(c, &whole, now())).unwrap();
        let k = db.read(|c| complaints::kpis(c, whole.from)).unwrap();
        assert_eq!(value(&d, KpiKey::OneTimeResolution), k.one_time_resolution_percent, "{engine}");
        assert_eq!(value(&d, KpiKey::EscalationRate), k.escalation_percent, "{engine}");
        let minutes = |m: Option<i64>| m.map(|m| m as f64);
        assert_eq!(value(&d, KpiKey::MinutesToAssign), minutes(k.median_minutes_to_assign), "{engine}");
        assert_eq!(value(&d, KpiKey::MinutesToClose), minutes(k.median_minutes_to_close), "{engine}");
        assert_eq!(value(&d, KpiKey::EscalationRate), Some(33.3), "{engine}");

        let id: i64 = db.read(|c| c.one("SELECT id FROM campaigns", params![])?.get("id")).unwrap();
        let r = db.read(|c| campaigns::results(c, CampaignId(id))).unwrap();
        assert_eq!(value(&d, KpiKey::CampaignReturn), r.return_percent.map(f64::from), "{engine}");
        assert_eq!(value(&d, KpiKey::CampaignRevenue), Some(r.revenue.0 as f64), "{engine}");
        let attendance = card(&d, KpiKey::CampaignAttendance).current;
        assert_eq!((attendance.part, attendance.whole), (Some(r.attended), Some(r.invited)), "{engine}");

        // The report reads the questions asked, which the shop left empty.
        let questions = serde_json::to_string(&caredesk_domain::follow_up::Questionnaire::default()).unwrap();
        db.write(|tx| tx.run("UPDATE questionnaires SET definition = ?1", params![questions])).unwrap();
        let b = ReportQuery { advisor: Some(shop.b.id), ..whole.clone() };
        let d = db.read(|c| reports::dashboard(c, &b, now())).unwrap();
        let r = db.read(|c| follow_up::report(c, &shop.b, b.from, b.to, now().today)).unwrap();
        assert_eq!(value(&d, KpiKey::Csi), r.csi.map(|c| f64::from(c) / 100.0), "{engine}");
        assert_eq!(value(&d, KpiKey::Csi), Some(70.0), "{engine}");
        let share = |key| {
            let f = card(&d, key).current;
            (f.part, f.whole)
        };
        assert_eq!(
            share(KpiKey::CallsInWindow),
            (Some(r.completed_in_window), Some(r.calls_due)),
            "{engine}"
        );
        assert_eq!(share(KpiKey::ReachRate), (Some(r.reached), Some(r.calls_closed)), "{engine}");
    }
}

#[test]
fn an_advisors_figures_are_their_own_visits_calls_and_complaints() {
    for mut db in Store::each() {
        let engine = db.engine();
        let (shop, _, _) = shop(&mut db);
        let query = ReportQuery { advisor: Some(shop.a.id), ..november() };
        let d = db.read(|c| reports::dashboard(c, &query, now())).unwrap();
        // v1, v2, v8: 170000 fen, two on time; v1 and v2 kept, v5 cancelled.
        assert_eq!(value(&d, KpiKey::RepairOrders), Some(3.0), "{engine}");
        assert_eq!(value(&d, KpiKey::Revenue), Some(170_000.0), "{engine}");
        assert_eq!(value(&d, KpiKey::OnTimeHandover), Some(66.7), "{engine}");
        assert_eq!(value(&d, KpiKey::ShowRate), Some(100.0), "{engine}");
        // (9000 + 8001) / 2 = 8500.5 → 8501.
        assert_eq!(value(&d, KpiKey::Csi), Some(85.01), "{engine}");
        assert_eq!(value(&d, KpiKey::EscalationRate), Some(0.0), "{engine}");
        // The dealership's own figures are not an advisor's.
        assert_eq!(value(&d, KpiKey::CustomersLost), None, "{engine}");
        assert_eq!(value(&d, KpiKey::CampaignRevenue), None, "{engine}");

        let league = db.read(|c| reports::advisor_league(c, &november(), now())).unwrap();
        let rows: Vec<_> = league
            .iter()
            .map(|r| {
                (
                    r.advisor_name.as_str(),
                    r.csi.value,
                    r.show_rate.value,
                    r.on_time_handover.value,
                    r.extra_work_approval.value,
                    r.complaints,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("王芳", Some(85.01), Some(100.0), Some(66.7), Some(66.7), 1),
                ("陈明", Some(70.0), Some(50.0), Some(100.0), Some(0.0), 1),
            ],
            "{engine}"
        );
        let own = db.read(|c| reports::advisor_league(c, &query, now())).unwrap();
        assert_eq!(own.len(), 1);
        assert_eq!(own[0].advisor_id, shop.a.id);
    }
}

#[test]
fn the_records_behind_a_figure() {
    for mut db in Store::each() {
        let engine = db.engine();
        let (shop, escalated, unreachable) = shop(&mut db);
        let records = |db: &mut Store, key| {
            db.read(|c| reports::dashboard_records(c, &november(), key, now())).unwrap()
        };
        let e = records(&mut db, KpiKey::EscalationRate);
        assert_eq!(
            e.iter().map(|r| (r.kind, r.id)).collect::<Vec<_>>(),
            [(RecordKind::Complaint, escalated)],
            "{engine}"
        );
        let no_shows = records(&mut db, KpiKey::ShowRate);
        assert_eq!(no_shows.len(), 1, "{engine}");
        assert_eq!((no_shows[0].kind, no_shows[0].customer_name.as_str()), (RecordKind::Visit, "吴敏"));
        // Out of window: f2 completed late, the unreachable call, f4 still open.
        let out = records(&mut db, KpiKey::CallsInWindow);
        assert_eq!(out.len(), 3, "{engine}");
        assert!(out.iter().all(|r| r.kind == RecordKind::FollowUpCall));
        let unreached = records(&mut db, KpiKey::ReachRate);
        assert_eq!(unreached.iter().map(|r| r.id).collect::<Vec<_>>(), [unreachable], "{engine}");
        let late = records(&mut db, KpiKey::OnTimeHandover);
        assert_eq!(late.iter().map(|r| r.customer_name.as_str()).collect::<Vec<_>>(), ["孙丽"], "{engine}");
        let lost = records(&mut db, KpiKey::CustomersLost);
        assert_eq!(
            lost.iter().map(|r| (r.id, r.on)).collect::<Vec<_>>(),
            [(shop.c[1].0.0, date("2026-11-10")), (shop.c[2].0.0, date("2026-11-02"))],
            "{engine}"
        );
        let back = records(&mut db, KpiKey::CustomersBack);
        assert_eq!(back.iter().map(|r| r.id).collect::<Vec<_>>(), [shop.c[2].0.0], "{engine}");
        // An advisor's drill-down holds only their records: B had the escalated complaint, A none.
        let a = ReportQuery { advisor: Some(shop.a.id), ..november() };
        let mine = db.read(|c| reports::dashboard_records(c, &a, KpiKey::EscalationRate, now())).unwrap();
        assert!(mine.is_empty(), "{engine}");
    }
}

#[test]
fn a_period_with_no_data_shows_no_data() {
    for mut db in Store::each() {
        let engine = db.engine();
        shop(&mut db);
        let query = ReportQuery { from: date("2024-01-01"), to: date("2024-01-31"), advisor: None };
        let d = db.read(|c| reports::dashboard(c, &query, now())).unwrap();
        for card in &d.cards {
            let v = card.current.value;
            assert!(v.is_none() || v == Some(0.0), "{engine}: {:?} {v:?}", card.key);
            assert!(v.is_none_or(|v| !v.is_nan()));
        }
        assert_eq!(value(&d, KpiKey::Csi), None);
        assert_eq!(value(&d, KpiKey::ShowRate), None);
    }
}

#[test]
fn a_period_backwards_or_in_the_future_is_refused_naming_the_field() {
    for mut db in Store::each() {
        let backwards = ReportQuery { from: date("2026-11-20"), to: date("2026-11-01"), advisor: None };
        let error = db.read(|c| reports::dashboard(c, &backwards, now())).unwrap_err();
        assert_eq!(kinds(error), [(ErrorKind::DateOrder, Some("to".into()))]);
        let future = ReportQuery { from: date("2026-11-24"), to: date("2026-12-31"), advisor: None };
        let error = db.read(|c| reports::dashboard(c, &future, now())).unwrap_err();
        assert_eq!(kinds(error), [(ErrorKind::DateInFuture, Some("from".into()))]);
        let error: StoreError =
            db.read(|c| reports::dashboard_records(c, &backwards, KpiKey::Csi, now())).unwrap_err();
        assert_eq!(kinds(error), [(ErrorKind::DateOrder, Some("to".into()))]);
    }
}

#[test]
fn an_advisor_reads_only_their_own_figures() {
    let mut db = Store::sqlite();
    let (shop, _, _) = shop(&mut db);
    let forced = reports::scoped(&shop.a, &november()).unwrap();
    assert_eq!(forced.advisor, Some(shop.a.id));
    let other = ReportQuery { advisor: Some(shop.b.id), ..november() };
    assert_eq!(
        kinds(reports::scoped(&shop.a, &other).unwrap_err()),
        [(ErrorKind::Forbidden, Some("advisor".into()))]
    );
    // The manager reads the dealership's or any advisor's.
    assert_eq!(reports::scoped(&shop.manager, &other).unwrap(), other);
    assert_eq!(reports::scoped(&shop.manager, &november()).unwrap(), november());
    assert_eq!(
        kinds(reports::scoped(&shop.technician, &november()).unwrap_err()),
        [(ErrorKind::Forbidden, None)]
    );
}

/// Issue 16, item 8: the workshop's load counts every vehicle in the workshop
/// that day by its repair order's labour hours, not only the appointments.
#[test]
fn the_workshop_load_counts_every_vehicle_in_the_shop_by_its_order_hours() {
    for mut db in Store::each() {
        let engine = db.engine();
        let (shop, _, _) = shop(&mut db);
        let (a, c) = (&shop.a, shop.c);
        let labour = |db: &mut Store, visit: i64, centi: i64, extra: Option<&str>| {
            db.write(|tx| {
                let extra_id: Option<i64> = match extra {
                    Some(status) => Some(
                        tx.one(
                            "INSERT INTO extra_work (visit_id, description, status, found_by, found_at)
                             VALUES (?1, '更换刹车盘', ?2, '刘强', ?3) RETURNING id",
                            params![visit, status, utc("2026-11-23T01:00:00Z")],
                        )?
                        .get("id")?,
                    ),
                    None => None,
                };
                tx.run(
                    "INSERT INTO order_lines (visit_id, extra_work_id, position, kind, description, quantity_centi,
                         unit_price_fen, amount_fen)
                     VALUES (?1, ?2, 1, 'labour', '工时', ?3, 20000, 20000)",
                    params![visit, extra_id, centi],
                )
            })
            .unwrap();
        };
        // In repair since yesterday: 1.5 + 2.5 hours on the order, and 1 hour of declined extra work → 240 min.
        let repair = visit(&mut db, c[0], a, V { state: "in_repair", ..V::default() });
        labour(&mut db, repair, 150, None);
        labour(&mut db, repair, 250, None);
        labour(&mut db, repair, 100, Some("declined"));
        // Received, no order yet: its 60 expected minutes.
        visit(&mut db, c[1], a, V { state: "received", ..V::default() });
        // Today's 14:00 appointment still to come: 60 expected minutes.
        visit(
            &mut db,
            c[2],
            a,
            V { state: "booked", appointment: Some("2026-11-23T14:00:00"), ..V::default() },
        );
        // Handed over this morning with 1 hour approved extra work on the order: 60 min.
        let done = visit(
            &mut db,
            c[3],
            a,
            V {
                state: "handed_over",
                handed_over: Some("2026-11-23T09:30:00"),
                on_time: Some(1),
                ..V::default()
            },
        );
        labour(&mut db, done, 100, Some("approved"));
        // Neither a cancelled appointment nor an imported past visit loads the workshop.
        visit(
            &mut db,
            c[3],
            a,
            V { state: "cancelled", appointment: Some("2026-11-23T15:00:00"), ..V::default() },
        );
        visit(
            &mut db,
            c[3],
            a,
            V {
                imported: true,
                state: "handed_over",
                handed_over: Some("2026-11-23T08:00:00"),
                ..V::default()
            },
        );
        let board = db.read(|conn| caredesk_store::visits::workshop(conn, now())).unwrap();
        assert_eq!(board.load_today.booked_minutes, 240 + 60 + 60 + 60, "{engine}");
        // Tomorrow only tomorrow's appointments count: there are none.
        let tomorrow =
            db.read(|conn| caredesk_store::visits::board(conn, date("2026-11-24"), 1, now())).unwrap();
        assert_eq!(tomorrow.load[0].booked_minutes, 0, "{engine}");
    }
}
