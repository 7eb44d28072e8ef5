//! Service visits through the store's public functions, on temp databases:
//! the whole lifecycle, double booking, and refusals that leave nothing behind —
//! each test on both engines (SQLite, and PostgreSQL when the test cluster is given).

#[path = "common/engines.rs"]
mod engines;

use caredesk_domain::archive::{CustomerInput, NewCustomer, VehicleInput};
use caredesk_domain::staff::{AdminSetup, StaffInput};
use caredesk_domain::visit::{
    AppointmentInput, Booking, Damage, ExtraWorkInput, ExtraWorkStatus, HandoverInput, LineInput, LineKind,
    OrderInput, Panel, PaymentMethod, Preparation, QcInput, QcItem, QcItemResult, QcResult, Reception,
    VisitState, WalkIn,
};
use caredesk_domain::{Actor, CustomerId, ErrorKind, Fen, Role, StaffId, VehicleId, VisitId};
use caredesk_store::engine::Write;
use caredesk_store::{Now, StoreError, customers, settings, staff, vehicles, visits};
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use engines::{Store, race};
use rusqlite::params;

/// 2026-11-22 10:00 in Beijing.
fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn later(hours: i64) -> Now {
    Now::at(now().instant + Duration::hours(hours), 8)
}

fn tomorrow_at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(h, m, 0).unwrap()
}

struct Shop {
    advisor: Actor,
    second_advisor: Actor,
    foreman: Actor,
    technician: StaffId,
    inspector: Actor,
    customer: CustomerId,
    vehicle: VehicleId,
}

fn actor(db: &mut Store, admin: &Actor, name: &str, login: &str, role: Role) -> Actor {
    let input = StaffInput { name: name.into(), login: login.into(), role, active: true };
    let id = db.write(|tx| staff::create(tx, admin, &input, "correct horse battery", now())).unwrap();
    Actor { id, name: name.into(), role }
}

fn vehicle_input(plate: &str, vin: &str) -> VehicleInput {
    VehicleInput {
        plate: plate.into(),
        vin: vin.into(),
        brand: "一汽-大众".into(),
        model: "迈腾".into(),
        mileage_km: Some(42_000),
        ..VehicleInput::default()
    }
}

fn shop(db: &mut Store) -> Shop {
    let setup =
        AdminSetup {
            name: "赵建国".into(), login: "admin".into(), password: "correct horse battery".into()
        };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, now())).unwrap();
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    let advisor = actor(db, &admin, "王丽", "wangli", Role::ServiceAdvisor);
    let second_advisor = actor(db, &admin, "孙悦", "sunyue", Role::ServiceAdvisor);
    let foreman = actor(db, &admin, "刘强", "liuqiang", Role::Technician);
    let technician = foreman.id;
    let inspector = actor(db, &admin, "陈静", "chenjing", Role::QcInspector);
    let new = NewCustomer {
        customer: CustomerInput {
            name: "王建国".into(),
            mobile: "13800138000".into(),
            ..CustomerInput::default()
        },
        vehicles: vec![vehicle_input("京A12345", "LFV2A21K767042918")],
    };
    let customer = db.write(|tx| customers::create(tx, &Actor::system(), &new, now())).unwrap();
    let vehicle = db.read(|c| vehicles::of_customer(c, customer)).unwrap()[0].id;
    Shop { advisor, second_advisor, foreman, technician, inspector, customer, vehicle }
}

fn appointment(shop: &Shop, advisor: &Actor, at: NaiveDateTime) -> AppointmentInput {
    AppointmentInput {
        customer_id: shop.customer,
        vehicle_id: shop.vehicle,
        advisor_id: advisor.id,
        at,
        expected_minutes: 90,
        requested_work: "更换机油和机滤".into(),
        concerns: "刹车时有异响".into(),
        replacement_car: false,
    }
}

fn book(db: &mut Store, shop: &Shop, at: NaiveDateTime) -> Result<VisitId, StoreError> {
    let booking = Booking { appointment: appointment(shop, &shop.advisor, at), new_customer: None };
    db.write(|tx| visits::book(tx, &shop.advisor, &booking, now()))
}

fn kinds(error: StoreError) -> Vec<(ErrorKind, Option<String>)> {
    error.issues().into_iter().map(|i| (i.kind, i.field)).collect()
}

/// The VIN with the right check digit in position 9.
fn valid_vin(vin: &str) -> String {
    let mut chars: Vec<char> = vin.chars().collect();
    chars[8] = caredesk_domain::validate::vin_check_digit(vin).unwrap();
    chars.into_iter().collect()
}

/// `sql` selects one number, named `n`.
fn count(db: &mut Store, sql: &str) -> i64 {
    db.read(|c| c.one(sql, params![])?.get("n")).unwrap_or_else(|e| panic!("{}: {e}", db.engine()))
}

fn labour(description: &str, hours_centi: u32, rate: i64) -> LineInput {
    LineInput {
        kind: LineKind::Labour,
        description: description.into(),
        part_number: String::new(),
        quantity_centi: hours_centi,
        unit_price: Fen(rate),
        genuine: true,
    }
}

fn part(description: &str, number: &str, quantity_centi: u32, price: i64) -> LineInput {
    LineInput {
        kind: LineKind::Part,
        description: description.into(),
        part_number: number.into(),
        quantity_centi,
        unit_price: Fen(price),
        genuine: true,
    }
}

fn reception(mileage_km: u32) -> Reception {
    Reception {
        mileage_km,
        mileage_reason: None,
        fuel_eighths: 5,
        damages: vec![Damage { panel: Panel::RearBumper, note: "右后角划痕".into() }],
        valuables: "行车记录仪".into(),
        accessories: "备胎、千斤顶".into(),
        concerns: "刹车时有异响".into(),
    }
}

fn qc(failing: Option<QcItem>) -> QcInput {
    QcInput {
        items: QcItem::ALL
            .into_iter()
            .map(|item| QcItemResult {
                item,
                result: if Some(item) == failing { QcResult::Fail } else { QcResult::Pass },
                note: if Some(item) == failing {
                    "左前轮螺栓未按力矩紧固".into()
                } else {
                    String::new()
                },
            })
            .collect(),
        parking_location: "B区12号".into(),
    }
}

#[test]
fn a_visit_goes_from_booking_to_handover_and_creates_the_follow_up_call() {
    for mut db in Store::each() {
        from_booking_to_handover(&mut db);
    }
}

fn from_booking_to_handover(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let id = book(db, &shop, tomorrow_at(9, 0)).unwrap();
    let (advisor, foreman, inspector) = (shop.advisor.clone(), shop.foreman.clone(), shop.inspector.clone());
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    assert_eq!(visit.state, VisitState::Booked, "{engine}");
    assert_eq!(visit.number, "20261122-001");

    // Preparation: incomplete stays booked, complete is prepared.
    let partial = Preparation { parts_ready: true, ..Preparation::default() };
    db.write(|tx| visits::prepare(tx, &advisor, id, &partial, None, now())).unwrap();
    assert_eq!(db.read(|c| visits::get(c, id)).unwrap().state, VisitState::Booked);
    let full = Preparation { parts_ready: true, order_prefilled: true, advisor_available: true, ..partial };
    db.write(|tx| visits::prepare(tx, &advisor, id, &full, None, now())).unwrap();
    assert_eq!(db.read(|c| visits::get(c, id)).unwrap().state, VisitState::Prepared);

    // Reception: mileage below the last known one needs a reason.
    let low =
        db.write(|tx| visits::receive(tx, &advisor, id, &reception(41_000), None, later(23))).unwrap_err();
    assert_eq!(kinds(low), [(ErrorKind::OutOfRange, Some("reception.mileageKm".into()))]);
    db.write(|tx| visits::receive(tx, &advisor, id, &reception(45_210), None, later(23))).unwrap();
    assert_eq!(db.read(|c| vehicles::get(c, shop.vehicle)).unwrap().mileage_km, Some(45_210));

    // The repair order: two labour and two parts lines, 13% tax.
    let order = OrderInput {
        lines: vec![
            labour("更换机油机滤", 50, 18_000),
            labour("检查前制动系统", 100, 18_000),
            part("机油 5W-40 (升)", "G 052 195 M4", 450, 9_800),
            part("机油滤清器", "06J 115 403 Q", 100, 6_500),
        ],
        promised_at: tomorrow_at(16, 0),
        customer_confirmed: true,
        version: None,
    };
    db.write(|tx| visits::write_order(tx, &advisor, id, &order, later(23))).unwrap();
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    // labour 90 + 180 = 270 yuan; parts 441 + 65 = 506 yuan; subtotal 776; tax 100.88; total 876.88.
    assert_eq!(visit.totals.labour, Fen(27_000));
    assert_eq!(visit.totals.parts, Fen(50_600));
    assert_eq!(visit.totals.tax, Fen(10_088));
    assert_eq!(visit.totals.total, Fen(87_688));
    assert_eq!(visit.order.estimate, Some(Fen(87_688)));

    // Repair with extra work the customer declines.
    db.write(|tx| visits::start_repair(tx, &foreman, id, shop.technician, None, later(23))).unwrap();
    let extra = ExtraWorkInput {
        description: "前刹车片磨损至 3mm，建议更换".into(),
        lines: vec![part("前刹车片", "5Q0 698 151", 100, 68_000), labour("更换前刹车片", 80, 18_000)],
    };
    let extra_id = db.write(|tx| visits::find_extra_work(tx, &foreman, id, &extra, later(24))).unwrap();
    let blocked = db.write(|tx| visits::finish_repair(tx, &foreman, id, later(24))).unwrap_err();
    assert_eq!(kinds(blocked), [(ErrorKind::InvalidState, Some("extraWork".into()))]);
    db.write(|tx| visits::decide_extra_work(tx, &advisor, id, extra_id, false, "客户下次再换", later(24)))
        .unwrap();
    db.write(|tx| visits::finish_repair(tx, &foreman, id, later(25))).unwrap();

    // A failed quality check goes back to repair; then it passes.
    db.write(|tx| visits::quality_check(tx, &inspector, id, &qc(Some(QcItem::AllWorkDone)), later(25)))
        .unwrap();
    assert_eq!(db.read(|c| visits::get(c, id)).unwrap().state, VisitState::InRepair);
    db.write(|tx| visits::finish_repair(tx, &foreman, id, later(26))).unwrap();
    db.write(|tx| visits::quality_check(tx, &inspector, id, &qc(None), later(26))).unwrap();
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    assert_eq!(visit.state, VisitState::Ready);
    assert_eq!(visit.qc_checks.len(), 2);
    assert_eq!(visit.totals.total, Fen(87_688), "declined extra work does not count");

    // Handover on the 23rd: the follow-up call is due on the 24th to the 26th.
    let handover = HandoverInput {
        explained_line_ids: visit.counted_lines().map(|l| l.id).collect(),
        invoice_number: "FP20261123001".into(),
        next_service_date: NaiveDate::from_ymd_opt(2027, 5, 23),
        next_service_km: Some(52_000),
        payment_method: PaymentMethod::WeChatPay,
        amount_paid: Fen(87_688),
        condition_confirmed: true,
    };
    db.write(|tx| visits::hand_over(tx, &advisor, id, &handover, later(27))).unwrap();
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    assert_eq!(visit.state, VisitState::HandedOver);
    assert_eq!(
        visit.follow_up_due,
        Some((
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        ))
    );
    let steps: Vec<VisitState> = visit.timeline.iter().map(|s| s.state).collect();
    use VisitState::*;
    assert_eq!(
        steps,
        [Prepared, Received, InRepair, QualityCheck, InRepair, QualityCheck, Ready, HandedOver]
    );
    assert_eq!(count(db, "SELECT count(*) AS n FROM follow_up_calls WHERE due_from = '2026-11-24'"), 1);

    // The vehicle keeps the declined work and the next-service recommendation.
    let history = db.read(|c| visits::of_vehicle(c, shop.vehicle, later(27))).unwrap();
    assert_eq!(history.visits.len(), 1);
    assert_eq!(history.declined_work.len(), 1);
    assert_eq!(history.declined_work[0].amount, Fen(82_400));
    let vehicle = db.read(|c| vehicles::get(c, shop.vehicle)).unwrap();
    assert_eq!(vehicle.next_service_km, Some(52_000));
    assert!(db.read(|c| visits::get(c, id)).unwrap().extra_work[0].status == ExtraWorkStatus::Declined);

    // Handed over at 11:00 before the promised 16:00: on time.
    let board = db.read(|c| visits::workshop(c, later(28))).unwrap();
    assert_eq!((board.on_time_today.handed_over, board.on_time_today.on_time), (1, 1));
    // Every step is in the customer's history.
    assert!(count(db, "SELECT count(*) AS n FROM audit_log WHERE entity = 'visit'") >= 12);
}

#[test]
fn the_same_advisor_slot_cannot_be_booked_twice() {
    for mut db in Store::each() {
        booked_twice(&mut db);
    }
}

fn booked_twice(db: &mut Store) {
    let shop = shop(db);
    let first = book(db, &shop, tomorrow_at(9, 0)).unwrap();
    let second = book(db, &shop, tomorrow_at(9, 0)).unwrap_err();
    let issue = &second.issues()[0];
    assert_eq!((issue.kind, issue.field.as_deref()), (ErrorKind::Duplicate, Some("at")), "{}", db.engine());
    assert!(issue.message.contains("王丽"), "{}", issue.message);
    assert_eq!(count(db, "SELECT count(*) AS n FROM visits"), 1);

    // Another advisor may take the same time, and so may the first after a cancellation.
    let other = Booking {
        appointment: appointment(&shop, &shop.second_advisor, tomorrow_at(9, 0)),
        new_customer: None,
    };
    let advisor = shop.advisor.clone();
    db.write(|tx| visits::book(tx, &advisor, &other, now())).unwrap();
    assert_eq!(first, VisitId(1));
    db.write(|tx| visits::cancel(tx, &advisor, first, "客户出差", now())).unwrap();
    book(db, &shop, tomorrow_at(9, 0)).unwrap();
}

#[test]
fn a_refused_booking_with_a_new_customer_saves_neither() {
    for mut db in Store::each() {
        refused_new_customer(&mut db);
    }
}

fn refused_new_customer(db: &mut Store) {
    let shop = shop(db);
    book(db, &shop, tomorrow_at(9, 0)).unwrap();
    let customers_before = count(db, "SELECT count(*) AS n FROM customers");
    let booking = Booking {
        appointment: appointment(&shop, &shop.advisor, tomorrow_at(9, 0)),
        new_customer: Some(NewCustomer {
            customer: CustomerInput {
                name: "李明".into(),
                mobile: "13912345678".into(),
                ..CustomerInput::default()
            },
            vehicles: vec![vehicle_input("沪B67890", &valid_vin("LSVAU2180N2183294"))],
        }),
    };
    let advisor = shop.advisor.clone();
    let refused = db.write(|tx| visits::book(tx, &advisor, &booking, now())).unwrap_err();
    assert_eq!(kinds(refused), [(ErrorKind::Duplicate, Some("at".into()))], "{}", db.engine());
    assert_eq!(count(db, "SELECT count(*) AS n FROM customers"), customers_before);
    assert_eq!(count(db, "SELECT count(*) AS n FROM visits"), 1);
}

#[test]
fn appointments_in_the_past_outside_hours_or_off_the_grid_are_refused() {
    for mut db in Store::each() {
        refused_times(&mut db);
    }
}

fn refused_times(db: &mut Store) {
    let shop = shop(db);
    let past = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap().and_hms_opt(9, 0, 0).unwrap();
    for at in [past, tomorrow_at(7, 30), tomorrow_at(17, 30), tomorrow_at(9, 10)] {
        let refused = book(db, &shop, at).unwrap_err();
        assert_eq!(refused.issues()[0].field.as_deref(), Some("at"), "{at}");
    }
    // An advisor's own narrower hours count too.
    let mut service = db.read(|c| settings::service(c)).unwrap();
    service.advisor_hours.push(caredesk_domain::settings::AdvisorHours {
        advisor_id: shop.advisor.id,
        from: chrono::NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
        to: chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
    });
    let manager = Actor { id: StaffId(0), name: "经理".into(), role: Role::ServiceManager };
    db.write(|tx| settings::update_service(tx, &manager, &service, now())).unwrap();
    assert!(book(db, &shop, tomorrow_at(9, 0)).is_err());
    book(db, &shop, tomorrow_at(13, 0)).unwrap();
    assert_eq!(count(db, "SELECT count(*) AS n FROM visits"), 1, "{}", db.engine());
}

#[test]
fn steps_out_of_order_or_by_the_wrong_role_are_refused_and_change_nothing() {
    for mut db in Store::each() {
        steps_out_of_order(&mut db);
    }
}

fn steps_out_of_order(db: &mut Store) {
    let shop = shop(db);
    let id = book(db, &shop, tomorrow_at(10, 0)).unwrap();
    let (advisor, foreman, inspector) = (shop.advisor.clone(), shop.foreman.clone(), shop.inspector.clone());
    let before = count(db, "SELECT count(*) AS n FROM audit_log");

    let handover = HandoverInput {
        explained_line_ids: Vec::new(),
        invoice_number: "FP1".into(),
        next_service_date: None,
        next_service_km: None,
        payment_method: PaymentMethod::Cash,
        amount_paid: Fen(0),
        condition_confirmed: true,
    };
    let early = db.write(|tx| visits::hand_over(tx, &advisor, id, &handover, now())).unwrap_err();
    assert!(early.issues()[0].message.contains("quality check must pass first"), "{early}");
    let wrong_role = db.write(|tx| visits::quality_check(tx, &advisor, id, &qc(None), now())).unwrap_err();
    assert_eq!(wrong_role.issues()[0].kind, ErrorKind::Forbidden);
    let not_received =
        db.write(|tx| visits::start_repair(tx, &foreman, id, shop.technician, None, now())).unwrap_err();
    assert_eq!(not_received.issues()[0].kind, ErrorKind::InvalidState);
    let no_show_early = db.write(|tx| visits::no_show(tx, &advisor, id, now())).unwrap_err();
    assert_eq!(no_show_early.issues()[0].kind, ErrorKind::InvalidState);

    db.write(|tx| visits::cancel(tx, &advisor, id, "车已卖", now())).unwrap();
    let after_cancel =
        db.write(|tx| visits::receive(tx, &advisor, id, &reception(50_000), None, now())).unwrap_err();
    assert_eq!(after_cancel.issues()[0].kind, ErrorKind::InvalidState);
    let qc_refused = db.write(|tx| visits::quality_check(tx, &inspector, id, &qc(None), now())).unwrap_err();
    assert_eq!(qc_refused.issues()[0].kind, ErrorKind::InvalidState);
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM audit_log"),
        before + 1,
        "only the cancellation was recorded ({})",
        db.engine()
    );
    assert_eq!(db.read(|c| visits::get(c, id)).unwrap().state, VisitState::Cancelled);
}

#[test]
fn a_bad_repair_order_names_every_bad_line_and_keeps_the_old_one() {
    for mut db in Store::each() {
        bad_repair_order(&mut db);
    }
}

fn bad_repair_order(db: &mut Store) {
    let shop = shop(db);
    let advisor = shop.advisor.clone();
    let walk_in = WalkIn {
        customer_id: shop.customer,
        vehicle_id: shop.vehicle,
        advisor_id: advisor.id,
        requested_work: "空调不制冷".into(),
        expected_minutes: 120,
        replacement_car: false,
        reception: reception(43_000),
    };
    let id = db.write(|tx| visits::walk_in(tx, &advisor, &walk_in, now())).unwrap();
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    assert!(visit.walk_in);
    assert_eq!(visit.state, VisitState::Received, "{}", db.engine());
    let good = OrderInput {
        lines: vec![labour("空调系统检测", 100, 18_000)],
        promised_at: later(6).local,
        customer_confirmed: false,
        version: None,
    };
    db.write(|tx| visits::write_order(tx, &advisor, id, &good, now())).unwrap();
    let bad = OrderInput {
        lines: vec![labour("空调系统检测", 0, 18_000), part("冷媒", "", 100, -5)],
        promised_at: later(-1).local,
        customer_confirmed: true,
        version: None,
    };
    let refused = db.write(|tx| visits::write_order(tx, &advisor, id, &bad, now())).unwrap_err();
    let fields: Vec<Option<String>> = kinds(refused).into_iter().map(|(_, f)| f).collect();
    assert_eq!(
        fields,
        [
            Some("lines.0.hours".into()),
            Some("lines.1.partNumber".into()),
            Some("lines.1.unitPrice".into()),
            Some("promisedAt".into())
        ]
    );
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    assert_eq!(visit.order.lines.len(), 1);
    assert_eq!(visit.totals.subtotal, Fen(18_000));
    // Repair needs the customer's confirmation first.
    let foreman = shop.foreman.clone();
    let unconfirmed =
        db.write(|tx| visits::start_repair(tx, &foreman, id, shop.technician, None, now())).unwrap_err();
    assert_eq!(kinds(unconfirmed), [(ErrorKind::InvalidState, Some("customerConfirmed".into()))]);
    // Only a technician can be assigned.
    let confirmed = OrderInput { customer_confirmed: true, ..good };
    db.write(|tx| visits::write_order(tx, &advisor, id, &confirmed, now())).unwrap();
    let not_a_technician =
        db.write(|tx| visits::start_repair(tx, &foreman, id, advisor.id, None, now())).unwrap_err();
    assert_eq!(kinds(not_a_technician), [(ErrorKind::OutOfRange, Some("technicianId".into()))]);
}

#[test]
fn the_board_shows_advisors_load_and_show_rates() {
    for mut db in Store::each() {
        board(&mut db);
    }
}

fn board(db: &mut Store) {
    let shop = shop(db);
    let first = book(db, &shop, tomorrow_at(9, 0)).unwrap();
    book(db, &shop, tomorrow_at(9, 30)).unwrap();
    let advisor = shop.advisor.clone();
    // The next day at 09:45 the 09:00 customer has not come.
    let next_day = later(24);
    db.write(|tx| visits::no_show(tx, &advisor, first, next_day)).unwrap();
    let board =
        db.read(|c| visits::board(c, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), 1, next_day)).unwrap();
    assert_eq!(board.advisors.len(), 2, "{}", db.engine());
    assert_eq!(board.slots.len(), 18);
    assert_eq!(board.visits.len(), 2);
    assert_eq!(board.load[0].booked_minutes, 90, "a no-show no longer loads the workshop");
    assert_eq!(board.load[0].capacity_minutes, 64 * 60);
    let rate = &board.show_rates[0];
    assert_eq!((rate.booked, rate.shown, rate.no_shows), (2, 0, 1));
}

// ---------------------------------------------------------------------------
// Two desks at once: on PostgreSQL every desk writes at the same time, so the
// rules SQLite's single writer kept must hold there too.

/// How long the first desk keeps its transaction open after it wrote.
/// The first desk writes and keeps its transaction open until the second, on
/// another connection, waits for it (`engines::race`). Both outcomes.
fn two_desks<A: Send, B: Send>(
    db: &mut Store,
    first: impl FnMut(&dyn Write) -> Result<A, StoreError> + Send,
    second: impl FnMut(&dyn Write) -> Result<B, StoreError> + Send,
) -> (Result<A, StoreError>, Result<B, StoreError>) {
    let mut desk = db.beside();
    let (a, b) = race(db, &mut desk, first, second);
    (Ok(a), b)
}

#[test]
fn two_desks_booking_one_slot_at_once_the_second_is_refused() {
    for mut db in Store::each() {
        one_slot_at_once(&mut db);
    }
}

fn one_slot_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let booking =
        Booking { appointment: appointment(&shop, &shop.advisor, tomorrow_at(9, 0)), new_customer: None };
    let advisor = &shop.advisor;
    let (first, second) = two_desks(
        db,
        |tx| visits::book(tx, advisor, &booking, now()),
        |tx| visits::book(tx, advisor, &booking, now()),
    );
    first.unwrap();
    // Refused by the rule, with its message — not by the unique index.
    let issue = &second.unwrap_err().issues()[0];
    assert_eq!((issue.kind, issue.field.as_deref()), (ErrorKind::Duplicate, Some("at")), "{engine}");
    assert!(issue.message.contains("王丽"), "{}", issue.message);
    assert_eq!(count(db, "SELECT count(*) AS n FROM visits"), 1);
}

#[test]
fn two_desks_booking_at_once_get_different_numbers() {
    for mut db in Store::each() {
        numbers_at_once(&mut db);
    }
}

fn numbers_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let mine =
        Booking { appointment: appointment(&shop, &shop.advisor, tomorrow_at(9, 0)), new_customer: None };
    let other = Booking {
        appointment: appointment(&shop, &shop.second_advisor, tomorrow_at(9, 0)),
        new_customer: None,
    };
    let advisor = &shop.advisor;
    let (first, second) = two_desks(
        db,
        |tx| visits::book(tx, advisor, &mine, now()),
        |tx| visits::book(tx, advisor, &other, now()),
    );
    let (first, second) = (first.unwrap(), second.unwrap_or_else(|e| panic!("{engine}: {e}")));
    let numbers: Vec<String> =
        [first, second].into_iter().map(|id| db.read(|c| visits::get(c, id)).unwrap().number).collect();
    assert_eq!(numbers, ["20261122-001", "20261122-002"], "{engine}");
}

#[test]
fn two_desks_writing_one_order_at_once_take_turns() {
    for mut db in Store::each() {
        one_order_at_once(&mut db);
    }
}

fn one_order_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let advisor = &shop.advisor;
    let walk_in = WalkIn {
        customer_id: shop.customer,
        vehicle_id: shop.vehicle,
        advisor_id: advisor.id,
        requested_work: "空调不制冷".into(),
        expected_minutes: 120,
        replacement_car: false,
        reception: reception(43_000),
    };
    let id = db.write(|tx| visits::walk_in(tx, advisor, &walk_in, now())).unwrap();
    let order =
        |lines| OrderInput { lines, promised_at: later(6).local, customer_confirmed: false, version: None };
    let (mine, theirs) = (
        order(vec![labour("空调系统检测", 100, 18_000)]),
        order(vec![labour("空调系统检测", 100, 18_000), part("冷媒", "R134a", 100, 12_000)]),
    );
    let (first, second) = two_desks(
        db,
        |tx| visits::write_order(tx, advisor, id, &mine, now()),
        |tx| visits::write_order(tx, advisor, id, &theirs, now()),
    );
    first.unwrap();
    second.unwrap_or_else(|e| panic!("{engine}: {e}"));
    // The second order replaced the first, as one after the other; the lines never mix.
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    assert_eq!(visit.order.lines.len(), 2, "{engine}");
    assert_eq!(visit.totals.subtotal, Fen(30_000));
}

// ---------------------------------------------------------------------------
// Two desks editing one visit: a save from a form filled before someone else's
// change is refused as stale, naming who changed it and when, and writes nothing.

/// `n` minutes after 10:00.
fn minutes(n: i64) -> Now {
    Now::at(now().instant + Duration::minutes(n), 8)
}

fn walked_in(db: &mut Store, shop: &Shop) -> VisitId {
    let walk_in = WalkIn {
        customer_id: shop.customer,
        vehicle_id: shop.vehicle,
        advisor_id: shop.advisor.id,
        requested_work: "空调不制冷".into(),
        expected_minutes: 120,
        replacement_car: false,
        reception: reception(43_000),
    };
    let advisor = shop.advisor.clone();
    db.write(|tx| visits::walk_in(tx, &advisor, &walk_in, now())).unwrap()
}

fn descriptions(db: &mut Store, id: VisitId) -> Vec<String> {
    db.read(|c| visits::get(c, id)).unwrap().order.lines.into_iter().map(|l| l.description).collect()
}

/// The refusal is `stale`, naming `who` and when, as the shell passes it on.
fn assert_stale(engine: &str, error: &StoreError, who: &str, when: Now) {
    let StoreError::Stale { by, at, .. } = error else { panic!("{engine}: {error:?}") };
    assert_eq!((by.as_str(), *at), (who, when.instant), "{engine}");
    let issue = &error.issues()[0];
    assert_eq!(issue.kind, ErrorKind::Stale, "{engine}");
    let changed = issue.changed.as_ref().map(|c| (c.by.as_str(), c.at));
    assert_eq!(changed, Some((who, when.instant)), "{engine}");
}

#[test]
fn a_repair_order_saved_from_a_form_filled_before_someone_elses_change_is_refused_as_stale() {
    for mut db in Store::each() {
        stale_order(&mut db);
    }
}

fn stale_order(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (wang, sun) = (shop.advisor.clone(), shop.second_advisor.clone());
    let id = walked_in(db, &shop);
    // Two advisors open the visit's repair order.
    let read = db.read(|c| visits::get(c, id)).unwrap();
    let order = |lines, version| OrderInput {
        lines,
        promised_at: later(6).local,
        customer_confirmed: false,
        version: Some(version),
    };
    // 王丽 saves hers a minute later.
    let mine = order(vec![labour("空调系统检测", 100, 18_000)], read.updated_at);
    db.write(|tx| visits::write_order(tx, &wang, id, &mine, minutes(1))).unwrap();
    let trail = count(db, "SELECT count(*) AS n FROM audit_log");
    // 孙悦 saves the one she filled from the same visit: refused, naming 王丽; nothing of hers is written.
    let theirs = order(vec![part("冷媒", "R134a", 100, 12_000)], read.updated_at);
    let error = db.write(|tx| visits::write_order(tx, &sun, id, &theirs, minutes(2))).unwrap_err();
    assert_stale(engine, &error, "王丽", minutes(1));
    assert_eq!(descriptions(db, id), ["空调系统检测"], "{engine}");
    assert_eq!(count(db, "SELECT count(*) AS n FROM audit_log"), trail, "{engine}");
    // Reloaded, her save goes through — even on a clock that reads what 王丽's did.
    let stored = db.read(|c| visits::get(c, id)).unwrap();
    assert!(stored.updated_at > read.updated_at, "{engine}");
    let reloaded = OrderInput { version: Some(stored.updated_at), ..theirs };
    db.write(|tx| visits::write_order(tx, &sun, id, &reloaded, minutes(1))).unwrap();
    assert_eq!(descriptions(db, id), ["冷媒"], "{engine}");
    // A save with no version (no form behind it) checks nothing.
    db.write(|tx| {
        visits::write_order(tx, &wang, id, &OrderInput { version: None, ..mine.clone() }, minutes(3))
    })
    .unwrap();
}

#[test]
fn an_appointment_changed_on_another_desk_is_not_moved_ticked_or_received_from_the_old_one() {
    for mut db in Store::each() {
        stale_appointment(&mut db);
    }
}

fn stale_appointment(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (wang, sun) = (shop.advisor.clone(), shop.second_advisor.clone());
    let id = book(db, &shop, tomorrow_at(9, 0)).unwrap();
    let read = db.read(|c| visits::get(c, id)).unwrap();
    let version = Some(read.updated_at);
    // 王丽 moves the appointment to 10:00.
    db.write(|tx| visits::reschedule(tx, &wang, id, tomorrow_at(10, 0), wang.id, version, minutes(1)))
        .unwrap();
    // 孙悦, still looking at the 09:00 appointment, moves it, ticks its checklist, receives it: each refused.
    let moved = db
        .write(|tx| visits::reschedule(tx, &sun, id, tomorrow_at(11, 0), sun.id, version, minutes(2)))
        .unwrap_err();
    assert_stale(engine, &moved, "王丽", minutes(1));
    let partial = Preparation { parts_ready: true, ..Preparation::default() };
    let ticked = db.write(|tx| visits::prepare(tx, &sun, id, &partial, version, minutes(2))).unwrap_err();
    assert_stale(engine, &ticked, "王丽", minutes(1));
    let received =
        db.write(|tx| visits::receive(tx, &sun, id, &reception(45_000), version, minutes(2))).unwrap_err();
    assert_stale(engine, &received, "王丽", minutes(1));
    let stored = db.read(|c| visits::get(c, id)).unwrap();
    assert_eq!(stored.appointment_at, Some(tomorrow_at(10, 0)), "{engine}");
    assert_eq!((stored.advisor_id, stored.preparation), (wang.id, Preparation::default()), "{engine}");
    assert_eq!(stored.state, VisitState::Booked, "{engine}");
    assert_eq!(db.read(|c| vehicles::get(c, shop.vehicle)).unwrap().mileage_km, Some(42_000), "{engine}");
    // From the appointment as it now is, each goes through.
    let version = Some(stored.updated_at);
    db.write(|tx| visits::prepare(tx, &sun, id, &partial, version, minutes(3))).unwrap();
    let version = Some(db.read(|c| visits::get(c, id)).unwrap().updated_at);
    db.write(|tx| visits::receive(tx, &sun, id, &reception(45_000), version, minutes(4))).unwrap();
    assert_eq!(db.read(|c| visits::get(c, id)).unwrap().state, VisitState::Received, "{engine}");
}

#[test]
fn a_desk_still_showing_the_repair_unstarted_does_not_silently_reassign_it() {
    for mut db in Store::each() {
        stale_technician(&mut db);
    }
}

fn stale_technician(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (advisor, foreman) = (shop.advisor.clone(), shop.foreman.clone());
    let id = walked_in(db, &shop);
    let confirmed = OrderInput {
        lines: vec![labour("空调系统检测", 100, 18_000)],
        promised_at: later(6).local,
        customer_confirmed: true,
        version: None,
    };
    db.write(|tx| visits::write_order(tx, &advisor, id, &confirmed, now())).unwrap();
    let version = Some(db.read(|c| visits::get(c, id)).unwrap().updated_at);
    db.write(|tx| visits::start_repair(tx, &foreman, id, shop.technician, version, minutes(1))).unwrap();
    // Started from the same page on another desk: a re-assignment, refused.
    let again = db
        .write(|tx| visits::start_repair(tx, &foreman, id, shop.technician, version, minutes(2)))
        .unwrap_err();
    assert_stale(engine, &again, "刘强", minutes(1));
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    assert_eq!(visit.timeline.iter().filter(|c| c.state == VisitState::InRepair).count(), 1, "{engine}");
}

#[test]
fn two_desks_saving_one_repair_order_from_the_same_version_at_once_the_second_is_refused_as_stale() {
    for mut db in Store::each() {
        stale_order_at_once(&mut db);
    }
}

fn stale_order_at_once(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (wang, sun) = (&shop.advisor, &shop.second_advisor);
    let id = walked_in(db, &shop);
    let version = Some(db.read(|c| visits::get(c, id)).unwrap().updated_at);
    let order = |lines| OrderInput { lines, promised_at: later(6).local, customer_confirmed: false, version };
    let (mine, theirs) =
        (order(vec![labour("空调系统检测", 100, 18_000)]), order(vec![part("冷媒", "R134a", 100, 12_000)]));
    // Both on the same clock reading as the walk-in: the versions still differ.
    let (first, second) = two_desks(
        db,
        |tx| visits::write_order(tx, wang, id, &mine, now()),
        |tx| visits::write_order(tx, sun, id, &theirs, now()),
    );
    first.unwrap();
    assert_stale(engine, &second.unwrap_err(), "王丽", now());
    assert_eq!(descriptions(db, id), ["空调系统检测"], "{engine}");
}

#[test]
fn every_change_to_a_visit_gives_it_a_new_version_even_on_a_clock_that_stands_still() {
    for mut db in Store::each() {
        every_change_stamps(&mut db);
    }
}

fn every_change_stamps(db: &mut Store) {
    let engine = db.engine();
    let shop = shop(db);
    let (advisor, foreman, inspector) = (shop.advisor.clone(), shop.foreman.clone(), shop.inspector.clone());
    let mut versions = Vec::new();
    let mut stamp =
        |db: &mut Store, id: VisitId| versions.push(db.read(|c| visits::get(c, id)).unwrap().updated_at);
    // Every step at the same instant.
    let t = now();
    let booked = book(db, &shop, tomorrow_at(9, 0)).unwrap();
    stamp(db, booked);
    db.write(|tx| visits::reschedule(tx, &advisor, booked, tomorrow_at(9, 30), advisor.id, None, t)).unwrap();
    stamp(db, booked);
    let partial = Preparation { parts_ready: true, ..Preparation::default() };
    db.write(|tx| visits::prepare(tx, &advisor, booked, &partial, None, t)).unwrap();
    stamp(db, booked);
    db.write(|tx| visits::cancel(tx, &advisor, booked, "客户出差", t)).unwrap();
    stamp(db, booked);

    let id = walked_in(db, &shop);
    let mut versions_of_visit = Vec::new();
    let mut stamp =
        |db: &mut Store| versions_of_visit.push(db.read(|c| visits::get(c, id)).unwrap().updated_at);
    stamp(db);
    let order = OrderInput {
        lines: vec![labour("空调系统检测", 100, 18_000)],
        promised_at: later(6).local,
        customer_confirmed: true,
        version: None,
    };
    db.write(|tx| visits::write_order(tx, &advisor, id, &order, t)).unwrap();
    stamp(db);
    db.write(|tx| visits::start_repair(tx, &foreman, id, shop.technician, None, t)).unwrap();
    stamp(db);
    let extra = ExtraWorkInput {
        description: "冷凝器脏堵，建议清洗".into(),
        lines: vec![labour("清洗冷凝器", 50, 18_000)],
    };
    let extra = db.write(|tx| visits::find_extra_work(tx, &foreman, id, &extra, t)).unwrap();
    stamp(db);
    db.write(|tx| visits::decide_extra_work(tx, &advisor, id, extra, true, "", t)).unwrap();
    stamp(db);
    db.write(|tx| visits::finish_repair(tx, &foreman, id, t)).unwrap();
    stamp(db);
    db.write(|tx| visits::quality_check(tx, &inspector, id, &qc(None), t)).unwrap();
    stamp(db);
    let visit = db.read(|c| visits::get(c, id)).unwrap();
    let handover = HandoverInput {
        explained_line_ids: visit.counted_lines().map(|l| l.id).collect(),
        invoice_number: "FP20261122001".into(),
        next_service_date: None,
        next_service_km: None,
        payment_method: PaymentMethod::Cash,
        amount_paid: visit.totals.total,
        condition_confirmed: true,
    };
    db.write(|tx| visits::hand_over(tx, &advisor, id, &handover, t)).unwrap();
    stamp(db);
    for versions in [&versions, &versions_of_visit] {
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "{engine}: {versions:?}");
    }
}
