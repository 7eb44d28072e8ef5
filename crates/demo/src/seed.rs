//! Seeding the demo dealership into a database through the store — the same
//! functions the screens call — so it works on whichever engine the store runs on.

use caredesk_domain::staff::{StaffInput, StaffMember};
use caredesk_domain::{Actor, ErrorKind, Invalid, Issue, Role};
use caredesk_store::engine::Dialect;
use caredesk_store::{Database, Now, StoreError, customers, staff, vehicles};
use chrono::NaiveDate;

/// The demo dealership's size and seed: a few hundred customers, the same every time.
pub const CUSTOMERS: usize = 300;
/// The date of the seed documents' care plan, 2011-08-29.
pub const SEED: u64 = 20_110_829;

/// The demo dealership's staff, one per role, with the passwords the README lists.
pub const STAFF: [(&str, &str, Role); 7] = [
    ("赵建国", "admin", Role::Administrator),
    ("王丽", "advisor", Role::ServiceAdvisor),
    ("孙悦", "advisor2", Role::ServiceAdvisor),
    ("刘强", "foreman", Role::Technician),
    ("陈静", "inspector", Role::QcInspector),
    ("李娜", "followup", Role::FollowUp),
    ("张伟", "manager", Role::ServiceManager),
];

/// A demo account's password: `caredesk-` and the login.
pub fn password(login: &str) -> String {
    format!("caredesk-{login}")
}

/// Writes the demo dealership into an empty archive, all or nothing: its
/// staff (the logins not taken yet), its customers (each written on the day
/// they became one: their first purchase), fourteen months of history
/// (`history`, on SQLite only) and the present (`service`).
pub fn seed(db: &mut Database, actor: &Actor, now: Now) -> Result<(), StoreError> {
    if !customers::is_empty(db.conn())? {
        return Err(Invalid::from(Issue {
            kind: ErrorKind::InvalidState,
            field: None,
            message: "demo data can only be loaded into an empty archive".into(),
            conflict: None,
            action: None,
            changed: None,
        })
        .into());
    }
    let dealership = crate::dealership(SEED, CUSTOMERS, now.today);
    // The staff were there before the history began.
    let hired = history_start(now);
    db.write(|tx| {
        let mut admin = actor.clone();
        for (name, login, role) in STAFF {
            let taken = staff::list(tx)?.iter().any(|m: &StaffMember| m.login == login);
            if taken {
                continue;
            }
            let password = password(login);
            if role == Role::Administrator && staff::count(tx)? == 0 {
                let setup =
                    caredesk_domain::staff::AdminSetup { name: name.into(), login: login.into(), password };
                let member = staff::create_administrator(tx, &setup, hired)?;
                admin = Actor { id: member.id, name: member.name, role: Role::Administrator };
            } else {
                let input = StaffInput { name: name.into(), login: login.into(), role, active: true };
                staff::create(tx, &admin, &input, &password, hired)?;
            }
        }
        let mut bought_later = Vec::new();
        for (index, customer) in dealership.iter().enumerate() {
            let since = crate::history::since(customer, index as u64, now.today);
            let (first, later) = crate::history::as_of(customer, since, now.today);
            let id = customers::create(tx, &Actor::system(), &first, on(now, since, 11))?;
            bought_later.extend(later.into_iter().map(|(day, vehicle)| (id, day, vehicle)));
        }
        for (id, day, vehicle) in &bought_later {
            vehicles::add(tx, &Actor::system(), *id, vehicle, on(now, *day, 15))?;
        }
        let member = |login: &str| -> Result<Actor, StoreError> {
            let found = staff::list(tx)?.into_iter().find(|m| m.login == login);
            found
                .map(|m| Actor { id: m.id, name: m.name, role: m.role })
                .ok_or(StoreError::NotFound { what: "demo staff member", id: 0 })
        };
        let team = crate::service::Team {
            advisors: vec![member("advisor")?, member("advisor2")?],
            technician: member("foreman")?,
            inspector: member("inspector")?,
            caller: member("followup")?,
            manager: member("manager")?,
        };
        // The history on the desk's own database only: on the dealership's server each of its
        // tens of thousands of steps is a round trip, and `--demo` there would keep the first
        // desk waiting for over a minute (the present alone takes seconds).
        if tx.dialect() == Dialect::Sqlite {
            crate::history::seed_history(tx, &team, now)?;
        }
        crate::service::seed_visits(tx, &team, now)?;
        crate::service::seed_campaigns(tx, &team, now)
    })
}

/// `now` moved to `hour` o'clock local time on `day`.
fn on(now: Now, day: NaiveDate, hour: u32) -> Now {
    crate::service::at(now, day.and_time(crate::service::time(hour, 0)))
}

/// The day before the history begins, at nine.
fn history_start(now: Now) -> Now {
    on(now, crate::history::start(now.today) - chrono::Days::new(1), 9)
}
