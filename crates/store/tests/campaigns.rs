//! Campaigns through the store on temp databases: each segment filter and their
//! combination, consent exclusion, the plan and its budget, invitations, RSVP,
//! check-in (walk-ins), the lottery until the stock is gone, the results, two
//! desks drawing at once; declined work as a segment and a care list. Each test
//! on both engines (SQLite, and PostgreSQL when the test cluster is given).

#[path = "common/engines.rs"]
mod engines;
#[path = "common/shop.rs"]
mod shop;

use caredesk_domain::archive::{CustomerGrade, LeadGrade, OwnerChange};
use caredesk_domain::campaign::{
    Activity, ActivityKind, Arrival, BudgetLineInput, CampaignInput, CampaignStatus, PrizeInput, Rsvp,
    Segment,
};
use caredesk_domain::care::CareKind;
use caredesk_domain::{Actor, CustomerId, ErrorKind, Fen, Role};
use caredesk_store::engine::Write;
use caredesk_store::{Now, StoreError, campaigns, care, vehicles};
use chrono::NaiveDate;
use engines::{Store, race};
use rusqlite::params;
use shop::{Team, archive, kinds, member, now, team, today};

fn names(db: &mut Store, segment: &Segment) -> Vec<String> {
    let engine = db.engine();
    let mut names: Vec<String> = db
        .read(|c| campaigns::members(c, segment, today(), 1000))
        .unwrap_or_else(|e| panic!("{engine}: {e}"))
        .into_iter()
        .map(|m| m.name)
        .collect();
    names.sort();
    names
}

fn count(db: &mut Store, segment: &Segment) -> (u32, u32) {
    let engine = db.engine();
    let c = db.read(|c| campaigns::count(c, segment, today())).unwrap_or_else(|e| panic!("{engine}: {e}"));
    (c.customers, c.excluded_no_consent)
}

#[test]
fn each_segment_filter_picks_its_customers() {
    for mut db in Store::each() {
        each_segment_filter_picks_its_customers_on(&mut db);
    }
}

fn each_segment_filter_picks_its_customers_on(db: &mut Store) {
    team(db);
    archive(db);
    let s = |f: fn(&mut Segment)| {
        let mut segment = Segment::default();
        f(&mut segment);
        segment
    };
    assert_eq!(
        names(db, &s(|s| s.models = vec!["速腾".into(), "宝来".into()])),
        ["丁 速腾", "己 生日", "戊 宝来"]
    );
    assert_eq!(names(db, &s(|s| s.model_year_from = Some(2021))), ["丁 速腾", "乙 迈腾新客"]);
    assert_eq!(names(db, &s(|s| s.model_year_to = Some(2019))), ["甲 迈腾老客"]);
    assert_eq!(
        names(
            db,
            &s(|s| {
                s.purchased_from = NaiveDate::from_ymd_opt(2019, 1, 1);
                s.purchased_to = NaiveDate::from_ymd_opt(2019, 12, 31);
            })
        ),
        ["甲 迈腾老客"]
    );
    assert_eq!(names(db, &s(|s| s.service_due_days = Some(30))), ["子 保养到期"]);
    assert_eq!(names(db, &s(|s| s.insurance_days = Some(30))), ["丁 速腾"]);
    assert_eq!(names(db, &s(|s| s.warranty_days = Some(30))), ["戊 宝来"]);
    assert_eq!(names(db, &s(|s| s.inspection_days = Some(30))), ["戊 宝来"]);
    assert_eq!(names(db, &s(|s| s.birthday_this_month = true)), ["己 生日"]);
    assert_eq!(names(db, &s(|s| s.grades = vec![CustomerGrade::Vip])), ["戊 宝来"]);
    assert_eq!(names(db, &s(|s| s.lead_grades = vec![LeadGrade::A, LeadGrade::B])), ["庚 线索A"]);
    // Last visit older than 6 months: never visited counts, a visit in October does not.
    let lapsed = names(db, &s(|s| s.last_visit_months = Some(6)));
    assert!(
        lapsed.contains(&"癸 迈腾久未到店".to_owned()) && !lapsed.contains(&"壬 迈腾近期到店".to_owned())
    );
    assert!(lapsed.contains(&"甲 迈腾老客".to_owned()), "never visited is older than 6 months");
}

#[test]
fn filters_combine_and_customers_without_consent_are_counted_out() {
    for mut db in Store::each() {
        filters_combine_and_customers_without_consent_are_counted_out_on(&mut db);
    }
}

fn filters_combine_and_customers_without_consent_are_counted_out_on(db: &mut Store) {
    team(db);
    archive(db);
    // A model and the last visit older than 6 months.
    let segment = Segment { models: vec!["迈腾".into()], last_visit_months: Some(6), ..Segment::default() };
    assert_eq!(names(db, &segment), ["乙 迈腾新客", "甲 迈腾老客", "癸 迈腾久未到店"]);
    // 丙 matches too, but gave no consent: excluded and counted as such.
    assert_eq!(count(db, &segment), (3, 1));
    let narrower = Segment { model_year_from: Some(2020), ..segment };
    assert_eq!(names(db, &narrower), ["乙 迈腾新客"]);
    assert_eq!(count(db, &narrower), (1, 1));
    // The whole archive: every customer with consent, leads included.
    assert_eq!(count(db, &Segment::default()), (11, 1));
    // A bad range is refused with its field.
    let bad = Segment { model_year_from: Some(2024), model_year_to: Some(2020), ..Segment::default() };
    let err = db.read(|c| campaigns::count(c, &bad, today())).unwrap_err();
    assert_eq!(kinds(err), [(ErrorKind::DateOrder, Some("modelYearTo".into()))]);
}

#[test]
fn a_count_on_the_vehicle_alone_follows_its_owner_archived_restored_consenting_or_new() {
    for mut db in Store::each() {
        a_count_follows_the_owner_on(&mut db);
    }
}

/// A segment on the vehicle alone is counted from the facts each vehicle keeps
/// about its owner (migration 7): every way those facts change must reach it.
fn a_count_follows_the_owner_on(db: &mut Store) {
    let team = team(db);
    archive(db);
    let engine = db.engine();
    let segment = Segment { models: vec!["速腾".into(), "宝来".into()], ..Segment::default() };
    // The same customers through the customers' side (a condition on the customer).
    let all_grades = Segment { grades: vec![CustomerGrade::Ordinary, CustomerGrade::Vip], ..segment.clone() };
    let both = |db: &mut Store| {
        let (by_vehicle, by_customer) = (count(db, &segment), count(db, &all_grades));
        assert_eq!(by_vehicle, by_customer, "{engine}: the two ways of counting agree");
        by_vehicle
    };
    assert_eq!(names(db, &segment), ["丁 速腾", "己 生日", "戊 宝来"]);
    let (consenting, without) = both(db);
    assert_eq!(consenting, 3);

    let ding = id_of(db, "丁 速腾");
    db.write(|tx| caredesk_store::customers::set_archived(tx, &team.manager, ding, true, now())).unwrap();
    assert_eq!(both(db), (consenting - 1, without), "{engine}: an archived owner is out");
    db.write(|tx| caredesk_store::customers::set_archived(tx, &team.manager, ding, false, now())).unwrap();
    assert_eq!(both(db), (consenting, without), "{engine}: restored, back in");

    let wu = id_of(db, "戊 宝来");
    db.write(|tx| tx.run("UPDATE customers SET marketing_consent = 0 WHERE id = ?1", params![wu.0])).unwrap();
    assert_eq!(both(db), (consenting - 1, without + 1), "{engine}: consent withdrawn");

    // 丁's 速腾 changes hands to 甲, who has a 迈腾 and consents.
    let jia = id_of(db, "甲 迈腾老客");
    let car = db.read(|c| vehicles::of_customer(c, ding)).unwrap()[0].id;
    let change = OwnerChange { vehicle_id: car, new_owner: jia, date: today().to_string() };
    db.write(|tx| vehicles::change_owner(tx, &team.manager, &change, now())).unwrap();
    assert_eq!(names(db, &segment), ["己 生日", "甲 迈腾老客"], "{engine}: the new owner counts");
    assert_eq!(both(db), (consenting - 1, without + 1), "{engine}");
}

fn plan() -> CampaignInput {
    let line = |item: &str, q: i64, p: i64| BudgetLineInput {
        item: item.into(),
        quantity_centi: q,
        unit_price: Fen(p),
        actual_quantity_centi: None,
        actual_unit_price: None,
        note: String::new(),
    };
    CampaignInput {
        theme: "随心驾驭，安全随行".into(),
        starts_on: today(),
        ends_on: today() + chrono::Days::new(1),
        venue: "售后车间".into(),
        background: "国庆长假前".into(),
        objectives: "节前集客".into(),
        activities: vec![Activity {
            kind: ActivityKind::Lottery,
            title: "抽奖".into(),
            at: None,
            notes: String::new(),
        }],
        prizes: vec![
            PrizeInput { id: None, name: "保养工时卡".into(), stock: 1, unit_value: Fen(100_000) },
            PrizeInput { id: None, name: "精品".into(), stock: 1, unit_value: Fen(100_000) },
        ],
        budget: vec![line("油费", 112_000, 190), line("门票", 2_000, 20_000)],
        attribution_days: 30,
        version: None,
    }
}

#[test]
fn a_campaign_is_planned_invited_checked_in_and_drawn_until_the_stock_is_gone() {
    for mut db in Store::each() {
        a_campaign_is_planned_invited_checked_in_and_drawn_until_the_stock_is_gone_on(&mut db);
    }
}

fn a_campaign_is_planned_invited_checked_in_and_drawn_until_the_stock_is_gone_on(db: &mut Store) {
    let Team { manager, caller, .. } = team(db);
    archive(db);
    let refused = db.write(|tx| campaigns::create(tx, &caller, &plan(), now()));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::Forbidden, None)]);
    let mut bad = plan();
    bad.ends_on = today() - chrono::Days::new(1);
    bad.budget[0].quantity_centi = -1;
    let refused = db.write(|tx| campaigns::create(tx, &manager, &bad, now()));
    assert_eq!(
        kinds(refused.unwrap_err()),
        [
            (ErrorKind::DateOrder, Some("endsOn".into())),
            (ErrorKind::OutOfRange, Some("budget.0.quantityCenti".into()))
        ]
    );
    let id = db.write(|tx| campaigns::create(tx, &manager, &plan(), now())).unwrap();
    let c = db.read(|c| campaigns::get(c, id)).unwrap();
    // 1.90 × 1120 = 2128; 200 × 20 = 4000.
    assert_eq!(c.budget.planned, Fen(612_800));
    assert_eq!(c.status, CampaignStatus::Draft);

    let segment = Segment { models: vec!["迈腾".into()], last_visit_months: Some(6), ..Segment::default() };
    db.write(|tx| campaigns::set_segment(tx, &manager, id, &segment, now())).unwrap();
    assert_eq!(db.write(|tx| campaigns::invite(tx, &manager, id, now())).unwrap(), 3);
    assert_eq!(db.write(|tx| campaigns::invite(tx, &manager, id, now())).unwrap(), 0, "invited once");
    let guests = db.read(|c| campaigns::invitations(c, id)).unwrap();
    assert_eq!(guests.iter().map(|g| g.row).collect::<Vec<_>>(), [1, 2, 3]);

    // RSVPs need the plan approved.
    let early = db.write(|tx| campaigns::record_rsvp(tx, &caller, guests[0].id, Rsvp::Yes, "", now()));
    assert_eq!(kinds(early.unwrap_err()), [(ErrorKind::InvalidState, Some("status".into()))]);
    db.write(|tx| campaigns::set_status(tx, &manager, id, CampaignStatus::Planned, now())).unwrap();
    for (guest, rsvp) in guests.iter().zip([Rsvp::Yes, Rsvp::Maybe, Rsvp::NotReached]) {
        db.write(|tx| campaigns::record_rsvp(tx, &caller, guest.id, rsvp, "", now())).unwrap();
    }
    let turnout = db.read(|c| campaigns::get(c, id)).unwrap().turnout;
    assert_eq!((turnout.invited, turnout.yes, turnout.maybe, turnout.not_reached), (3, 1, 1, 1));

    // The day: two invited guests and a walk-in check in; someone not invited only as a walk-in.
    let stranger = id_of(db, "丁 速腾");
    let refused = db.write(|tx| campaigns::check_in(tx, &caller, id, guests[0].customer_id, false, now()));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::InvalidState, Some("status".into()))]);
    db.write(|tx| campaigns::set_status(tx, &manager, id, CampaignStatus::Running, now())).unwrap();
    for guest in &guests[..2] {
        db.write(|tx| campaigns::check_in(tx, &caller, id, guest.customer_id, false, now())).unwrap();
    }
    let twice = db.write(|tx| campaigns::check_in(tx, &caller, id, guests[0].customer_id, false, now()));
    assert_eq!(kinds(twice.unwrap_err()), [(ErrorKind::Duplicate, Some("customerId".into()))]);
    let uninvited = db.write(|tx| campaigns::check_in(tx, &caller, id, stranger, false, now()));
    assert_eq!(kinds(uninvited.unwrap_err()), [(ErrorKind::NotFound, Some("customerId".into()))]);
    let walk_in = db.write(|tx| campaigns::check_in(tx, &caller, id, stranger, true, now())).unwrap();
    let guests = db.read(|c| campaigns::invitations(c, id)).unwrap();
    assert_eq!(guests.iter().find(|g| g.id == walk_in).unwrap().arrival, Arrival::WalkIn);

    // The lottery: one draw each, from what is in stock, until none is left.
    let not_in = guests.iter().find(|g| g.checked_in_at.is_none()).unwrap().id;
    let refused = db.write(|tx| campaigns::draw(tx, &caller, not_in, now(), |_| Ok(0)));
    assert_eq!(kinds(refused.unwrap_err()), [(ErrorKind::InvalidState, Some("invitationId".into()))]);
    let first = db.write(|tx| campaigns::draw(tx, &caller, guests[0].id, now(), |n| Ok(n - 1))).unwrap();
    assert_eq!(first.prize_name, "精品");
    let again = db.write(|tx| campaigns::draw(tx, &caller, guests[0].id, now(), |_| Ok(0)));
    assert_eq!(kinds(again.unwrap_err()), [(ErrorKind::Duplicate, Some("invitationId".into()))]);
    let second = db
        .write(|tx| {
            campaigns::draw(tx, &caller, guests[1].id, now(), |n| {
                assert_eq!(n, 1);
                Ok(0)
            })
        })
        .unwrap();
    assert_eq!(second.prize_name, "保养工时卡");
    let empty = db.write(|tx| campaigns::draw(tx, &caller, walk_in, now(), |_| Ok(0)));
    assert_eq!(kinds(empty.unwrap_err()), [(ErrorKind::OutOfRange, Some("prizes".into()))]);
    assert_eq!(db.read(|c| campaigns::draws(c, id)).unwrap().len(), 2);

    // A stock below what was drawn is refused.
    let c = db.read(|c| campaigns::get(c, id)).unwrap();
    let mut input = plan();
    input.prizes = c
        .prizes
        .iter()
        .map(|p| PrizeInput { id: Some(p.id), name: p.name.clone(), stock: 0, unit_value: p.unit_value })
        .collect();
    let refused = db.write(|tx| campaigns::update(tx, &manager, id, &input, now()));
    assert_eq!(
        kinds(refused.unwrap_err()),
        [
            (ErrorKind::OutOfRange, Some("prizes.0.stock".into())),
            (ErrorKind::OutOfRange, Some("prizes.1.stock".into()))
        ]
    );

    db.write(|tx| campaigns::set_status(tx, &manager, id, CampaignStatus::Finished, now())).unwrap();
    let results = db.read(|c| campaigns::results(c, id)).unwrap();
    assert_eq!((results.invited, results.confirmed, results.attended, results.walk_ins), (3, 1, 3, 1));
    // Budget 6128 + two prizes worth 1000 each = 8128 over 3 attendees.
    assert_eq!(results.cost, Fen(812_800));
    assert_eq!(results.cost_per_attendee, Some(Fen(270_933)));
    assert_eq!(results.repair_orders, 0);
}

// ---------------------------------------------------------------------------
// Two desks at once

#[test]
fn two_desks_at_once_never_check_in_twice_nor_draw_twice_nor_over_the_stock() {
    for mut db in Store::each() {
        two_desks_at_once_on(&mut db);
    }
}

fn two_desks_at_once_on(db: &mut Store) {
    let engine = db.engine();
    let Team { manager, caller, .. } = team(db);
    archive(db);
    let mut input = plan();
    input.prizes =
        vec![PrizeInput { id: None, name: "保养工时卡".into(), stock: 2, unit_value: Fen(100_000) }];
    let id = db.write(|tx| campaigns::create(tx, &manager, &input, now())).unwrap();
    let segment = Segment { models: vec!["迈腾".into()], last_visit_months: Some(6), ..Segment::default() };
    db.write(|tx| campaigns::set_segment(tx, &manager, id, &segment, now())).unwrap();
    assert_eq!(db.write(|tx| campaigns::invite(tx, &manager, id, now())).unwrap(), 3);
    db.write(|tx| campaigns::set_status(tx, &manager, id, CampaignStatus::Planned, now())).unwrap();
    db.write(|tx| campaigns::set_status(tx, &manager, id, CampaignStatus::Running, now())).unwrap();
    let guests = db.read(|c| campaigns::invitations(c, id)).unwrap();
    let mut desk = db.beside();

    // One guest at two doors: checked in once, the other desk told so.
    let check_in = |customer: CustomerId| {
        let caller = &caller;
        move |tx: &dyn Write| campaigns::check_in(tx, caller, id, customer, false, now())
    };
    let (_, second) = race(db, &mut desk, check_in(guests[0].customer_id), check_in(guests[0].customer_id));
    assert_eq!(
        kinds(second.expect_err(engine)),
        [(ErrorKind::Duplicate, Some("customerId".into()))],
        "{engine}"
    );
    for guest in &guests[1..] {
        db.write(check_in(guest.customer_id)).unwrap();
    }

    // One guest drawn at two desks: one prize, the other desk told so.
    let draw = |invitation| {
        let caller = &caller;
        move |tx: &dyn Write| campaigns::draw(tx, caller, invitation, now(), |_| Ok(0))
    };
    let (_, second) = race(db, &mut desk, draw(guests[0].id), draw(guests[0].id));
    assert_eq!(
        kinds(second.expect_err(engine)),
        [(ErrorKind::Duplicate, Some("invitationId".into()))],
        "{engine}"
    );

    // The last prize, drawn for two guests at two desks: one gets it, the other hears the stock is empty.
    let (_, second) = race(db, &mut desk, draw(guests[1].id), draw(guests[2].id));
    assert_eq!(
        kinds(second.expect_err(engine)),
        [(ErrorKind::OutOfRange, Some("prizes".into()))],
        "{engine}"
    );
    let c = db.read(|c| campaigns::get(c, id)).unwrap();
    assert_eq!((c.prizes[0].stock, c.prizes[0].drawn, c.turnout.drawn, c.turnout.attended), (2, 2, 2, 3));
}

// ---------------------------------------------------------------------------
// Declined work: a segment and a care list

fn id_of(db: &mut Store, name: &str) -> CustomerId {
    CustomerId(
        db.read(|c| c.one("SELECT id FROM customers WHERE name = ?1", params![name])?.get("id")).unwrap(),
    )
}

/// A visit of `customer`'s car handed over yesterday, on which the customer declined extra work.
fn declined_visit(store: &mut Store, technician: &Actor, customer: CustomerId) {
    use caredesk_domain::visit::{
        ExtraWorkInput, HandoverInput, LineInput, LineKind, OrderInput, PaymentMethod, QcInput, QcItem,
        QcItemResult, QcResult, Reception, WalkIn,
    };
    let yesterday = Now::at(now().instant - chrono::Duration::hours(20), 8);
    let admin = Actor::system();
    let advisor = member(store, &admin, "王丽", "wangli", Role::ServiceAdvisor);
    let inspector = member(store, &admin, "陈静", "chenjing", Role::QcInspector);
    let technician = technician.clone();
    let vehicle = store.read(|c| vehicles::of_customer(c, customer)).unwrap()[0].id;
    let labour = |description: &str| LineInput {
        kind: LineKind::Labour,
        description: description.into(),
        part_number: String::new(),
        quantity_centi: 100,
        unit_price: Fen(18_000),
        genuine: true,
    };
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
    let db = store;
    let id = db.write(|tx| caredesk_store::visits::walk_in(tx, &advisor, &walk_in, yesterday)).unwrap();
    let order = OrderInput {
        lines: vec![labour("更换机油机滤")],
        promised_at: yesterday.local + chrono::Duration::hours(3),
        customer_confirmed: true,
        version: None,
    };
    db.write(|tx| caredesk_store::visits::write_order(tx, &advisor, id, &order, yesterday)).unwrap();
    db.write(|tx| caredesk_store::visits::start_repair(tx, &technician, id, technician.id, None, yesterday))
        .unwrap();
    let extra = ExtraWorkInput {
        description: "前刹车片磨损至 3mm，建议更换".into(),
        lines: vec![labour("更换前刹车片")],
    };
    let extra_id = db
        .write(|tx| caredesk_store::visits::find_extra_work(tx, &technician, id, &extra, yesterday))
        .unwrap();
    db.write(|tx| {
        caredesk_store::visits::decide_extra_work(tx, &advisor, id, extra_id, false, "下次再换", yesterday)
    })
    .unwrap();
    db.write(|tx| caredesk_store::visits::finish_repair(tx, &technician, id, yesterday)).unwrap();
    let qc = QcInput {
        items: QcItem::ALL
            .into_iter()
            .map(|item| QcItemResult { item, result: QcResult::Pass, note: String::new() })
            .collect(),
        parking_location: "A1".into(),
    };
    db.write(|tx| caredesk_store::visits::quality_check(tx, &inspector, id, &qc, yesterday)).unwrap();
    let visit = db.read(|c| caredesk_store::visits::get(c, id)).unwrap();
    let handover = HandoverInput {
        explained_line_ids: visit.counted_lines().map(|l| l.id).collect(),
        invoice_number: "FP1".into(),
        next_service_date: None,
        next_service_km: None,
        payment_method: PaymentMethod::Cash,
        amount_paid: visit.totals.total,
        condition_confirmed: true,
    };
    db.write(|tx| caredesk_store::visits::hand_over(tx, &advisor, id, &handover, yesterday)).unwrap();
}

#[test]
fn declined_work_is_a_segment_and_a_care_list_and_a_handover_keeps_the_last_visit() {
    for mut store in Store::each() {
        declined_work_on(&mut store);
    }
}

fn declined_work_on(store: &mut Store) {
    let engine = store.engine();
    let Team { caller, technician, .. } = team(store);
    archive(store);
    let customer = id_of(store, "丁 速腾");
    declined_visit(store, &technician, customer);
    assert_eq!(names(store, &Segment { declined_work: true, ..Segment::default() }), ["丁 速腾"], "{engine}");
    // Handed over yesterday: no longer "not seen for 6 months".
    let lapsed = names(store, &Segment { last_visit_months: Some(6), ..Segment::default() });
    assert!(!lapsed.contains(&"丁 速腾".to_owned()), "{engine}: {lapsed:?}");
    store.write(|tx| care::refresh(tx, CareKind::DeclinedWork, now())).unwrap();
    let list = store.read(|c| care::list(c, &caller, CareKind::DeclinedWork, today(), today())).unwrap();
    assert_eq!(list.len(), 1, "{engine}");
    assert_eq!(list[0].customer_name, "丁 速腾");
    assert!(list[0].reason.contains("前刹车片"), "{}", list[0].reason);
}

#[test]
fn a_plan_saved_from_a_form_read_before_someone_elses_change_is_refused_as_stale() {
    for mut db in Store::each() {
        let engine = db.engine();
        let Team { manager, .. } = team(&mut db);
        let id = db.write(|tx| campaigns::create(tx, &manager, &plan(), now())).unwrap();
        let read = db.read(|c| campaigns::get(c, id)).unwrap();
        // Two managers open the plan; the first saves a new venue.
        let mut first = CampaignInput { venue: "展厅".into(), version: Some(read.updated_at), ..plan() };
        db.write(|tx| campaigns::update(tx, &manager, id, &first, now())).unwrap();
        // The second saves what they read: refused, naming who changed it; the venue stays.
        let second =
            CampaignInput { theme: "冬季安全月".into(), version: Some(read.updated_at), ..plan() };
        let error = db.write(|tx| campaigns::update(tx, &manager, id, &second, now())).unwrap_err();
        assert!(matches!(&error, StoreError::Stale { by, .. } if *by == manager.name), "{engine}: {error:?}");
        let stored = db.read(|c| campaigns::get(c, id)).unwrap();
        assert_eq!(
            (stored.theme.as_str(), stored.venue.as_str()),
            (plan().theme.as_str(), "展厅"),
            "{engine}"
        );
        // Saved against the version now stored, it goes through — even with the same clock reading.
        first.version = Some(stored.updated_at);
        db.write(|tx| campaigns::update(tx, &manager, id, &first, now())).unwrap();
    }
}
