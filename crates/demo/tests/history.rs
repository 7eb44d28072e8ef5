//! The demo's year of history, as the manager's dashboard reads it: every
//! card of the last two complete months has a figure, and the trends move;
//! and nothing of the past is left open for today's lists.

use std::collections::HashSet;
use std::time::Instant;

use caredesk_domain::Actor;
use caredesk_domain::campaign::CampaignStatus;
use caredesk_domain::complaint::ComplaintState;
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

#[test]
fn the_year_looks_like_a_dealerships() {
    let (_dir, mut db, now) = seeded("2026-11-22");
    // The last twelve months as the dashboard counts them (the store's SQL, not the test's).
    let year = ReportQuery { from: now.today - Months::new(12), to: now.today, advisor: None };
    let dashboard = reports::dashboard(db.conn(), &year, now).unwrap();
    let card = |key: KpiKey| dashboard.cards.iter().find(|c| c.key == key).unwrap().current;
    let counts = |key: KpiKey| {
        let figure = card(key);
        (figure.part.unwrap_or(0), figure.whole.unwrap_or(0))
    };
    let handed_over = card(KpiKey::RepairOrders).value.unwrap_or(0.0) as u32;
    let (shown, booked) = counts(KpiKey::ShowRate);
    let no_shows = booked - shown;
    let (on_time, handovers) = counts(KpiKey::OnTimeHandover);
    let late = handovers - on_time;
    let (approved, decided) = counts(KpiKey::ExtraWorkApproval);
    let declined = decided - approved;
    let (in_window, due) = counts(KpiKey::CallsInWindow);
    let late_calls = due - in_window;
    let (reached, closed) = counts(KpiKey::ReachRate);
    let not_reached = closed - reached;
    let (care_booked, care_reached) = counts(KpiKey::CareBooked);
    let complaints = caredesk_store::complaints::all(db.conn(), false).unwrap();
    let open_complaints = complaints.iter().filter(|c| c.state != ComplaintState::Closed).count();
    let categories: HashSet<_> = complaints.iter().map(|c| c.category).collect();
    let channels: HashSet<_> = complaints.iter().map(|c| c.channel).collect();
    let escalated = complaints.iter().filter(|c| !c.escalations.is_empty()).count();
    let reopened = complaints.iter().filter(|c| c.reopened).count();
    let campaigns = caredesk_store::campaigns::list(db.conn()).unwrap();
    let held = campaigns.iter().filter(|c| c.status == CampaignStatus::Finished).count();
    eprintln!(
        "last 12 months: {handed_over} handed over ({late} late), {booked} appointments kept or missed \
         ({no_shows} no-shows); extra work {approved} approved, {declined} declined; {closed} calls closed \
         ({not_reached} not reached), {late_calls} out of their window; {} complaints ({escalated} escalated, \
         {reopened} reopened, {open_complaints} open); {care_reached} care calls reached ({care_booked} booked); \
         {held} events held",
        complaints.len()
    );
    assert!(handed_over > 900, "{handed_over} handovers");
    let share = f64::from(no_shows) / f64::from(booked);
    assert!((0.03..0.15).contains(&share), "no-shows: {share}");
    assert!(late > 20 && approved > 50 && declined > 50);
    assert!(not_reached > 0 && late_calls > 0);
    assert_eq!((categories.len(), channels.len()), (9, 4), "complaints of every category and channel");
    assert!(escalated > 5 && reopened > 3);
    assert_eq!(open_complaints, 0, "the history's complaints are all closed");
    assert!(care_reached > 50 && care_booked > 0);
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
    assert_eq!(held, 4, "three events in the history and the summer one");
}
