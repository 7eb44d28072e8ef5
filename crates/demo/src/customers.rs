//! One customer file (客户档案) at a time: who the customer is, how to reach
//! them, what they drive, and the few lines an advisor would have noted.

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::{Rng, SeedableRng, rngs::StdRng};

use caredesk_domain::archive::{
    ContactTime, CustomerGrade, CustomerInput, CustomerSource, LeadGrade, NewCustomer,
};

use crate::names::{Names, Sex};
use crate::permute::mix;
use crate::phones::PhoneBook;
use crate::pick::{Weighted, chance, one_of, weighted};
use crate::regions::{self, OFFICES, Office};
use crate::vehicles::{Fleet, Generated};

/// Per hundred customers: sales leads without a car, owners of two cars; the
/// rest own one.
const LEADS_PER_100: u32 = 7;
const TWO_CARS_PER_100: u32 = 8;

const SECOND_PHONE_SHARE: f64 = 0.15;
/// Of the second phones, how many are landlines (home or office) rather than
/// another mobile.
const LANDLINE_SHARE: f64 = 0.55;
const BIRTHDAY_SHARE: f64 = 0.6;
const CONSENT_SHARE: f64 = 0.7;
const CONTACT_TIME_SHARE: f64 = 0.4;
const ADDRESS_SHARE: f64 = 0.5;
const OWNER_NOTE_SHARE: f64 = 0.15;
const LEAD_NOTE_SHARE: f64 = 0.7;

/// Owners' ages by bracket, in percent: most are between 30 and 50.
const AGES: &[(u32, u32, u32)] = &[(22, 29, 20), (30, 39, 32), (40, 49, 25), (50, 59, 15), (60, 70, 8)];

const OWNER_SOURCES: &[(CustomerSource, u32)] = &[
    (CustomerSource::Sales, 72),
    (CustomerSource::WalkIn, 10),
    (CustomerSource::Referral, 7),
    (CustomerSource::Online, 4),
    (CustomerSource::Phone, 3),
    (CustomerSource::Event, 3),
    (CustomerSource::Other, 1),
];
const LEAD_SOURCES: &[(CustomerSource, u32)] = &[
    (CustomerSource::WalkIn, 30),
    (CustomerSource::Online, 28),
    (CustomerSource::Phone, 14),
    (CustomerSource::Event, 14),
    (CustomerSource::Referral, 12),
    (CustomerSource::Other, 2),
];
const LEAD_GRADES: &[(LeadGrade, u32)] =
    &[(LeadGrade::A, 10), (LeadGrade::B, 20), (LeadGrade::C, 35), (LeadGrade::D, 35)];
const CONTACT_TIMES: &[(ContactTime, u32)] = &[
    (ContactTime::Anytime, 10),
    (ContactTime::Morning, 20),
    (ContactTime::Noon, 15),
    (ContactTime::Afternoon, 20),
    (ContactTime::Evening, 20),
    (ContactTime::Weekend, 15),
];

/// What service advisors write about owners.
const OWNER_NOTES: &[&str] = &[
    "喜欢周末上午来店，提前一天短信提醒",
    "只回微信，电话经常不接",
    "工作日中午十二点后方便接电话",
    "对价格比较敏感，保养前先报价再施工",
    "要求旧件带走，指定用原厂机油",
    "上次等车时间长有抱怨，下次优先安排工位",
    "需要代步车，预约时提前确认",
    "希望上门取送车，小区地库可停车",
    "公司车，发票开公司抬头",
    "介绍过两位朋友来店购车，重点维护",
    "对车内异响很在意，交车前请试车确认",
    "每年续保都在本店做",
    "续保在外面做的，到期前可以争取一下",
    "经常跑长途，里程涨得快，注意提醒保养",
    "晚上七点后才方便接电话",
    "对延保感兴趣，下次到店时介绍",
    "去年投诉过洗车不干净，已回访处理，接待时注意",
    "车主很少来店，一般是爱人送车",
    "脾气比较急，接待时讲清楚时间和费用",
    "老客户，在本店保养多年",
    "喜欢在店里等车，安排休息区",
    "希望预约早上第一个工位，九点前到店",
];

/// What sales consultants write about leads, by grade.
fn lead_notes(grade: LeadGrade) -> &'static [&'static str] {
    match grade {
        LeadGrade::A => &[
            "已交定金，等车到店，预计两周内提车",
            "定金已付，选的白色，等上牌",
            "已付定金，需协助办理旧车置换",
        ],
        LeadGrade::B => &["车型和价格已谈妥，本周内来店签合同", "已试驾，价格谈好了，等贷款审批，本周签约"],
        LeadGrade::C => &[
            "在迈腾和雅阁之间比较，预算二十万左右",
            "对比奥迪A4L和宝马3系，一个月内决定",
            "关注探岳，还在看途观L和CR-V",
            "想置换旧车，先要评估二手车价格",
        ],
        LeadGrade::D => &[
            "刚开始看车，预算还没定",
            "打算明年换车，先了解一下",
            "对电动车感兴趣，想了解ID.4续航和充电",
            "周末带家人来看过展车，还没决定",
        ],
    }
}

/// The generated dealership: today's date and the numbering plans that keep
/// phones, plates and VINs unique.
#[derive(Debug)]
pub(crate) struct Dealership {
    key: u64,
    today: NaiveDate,
    names: Names,
    phones: PhoneBook,
    fleet: Fleet,
    offices: Weighted<Office>,
}

impl Dealership {
    pub(crate) fn new(seed: u64, today: NaiveDate) -> Self {
        Self {
            key: mix(seed ^ 0x0063_7573_746F),
            today,
            names: Names::new(),
            phones: PhoneBook::new(seed),
            fleet: Fleet::new(seed, today),
            offices: Weighted::new(OFFICES, |o| o.weight),
        }
    }

    /// How many customers get unique phones, plates and VINs: each customer has
    /// two phone slots and two vehicle slots.
    pub(crate) fn capacity(&self) -> u64 {
        let phones = (self.phones.mobile_capacity() / 2).min(PhoneBook::landline_capacity());
        phones.min(self.fleet.capacity() / 2)
    }

    /// Customer `index`: a pure function of the seed, today and `index`.
    pub(crate) fn customer(&self, index: u64) -> NewCustomer {
        let mut rng = StdRng::seed_from_u64(mix(self.key ^ mix(index)));
        let roll = rng.random_range(0..100);
        let lead = roll < LEADS_PER_100;
        let cars = if lead {
            0
        } else if roll < LEADS_PER_100 + TWO_CARS_PER_100 {
            2
        } else {
            1
        };
        let vehicles: Vec<Generated> =
            (0..cars).map(|k| self.fleet.vehicle(&mut rng, 2 * index + k, k == 1)).collect();
        // Customers live where their (first) car is registered.
        let city = match vehicles.first() {
            Some(v) => v.plate.office.city,
            None => self.offices.pick(&mut rng).city,
        };

        let sex = if chance(&mut rng, if lead { 0.62 } else { 0.7 }) { Sex::Male } else { Sex::Female };
        let age = pick_age(&mut rng);
        let name = self.names.name(&mut rng, sex, self.today.year() - age as i32);
        let birthday = chance(&mut rng, BIRTHDAY_SHARE).then(|| self.birthday(&mut rng, age).to_string());

        let mut other_phones = Vec::new();
        if chance(&mut rng, SECOND_PHONE_SHARE) {
            other_phones.push(if chance(&mut rng, LANDLINE_SHARE) {
                self.phones.landline(index, city.area_code)
            } else {
                self.phones.mobile(2 * index + 1)
            });
        }
        let contact_time = chance(&mut rng, CONTACT_TIME_SHARE).then(|| pick(&mut rng, CONTACT_TIMES));
        let address =
            if chance(&mut rng, ADDRESS_SHARE) { regions::address(&mut rng, city) } else { String::new() };

        // Flagship and two-car households are the VIPs (about 8% overall).
        let premium = cars > 1 || vehicles.iter().any(|v| v.model.premium);
        let vip = !lead && chance(&mut rng, if premium { 0.22 } else { 0.06 });
        let lead_grade = lead.then(|| pick(&mut rng, LEAD_GRADES));
        let source = pick(&mut rng, if lead { LEAD_SOURCES } else { OWNER_SOURCES });
        let marketing_consent = chance(&mut rng, CONSENT_SHARE);
        let notes = match lead_grade {
            Some(grade) if chance(&mut rng, LEAD_NOTE_SHARE) => {
                one_of(&mut rng, lead_notes(grade)).to_string()
            }
            None if chance(&mut rng, OWNER_NOTE_SHARE) => one_of(&mut rng, OWNER_NOTES).to_string(),
            _ => String::new(),
        };

        NewCustomer {
            customer: CustomerInput {
                name,
                mobile: self.phones.mobile(2 * index),
                other_phones,
                contact_time,
                address,
                grade: if vip { CustomerGrade::Vip } else { CustomerGrade::Ordinary },
                lead_grade,
                source: Some(source),
                birthday,
                marketing_consent,
                notes,
                version: None,
            },
            vehicles: vehicles.into_iter().map(|v| v.input).collect(),
        }
    }

    /// A birthday that makes the customer `age` today.
    fn birthday(&self, rng: &mut impl Rng, age: u32) -> NaiveDate {
        let anniversary = self.today.checked_sub_months(Months::new(12 * age)).unwrap_or(NaiveDate::MIN);
        anniversary.checked_sub_days(Days::new(rng.random_range(0..365))).unwrap_or(anniversary)
    }
}

fn pick_age(rng: &mut impl Rng) -> u32 {
    let &(low, high, _) = weighted(rng, AGES, |&(_, _, share)| share);
    rng.random_range(low..=high)
}

/// A row of a `(value, weight)` table.
fn pick<T: Copy>(rng: &mut impl Rng, rows: &[(T, u32)]) -> T {
    weighted(rng, rows, |&(_, w)| w).0
}
