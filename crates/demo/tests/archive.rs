//! The demo archive as the store and the demo see it: valid, unique where the
//! store insists, deterministic, and shaped like a real dealership's.

use std::collections::HashSet;

use caredesk_demo::{dealership, synthetic};
use caredesk_domain::archive::{CustomerGrade, NewCustomer};
use chrono::{Datelike, NaiveDate};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    date("2026-03-15")
}

fn assert_valid(record: &NewCustomer, today: NaiveDate) {
    if let Err(invalid) = record.customer.validate(today) {
        panic!("{:?} is invalid: {invalid:?}", record.customer);
    }
    for vehicle in &record.vehicles {
        if let Err(invalid) = vehicle.validate(today) {
            panic!("{vehicle:?} is invalid: {invalid:?}");
        }
    }
}

#[test]
fn the_demo_set_validates_on_any_day() {
    // A leap day, a New Year's Day (this year's cars barely exist) and a year
    // before the first electric models.
    for today in [today(), date("2024-02-29"), date("2027-01-01"), date("2019-06-30")] {
        for seed in [0, 1, 2026] {
            let demo = dealership(seed, 300, today);
            assert_eq!(demo.len(), 300);
            demo.iter().for_each(|record| assert_valid(record, today));
        }
    }
}

#[test]
fn a_large_synthetic_sample_validates() {
    synthetic(11, 20_000, today()).for_each(|record| assert_valid(&record, today()));
}

#[test]
fn the_same_seed_gives_the_same_archive_and_a_customer_depends_only_on_its_index() {
    assert_eq!(dealership(5, 300, today()), dealership(5, 300, today()));
    assert_ne!(dealership(5, 300, today()), dealership(6, 300, today()));
    let long: Vec<NewCustomer> = synthetic(5, 1_000, today()).skip(700).take(10).collect();
    let demo = dealership(5, 710, today());
    assert_eq!(long, demo[700..]);
}

#[test]
fn phones_plates_and_vins_never_repeat_in_200_000_customers() {
    let (mut phones, mut plates, mut vins) = (HashSet::new(), HashSet::new(), HashSet::new());
    for record in synthetic(3, 200_000, today()) {
        let customer = &record.customer;
        for phone in std::iter::once(&customer.mobile).chain(&customer.other_phones) {
            assert!(phones.insert(phone.clone()), "phone {phone} repeats");
        }
        for vehicle in record.vehicles {
            assert!(plates.insert(vehicle.plate.clone()), "plate {} repeats", vehicle.plate);
            assert!(vins.insert(vehicle.vin.clone()), "VIN {} repeats", vehicle.vin);
        }
    }
    assert!(phones.len() > 200_000 && plates.len() > 190_000 && plates.len() == vins.len());
}

#[test]
fn proportions_look_like_a_dealership() {
    let sample: Vec<NewCustomer> = synthetic(8, 20_000, today()).collect();
    let share = |f: &dyn Fn(&NewCustomer) -> bool| {
        sample.iter().filter(|r| f(r)).count() as f64 / sample.len() as f64
    };
    let within = |name: &str, value: f64, low: f64, high: f64| {
        assert!((low..=high).contains(&value), "{name}: {value:.3} not in {low}..{high}");
    };
    within("leads", share(&|r| r.customer.lead_grade.is_some()), 0.06, 0.08);
    within(
        "leads own no car",
        share(&|r| r.customer.lead_grade.is_some() && !r.vehicles.is_empty()),
        0.0,
        0.0,
    );
    within("one car", share(&|r| r.vehicles.len() == 1), 0.83, 0.87);
    within("two cars", share(&|r| r.vehicles.len() == 2), 0.07, 0.09);
    within("VIP", share(&|r| r.customer.grade == CustomerGrade::Vip), 0.06, 0.10);
    within("second phone", share(&|r| !r.customer.other_phones.is_empty()), 0.13, 0.17);
    within("birthday", share(&|r| r.customer.birthday.is_some()), 0.57, 0.63);
    within("consent", share(&|r| r.customer.marketing_consent), 0.67, 0.73);
    within("address", share(&|r| !r.customer.address.is_empty()), 0.47, 0.53);
    within("notes", share(&|r| !r.customer.notes.is_empty()), 0.12, 0.25);

    let vehicles: Vec<_> = sample.iter().flat_map(|r| &r.vehicles).collect();
    let vehicle_share = |f: &dyn Fn(&str) -> bool| {
        vehicles.iter().filter(|v| f(&v.plate)).count() as f64 / vehicles.len() as f64
    };
    within("green plates", vehicle_share(&|p| p.chars().count() == 8), 0.13, 0.17);
    within("吉A plates", vehicle_share(&|p| p.starts_with("吉A")), 0.25, 0.40);
}

#[test]
fn vehicles_hang_together() {
    let today = today();
    for record in synthetic(21, 20_000, today) {
        for v in &record.vehicles {
            let year = v.model_year.unwrap();
            let bought = date(v.purchase_date.as_deref().unwrap());
            assert!((2012..=today.year()).contains(&year), "{v:?}");
            assert!(bought.year() >= year && bought <= today, "{v:?}");
            assert_eq!(
                date(v.warranty_end.as_deref().unwrap()),
                bought.checked_add_months(chrono::Months::new(36)).unwrap()
            );
            assert!(date(v.insurance_expiry.as_deref().unwrap()) > today, "{v:?}");
            let inspection = date(v.annual_inspection_due.as_deref().unwrap());
            assert!(inspection >= today && inspection.day() == bought.day().min(inspection.day()), "{v:?}");
            let years = (today - bought).num_days() as f64 / 365.25;
            let km = f64::from(v.mileage_km.unwrap());
            assert!(
                km >= 5.0 && km <= 80.0 + 25_000.0 * years && (years < 0.5 || km >= 8_000.0 * years),
                "{v:?}"
            );

            // Green plates go with electric and plug-in models, blue with petrol ones.
            let electric =
                v.model.contains("e-tron") || v.model.starts_with("ID.") || v.model.ends_with("GTE");
            assert_eq!(v.plate.chars().count() == 8, electric, "{v:?}");
            let energy = v.plate.chars().nth(2).unwrap();
            if electric {
                assert_eq!(energy == 'F', v.model.ends_with("GTE"), "{v:?}");
            }
            let wmi = &v.vin[..3];
            let expected_wmi: &[&str] = match v.brand.as_str() {
                b if b.starts_with("一汽-大众") || b.starts_with("一汽奥迪") => &["LFV"],
                b if b.starts_with("进口奥迪") => &["WAU", "WA1"],
                b if b.starts_with("进口大众") => &["WVW", "WVG"],
                b if b.starts_with("一汽红旗") => &["LFP"],
                _ => &["LFB"],
            };
            assert!(expected_wmi.contains(&wmi), "{v:?}");
            let year_code = "ABCDEFGHJKLMNPRSTVWXY".chars().nth((year - 2010) as usize).unwrap();
            assert_eq!(v.vin.chars().nth(9), Some(year_code), "{v:?}");
        }
        if let Some(birthday) = record.customer.birthday.as_deref() {
            let age = today.years_since(date(birthday)).unwrap();
            assert!((22..=70).contains(&age), "{birthday}");
        }
    }
}
