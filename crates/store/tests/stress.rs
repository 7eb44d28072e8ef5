//! Team mode under load: 8 desks writing to one PostgreSQL database at once for
//! 60 seconds (`CAREDESK_STRESS_SECONDS` changes it) — booking the same few slots,
//! drawing at one lottery, taking the same follow-up calls, and editing the same
//! customers from forms read a moment earlier. Afterwards: no slot booked twice,
//! no prize drawn over its stock or by a guest twice, exactly one audit row per
//! change that went through, and every refusal a typed error the UI can name
//! (never a raw database error). Runs on the test cluster `cargo xtask test`
//! starts; skipped without one.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use caredesk_domain::campaign::{CampaignInput, CampaignStatus, PrizeInput, Segment};
use caredesk_domain::follow_up::{AttemptInput, Outcome};
use caredesk_domain::staff::StaffInput;
use caredesk_domain::visit::{AppointmentInput, Booking};
use caredesk_domain::{Actor, CustomerId, ErrorKind, Fen, FollowUpId, Role, VehicleId};
use caredesk_store::campaigns::{self};
use caredesk_store::engine::Read;
use caredesk_store::postgres::Server;
use caredesk_store::{
    Database, Now, StoreError, customers, follow_up, postgres_test_database, staff, vehicles, visits,
};
use chrono::{Days, NaiveTime, TimeZone, Utc};
use rusqlite::params;

const DESKS: usize = 8;

/// 2026-11-22 10:00 in Beijing.
fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn seconds() -> u64 {
    std::env::var("CAREDESK_STRESS_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60)
}

/// A small, seeded random number source: each desk its own sequence.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// What the desks share: the people, and the records they fight over.
struct Dealership {
    advisors: Vec<Actor>,
    callers: Vec<Actor>,
    fleet: Vec<(CustomerId, VehicleId)>,
    campaign: caredesk_domain::campaign::CampaignId,
    guests: Vec<caredesk_domain::campaign::InvitationId>,
    calls: Vec<FollowUpId>,
    edited: Vec<CustomerId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    Book,
    Draw,
    TakeCall,
    EditCustomer,
}

const OPS: [Op; 4] = [Op::Book, Op::Draw, Op::TakeCall, Op::EditCustomer];

fn actor(conn: &dyn Read, login: &str) -> Actor {
    let member = staff::list(conn).unwrap().into_iter().find(|m| m.login == login).unwrap();
    Actor { id: member.id, name: member.name, role: member.role }
}

fn dealership(db: &mut Database) -> Dealership {
    caredesk_demo::seed(db, &Actor::system(), now()).unwrap();
    let admin = actor(db.conn(), "admin");
    let manager = actor(db.conn(), "manager");
    // A second caller, so that two callers want the same calls.
    let input =
        StaffInput { name: "周敏".into(), login: "followup2".into(), role: Role::FollowUp, active: true };
    db.write(|tx| staff::create(tx, &admin, &input, "correct horse battery", now())).unwrap();
    let callers = vec![actor(db.conn(), "followup"), actor(db.conn(), "followup2")];
    let advisors = vec![actor(db.conn(), "advisor"), actor(db.conn(), "advisor2")];

    // A lottery running today: 60 guests checked in, 8 prizes for them.
    let plan = CampaignInput {
        theme: "压力测试 · 到店抽奖".into(),
        starts_on: now().today,
        ends_on: now().today,
        venue: "客户休息区".into(),
        background: String::new(),
        objectives: String::new(),
        activities: Vec::new(),
        prizes: vec![
            PrizeInput { id: None, name: "免费洗车券".into(), stock: 5, unit_value: Fen(4_000) },
            PrizeInput { id: None, name: "保养工时卡".into(), stock: 3, unit_value: Fen(50_000) },
        ],
        budget: Vec::new(),
        attribution_days: 30,
        version: None,
    };
    let campaign = db
        .write(|tx| {
            let id = campaigns::create(tx, &manager, &plan, now())?;
            campaigns::set_segment(tx, &manager, id, &Segment::default(), now())?;
            campaigns::invite(tx, &manager, id, now())?;
            campaigns::set_status(tx, &manager, id, CampaignStatus::Planned, now())?;
            campaigns::set_status(tx, &manager, id, CampaignStatus::Running, now())?;
            Ok(id)
        })
        .unwrap();
    let invited = campaigns::invitations(db.conn(), campaign).unwrap();
    let guests = db
        .write(|tx| {
            invited
                .iter()
                .take(60)
                .map(|guest| campaigns::check_in(tx, &callers[0], campaign, guest.customer_id, false, now()))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
    assert_eq!(guests.len(), 60, "the demo dealership has guests enough");

    let fleet: Vec<_> =
        vehicles::in_service(db.conn()).unwrap().into_iter().take(40).map(|(c, v, _)| (c, v)).collect();
    let calls: Vec<_> =
        follow_up::open_calls(db.conn()).unwrap().into_iter().map(|(id, _)| id).take(30).collect();
    assert!(!calls.is_empty(), "the demo dealership has open calls");
    let edited = fleet.iter().take(10).map(|(c, _)| *c).collect();
    Dealership { advisors, callers, fleet, campaign, guests, calls, edited }
}

/// One change as a desk makes it; `Ok` when it went through.
fn act(desk: &mut Database, shop: &Dealership, op: Op, dice: &mut Dice, n: u64) -> Result<(), StoreError> {
    let tomorrow = now().today + Days::new(1);
    match op {
        Op::Book => {
            let (customer, vehicle) = shop.fleet[dice.below(shop.fleet.len())];
            let advisor = &shop.advisors[dice.below(shop.advisors.len())];
            // Six slots between them: desks keep reaching for the same ones.
            let slot =
                NaiveTime::from_hms_opt(9 + dice.below(3) as u32, 30 * dice.below(2) as u32, 0).unwrap();
            let appointment = AppointmentInput {
                customer_id: customer,
                vehicle_id: vehicle,
                advisor_id: advisor.id,
                at: tomorrow.and_time(slot),
                expected_minutes: 60,
                requested_work: "常规保养".into(),
                concerns: String::new(),
                replacement_car: false,
            };
            let booking = Booking { appointment, new_customer: None };
            desk.write(|tx| visits::book(tx, advisor, &booking, now())).map(drop)
        }
        Op::Draw => {
            let guest = shop.guests[dice.below(shop.guests.len())];
            let caller = &shop.callers[0];
            let pick = dice.below(1_000) as u32;
            desk.write(|tx| campaigns::draw(tx, caller, guest, now(), |total| Ok(pick % total))).map(drop)
        }
        Op::TakeCall => {
            let call = shop.calls[dice.below(shop.calls.len())];
            let caller = &shop.callers[dice.below(shop.callers.len())];
            let busy = AttemptInput {
                outcome: Outcome::Busy,
                call_back_at: None,
                note: String::new(),
                survey: None,
            };
            desk.write(|tx| {
                follow_up::assign(tx, caller, &[call], caller.id, now())?;
                follow_up::record_attempt(tx, caller, call, &busy, now())
            })
            .map(drop)
        }
        Op::EditCustomer => {
            let id = shop.edited[dice.below(shop.edited.len())];
            // The form is read, then saved: other desks' saves fall in between.
            let mut form = customers::get(desk.conn(), id)?.to_input();
            form.notes = format!("第 {n} 次修改");
            let advisor = &shop.advisors[0];
            desk.write(|tx| customers::update(tx, advisor, id, &form, now()))
        }
    }
}

/// What a refusal was, for the tally; a raw database error fails the test.
fn kind(op: Op, error: &StoreError) -> String {
    match error {
        StoreError::Invalid(invalid) => {
            let issue = &invalid.0[0];
            format!("{:?} {}", issue.kind, issue.field.as_deref().unwrap_or("-"))
        }
        StoreError::Stale { .. } => format!("{:?}", ErrorKind::Stale),
        other => panic!("{op:?}: a refusal that is not a typed error: {other:?}"),
    }
}

#[test]
fn eight_desks_writing_at_once_for_a_minute_keep_every_rule() {
    let database = postgres_test_database!();
    let mut db = Database::from(Server::open(database.config()).unwrap());
    let shop = dealership(&mut db);

    let audit_before: i64 =
        db.conn().one("SELECT max(id) AS last FROM audit_log", params![]).unwrap().get("last").unwrap();

    let until = Instant::now() + Duration::from_secs(seconds());
    let tally: Mutex<BTreeMap<(Op, String), u64>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for desk in 0..DESKS {
            let (shop, tally, config) = (&shop, &tally, database.config());
            scope.spawn(move || {
                let mut desk_db = Database::from(Server::open(config).unwrap());
                let mut dice = Dice(0x9e37_79b9_7f4a_7c15 ^ (desk as u64 + 1));
                // Each desk's edits say something no other desk's do, so each one changes the record.
                let mut n = desk as u64 * 1_000_000;
                while Instant::now() < until {
                    n += 1;
                    let op = OPS[dice.below(OPS.len())];
                    let outcome = match act(&mut desk_db, shop, op, &mut dice, n) {
                        Ok(()) => "ok".to_owned(),
                        Err(error) => kind(op, &error),
                    };
                    *tally.lock().unwrap().entry((op, outcome)).or_default() += 1;
                }
            });
        }
    });
    let tally = tally.into_inner().unwrap();
    eprintln!("{:<14} {:<28} {:>7}", "change", "outcome", "count");
    for ((op, outcome), count) in &tally {
        eprintln!("{:<14} {:<28} {:>7}", format!("{op:?}"), outcome, count);
    }
    let went_through = |op: Op| tally.get(&(op, "ok".to_owned())).copied().unwrap_or(0);
    for op in OPS {
        assert!(went_through(op) > 0, "{op:?}: nothing went through in {} s", seconds());
    }

    let conn = db.conn();
    // No slot booked twice.
    let doubles = conn
        .rows(
            "SELECT advisor_id, appointment_at FROM visits WHERE state IN ('booked', 'prepared')
             GROUP BY advisor_id, appointment_at HAVING count(*) > 1",
            params![],
        )
        .unwrap();
    assert!(doubles.is_empty(), "slots booked twice: {}", doubles.len());
    // No prize over its stock, no guest drawn twice, and as many draws as went through.
    let campaign = campaigns::get(conn, shop.campaign).unwrap();
    for prize in &campaign.prizes {
        assert!(prize.drawn <= prize.stock, "{}: {} drawn of {}", prize.name, prize.drawn, prize.stock);
    }
    let draws = campaigns::draws(conn, shop.campaign).unwrap();
    let mut guests: Vec<_> = draws.iter().map(|d| d.invitation_id).collect();
    guests.sort();
    guests.dedup();
    assert_eq!(guests.len(), draws.len(), "a guest drew twice");
    assert_eq!(draws.len() as u64, went_through(Op::Draw), "the draws that went through");

    // The audit trail: exactly one row per change that went through — none lost,
    // none twice — and nothing else.
    let mut written = BTreeMap::new();
    for row in conn
        .rows(
            "SELECT entity, action, count(*) AS n FROM audit_log WHERE id > ?1 GROUP BY entity, action",
            params![audit_before],
        )
        .unwrap()
    {
        let key =
            format!("{} {}", row.get::<String>("entity").unwrap(), row.get::<String>("action").unwrap());
        written.insert(key, row.get::<i64>("n").unwrap() as u64);
    }
    let assigned = written.remove("visit calls_assigned").unwrap_or(0);
    let expected = BTreeMap::from([
        ("visit created".to_owned(), went_through(Op::Book)),
        ("campaign prize_drawn".to_owned(), went_through(Op::Draw)),
        ("visit call_attempted".to_owned(), went_through(Op::TakeCall)),
        ("customer updated".to_owned(), went_through(Op::EditCustomer)),
    ]);
    assert_eq!(written, expected, "audit rows by entity and action");
    // A call's assignments form one unbroken chain, each row from the holder the
    // one before it left, ending at the call's holder now.
    let mut chains: BTreeMap<i64, Option<String>> = BTreeMap::new();
    let rows = conn
        .rows(
            "SELECT entity_id, changes FROM audit_log WHERE id > ?1 AND action = 'calls_assigned' ORDER BY id",
            params![audit_before],
        )
        .unwrap();
    assert_eq!(rows.len() as u64, assigned);
    for row in rows {
        let visit: i64 = row.get("entity_id").unwrap();
        let changes: serde_json::Value =
            serde_json::from_str(&row.get::<String>("changes").unwrap()).unwrap();
        let (before, after) = (
            changes[0]["before"].as_str().map(str::to_owned),
            changes[0]["after"].as_str().map(str::to_owned),
        );
        assert_ne!(before, after, "an assignment that changed nothing");
        if let Some(last) = chains.get(&visit) {
            assert_eq!(&before, last, "an assignment of visit {visit}'s call lost or written twice");
        }
        chains.insert(visit, after);
    }
    for (visit, holder) in chains {
        let now_held: Option<String> = conn
            .one(
                "SELECT s.name AS holder FROM follow_up_calls f LEFT JOIN staff s ON s.id = f.caller_id WHERE f.visit_id = ?1",
                params![visit],
            )
            .unwrap()
            .get("holder")
            .unwrap();
        assert_eq!(now_held, holder, "visit {visit}'s call");
    }
}
