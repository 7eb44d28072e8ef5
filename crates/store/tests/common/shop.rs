//! The shop the campaign and care tests share: its people, and customers with a
//! vehicle each, made to a `Spec` (on whichever engine the test runs).

#![allow(dead_code, reason = "each test file uses the part it needs")]

use caredesk_domain::archive::{CustomerGrade, CustomerInput, LeadGrade, NewCustomer, VehicleInput};
use caredesk_domain::staff::{AdminSetup, StaffInput};
use caredesk_domain::{Actor, CustomerId, ErrorKind, Role};
use caredesk_store::{Now, StoreError, customers, staff, vehicles};
use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::params;

use crate::engines::Store;

/// 2026-11-23 10:00 in Beijing.
pub fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap(), 8)
}

pub fn today() -> NaiveDate {
    now().today
}

pub fn kinds(error: StoreError) -> Vec<(ErrorKind, Option<String>)> {
    error.issues().into_iter().map(|i| (i.kind, i.field)).collect()
}

/// The shop's people who work on campaigns.
pub struct Team {
    pub manager: Actor,
    pub caller: Actor,
    pub technician: Actor,
}

pub fn member(db: &mut Store, admin: &Actor, name: &str, login: &str, role: Role) -> Actor {
    let input = StaffInput { name: name.into(), login: login.into(), role, active: true };
    let id = db.write(|tx| staff::create(tx, admin, &input, "correct horse battery", now())).unwrap();
    Actor { id, name: name.into(), role }
}

pub fn team(db: &mut Store) -> Team {
    let setup =
        AdminSetup {
            name: "赵建国".into(), login: "admin".into(), password: "correct horse battery".into()
        };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, now())).unwrap();
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    Team {
        manager: member(db, &admin, "张伟", "zhangwei", Role::ServiceManager),
        caller: member(db, &admin, "李娜", "lina", Role::FollowUp),
        technician: member(db, &admin, "刘强", "liuqiang", Role::Technician),
    }
}

pub fn vin(n: u32) -> String {
    let raw = format!("LFV2A21K7{:08}", 67_000_000 + n);
    let mut chars: Vec<char> = raw.chars().collect();
    chars[8] = caredesk_domain::validate::vin_check_digit(&raw).unwrap();
    chars.into_iter().collect()
}

#[derive(Default)]
pub struct Spec {
    pub model: &'static str,
    pub year: Option<i32>,
    pub purchased: Option<&'static str>,
    pub warranty: Option<&'static str>,
    pub insurance: Option<&'static str>,
    pub inspection: Option<&'static str>,
    pub birthday: Option<&'static str>,
    pub grade: CustomerGrade,
    pub lead: Option<LeadGrade>,
    pub consent: bool,
    pub no_vehicle: bool,
}

/// A customer (with one vehicle unless `no_vehicle`) as `spec` says.
pub fn customer(db: &mut Store, n: u32, name: &str, spec: Spec) -> CustomerId {
    let vehicles = if spec.no_vehicle {
        vec![]
    } else {
        vec![VehicleInput {
            plate: format!("京B{:05}", 20_000 + n),
            vin: vin(n),
            brand: "一汽-大众".into(),
            model: if spec.model.is_empty() { "迈腾".into() } else { spec.model.into() },
            model_year: spec.year,
            purchase_date: spec.purchased.map(Into::into),
            warranty_end: spec.warranty.map(Into::into),
            insurance_expiry: spec.insurance.map(Into::into),
            annual_inspection_due: spec.inspection.map(Into::into),
            mileage_km: Some(30_000),
            ..VehicleInput::default()
        }]
    };
    let new = NewCustomer {
        customer: CustomerInput {
            name: name.into(),
            mobile: format!("137{:08}", 20_000_000 + n),
            grade: spec.grade,
            lead_grade: spec.lead,
            birthday: spec.birthday.map(Into::into),
            marketing_consent: spec.consent,
            ..CustomerInput::default()
        },
        vehicles,
    };
    db.write(|tx| customers::create(tx, &Actor::system(), &new, now())).unwrap()
}

pub fn set_vehicle(db: &mut Store, customer: CustomerId, column: &str, value: &str) {
    let vehicle = db.read(|c| vehicles::of_customer(c, customer)).unwrap()[0].id;
    db.write(|tx| {
        tx.run(&format!("UPDATE vehicles SET {column} = ?2 WHERE id = ?1"), params![vehicle.0, value])
    })
    .unwrap();
}
