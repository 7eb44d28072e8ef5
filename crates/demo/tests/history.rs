//! The demo's year of history, as the manager's dashboard reads it: every
//! card of the last two complete months has a figure, and the trends move;
//! and nothing of the past is left open for today's lists.

use std::time::Instant;

use caredesk_domain::Actor;
use caredesk_store::reports::{self, KpiKey, ReportQuery};
use caredesk_store::{Database, Now};
use chrono::{Datelike, Days, Months, NaiveDate, TimeZone, Utc};

fn seeded(today: &str) -> (tempfile::TempDir, Database, Now) {
    let day: NaiveDate = today.parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::File(caredesk_store::Db::open(&dir.path().join("caredesk.db")).unwrap());
    // 10:00 in Beijing.
    let now = Now::at(Utc.with_ymd_and_hms(day.year(), day.month(), day.day(), 2, 0, 0).unwrap(), 8);
    let started = Instant::now();
    caredesk_demo::seed(&mut db, &Actor::system(), now).unwrap();
    eprintln!("the demo for {today} seeded in {:?}", started.elapsed());
    (dir, db, now)
}

fn month(first: NaiveDate) -> ReportQuery {
    ReportQuery { from: first, to: first + Months::new(1) - Days::new(1), advisor: None }
}

fn assert_history(today: &str) {
    let (_dir, db, now) = seeded(today);
    let this_month = now.today.with_day(1).unwrap();
    for back in [1, 2] {
        let query = month(this_month - Months::new(back));
        let dashboard = reports::dashboard(db.conn(), &query, now).unwrap();
        assert_eq!(dashboard.cards.len(), KpiKey::ALL.len());
        for card in &dashboard.cards {
            assert!(
                card.current.value.is_some(),
                "today {today}: {:?} has no figure for {}",
                card.key,
                query.from.format("%Y-%m")
            );
        }
        // The screen's drill-down lists the month's escalated complaints: there are some.
        let escalation = dashboard.cards.iter().find(|c| c.key == KpiKey::EscalationRate).unwrap();
        assert!(
            escalation.current.part.unwrap_or(0) > 0,
            "today {today}: no complaint escalated in {}",
            query.from
        );
        if back == 1 {
            for key in [KpiKey::Csi, KpiKey::Revenue, KpiKey::ShowRate] {
                let card = dashboard.cards.iter().find(|c| c.key == key).unwrap();
                let values: Vec<f64> = card.trend.iter().filter_map(|m| m.figure.value).collect();
                assert_eq!(values.len(), 12, "today {today}: {key:?} has a figure every month");
                let (low, high) =
                    values.iter().fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(*v), h.max(*v)));
                assert!(high > low, "today {today}: the {key:?} trend is flat: {values:?}");
            }
        }
    }
    assert_nothing_old_open(&db, now);
    // The campaign journey's segment (the commonest model, no visit for six months) has
    // guests to answer and check in, and customers without consent counted out.
    let model = caredesk_store::vehicles::models(db.conn()).unwrap()[0].clone();
    let segment = caredesk_domain::campaign::Segment {
        models: vec![model],
        last_visit_months: Some(6),
        ..caredesk_domain::campaign::Segment::default()
    };
    let found = caredesk_store::campaigns::count(db.conn(), &segment, now.today).unwrap();
    eprintln!("today {today}: the segment has {found:?}");
    assert!(found.customers >= 4 && found.excluded_no_consent >= 1, "today {today}: {found:?}");
}

/// The history leaves nothing open: its calls worked, its complaints closed,
/// its appointments kept or missed, its care calls made.
fn assert_nothing_old_open(db: &Database, now: Now) {
    let three_weeks_ago = now.today - Days::new(21);
    for (_, due_from) in caredesk_store::follow_up::open_calls(db.conn()).unwrap() {
        assert!(due_from >= three_weeks_ago, "a follow-up call due {due_from} is still open");
    }
    for complaint in caredesk_store::complaints::list(db.conn(), true).unwrap() {
        assert!(
            complaint.received_at.date_naive() >= three_weeks_ago,
            "a complaint received {} is still open",
            complaint.received_at
        );
    }
    let open_from_the_past = caredesk_store::visits::all(db.conn(), now)
        .unwrap()
        .into_iter()
        .filter(|v| {
            matches!(
                v.state,
                caredesk_domain::visit::VisitState::Booked | caredesk_domain::visit::VisitState::Prepared
            )
        })
        .filter(|v| v.appointment_at.is_some_and(|at| at.date() < now.today))
        .count();
    assert_eq!(open_from_the_past, 0, "an appointment of the past is still open");
}

#[test]
fn the_last_two_months_have_every_figure_on_the_twenty_second() {
    assert_history("2026-11-22");
}

#[test]
fn the_last_two_months_have_every_figure_on_the_first() {
    assert_history("2026-03-01");
}

#[test]
fn the_last_two_months_have_every_figure_on_the_thirty_first() {
    assert_history("2026-07-31");
}

#[test]
fn customers_are_customers_since_their_first_purchase() {
    let (_dir, db, now) = seeded("2026-11-22");
    let customers = caredesk_store::customers::all(db.conn()).unwrap();
    assert_eq!(customers.len(), caredesk_demo::CUSTOMERS);
    let mut before_the_history = 0;
    for customer in &customers {
        let since = customer.created_at.date_naive();
        let cars = caredesk_store::vehicles::of_customer(db.conn(), customer.id).unwrap();
        if let Some(first) = cars.iter().filter_map(|v| v.purchase_date).min() {
            // Written at 11:00 in Beijing, 03:00 UTC: the same day.
            assert_eq!(since, first, "{} became a customer when they bought their first car", customer.name);
        }
        before_the_history += u32::from(since < now.today - Months::new(12));
    }
    assert!(before_the_history > 200, "most customers are older than the history: {before_the_history}");
}

/// A count over the seeded database.
fn count(db: &Database, sql: &str) -> i64 {
    db.conn().one(sql, &[]).unwrap().get("n").unwrap()
}

#[test]
fn the_year_looks_like_a_dealerships() {
    let (_dir, mut db, now) = seeded("2026-11-22");
    let year_ago = format!("'{}'", now.today - Months::new(12));
    let n = |sql: &str| count(&db, &sql.replace("YEAR_AGO", &year_ago));
    let handed_over = n("SELECT count(*) AS n FROM visits WHERE handed_over_local >= YEAR_AGO");
    let booked = n("SELECT count(*) AS n FROM visits WHERE appointment_at >= YEAR_AGO");
    let walk_ins = n("SELECT count(*) AS n FROM visits WHERE walk_in = 1 AND handed_over_local >= YEAR_AGO");
    let no_shows =
        n("SELECT count(*) AS n FROM visits WHERE state = 'no_show' AND appointment_at >= YEAR_AGO");
    let late = n("SELECT count(*) AS n FROM visits WHERE on_time = 0 AND handed_over_local >= YEAR_AGO");
    let declined = n("SELECT count(*) AS n FROM extra_work WHERE status = 'declined'");
    let approved = n("SELECT count(*) AS n FROM extra_work WHERE status = 'approved'");
    let surveys = n("SELECT count(*) AS n FROM follow_up_surveys");
    let unreachable = n("SELECT count(*) AS n FROM follow_up_calls WHERE status = 'unreachable'");
    let refused = n("SELECT count(*) AS n FROM follow_up_calls WHERE status = 'refused'");
    let late_calls =
        n("SELECT count(*) AS n FROM follow_up_calls WHERE status <> 'open' AND closed_on > due_to");
    let complaints = n("SELECT count(*) AS n FROM complaints");
    let open_complaints = n("SELECT count(*) AS n FROM complaints WHERE closed_at IS NULL");
    let categories = n("SELECT count(DISTINCT category) AS n FROM complaints");
    let channels = n("SELECT count(DISTINCT channel) AS n FROM complaints");
    let escalated = n("SELECT count(DISTINCT complaint_id) AS n FROM complaint_escalations");
    let reopened = n("SELECT count(*) AS n FROM complaints WHERE reopened = 1");
    let care = n("SELECT count(*) AS n FROM care_calls WHERE status <> 'open'");
    let care_reached = n("SELECT count(*) AS n FROM care_calls WHERE status = 'completed'");
    let care_open = n("SELECT count(*) AS n FROM care_calls WHERE status = 'open'");
    let campaigns = n("SELECT count(*) AS n FROM campaigns WHERE status = 'finished'");
    eprintln!(
        "last 12 months: {handed_over} handed over ({walk_ins} walk-ins, {late} late), {booked} appointments \
         ({no_shows} no-shows); extra work {approved} approved, {declined} declined; {surveys} surveys, \
         {unreachable} unreachable, {refused} refused, {late_calls} late calls; {complaints} complaints \
         ({escalated} escalated, {reopened} reopened, {open_complaints} open); {care} care calls \
         ({care_reached} reached); {campaigns} events held"
    );
    assert!(handed_over > 900, "{handed_over} handovers");
    let share = no_shows as f64 / booked as f64;
    assert!((0.03..0.15).contains(&share), "no-shows: {share}");
    assert!(walk_ins > 50 && late > 20 && approved > 50 && declined > 50);
    assert!(unreachable > 0 && refused > 0 && late_calls > 0);
    assert_eq!((categories, channels), (9, 4), "complaints of every category and channel");
    assert!(escalated > 5 && reopened > 3);
    assert!(care > 100 && care_reached > 50);
    assert_eq!(care_open, 0, "the history's care calls were all made: today's lists start afresh");
    // … and today's maintenance list has the cars due about now.
    let today_list = db
        .write(|tx| {
            caredesk_store::care::refresh(tx, caredesk_domain::care::CareKind::MaintenanceDue, now)?;
            let caller = Actor {
                id: caredesk_domain::StaffId(0),
                name: String::new(),
                role: caredesk_domain::Role::FollowUp,
            };
            caredesk_store::care::list(
                tx,
                &caller,
                caredesk_domain::care::CareKind::MaintenanceDue,
                now.today,
                now.today,
            )
        })
        .unwrap();
    eprintln!("today's maintenance list: {} calls", today_list.len());
    assert!(today_list.len() >= 3, "today's maintenance list: {}", today_list.len());
    assert_eq!(campaigns, 4, "three events in the history and the summer one");
}
