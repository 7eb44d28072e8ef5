//! Seeding the demo dealership into a database through the store — the same
//! functions the screens call — so it works on whichever engine the store runs on.

use caredesk_domain::staff::{StaffInput, StaffMember};
use caredesk_domain::{Actor, ErrorKind, Invalid, Issue, Role};
use caredesk_store::{Database, Now, StoreError, customers, staff};

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
/// staff (the logins not taken yet) and its customers.
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
                let member = staff::create_administrator(tx, &setup, now)?;
                admin = Actor { id: member.id, name: member.name, role: Role::Administrator };
            } else {
                let input = StaffInput { name: name.into(), login: login.into(), role, active: true };
                staff::create(tx, &admin, &input, &password, now)?;
            }
        }
        for customer in &dealership {
            customers::create(tx, &Actor::system(), customer, now)?;
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
        crate::service::seed_visits(tx, &team, now)?;
        crate::service::seed_campaigns(tx, &team, now)
    })
}
