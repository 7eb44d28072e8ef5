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

/// An archive in which each segment filter and each care list picks out someone.
pub fn archive(db: &mut Store) {
    let yes = true;
    customer(
        db,
        1,
        "甲 迈腾老客",
        Spec {
            model: "迈腾",
            year: Some(2019),
            purchased: Some("2019-05-01"),
            consent: yes,
            ..Spec::default()
        },
    );
    customer(
        db,
        2,
        "乙 迈腾新客",
        Spec {
            model: "迈腾",
            year: Some(2024),
            purchased: Some("2024-03-01"),
            consent: yes,
            ..Spec::default()
        },
    );
    customer(
        db,
        3,
        "丙 迈腾无同意",
        Spec { model: "迈腾", year: Some(2020), consent: false, ..Spec::default() },
    );
    customer(
        db,
        4,
        "丁 速腾",
        Spec {
            model: "速腾",
            year: Some(2021),
            insurance: Some("2026-12-10"),
            consent: yes,
            ..Spec::default()
        },
    );
    customer(
        db,
        5,
        "戊 宝来",
        Spec {
            model: "宝来",
            warranty: Some("2026-12-20"),
            inspection: Some("2026-12-01"),
            consent: yes,
            grade: CustomerGrade::Vip,
            ..Spec::default()
        },
    );
    customer(
        db,
        6,
        "己 生日",
        Spec { model: "宝来", birthday: Some("1980-11-05"), consent: yes, ..Spec::default() },
    );
    customer(
        db,
        7,
        "庚 线索A",
        Spec { lead: Some(LeadGrade::A), consent: yes, no_vehicle: true, ..Spec::default() },
    );
    customer(
        db,
        8,
        "辛 线索C",
        Spec { lead: Some(LeadGrade::C), consent: yes, no_vehicle: true, ..Spec::default() },
    );
    let recent = customer(db, 9, "壬 迈腾近期到店", Spec { model: "迈腾", consent: yes, ..Spec::default() });
    set_vehicle(db, recent, "last_visit_on", "2026-10-01");
    let lapsed = customer(db, 10, "癸 迈腾久未到店", Spec { model: "迈腾", consent: yes, ..Spec::default() });
    set_vehicle(db, lapsed, "last_visit_on", "2025-12-01");
    let due = customer(db, 11, "子 保养到期", Spec { model: "探岳", consent: yes, ..Spec::default() });
    set_vehicle(db, due, "next_service_date", "2026-12-01");
    let later = customer(db, 12, "丑 保养未到", Spec { model: "探岳", consent: yes, ..Spec::default() });
    set_vehicle(db, later, "next_service_date", "2027-06-01");
}
