//! The vehicles customers bring: FAW-Volkswagen and FAW Audi models from 2012
//! on, the odd imported Audi or Volkswagen, and (as a family's second car) other
//! FAW brands. Dates and mileage hang together: a car is bought in or soon after
//! its model year, is under warranty for three years, covers 8,000–25,000 km a
//! year, renews its insurance on the purchase anniversary and is inspected on
//! the Chinese schedule.

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::Rng;

use caredesk_domain::archive::VehicleInput;

use crate::pick::{Weighted, chance, weighted};
use crate::plates::{GreenPlate, Plate, PlateRegistry};
use crate::vins::VinRegistry;

use Power::{Battery, Petrol, PlugIn};

const FAW_VW: &str = "一汽-大众 FAW-VW";
const FAW_AUDI: &str = "一汽奥迪 FAW Audi";
const AUDI_IMPORT: &str = "进口奥迪 Audi";
const VW_IMPORT: &str = "进口大众 Volkswagen";
const HONGQI: &str = "一汽红旗 Hongqi";
const BESTUNE: &str = "一汽奔腾 Bestune";

/// The oldest model year the dealership still sees in its workshop.
const FIRST_MODEL_YEAR: i32 = 2012;
const STILL_BUILT: i32 = i32::MAX;

/// Share of vehicles on green plates.
const GREEN_SHARE: f64 = 0.15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Power {
    Petrol,
    Battery,
    PlugIn,
}

#[derive(Debug)]
pub(crate) struct Model {
    pub(crate) brand: &'static str,
    pub(crate) name: &'static str,
    /// World manufacturer identifier, VIN places 1–3.
    wmi: &'static str,
    /// Vehicle descriptor, VIN places 4–8.
    descriptor: &'static str,
    first_year: i32,
    last_year: i32,
    power: Power,
    /// Rough share of the dealership's workshop.
    weight: u32,
    /// Flagships whose owners are often VIP customers.
    pub(crate) premium: bool,
    /// Another FAW brand, seen only as a family's second car.
    other_brand: bool,
}

impl Model {
    fn built_in(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }
}

#[allow(clippy::too_many_arguments, reason = "a table row, read positionally beside its neighbours")]
const fn model(
    brand: &'static str,
    name: &'static str,
    wmi: &'static str,
    descriptor: &'static str,
    (first_year, last_year): (i32, i32),
    power: Power,
    weight: u32,
    premium: bool,
) -> Model {
    Model { brand, name, wmi, descriptor, first_year, last_year, power, weight, premium, other_brand: false }
}

const fn other_brand(
    brand: &'static str,
    name: &'static str,
    wmi: &'static str,
    descriptor: &'static str,
    first_year: i32,
) -> Model {
    Model {
        brand,
        name,
        wmi,
        descriptor,
        first_year,
        last_year: STILL_BUILT,
        power: Power::Petrol,
        weight: 1,
        premium: false,
        other_brand: true,
    }
}

/// Model years run from launch to the last year built here; a renamed model
/// (Q5 → Q5L, A3 → A3L) is two rows.
pub(crate) static MODELS: &[Model] = &[
    model(FAW_VW, "速腾 Sagitar", "LFV", "2A28H", (2012, STILL_BUILT), Petrol, 14, false),
    model(FAW_VW, "迈腾 Magotan", "LFV", "3A23C", (2012, STILL_BUILT), Petrol, 12, false),
    model(FAW_VW, "宝来 Bora", "LFV", "2A21K", (2012, STILL_BUILT), Petrol, 12, false),
    model(FAW_VW, "捷达 Jetta", "LFV", "2A11J", (2012, 2019), Petrol, 8, false),
    model(FAW_VW, "高尔夫 Golf", "LFV", "2A21G", (2012, STILL_BUILT), Petrol, 6, false),
    model(FAW_VW, "探岳 Tayron", "LFV", "3B20T", (2019, STILL_BUILT), Petrol, 10, false),
    model(FAW_VW, "探歌 T-Roc", "LFV", "2B11T", (2018, STILL_BUILT), Petrol, 4, false),
    model(FAW_VW, "CC", "LFV", "3A25C", (2012, STILL_BUILT), Petrol, 3, false),
    model(FAW_VW, "揽巡 Talagon", "LFV", "3B36T", (2022, STILL_BUILT), Petrol, 2, true),
    model(FAW_VW, "迈腾 GTE", "LFV", "3A2E3", (2020, STILL_BUILT), PlugIn, 2, false),
    model(FAW_VW, "探岳 GTE", "LFV", "3B2E5", (2020, STILL_BUILT), PlugIn, 2, false),
    model(FAW_VW, "ID.4 CROZZ", "LFV", "3E2EK", (2021, STILL_BUILT), Battery, 6, false),
    model(FAW_VW, "ID.6 CROZZ", "LFV", "3E3EK", (2021, STILL_BUILT), Battery, 3, false),
    model(FAW_AUDI, "A3", "LFV", "2A28V", (2014, 2020), Petrol, 3, false),
    model(FAW_AUDI, "A3L", "LFV", "2A28V", (2021, STILL_BUILT), Petrol, 3, false),
    model(FAW_AUDI, "A4L", "LFV", "3A28W", (2012, STILL_BUILT), Petrol, 6, false),
    model(FAW_AUDI, "A6L", "LFV", "3A24G", (2012, STILL_BUILT), Petrol, 7, true),
    model(FAW_AUDI, "Q2L", "LFV", "2B11F", (2018, STILL_BUILT), Petrol, 2, false),
    model(FAW_AUDI, "Q3", "LFV", "3B28U", (2013, STILL_BUILT), Petrol, 3, false),
    model(FAW_AUDI, "Q5", "LFV", "3B28R", (2012, 2017), Petrol, 5, false),
    model(FAW_AUDI, "Q5L", "LFV", "3B28R", (2018, STILL_BUILT), Petrol, 5, false),
    model(FAW_AUDI, "Q4 e-tron", "LFV", "3F2EA", (2022, STILL_BUILT), Battery, 3, false),
    model(FAW_AUDI, "Q2L e-tron", "LFV", "2F1EB", (2019, STILL_BUILT), Battery, 1, false),
    model(AUDI_IMPORT, "A8L", "WAU", "ZZZ4H", (2012, STILL_BUILT), Petrol, 1, true),
    model(AUDI_IMPORT, "Q7", "WA1", "ZZZ4M", (2012, STILL_BUILT), Petrol, 1, true),
    model(VW_IMPORT, "途锐 Touareg", "WVG", "ZZZCR", (2012, STILL_BUILT), Petrol, 1, true),
    model(VW_IMPORT, "夏朗 Sharan", "WVW", "ZZZ7N", (2012, 2019), Petrol, 1, false),
    other_brand(HONGQI, "红旗 H5", "LFP", "83AC5", 2018),
    other_brand(HONGQI, "红旗 HS5", "LFP", "83BC6", 2019),
    other_brand(BESTUNE, "奔腾 T77", "LFB", "41C7H", 2018),
];

/// Colours as the archive writes them, by rough popularity.
#[rustfmt::skip]
static COLOURS: &[(&str, u32)] = &[
    ("白色", 34), ("黑色", 24), ("灰色", 11), ("银色", 9), ("蓝色", 8), ("红色", 5), ("棕色", 3), ("绿色", 2),
    ("金色", 2), ("橙色", 1), ("紫色", 1),
];

/// A vehicle as generated, with what the customer's record takes from it.
pub(crate) struct Generated {
    pub(crate) input: VehicleInput,
    pub(crate) plate: Plate,
    pub(crate) model: &'static Model,
}

/// Builds vehicles: the model catalogue and the plate and VIN registries.
#[derive(Debug, Clone)]
pub(crate) struct Fleet {
    today: NaiveDate,
    plates: PlateRegistry,
    vins: VinRegistry,
    colours: Weighted<(&'static str, u32)>,
}

impl Fleet {
    pub(crate) fn new(seed: u64, today: NaiveDate) -> Self {
        Self {
            today,
            plates: PlateRegistry::new(seed),
            vins: VinRegistry::new(seed),
            colours: Weighted::new(COLOURS, |&(_, share)| share),
        }
    }

    /// How many vehicle slots get their own plate and VIN.
    pub(crate) fn capacity(&self) -> u64 {
        self.plates.capacity().min(crate::vins::CAPACITY)
    }

    /// The vehicle in `slot`; `second_car` admits the other FAW brands.
    pub(crate) fn vehicle(&self, rng: &mut impl Rng, slot: u64, second_car: bool) -> Generated {
        let this_year = self.today.year();
        // Before the first green model (2020) every car is a petrol car.
        let green =
            chance(rng, GREEN_SHARE) && MODELS.iter().any(|m| m.power != Petrol && m.first_year <= this_year);
        let fits = |m: &Model| (m.power != Petrol) == green && (second_car || !m.other_brand);
        let oldest = MODELS
            .iter()
            .filter(|m| fits(m))
            .map(|m| m.first_year)
            .min()
            .unwrap_or(FIRST_MODEL_YEAR)
            .max(FIRST_MODEL_YEAR)
            .min(this_year);
        let model_year = self.model_year(rng, oldest);
        let mut models: Vec<&Model> = MODELS.iter().filter(|m| fits(m) && m.built_in(model_year)).collect();
        if models.is_empty() {
            models = MODELS.iter().filter(|m| fits(m)).collect();
        }
        let model = *weighted(rng, &models, |m| m.weight);

        let bought = self.purchase_date(rng, model_year);
        let years_owned = (self.today - bought).num_days() as f64 / 365.25;
        let km_a_year = rng.random_range(8_000.0..25_000.0);
        let mileage = (years_owned * km_a_year) as u32 + rng.random_range(5..80);

        let plate = match model.power {
            Petrol => self.plates.ordinary(slot),
            Battery => self.plates.new_energy(slot, GreenPlate::Battery),
            PlugIn => self.plates.new_energy(slot, GreenPlate::PlugIn),
        };
        let input = VehicleInput {
            plate: plate.text.clone(),
            vin: self.vins.vin(slot, model.wmi, model.descriptor, model_year),
            vin_check_confirmed: false,
            brand: model.brand.to_owned(),
            model: model.name.to_owned(),
            model_year: Some(model_year),
            colour: self.colours.pick(rng).0.to_owned(),
            purchase_date: Some(bought.to_string()),
            // Three years whatever the mileage; the 100,000 km limit is checked at the counter.
            warranty_end: Some(years_after(bought, 3).to_string()),
            mileage_km: Some(mileage),
            insurance_expiry: Some(next_anniversary(bought, self.today).to_string()),
            annual_inspection_due: Some(next_inspection(bought, self.today).to_string()),
            version: None,
        };
        Generated { input, plate, model }
    }

    /// Newer cars are more common in a franchise workshop: older ones drift to
    /// independent garages. This year counts only for the part already past.
    fn model_year(&self, rng: &mut impl Rng, oldest: i32) -> i32 {
        let this_year = self.today.year();
        let weight = |year: i32| {
            let w = f64::from(4 + year - oldest);
            if year == this_year { w * f64::from(self.today.ordinal()) / 366.0 } else { w }
        };
        let total: f64 = (oldest..=this_year).map(weight).sum();
        let mut x = rng.random_range(0.0..total.max(f64::MIN_POSITIVE));
        for year in oldest..this_year {
            x -= weight(year);
            if x < 0.0 {
                return year;
            }
        }
        this_year
    }

    /// Bought in the model year or within four months after it, never after today.
    fn purchase_date(&self, rng: &mut impl Rng, model_year: i32) -> NaiveDate {
        let first = NaiveDate::from_ymd_opt(model_year, 1, 1).unwrap_or(self.today).min(self.today);
        let last = NaiveDate::from_ymd_opt(model_year, 12, 31)
            .and_then(|d| d.checked_add_days(Days::new(120)))
            .unwrap_or(self.today)
            .min(self.today);
        let span = (last - first).num_days().max(0) as u64;
        first.checked_add_days(Days::new(rng.random_range(0..=span))).unwrap_or(first)
    }
}

/// `date` moved `years` on; 29 February falls back to the 28th.
fn years_after(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(12 * years)).unwrap_or(NaiveDate::MAX)
}

/// The first anniversary of `bought` after `today`: commercial insurance runs a
/// year at a time from the purchase.
fn next_anniversary(bought: NaiveDate, today: NaiveDate) -> NaiveDate {
    let mut years = u32::try_from(today.year() - bought.year()).unwrap_or(0).max(1);
    while years_after(bought, years) <= today {
        years += 1;
    }
    years_after(bought, years)
}

/// The next inspection deadline on or after `today` for a private car: with
/// the 2022 rules a car is inspected (or collects its exemption mark) every
/// two years up to its tenth year, then every year.
fn next_inspection(registered: NaiveDate, today: NaiveDate) -> NaiveDate {
    let mut years = 2;
    loop {
        let due = years_after(registered, years);
        if due >= today {
            return due;
        }
        years += if years < 10 { 2 } else { 1 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_catalogue_makes_valid_vins_and_sane_years() {
        for m in MODELS {
            assert_eq!(m.wmi.len() + m.descriptor.len(), 8, "{}", m.name);
            let vin = VinRegistry::new(1).vin(0, m.wmi, m.descriptor, m.first_year);
            assert!(caredesk_domain::validate::vin("vin", &vin, false).is_ok(), "{} {vin}", m.name);
            assert!(m.first_year >= FIRST_MODEL_YEAR && m.first_year <= m.last_year, "{}", m.name);
        }
    }

    #[test]
    fn insurance_renews_on_the_next_anniversary() {
        let today = date("2026-03-15");
        assert_eq!(next_anniversary(date("2020-06-01"), today), date("2026-06-01"));
        assert_eq!(next_anniversary(date("2020-03-15"), today), date("2027-03-15"));
        assert_eq!(next_anniversary(date("2026-01-05"), today), date("2027-01-05"));
        assert_eq!(next_anniversary(date("2024-02-29"), today), date("2027-02-28"));
    }

    #[test]
    fn inspections_every_two_years_then_yearly_after_ten() {
        let today = date("2026-03-15");
        assert_eq!(next_inspection(date("2025-05-01"), today), date("2027-05-01"));
        assert_eq!(next_inspection(date("2021-05-01"), today), date("2027-05-01"));
        assert_eq!(next_inspection(date("2022-03-15"), today), date("2026-03-15"));
        assert_eq!(next_inspection(date("2014-05-01"), today), date("2026-05-01"));
        assert_eq!(next_inspection(date("2014-02-01"), today), date("2027-02-01"));
    }
}
