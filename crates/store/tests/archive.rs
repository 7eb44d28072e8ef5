//! The archive through the store's public functions, on temp databases —
//! each test on both engines (SQLite, and PostgreSQL when the test cluster is given).

#[path = "common/engines.rs"]
mod engines;

use caredesk_domain::archive::{
    CustomerInput, CustomerQuery, LeadGrade, NewCustomer, OwnerChange, VehicleInput,
};
use caredesk_domain::{Actor, CustomerId, ErrorKind};
use caredesk_store::{Now, StoreError, customers, search, vehicles};
use chrono::{TimeZone, Utc};
use engines::Store;
use rusqlite::params;

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn customer(name: &str, mobile: &str) -> CustomerInput {
    CustomerInput { name: name.into(), mobile: mobile.into(), ..CustomerInput::default() }
}

fn vehicle(plate: &str, vin: &str) -> VehicleInput {
    VehicleInput {
        plate: plate.into(),
        vin: vin.into(),
        brand: "一汽-大众 FAW-VW".into(),
        model: "迈腾 Magotan".into(),
        model_year: Some(2021),
        mileage_km: Some(42_000),
        ..VehicleInput::default()
    }
}

const VIN_A: &str = "LFV2A21K767042918";
const VIN_B: &str = "LFV3A23C1K3012345";

fn create(db: &mut Store, new: NewCustomer) -> Result<CustomerId, StoreError> {
    db.write(|tx| customers::create(tx, &Actor::system(), &new, now()))
}

fn search_text(db: &mut Store, text: &str) -> Vec<String> {
    let query = CustomerQuery { text: text.into(), ..CustomerQuery::default() };
    let found = db.read(|c| search::customers(c, &query)).unwrap_or_else(|e| panic!("{}: {e}", db.engine()));
    found.into_iter().map(|c| c.name).collect()
}

fn count(db: &mut Store, table: &str) -> i64 {
    db.read(|c| c.one(&format!("SELECT count(*) AS n FROM {table}"), params![])?.get("n")).unwrap()
}

fn vin_b() -> String {
    // A second valid VIN: put the right check digit in position 9.
    let mut vin: Vec<char> = VIN_B.chars().collect();
    vin[8] = caredesk_domain::validate::vin_check_digit(VIN_B).unwrap();
    vin.into_iter().collect()
}

#[test]
fn a_customer_with_a_vehicle_is_saved_and_found_by_fragments() {
    for mut db in Store::each() {
        a_customer_with_a_vehicle_is_saved_and_found_by_fragments_on(&mut db);
    }
}

fn a_customer_with_a_vehicle_is_saved_and_found_by_fragments_on(db: &mut Store) {
    let id = create(
        db,
        NewCustomer {
            customer: customer("欧阳晓明", "139 1234 5678"),
            vehicles: vec![vehicle("吉A8K7J2", VIN_A)],
        },
    )
    .unwrap();
    create(db, NewCustomer { customer: customer("王芳", "13800138000"), vehicles: vec![] }).unwrap();

    let detail = db.read(|c| customers::detail(c, id)).unwrap();
    assert_eq!(detail.customer.mobile, "13912345678");
    assert_eq!(detail.vehicles[0].plate.as_deref(), Some("吉A8K7J2"));

    assert_eq!(search_text(db, "8K7J"), ["欧阳晓明"], "4-character plate fragment");
    assert_eq!(search_text(db, "晓明"), ["欧阳晓明"], "2-character name fragment");
    assert_eq!(search_text(db, "王"), ["王芳"], "1-character fragment");
    assert_eq!(search_text(db, "042918"), ["欧阳晓明"], "VIN fragment");
    assert_eq!(search_text(db, "lfv2a"), ["欧阳晓明"], "VIN in lower case");
    assert_eq!(search_text(db, "5678"), ["欧阳晓明"], "phone fragment");
    assert_eq!(search_text(db, "欧阳 8K7J"), ["欧阳晓明"], "two fragments, both must match");
    assert!(search_text(db, "欧阳 王芳").is_empty());
    assert_eq!(search_text(db, ""), ["王芳", "欧阳晓明"], "no text: newest first");
    assert!(search_text(db, "\" OR *").is_empty(), "query syntax is taken literally");
}

#[test]
fn invalid_input_saves_nothing_and_names_every_field() {
    for mut db in Store::each() {
        invalid_input_saves_nothing_and_names_every_field_on(&mut db);
    }
}

fn invalid_input_saves_nothing_and_names_every_field_on(db: &mut Store) {
    let err = create(
        db,
        NewCustomer {
            customer: customer("李娜", "13700137000"),
            vehicles: vec![vehicle("京A12345", "LFV2A21K16704291O")],
        },
    )
    .unwrap_err();
    let StoreError::Invalid(invalid) = err else { panic!("{err}") };
    assert_eq!(invalid.0[0].kind, ErrorKind::InvalidVin);
    assert_eq!(invalid.0[0].field.as_deref(), Some("vehicles.0.vin"));
    for table in ["customers", "customer_phones", "vehicles", "vehicle_owners", "customer_search"] {
        assert_eq!(count(db, table), 0, "{table}");
    }
}

#[test]
fn duplicates_point_at_the_record_that_has_them() {
    for mut db in Store::each() {
        duplicates_point_at_the_record_that_has_them_on(&mut db);
    }
}

fn duplicates_point_at_the_record_that_has_them_on(db: &mut Store) {
    let first = create(
        db,
        NewCustomer {
            customer: CustomerInput {
                other_phones: vec!["010-62345678".into()],
                ..customer("张伟", "13912345678")
            },
            vehicles: vec![vehicle("京A12345", VIN_A)],
        },
    )
    .unwrap();
    let err = create(
        db,
        NewCustomer {
            customer: CustomerInput {
                other_phones: vec!["010 6234 5678".into()],
                ..customer("张伟", "139-1234-5678")
            },
            vehicles: vec![vehicle("京a12345", VIN_A)],
        },
    )
    .unwrap_err();
    let StoreError::Invalid(invalid) = err else { panic!("{err}") };
    let fields: Vec<_> = invalid.0.iter().map(|i| (i.kind, i.field.clone().unwrap())).collect();
    assert_eq!(
        fields,
        [
            (ErrorKind::Duplicate, "mobile".to_owned()),
            (ErrorKind::Duplicate, "otherPhones.0".to_owned()),
            (ErrorKind::Duplicate, "vehicles.0.vin".to_owned()),
            (ErrorKind::Duplicate, "vehicles.0.plate".to_owned()),
        ]
    );
    assert!(invalid.0.iter().all(|i| i.conflict.as_ref().unwrap().customer_id == first));
    assert_eq!(count(db, "customers"), 1);

    // The same VIN twice in one form.
    let err = create(
        db,
        NewCustomer {
            customer: customer("赵敏", "13600136000"),
            vehicles: vec![vehicle("", &vin_b()), vehicle("", &vin_b())],
        },
    )
    .unwrap_err();
    let StoreError::Invalid(invalid) = err else { panic!("{err}") };
    assert_eq!(invalid.0[0].field.as_deref(), Some("vehicles.1.vin"));
}

#[test]
fn a_wrong_check_digit_is_saved_only_when_confirmed() {
    for mut db in Store::each() {
        a_wrong_check_digit_is_saved_only_when_confirmed_on(&mut db);
    }
}

fn a_wrong_check_digit_is_saved_only_when_confirmed_on(db: &mut Store) {
    let imported = "WAUZZZ4G0EN123456";
    let new = |confirmed| NewCustomer {
        customer: customer("陈静", "13500135000"),
        vehicles: vec![VehicleInput { vin_check_confirmed: confirmed, ..vehicle("沪A1B2C3", imported) }],
    };
    let err = create(db, new(false)).unwrap_err();
    let StoreError::Invalid(invalid) = err else { panic!("{err}") };
    assert_eq!(invalid.0[0].kind, ErrorKind::VinCheckDigit);
    let id = create(db, new(true)).unwrap();
    assert!(db.read(|c| customers::detail(c, id)).unwrap().vehicles[0].vin_check_confirmed);
}

#[test]
fn edits_reindex_and_consent_keeps_its_date() {
    for mut db in Store::each() {
        edits_reindex_and_consent_keeps_its_date_on(&mut db);
    }
}

fn edits_reindex_and_consent_keeps_its_date_on(db: &mut Store) {
    let id = create(db, NewCustomer { customer: customer("刘洋", "13300133000"), vehicles: vec![] }).unwrap();
    assert_eq!(db.read(|c| customers::get(c, id)).unwrap().marketing_consent_changed, None);
    let input = CustomerInput {
        marketing_consent: true,
        lead_grade: Some(LeadGrade::B),
        ..customer("刘洋洋", "13300133001")
    };
    db.write(|tx| customers::update(tx, &Actor::system(), id, &input, now())).unwrap();
    let saved = db.read(|c| customers::get(c, id)).unwrap();
    assert_eq!(saved.marketing_consent_changed, Some(now().today));
    assert_eq!(saved.lead_grade, Some(LeadGrade::B));
    assert_eq!(search_text(db, "刘洋洋"), ["刘洋洋"]);
    assert!(search_text(db, "13300133000").is_empty(), "the old number left the index");
    let stats = db.read(|c| customers::stats(c)).unwrap();
    assert_eq!((stats.customers, stats.leads), (1, 1));
}

#[test]
fn archived_customers_leave_the_list_and_refuse_edits() {
    for mut db in Store::each() {
        archived_customers_leave_the_list_and_refuse_edits_on(&mut db);
    }
}

fn archived_customers_leave_the_list_and_refuse_edits_on(db: &mut Store) {
    let id = create(db, NewCustomer { customer: customer("孙丽", "13200132000"), vehicles: vec![] }).unwrap();
    db.write(|tx| customers::set_archived(tx, &Actor::system(), id, true, now())).unwrap();
    assert!(search_text(db, "孙丽").is_empty());
    let all = CustomerQuery { text: "孙丽".into(), include_archived: true, ..CustomerQuery::default() };
    assert!(db.read(|c| search::customers(c, &all)).unwrap()[0].archived);
    let err = db
        .write(|tx| customers::update(tx, &Actor::system(), id, &customer("孙丽", "13200132000"), now()))
        .unwrap_err();
    let StoreError::Invalid(invalid) = err else { panic!("{err}") };
    assert_eq!(invalid.0[0].kind, ErrorKind::InvalidState);
    db.write(|tx| customers::set_archived(tx, &Actor::system(), id, false, now())).unwrap();
    assert_eq!(search_text(db, "孙丽"), ["孙丽"]);
}

#[test]
fn a_vehicle_changes_owner_and_keeps_its_history() {
    for mut db in Store::each() {
        a_vehicle_changes_owner_and_keeps_its_history_on(&mut db);
    }
}

fn a_vehicle_changes_owner_and_keeps_its_history_on(db: &mut Store) {
    let seller = create(
        db,
        NewCustomer {
            customer: customer("周杰", "13100131000"),
            vehicles: vec![VehicleInput {
                purchase_date: Some("2020-06-01".into()),
                ..vehicle("苏E12345", VIN_A)
            }],
        },
    )
    .unwrap();
    let buyer =
        create(db, NewCustomer { customer: customer("吴刚", "13000130000"), vehicles: vec![] }).unwrap();
    let vehicle_id = db.read(|c| customers::detail(c, seller)).unwrap().vehicles[0].id;

    let early = OwnerChange { vehicle_id, new_owner: buyer, date: "2019-01-01".into() };
    let err = db.write(|tx| vehicles::change_owner(tx, &Actor::system(), &early, now())).unwrap_err();
    let StoreError::Invalid(invalid) = err else { panic!("{err}") };
    assert_eq!((invalid.0[0].kind, invalid.0[0].field.as_deref()), (ErrorKind::DateOrder, Some("date")));

    let change = OwnerChange { vehicle_id, new_owner: buyer, date: "2025-03-15".into() };
    db.write(|tx| vehicles::change_owner(tx, &Actor::system(), &change, now())).unwrap();

    let owners = db.read(|c| vehicles::owners(c, vehicle_id)).unwrap();
    let names: Vec<_> = owners.iter().map(|o| (o.customer_name.as_str(), o.until.is_none())).collect();
    assert_eq!(names, [("吴刚", true), ("周杰", false)]);
    let seller_page = db.read(|c| customers::detail(c, seller)).unwrap();
    assert!(seller_page.vehicles.is_empty());
    assert_eq!(seller_page.former_vehicles[0].vehicle_label, "苏E12345 迈腾 Magotan");
    assert_eq!(search_text(db, "E12345"), ["吴刚"], "the plate moved with the vehicle in the index");

    let again = OwnerChange { vehicle_id, new_owner: buyer, date: "2025-04-01".into() };
    let err = db.write(|tx| vehicles::change_owner(tx, &Actor::system(), &again, now())).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
}

#[test]
fn the_search_index_can_be_rebuilt_to_the_same_answers() {
    for mut db in Store::each() {
        the_search_index_can_be_rebuilt_to_the_same_answers_on(&mut db);
    }
}

fn the_search_index_can_be_rebuilt_to_the_same_answers_on(db: &mut Store) {
    create(
        db,
        NewCustomer {
            customer: customer("郭靖", "15012345678"), vehicles: vec![vehicle("辽B12345", VIN_A)]
        },
    )
    .unwrap();
    db.write(|tx| search::rebuild(tx)).unwrap();
    assert_eq!(search_text(db, "B123"), ["郭靖"]);
    assert_eq!(search_text(db, "郭"), ["郭靖"]);
}

#[test]
fn short_fragments_combine_with_long_ones_and_each_other() {
    for mut db in Store::each() {
        short_fragments_combine_with_long_ones_and_each_other_on(&mut db);
    }
}

fn short_fragments_combine_with_long_ones_and_each_other_on(db: &mut Store) {
    create(
        db,
        NewCustomer {
            customer: customer("张晓红", "13912345678"),
            vehicles: vec![vehicle("京A12345", VIN_A)],
        },
    )
    .unwrap();
    create(
        db,
        NewCustomer {
            customer: customer("李晓红", "13800138000"),
            vehicles: vec![vehicle("粤B54321", &vin_b())],
        },
    )
    .unwrap();
    assert_eq!(search_text(db, "晓红"), ["李晓红", "张晓红"]);
    assert_eq!(search_text(db, "晓红 京A1"), ["张晓红"], "a name piece filters a trigram match");
    assert_eq!(search_text(db, "晓红 张"), ["张晓红"], "two name pieces");
    assert_eq!(search_text(db, "李 B5"), ["李晓红"], "a name piece and a short ASCII fragment");
    assert_eq!(search_text(db, "B5"), ["李晓红"], "a short ASCII fragment alone");
    assert!(search_text(db, "王").is_empty());
}

#[test]
fn a_save_from_a_form_read_before_someone_elses_change_is_refused_as_stale() {
    for mut db in Store::each() {
        a_save_from_a_form_read_before_someone_elses_change_is_refused_as_stale_on(&mut db);
    }
}

fn a_save_from_a_form_read_before_someone_elses_change_is_refused_as_stale_on(db: &mut Store) {
    let engine = db.engine();
    let id =
        create(db, NewCustomer { customer: customer("张伟", "13800138000"), vehicles: Vec::new() }).unwrap();
    // Two desks open the same customer.
    let read = db.read(|c| customers::get(c, id)).unwrap();
    let (mut at_desk_a, mut at_desk_b) = (read.to_input(), read.to_input());
    assert_eq!(at_desk_a.version, Some(read.updated_at));
    // 王丽 at desk A saves first, a minute later.
    let wang = Actor { name: "王丽".into(), ..Actor::system() };
    at_desk_a.address = "北京市朝阳区".into();
    let a_minute_later = Now::at(now().instant + chrono::Duration::minutes(1), 8);
    db.write(|tx| customers::update(tx, &wang, id, &at_desk_a, a_minute_later)).unwrap();
    // Desk B saves what it read before: refused, naming 王丽 and when; nothing of B's is written.
    at_desk_b.notes = "prefers calls after 6 pm".into();
    let later = Now::at(now().instant + chrono::Duration::minutes(2), 8);
    let error = db.write(|tx| customers::update(tx, &Actor::system(), id, &at_desk_b, later)).unwrap_err();
    let StoreError::Stale { by, at, .. } = &error else { panic!("{engine}: {error:?}") };
    assert_eq!((by.as_str(), *at), ("王丽", a_minute_later.instant), "{engine}");
    let issue = &error.issues()[0];
    assert_eq!(issue.kind, ErrorKind::Stale, "{engine}");
    assert_eq!(issue.changed.as_ref().map(|c| c.by.as_str()), Some("王丽"), "{engine}");
    let stored = db.read(|c| customers::get(c, id)).unwrap();
    assert_eq!((stored.address.as_str(), stored.notes.as_str()), ("北京市朝阳区", ""), "{engine}");
    // Reloaded, desk B's change goes through.
    let mut reloaded = stored.to_input();
    reloaded.notes = "prefers calls after 6 pm".into();
    db.write(|tx| customers::update(tx, &Actor::system(), id, &reloaded, later)).unwrap();
    // A form with no version (an import) checks nothing.
    let unversioned = CustomerInput { version: None, ..reloaded };
    db.write(|tx| customers::update(tx, &Actor::system(), id, &unversioned, later)).unwrap();
}

#[test]
fn a_vehicle_saved_from_a_form_read_before_someone_elses_change_is_refused_as_stale() {
    for mut db in Store::each() {
        let engine = db.engine();
        let id = create(
            &mut db,
            NewCustomer {
                customer: customer("张伟", "13800138000"),
                vehicles: vec![vehicle("京A12345", VIN_A)],
            },
        )
        .unwrap();
        let read = db.read(|c| customers::detail(c, id)).unwrap().vehicles.remove(0);
        let (mut at_desk_a, mut at_desk_b) = (read.to_input(), read.to_input());
        assert_eq!(at_desk_a.version, Some(read.updated_at), "{engine}");
        let wang = Actor { name: "王丽".into(), ..Actor::system() };
        at_desk_a.mileage_km = Some(45_000);
        let a_minute_later = Now::at(now().instant + chrono::Duration::minutes(1), 8);
        db.write(|tx| vehicles::update(tx, &wang, read.id, &at_desk_a, a_minute_later)).unwrap();
        // Desk B saves the colour over the vehicle it read before: refused, naming 王丽.
        at_desk_b.colour = "白".into();
        let later = Now::at(now().instant + chrono::Duration::minutes(2), 8);
        let error =
            db.write(|tx| vehicles::update(tx, &Actor::system(), read.id, &at_desk_b, later)).unwrap_err();
        let StoreError::Stale { by, at, .. } = &error else { panic!("{engine}: {error:?}") };
        assert_eq!((by.as_str(), *at), ("王丽", a_minute_later.instant), "{engine}");
        let stored = db.read(|c| vehicles::get(c, read.id)).unwrap();
        assert_eq!((stored.mileage_km, stored.colour.as_str()), (Some(45_000), ""), "{engine}");
        assert!(stored.updated_at > read.updated_at, "{engine}");
        // Reloaded, desk B's change goes through.
        let mut reloaded = stored.to_input();
        reloaded.colour = "白".into();
        db.write(|tx| vehicles::update(tx, &Actor::system(), read.id, &reloaded, later)).unwrap();
    }
}

#[test]
fn a_search_past_the_newest_rows_finds_the_same_customers_in_the_same_order_on_both_engines() {
    // PostgreSQL reads the newest 400 rows per customer asked for before it turns
    // to its trigram index: 2,200 customers put matches on both sides of that edge.
    let mut found_by_engine = Vec::new();
    for mut db in Store::each() {
        db.write(|tx| {
            tx.run(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2200)
                 INSERT INTO customers (id, name, mobile, created_at, updated_at)
                 SELECT i, '客户' || CAST(i AS TEXT),
                        CAST(CASE WHEN i <= 200 THEN 13900000000 + i
                                  WHEN i = 2200 THEN 13900009999
                                  ELSE 13800000000 + i END AS TEXT),
                        '2026-01-01', '2026-01-01'
                 FROM n",
                params![],
            )?;
            tx.run("INSERT INTO customer_phones (phone, customer_id, position) SELECT mobile, id, 0 FROM customers", params![])?;
            search::rebuild(tx)
        })
        .unwrap();
        let mut found = Vec::new();
        for (text, limit) in [
            ("0000001", 2),
            ("00001", 2),
            ("1390000", 2),
            ("13900000005", 2),
            ("139", 5),
            ("1", 3),
            ("客户1", 4),
        ] {
            let query = CustomerQuery { text: text.into(), limit: Some(limit), ..CustomerQuery::default() };
            let names: Vec<String> =
                db.read(|c| search::customers(c, &query)).unwrap().into_iter().map(|c| c.name).collect();
            found.push((text, limit, names));
        }
        // Matches only among the oldest rows, newest of them first.
        assert_eq!(found[0].2, ["客户19", "客户18"], "{}", db.engine());
        assert_eq!(found[3].2, ["客户5"], "{}", db.engine());
        // One match among the newest rows, the next from further back.
        assert_eq!(found[2].2, ["客户2200", "客户200"], "{}", db.engine());
        found_by_engine.push(found);
    }
    if let [sqlite, postgres] = found_by_engine.as_slice() {
        assert_eq!(sqlite, postgres);
    }
}

/// A valid VIN made of `vin`: the right check digit put in position 9.
fn valid_vin(vin: &str) -> String {
    let mut chars: Vec<char> = vin.chars().collect();
    chars[8] = caredesk_domain::validate::vin_check_digit(vin).unwrap();
    chars.into_iter().collect()
}

#[test]
fn pinyin_and_its_initials_find_a_name() {
    for mut db in Store::each() {
        pinyin_and_its_initials_find_a_name_on(&mut db);
    }
}

fn pinyin_and_its_initials_find_a_name_on(db: &mut Store) {
    let engine = db.engine();
    let zhang = create(
        db,
        NewCustomer {
            customer: customer("张伟", "13800138000"), vehicles: vec![vehicle("京A12345", VIN_A)]
        },
    )
    .unwrap();
    create(db, NewCustomer { customer: customer("欧阳娜娜", "13900139000"), vehicles: vec![] }).unwrap();
    create(db, NewCustomer { customer: customer("曾小明", "13700137000"), vehicles: vec![] }).unwrap();
    create(db, NewCustomer { customer: customer("单田芳", "13600136000"), vehicles: vec![] }).unwrap();
    create(db, NewCustomer { customer: customer("吕布", "13500135000"), vehicles: vec![] }).unwrap();
    // Not a name that spells zw, but a VIN that holds it: the text still counts.
    create(
        db,
        NewCustomer {
            customer: customer("刘洋", "13300133000"),
            vehicles: vec![vehicle("粤B54321", &valid_vin("LFVZW23C1K3012345"))],
        },
    )
    .unwrap();
    let cases: [(&str, &[&str]); 16] = [
        ("zw", &["刘洋", "张伟"]),
        ("zhangwei", &["张伟"]),
        ("zhang", &["张伟"]),
        ("ZhangWei", &["张伟"]),
        ("oyn", &["欧阳娜娜"]),
        ("oynn", &["欧阳娜娜"]),
        ("ouyangnana", &["欧阳娜娜"]),
        ("zxm", &["曾小明"]),
        ("cxm", &["曾小明"]),
        ("zengxiaoming", &["曾小明"]),
        ("stf", &["单田芳"]),
        ("shantianfang", &["单田芳"]),
        ("lvbu", &["吕布"]),
        ("ｚｗ", &["刘洋", "张伟"]),
        ("zw 1380013", &["张伟"]),
        ("zw 京A1", &["张伟"]),
    ];
    for (text, names) in cases {
        assert_eq!(search_text(db, text), names, "{engine}: {text}");
    }
    assert!(search_text(db, "zwx").is_empty(), "{engine}: a key is matched from its beginning");
    assert!(search_text(db, "wei").is_empty(), "{engine}: nor from its middle");
    // A renamed customer's keys follow the name.
    db.write(|tx| customers::update(tx, &Actor::system(), zhang, &customer("李伟", "13800138000"), now()))
        .unwrap();
    assert_eq!(search_text(db, "zw"), ["刘洋"], "{engine}");
    assert_eq!(search_text(db, "lw"), ["李伟"], "{engine}");
    // Rebuilt, the index gives the same answers.
    db.write(|tx| search::rebuild(tx)).unwrap();
    assert_eq!(search_text(db, "lw"), ["李伟"], "{engine}");
    assert_eq!(search_text(db, "oyn"), ["欧阳娜娜"], "{engine}");
}

#[test]
fn an_exact_name_is_listed_first() {
    for mut db in Store::each() {
        an_exact_name_is_listed_first_on(&mut db);
    }
}

fn an_exact_name_is_listed_first_on(db: &mut Store) {
    let engine = db.engine();
    create(db, NewCustomer { customer: customer("王芳", "13800138000"), vehicles: vec![] }).unwrap();
    create(db, NewCustomer { customer: customer("王芳芳", "13800138001"), vehicles: vec![] }).unwrap();
    let archived =
        create(db, NewCustomer { customer: customer("王芳", "13800138002"), vehicles: vec![] }).unwrap();
    db.write(|tx| customers::set_archived(tx, &Actor::system(), archived, true, now())).unwrap();
    create(db, NewCustomer { customer: customer("王芳菲", "13800138003"), vehicles: vec![] }).unwrap();
    assert_eq!(search_text(db, "王芳"), ["王芳", "王芳菲", "王芳芳"], "{engine}");
    assert_eq!(search_text(db, " 王芳 "), ["王芳", "王芳菲", "王芳芳"], "{engine}: trimmed");
    assert_eq!(search_text(db, "王芳芳"), ["王芳芳"], "{engine}");
    // Listed first even when newer matches would fill the list.
    let first = CustomerQuery { text: "王芳".into(), limit: Some(1), ..CustomerQuery::default() };
    let found = db.read(|c| search::customers(c, &first)).unwrap();
    assert_eq!(found.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["王芳"], "{engine}");
    assert!(!found[0].archived, "{engine}: an archived one only when asked for");
    let all = CustomerQuery { text: "王芳".into(), include_archived: true, ..CustomerQuery::default() };
    let found = db.read(|c| search::customers(c, &all)).unwrap();
    let listed: Vec<(&str, bool)> = found.iter().map(|c| (c.name.as_str(), c.archived)).collect();
    assert_eq!(
        listed,
        [("王芳", true), ("王芳", false), ("王芳菲", false), ("王芳芳", false)],
        "{engine}: exact names newest first, then the rest"
    );
}

#[test]
fn the_export_takes_every_customer_the_search_finds_in_the_list_s_order() {
    for mut db in Store::each() {
        let engine = db.engine();
        for n in 0..7 {
            let name = if n % 2 == 0 { format!("王芳{n}") } else { format!("李娜{n}") };
            create(
                &mut db,
                NewCustomer { customer: customer(&name, &format!("1380013800{n}")), vehicles: vec![] },
            )
            .unwrap();
        }
        create(&mut db, NewCustomer { customer: customer("王芳", "13900000000"), vehicles: vec![] }).unwrap();
        let capped = CustomerQuery { text: "王芳".into(), limit: Some(2), ..CustomerQuery::default() };
        let shown: Vec<String> =
            db.read(|c| search::customers(c, &capped)).unwrap().into_iter().map(|c| c.name).collect();
        let all: Vec<String> =
            db.read(|c| search::all_customers(c, &capped)).unwrap().into_iter().map(|c| c.name).collect();
        assert_eq!(all.len(), 5, "{engine}: {all:?}");
        assert_eq!(all[..2], shown[..], "{engine}: the list's order, the exact name first");
        assert!(all.iter().all(|n| n.starts_with("王芳")), "{engine}");
    }
}

#[test]
fn full_width_letters_and_digits_in_the_search_box_are_ascii() {
    for mut db in Store::each() {
        full_width_letters_and_digits_in_the_search_box_are_ascii_on(&mut db);
    }
}

fn full_width_letters_and_digits_in_the_search_box_are_ascii_on(db: &mut Store) {
    let engine = db.engine();
    create(
        db,
        NewCustomer {
            customer: customer("郭靖", "15012345678"), vehicles: vec![vehicle("京A12345", VIN_A)]
        },
    )
    .unwrap();
    for text in ["京Ａ１２３４５", "ａ１２", "１５０１２", "ＬＦＶ２Ａ", "郭靖　京Ａ１"]
    {
        assert_eq!(search_text(db, text), ["郭靖"], "{engine}: {text}");
    }
}

#[test]
fn customers_saved_before_the_pinyin_keys_get_them_when_the_database_opens() {
    for mut db in Store::each() {
        create(&mut db, NewCustomer { customer: customer("张伟", "13800138000"), vehicles: vec![] }).unwrap();
        // As a database from before the keys (migration 9 made the table empty).
        db.write(|tx| tx.run("DELETE FROM customer_pinyin", params![])).unwrap();
        assert_eq!(search_text(&mut db, "zhangwei"), Vec::<String>::new(), "{}", db.engine());
        let mut db = db.reopened();
        assert_eq!(search_text(&mut db, "zhangwei"), ["张伟"], "{}", db.engine());
        assert_eq!(count(&mut db, "customer_pinyin"), 2, "{}", db.engine());
        // Opened again, nothing is written twice.
        let mut db = db.reopened();
        assert_eq!(count(&mut db, "customer_pinyin"), 2, "{}", db.engine());
    }
}
