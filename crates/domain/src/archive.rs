//! The customer archive (客户档案): customers, sales leads and their vehicles.
//! A lead is a customer with a lead grade and, usually, no vehicle yet.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Issues};
use crate::ids::{CustomerId, VehicleId};
use crate::validate;

/// Ordinary or VIP; VIP customers get the senior advisor and priority slots.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CustomerGrade {
    #[default]
    Ordinary,
    Vip,
}

/// Sales' grading of a potential customer (DOMAIN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum LeadGrade {
    /// Deposit paid.
    A,
    /// Model and price decided, buys within a week.
    B,
    /// Comparing brands in a price band, buys within a month.
    C,
    /// Wants a car, undecided, more than a month away.
    D,
}

/// How the customer came to the dealership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSource {
    /// Bought the car here.
    Sales,
    WalkIn,
    Referral,
    Phone,
    Online,
    Event,
    Other,
}

/// When the customer prefers to be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactTime {
    Anytime,
    Morning,
    Noon,
    Afternoon,
    Evening,
    Weekend,
}

/// A customer form as the user filled it in; dates are `YYYY-MM-DD` text so a
/// bad date is reported against its field rather than failing the request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    pub name: String,
    pub mobile: String,
    #[serde(default)]
    pub other_phones: Vec<String>,
    #[serde(default)]
    pub contact_time: Option<ContactTime>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub grade: CustomerGrade,
    #[serde(default)]
    pub lead_grade: Option<LeadGrade>,
    #[serde(default)]
    pub source: Option<CustomerSource>,
    #[serde(default)]
    pub birthday: Option<String>,
    #[serde(default)]
    pub marketing_consent: bool,
    #[serde(default)]
    pub notes: String,
    /// The `updatedAt` of the customer the form was filled from: saving after
    /// someone else's change is refused as `stale`. None for a new customer.
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<DateTime<Utc>>,
}

/// A customer form that passed every rule, normalised for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFields {
    pub name: String,
    pub mobile: String,
    pub other_phones: Vec<String>,
    pub contact_time: Option<ContactTime>,
    pub address: String,
    pub grade: CustomerGrade,
    pub lead_grade: Option<LeadGrade>,
    pub source: Option<CustomerSource>,
    pub birthday: Option<NaiveDate>,
    pub marketing_consent: bool,
    pub notes: String,
}

pub const NAME_MAX: usize = 50;
pub const ADDRESS_MAX: usize = 200;
pub const NOTES_MAX: usize = 2000;
pub const OTHER_PHONES_MAX: usize = 5;

impl CustomerInput {
    /// Checks every field; all issues are reported at once.
    pub fn validate(&self, today: NaiveDate) -> Result<CustomerFields, Invalid> {
        let mut issues = Issues::default();
        let name = issues.take(validate::text("name", &self.name, NAME_MAX));
        let mobile = issues.take(validate::mobile("mobile", &self.mobile));
        let mut other_phones = Vec::new();
        // Numbered by their place in the form, so an issue points at the right input.
        for (i, raw) in self.other_phones.iter().enumerate().filter(|(_, p)| !p.trim().is_empty()) {
            if let Some(phone) = issues.take(validate::phone(&format!("otherPhones.{i}"), raw))
                && Some(&phone) != mobile.as_ref()
                && !other_phones.contains(&phone)
            {
                other_phones.push(phone);
            }
        }
        if other_phones.len() > OTHER_PHONES_MAX {
            issues.push(crate::Issue::new(
                crate::ErrorKind::OutOfRange,
                "otherPhones",
                format!("at most {OTHER_PHONES_MAX} further phones"),
            ));
        }
        let address = issues.take(validate::optional_text("address", &self.address, ADDRESS_MAX));
        let notes = issues.take(validate::optional_text("notes", &self.notes, NOTES_MAX));
        let birthday = issues.take(validate::past_date("birthday", self.birthday.as_deref(), today));
        match (name, mobile, address, notes, birthday) {
            (Some(name), Some(mobile), Some(address), Some(notes), Some(birthday)) if issues.is_empty() => {
                Ok(CustomerFields {
                    name,
                    mobile,
                    other_phones,
                    contact_time: self.contact_time,
                    address,
                    grade: self.grade,
                    lead_grade: self.lead_grade,
                    source: self.source,
                    birthday,
                    marketing_consent: self.marketing_consent,
                    notes,
                })
            }
            _ => issues.finish().and(Err(Invalid(Vec::new()))),
        }
    }
}

/// A vehicle form as the user filled it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VehicleInput {
    /// Empty for a vehicle not registered yet.
    #[serde(default)]
    pub plate: String,
    pub vin: String,
    /// The advisor confirmed a VIN whose 9th character is not a check digit.
    #[serde(default)]
    pub vin_check_confirmed: bool,
    pub brand: String,
    pub model: String,
    #[serde(default)]
    pub model_year: Option<i32>,
    #[serde(default)]
    pub colour: String,
    #[serde(default)]
    pub purchase_date: Option<String>,
    #[serde(default)]
    pub warranty_end: Option<String>,
    #[serde(default)]
    pub mileage_km: Option<u32>,
    #[serde(default)]
    pub insurance_expiry: Option<String>,
    #[serde(default)]
    pub annual_inspection_due: Option<String>,
    /// The `updatedAt` of the vehicle the form was filled from: saving after
    /// someone else's change is refused as `stale`. None for a new vehicle.
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<DateTime<Utc>>,
}

/// A vehicle form that passed every rule, normalised for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VehicleFields {
    pub plate: Option<String>,
    pub vin: String,
    pub vin_check_confirmed: bool,
    pub brand: String,
    pub model: String,
    pub model_year: Option<i32>,
    pub colour: String,
    pub purchase_date: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
    pub mileage_km: Option<u32>,
    pub insurance_expiry: Option<NaiveDate>,
    pub annual_inspection_due: Option<NaiveDate>,
}

/// The highest odometer reading we accept, to catch a typo's extra digits.
pub const MILEAGE_MAX_KM: u32 = 2_000_000;

impl VehicleInput {
    pub fn validate(&self, today: NaiveDate) -> Result<VehicleFields, Invalid> {
        let mut issues = Issues::default();
        let plate = if self.plate.trim().is_empty() {
            Some(None)
        } else {
            issues.take(validate::plate("plate", &self.plate).map(Some))
        };
        let vin = issues.take(validate::vin("vin", &self.vin, self.vin_check_confirmed));
        let brand = issues.take(validate::text("brand", &self.brand, 40));
        let model = issues.take(validate::text("model", &self.model, 60));
        let model_year =
            issues.take(validate::in_range("modelYear", self.model_year, 1980..=today.year() + 1));
        let colour = issues.take(validate::optional_text("colour", &self.colour, 30));
        let purchase_date =
            issues.take(validate::past_date("purchaseDate", self.purchase_date.as_deref(), today));
        let warranty_end = issues.take(validate::date("warrantyEnd", self.warranty_end.as_deref()));
        if let (Some(Some(bought)), Some(Some(ends))) = (purchase_date, warranty_end)
            && ends < bought
        {
            issues.push(crate::Issue::new(
                crate::ErrorKind::DateOrder,
                "warrantyEnd",
                "warrantyEnd cannot be before purchaseDate",
            ));
        }
        let mileage_km = issues.take(validate::in_range("mileageKm", self.mileage_km, 0..=MILEAGE_MAX_KM));
        let insurance_expiry =
            issues.take(validate::date("insuranceExpiry", self.insurance_expiry.as_deref()));
        let annual_inspection_due =
            issues.take(validate::date("annualInspectionDue", self.annual_inspection_due.as_deref()));
        issues.finish()?;
        match (
            plate,
            vin,
            brand,
            model,
            model_year,
            colour,
            purchase_date,
            warranty_end,
            mileage_km,
            insurance_expiry,
            annual_inspection_due,
        ) {
            (
                Some(plate),
                Some(vin),
                Some(brand),
                Some(model),
                Some(model_year),
                Some(colour),
                Some(purchase_date),
                Some(warranty_end),
                Some(mileage_km),
                Some(insurance_expiry),
                Some(annual_inspection_due),
            ) => Ok(VehicleFields {
                plate,
                vin,
                vin_check_confirmed: self.vin_check_confirmed,
                brand,
                model,
                model_year,
                colour,
                purchase_date,
                warranty_end,
                mileage_km,
                insurance_expiry,
                annual_inspection_due,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// A new customer with the vehicles they came with, saved together or not at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCustomer {
    pub customer: CustomerInput,
    #[serde(default)]
    pub vehicles: Vec<VehicleInput>,
}

/// A customer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: CustomerId,
    pub name: String,
    pub mobile: String,
    pub other_phones: Vec<String>,
    pub contact_time: Option<ContactTime>,
    pub address: String,
    pub grade: CustomerGrade,
    pub lead_grade: Option<LeadGrade>,
    pub source: Option<CustomerSource>,
    pub birthday: Option<NaiveDate>,
    pub marketing_consent: bool,
    /// When consent was last given or withdrawn.
    pub marketing_consent_changed: Option<NaiveDate>,
    pub notes: String,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Customer {
    /// The form that edits this customer, filled with what is stored.
    pub fn to_input(&self) -> CustomerInput {
        CustomerInput {
            name: self.name.clone(),
            mobile: self.mobile.clone(),
            other_phones: self.other_phones.clone(),
            contact_time: self.contact_time,
            address: self.address.clone(),
            grade: self.grade,
            lead_grade: self.lead_grade,
            source: self.source,
            birthday: self.birthday.map(|d| d.to_string()),
            marketing_consent: self.marketing_consent,
            notes: self.notes.clone(),
            version: Some(self.updated_at),
        }
    }
}

/// A vehicle as stored, with its current owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Vehicle {
    pub id: VehicleId,
    pub customer_id: CustomerId,
    pub plate: Option<String>,
    pub vin: String,
    pub vin_check_confirmed: bool,
    pub brand: String,
    pub model: String,
    pub model_year: Option<i32>,
    pub colour: String,
    pub purchase_date: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
    pub mileage_km: Option<u32>,
    pub insurance_expiry: Option<NaiveDate>,
    pub annual_inspection_due: Option<NaiveDate>,
    /// The next-service recommendation given at the last handover.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_service_date: Option<NaiveDate>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_service_km: Option<u32>,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Vehicle {
    /// The form that edits this vehicle, filled with what is stored.
    pub fn to_input(&self) -> VehicleInput {
        VehicleInput {
            plate: self.plate.clone().unwrap_or_default(),
            vin: self.vin.clone(),
            vin_check_confirmed: self.vin_check_confirmed,
            brand: self.brand.clone(),
            model: self.model.clone(),
            model_year: self.model_year,
            colour: self.colour.clone(),
            purchase_date: self.purchase_date.map(|d| d.to_string()),
            warranty_end: self.warranty_end.map(|d| d.to_string()),
            mileage_km: self.mileage_km,
            insurance_expiry: self.insurance_expiry.map(|d| d.to_string()),
            annual_inspection_due: self.annual_inspection_due.map(|d| d.to_string()),
            version: Some(self.updated_at),
        }
    }
}

/// One period in which a customer owned a vehicle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ownership {
    pub vehicle_id: VehicleId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    /// The vehicle as it was known then (plate and model), for the former owner's page.
    pub vehicle_label: String,
    pub from: NaiveDate,
    /// `None` while the period lasts.
    pub until: Option<NaiveDate>,
}

/// Everything the customer page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetail {
    pub customer: Customer,
    pub vehicles: Vec<Vehicle>,
    /// Vehicles this customer owned before they passed to someone else.
    pub former_vehicles: Vec<Ownership>,
}

/// A vehicle with all its owners, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VehicleDetail {
    pub vehicle: Vehicle,
    pub owners: Vec<Ownership>,
}

/// A vehicle in one line of the customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VehicleBrief {
    pub id: VehicleId,
    pub plate: Option<String>,
    pub vin: String,
    pub brand: String,
    pub model: String,
}

/// One line of the customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    pub id: CustomerId,
    pub name: String,
    pub mobile: String,
    pub grade: CustomerGrade,
    pub lead_grade: Option<LeadGrade>,
    pub archived: bool,
    pub vehicles: Vec<VehicleBrief>,
}

/// Which customers the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerQuery {
    /// Fragments of name, phone, plate or VIN, separated by spaces; all must match.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub include_archived: bool,
    /// Only sales leads (customers with a lead grade).
    #[serde(default)]
    pub leads_only: bool,
    /// At most this many lines (default 50, at most 500).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Counts for the archive's header and for the first start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveStats {
    pub customers: u32,
    pub leads: u32,
    pub vehicles: u32,
    pub archived: u32,
}

/// Passing a vehicle to another customer (sold on, inherited, a company car).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnerChange {
    pub vehicle_id: VehicleId,
    pub new_owner: CustomerId,
    /// The day the vehicle changed hands (`YYYY-MM-DD`).
    pub date: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn customer() -> CustomerInput {
        CustomerInput {
            name: "王秀英".into(),
            mobile: "139 1234 5678".into(),
            other_phones: vec!["010-62345678".into(), "".into(), "13912345678".into()],
            birthday: Some("1980-05-17".into()),
            ..CustomerInput::default()
        }
    }

    fn vehicle() -> VehicleInput {
        VehicleInput {
            plate: "京a12345".into(),
            vin: "LFV2A21K767042918".into(),
            brand: "FAW-VW".into(),
            model: "迈腾 Magotan".into(),
            model_year: Some(2021),
            purchase_date: Some("2021-03-01".into()),
            warranty_end: Some("2024-03-01".into()),
            mileage_km: Some(45_000),
            ..VehicleInput::default()
        }
    }

    #[test]
    fn a_good_customer_is_normalised() {
        let fields = customer().validate(today()).unwrap();
        assert_eq!(fields.mobile, "13912345678");
        // The blank and the repeat of the mobile are dropped.
        assert_eq!(fields.other_phones, vec!["010-62345678"]);
        assert_eq!(fields.birthday, NaiveDate::from_ymd_opt(1980, 5, 17));
    }

    #[test]
    fn every_bad_customer_field_is_reported_by_name() {
        let input = CustomerInput {
            name: " ".into(),
            mobile: "12345".into(),
            other_phones: vec!["99".into()],
            birthday: Some("2030-01-01".into()),
            ..CustomerInput::default()
        };
        let issues = input.validate(today()).unwrap_err().0;
        let got: Vec<_> = issues.iter().map(|i| (i.kind, i.field.clone().unwrap())).collect();
        assert_eq!(
            got,
            vec![
                (ErrorKind::Required, "name".to_owned()),
                (ErrorKind::InvalidMobile, "mobile".to_owned()),
                (ErrorKind::InvalidPhone, "otherPhones.0".to_owned()),
                (ErrorKind::DateInFuture, "birthday".to_owned()),
            ]
        );
    }

    #[test]
    fn a_good_vehicle_is_normalised() {
        let fields = vehicle().validate(today()).unwrap();
        assert_eq!(fields.plate.as_deref(), Some("京A12345"));
        let unregistered = VehicleInput { plate: " ".into(), ..vehicle() };
        assert_eq!(unregistered.validate(today()).unwrap().plate, None);
    }

    #[test]
    fn every_bad_vehicle_field_is_reported_by_name() {
        let input = VehicleInput {
            plate: "京12345".into(),
            vin: "LFV2A21K16704291".into(),
            brand: "".into(),
            model_year: Some(2031),
            purchase_date: Some("2024-01-01".into()),
            warranty_end: Some("2023-01-01".into()),
            mileage_km: Some(MILEAGE_MAX_KM + 1),
            insurance_expiry: Some("soon".into()),
            ..vehicle()
        };
        let issues = input.validate(today()).unwrap_err().0;
        let fields: Vec<_> = issues.iter().map(|i| i.field.clone().unwrap()).collect();
        assert_eq!(
            fields,
            ["plate", "vin", "brand", "modelYear", "warrantyEnd", "mileageKm", "insuranceExpiry"]
        );
    }

    #[test]
    fn inputs_cross_ipc_in_camel_case() {
        let json = serde_json::to_value(vehicle()).unwrap();
        assert!(json.get("vinCheckConfirmed").is_some());
        let back: VehicleInput = serde_json::from_value(json).unwrap();
        assert_eq!(back, vehicle());
    }
}
