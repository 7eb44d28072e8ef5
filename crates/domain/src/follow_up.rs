//! The follow-up call (DOMAIN.md §3.7, §4): the questionnaire and its weights,
//! the rules of an attempt (outcomes, retries on the next day, closing as
//! unreachable), the survey's checks, the satisfaction index (CSI), the hot
//! alert that opens a complaint, and the CSI report.
//!
//! Architecture invariant: as everywhere in this crate, no clock. "Now" and
//! "today" are arguments, so retries across days and due windows are tested on
//! fixed dates. The store persists what [`attempt`] decided; it never decides
//! a call's status itself.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaint::Category;
use crate::error::{ErrorKind, Invalid, Issue, Issues};
use crate::staff::{Actor, Role};
use crate::visit::{self, Step, Transition, VisitState};
use crate::{ComplaintId, CustomerId, FollowUpId, StaffId, VehicleId, VisitId, kpi, validate};

// ---------------------------------------------------------------------------
// The questionnaire

/// Where a question sits on the call script and the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// 服务启动: overall preparation, the appointment time, time to be greeted.
    ServiceStart,
    /// 服务顾问: courtesy, honesty, expertise, …
    ServiceAdvisor,
    /// The seven weighted factors of the index.
    Factor,
    /// Overall satisfaction and "would recommend".
    Overall,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// 1 (very dissatisfied) to 5 (very satisfied).
    Score,
    /// 1 yes, 0 no: one key on the number row either way.
    YesNo,
}

/// One question, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// A stable key: answers and the sheet's boxes refer to it.
    pub key: String,
    pub section: Section,
    pub answer: AnswerKind,
    pub zh: String,
    pub en: String,
    /// For a factor: its weight in the index, in basis points (1600 = 16%).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_bp: Option<u32>,
    /// A reached call cannot be saved without it.
    pub required: bool,
    /// The complaint category a low score on it opens.
    pub category: Category,
}

/// A text of the call script in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScriptText {
    pub zh: String,
    pub en: String,
}

/// What the caller says around the questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Script {
    pub greeting: ScriptText,
    pub purpose: ScriptText,
    pub closing: ScriptText,
}

/// The call script and questions. A change is saved as a new version; a survey
/// keeps the version it was asked with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Set by the store when a version is saved.
    pub version: u32,
    pub script: Script,
    pub questions: Vec<Question>,
}

fn text(zh: &str, en: &str) -> ScriptText {
    ScriptText { zh: zh.into(), en: en.into() }
}

fn question(
    key: &str,
    section: Section,
    zh: &str,
    en: &str,
    weight_bp: Option<u32>,
    category: Category,
) -> Question {
    Question {
        key: key.into(),
        section,
        answer: AnswerKind::Score,
        zh: zh.into(),
        en: en.into(),
        weight_bp,
        // The index needs every factor; the items are asked, but a customer may not remember each.
        required: section == Section::Factor,
        category,
    }
}

impl Default for Questionnaire {
    /// The dealer's questionnaire (DOMAIN.md §4): the service-start and
    /// service-advisor items, the seven weighted factors with the seed's
    /// weights, overall satisfaction and "would recommend".
    fn default() -> Self {
        use Category as C;
        use Section::*;
        let mut questions = vec![
            question("preparation", ServiceStart, "整体准备工作", "Overall preparation", None, C::Tangibles),
            question(
                "appointment_time",
                ServiceStart,
                "预约时间安排合理",
                "Appointment time reasonably arranged",
                None,
                C::Responsiveness,
            ),
            question(
                "greeting_time",
                ServiceStart,
                "到店后接待及时",
                "Time to be greeted",
                None,
                C::Responsiveness,
            ),
            question("courtesy", ServiceAdvisor, "服务顾问礼貌", "Courtesy", None, C::Empathy),
            question("honesty", ServiceAdvisor, "服务顾问诚实", "Honesty", None, C::Assurance),
            question("expertise", ServiceAdvisor, "服务顾问专业", "Expertise", None, C::Assurance),
            question("promises", ServiceAdvisor, "信守承诺", "Keeping promises", None, C::Reliability),
            question("listening", ServiceAdvisor, "认真倾听", "Listening", None, C::Empathy),
            question("need", ServiceAdvisor, "理解您的需求", "Understanding the need", None, C::Empathy),
            question(
                "problem",
                ServiceAdvisor,
                "理解车辆问题",
                "Understanding the vehicle's problem",
                None,
                C::Assurance,
            ),
            question(
                "explanation",
                ServiceAdvisor,
                "解释将要进行的工作",
                "Explaining the work to be done",
                None,
                C::Assurance,
            ),
            question("friendliness", Factor, "客户友好度", "Customer friendliness", Some(1600), C::Empathy),
            question("initiative", Factor, "服务主动性", "Service initiative", Some(1000), C::Responsiveness),
            question("supervision", Factor, "服务监督", "Service supervision", Some(1100), C::Assurance),
            question(
                "process",
                Factor,
                "维修过程体验",
                "Repair process experience",
                Some(1200),
                C::Responsiveness,
            ),
            question("product", Factor, "产品问题", "Product problems", Some(2100), C::Product),
            question("quality", Factor, "服务质量", "Service quality", Some(1500), C::Reliability),
            question("pickup", Factor, "提车体验", "Vehicle pick-up", Some(1500), C::Tangibles),
            question("overall", Overall, "总体满意度", "Overall satisfaction", None, C::Other),
        ];
        questions.push(Question {
            key: "recommend".into(),
            section: Overall,
            answer: AnswerKind::YesNo,
            zh: "是否愿意向亲友推荐本店".into(),
            en: "Would recommend us".into(),
            weight_bp: None,
            required: true,
            category: C::Other,
        });
        if let Some(overall) = questions.iter_mut().find(|q| q.key == "overall") {
            overall.required = true;
        }
        Questionnaire {
            version: 1,
            script: Script {
                greeting: text(
                    "您好，请问是{customer}先生/女士吗？我是{dealership}客户关爱部的回访专员，耽误您两分钟可以吗？",
                    "Hello, am I speaking with {customer}? This is the customer care team of {dealership}. Do you have two minutes?",
                ),
                purpose: text(
                    "感谢您{date}到店保养/维修您的{vehicle}，我们想了解您对这次服务是否完全满意。请用1到5分评价，5分表示非常满意。",
                    "Thank you for bringing your {vehicle} in on {date}. We would like to know whether you are fully satisfied with the service. Please score from 1 to 5, 5 being very satisfied.",
                ),
                closing: text(
                    "非常感谢您的宝贵意见！祝您用车愉快，如有任何需要请随时联系我们。",
                    "Thank you very much for your time and your opinion. Have a good drive, and call us whenever you need us.",
                ),
            },
            questions,
        }
    }
}

/// A factor's weights must add up to exactly 100%.
pub const FULL_WEIGHT_BP: u32 = 10_000;

impl Questionnaire {
    pub fn validate(&self) -> Result<Questionnaire, Invalid> {
        let mut issues = Issues::default();
        let mut script = self.script.clone();
        for (name, part) in [
            ("greeting", &mut script.greeting),
            ("purpose", &mut script.purpose),
            ("closing", &mut script.closing),
        ] {
            if let Some(zh) = issues.take(validate::text(&format!("script.{name}.zh"), &part.zh, 500)) {
                part.zh = zh;
            }
            if let Some(en) = issues.take(validate::text(&format!("script.{name}.en"), &part.en, 500)) {
                part.en = en;
            }
        }
        if self.questions.is_empty() || self.questions.len() > 40 {
            issues.push(Issue::new(ErrorKind::OutOfRange, "questions", "between 1 and 40 questions"));
        }
        let mut keys = std::collections::HashSet::new();
        let mut weights = 0u32;
        let mut factors = 0usize;
        let mut questions = Vec::with_capacity(self.questions.len());
        for (i, q) in self.questions.iter().enumerate() {
            let at = |f: &str| format!("questions.{i}.{f}");
            let key = q.key.trim().to_owned();
            let key_ok = !key.is_empty()
                && key.len() <= 32
                && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !key_ok {
                issues.push(Issue::new(
                    ErrorKind::OutOfRange,
                    at("key"),
                    "a key is 1 to 32 lower-case letters, digits or underscores",
                ));
            } else if !keys.insert(key.clone()) {
                issues.push(Issue::new(
                    ErrorKind::Duplicate,
                    at("key"),
                    format!("the key {key} is used twice"),
                ));
            }
            let zh = issues.take(validate::text(&at("zh"), &q.zh, 80));
            let en = issues.take(validate::text(&at("en"), &q.en, 120));
            match (q.section, q.weight_bp) {
                (Section::Factor, Some(w))
                    if (1..=FULL_WEIGHT_BP).contains(&w) && q.answer == AnswerKind::Score =>
                {
                    weights += w;
                    factors += 1;
                }
                (Section::Factor, _) => issues.push(Issue::new(
                    ErrorKind::OutOfRange,
                    at("weightBp"),
                    "a factor is scored 1 to 5 and has a weight above 0%",
                )),
                (_, Some(_)) => issues.push(Issue::new(
                    ErrorKind::OutOfRange,
                    at("weightBp"),
                    "only the index's factors carry a weight",
                )),
                (_, None) => {}
            }
            questions.push(Question {
                key,
                zh: zh.unwrap_or_default(),
                en: en.unwrap_or_default(),
                // A factor is always required: the index needs it.
                required: q.required || q.section == Section::Factor,
                ..q.clone()
            });
        }
        if factors == 0 {
            issues.push(Issue::new(ErrorKind::Required, "questions", "the index needs at least one factor"));
        } else if weights != FULL_WEIGHT_BP {
            issues.push(Issue::new(
                ErrorKind::OutOfRange,
                "weights",
                format!("the factors' weights add up to {}.{:02}%, not 100%", weights / 100, weights % 100),
            ));
        }
        issues.finish()?;
        Ok(Questionnaire { version: self.version, script, questions })
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    pub fn factors(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.section == Section::Factor)
    }

    /// Same questions, script and weights: saving it again makes no new version.
    pub fn same_as(&self, other: &Questionnaire) -> bool {
        self.script == other.script && self.questions == other.questions
    }
}

/// How the call list works: settings a manager changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpSettings {
    /// Attempts without reaching the customer before the call closes as unreachable.
    pub max_attempts: u32,
    /// A score at or below this opens a complaint (the hot alert).
    pub alert_at_or_below: u8,
}

impl Default for FollowUpSettings {
    fn default() -> Self {
        FollowUpSettings { max_attempts: 3, alert_at_or_below: 2 }
    }
}

impl FollowUpSettings {
    pub fn validate(&self) -> Result<FollowUpSettings, Invalid> {
        let mut issues = Issues::default();
        issues.take(validate::in_range("maxAttempts", Some(self.max_attempts), 1..=10));
        issues.take(validate::in_range("alertAtOrBelow", Some(self.alert_at_or_below), 1..=4));
        issues.finish()?;
        Ok(self.clone())
    }
}

// ---------------------------------------------------------------------------
// Calls and attempts

/// Where a follow-up call is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallStatus {
    /// To be called (again).
    Open,
    /// Reached and surveyed: the visit is followed up.
    Completed,
    /// Not reached after the last attempt, or a wrong number.
    Unreachable,
    /// Reached, but the customer declined the survey.
    Refused,
}

/// What one attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Reached,
    NoAnswer,
    Busy,
    WrongNumber,
    Refused,
    /// Reached, but asked to be called at another time.
    CallBack,
}

impl Outcome {
    /// The order of the outcome keys on the keyboard and on the sheet (1–6).
    pub const ALL: [Outcome; 6] = [
        Outcome::Reached,
        Outcome::NoAnswer,
        Outcome::Busy,
        Outcome::WrongNumber,
        Outcome::Refused,
        Outcome::CallBack,
    ];

    /// The customer did not pick up (or not the customer).
    pub fn not_reached(self) -> bool {
        matches!(self, Outcome::NoAnswer | Outcome::Busy)
    }
}

/// Whether a call is due on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Its window has not opened yet (or the next attempt is on a later day).
    NotYet,
    Due,
    /// Its window has closed and it is still open.
    Overdue,
    /// Nothing more to do.
    Closed,
}

/// The call is another member's, and `actor` is not the service manager (who
/// may work any call): the rule for follow-up calls and care calls alike.
pub fn taken_by_another(caller: Option<StaffId>, actor: &Actor) -> bool {
    actor.role != Role::ServiceManager && caller.is_some_and(|k| k != actor.id)
}

/// Whether `actor` may work a call in `status` taken by `caller`: an open call
/// nobody has taken, their own, or any for the service manager.
pub fn may_work(status: CallStatus, caller: Option<StaffId>, actor: &Actor) -> bool {
    status == CallStatus::Open && !taken_by_another(caller, actor)
}

/// Where a call stands on `today`: due from its next attempt's day (the start of
/// its window before the first attempt), overdue once its window has closed.
pub fn due(status: CallStatus, next_on: NaiveDate, due_to: NaiveDate, today: NaiveDate) -> Due {
    if status != CallStatus::Open {
        Due::Closed
    } else if next_on > today {
        Due::NotYet
    } else if today > due_to {
        Due::Overdue
    } else {
        Due::Due
    }
}

/// One answer as typed: the question's key and the number (or nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerInput {
    pub key: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u8>,
}

/// The survey of a reached call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyInput {
    pub answers: Vec<AnswerInput>,
    /// What the customer said in their own words.
    pub comment: String,
    /// The caller marks the comment for the manager: it opens a complaint.
    pub flagged: bool,
}

/// One attempt as the caller records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttemptInput {
    pub outcome: Outcome,
    /// For a call-back: when the customer asked to be called (local time).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_back_at: Option<NaiveDateTime>,
    pub note: String,
    /// For `reached`: the answers.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveyInput>,
}

/// One checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub key: String,
    pub value: u8,
}

/// The customer's answers, checked against the questionnaire they were asked with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Survey {
    pub version: u32,
    pub answers: Vec<Answer>,
    pub comment: String,
    pub flagged: bool,
    /// The visit's index, in hundredths of a point (0–10000 is 0–100).
    pub csi: u32,
}

impl Survey {
    pub fn value(&self, key: &str) -> Option<u8> {
        self.answers.iter().find(|a| a.key == key).map(|a| a.value)
    }
}

/// What a call is, as the attempt rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFacts {
    pub status: CallStatus,
    /// Attempts so far that did not reach the customer.
    pub not_reached: u32,
    pub visit_state: VisitState,
}

/// What an attempt does, decided by [`attempt`] and persisted by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptPlan {
    pub outcome: Outcome,
    pub note: String,
    /// The call's status after the attempt.
    pub status: CallStatus,
    /// The day the next attempt is due, while the call stays open.
    pub next_on: Option<NaiveDate>,
    pub call_back_at: Option<NaiveDateTime>,
    pub not_reached: u32,
    pub survey: Option<Survey>,
    /// The hot alert the survey raises, if any.
    pub alert: Option<HotAlert>,
    /// Set when the survey completes the call: the visit is followed up.
    pub visit: Option<Transition>,
}

/// Where a call goes after an attempt's outcome — the same for follow-up and
/// proactive care calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub status: CallStatus,
    /// The day the next attempt is due, while the call stays open.
    pub next_on: Option<NaiveDate>,
    pub call_back_at: Option<NaiveDateTime>,
    /// Attempts so far that did not reach the customer.
    pub not_reached: u32,
}

/// The retry rule: reached → completed; no answer or busy → the next day, until
/// `max_attempts` closes the call as unreachable; a wrong number → unreachable at
/// once; refused → refused; a call-back → due at the customer's time (later than
/// now), not counted as not reached. The call must be open.
pub fn schedule(
    status: CallStatus,
    outcome: Outcome,
    call_back_at: Option<NaiveDateTime>,
    not_reached: u32,
    max_attempts: u32,
    now: NaiveDateTime,
) -> Result<Schedule, Invalid> {
    let mut issues = Issues::default();
    if status != CallStatus::Open {
        issues.push(Issue::new(
            ErrorKind::InvalidState,
            "status",
            format!("the call is already {status:?}").to_lowercase(),
        ));
    }
    if outcome != Outcome::CallBack && call_back_at.is_some() {
        issues.push(Issue::new(
            ErrorKind::InvalidState,
            "callBackAt",
            "a call-back time goes with a call-back",
        ));
    }
    let mut next = Schedule { status: CallStatus::Open, next_on: None, call_back_at: None, not_reached };
    match outcome {
        Outcome::Reached => next.status = CallStatus::Completed,
        Outcome::NoAnswer | Outcome::Busy => {
            next.not_reached += 1;
            if next.not_reached >= max_attempts {
                next.status = CallStatus::Unreachable;
            } else {
                next.next_on = Some(now.date() + Days::new(1));
            }
        }
        Outcome::WrongNumber => {
            next.not_reached += 1;
            next.status = CallStatus::Unreachable;
        }
        Outcome::Refused => next.status = CallStatus::Refused,
        Outcome::CallBack => match call_back_at {
            None => issues.push(Issue::new(ErrorKind::Required, "callBackAt", "when should we call back?")),
            Some(at) if at <= now => issues.push(Issue::new(
                ErrorKind::InThePast,
                "callBackAt",
                "the call-back time must be later than now",
            )),
            Some(at) => {
                next.call_back_at = Some(at);
                next.next_on = Some(at.date());
            }
        },
    }
    issues.finish()?;
    Ok(next)
}

/// The rule of one attempt at `now` (local). Not reached → the next attempt is
/// due the next day, until `max_attempts` closes the call as unreachable; a
/// wrong number closes it at once; reached → the survey is checked and the
/// visit is followed up; a call-back is due at the time the customer gave.
pub fn attempt(
    call: &CallFacts,
    input: &AttemptInput,
    questionnaire: &Questionnaire,
    settings: &FollowUpSettings,
    now: NaiveDateTime,
) -> Result<AttemptPlan, Invalid> {
    let mut issues = Issues::default();
    let next = schedule(
        call.status,
        input.outcome,
        input.call_back_at,
        call.not_reached,
        settings.max_attempts,
        now,
    );
    let next = next.map_err(|invalid| invalid.0.into_iter().for_each(|issue| issues.push(issue))).ok();
    let note = issues.take(validate::optional_text("note", &input.note, 500)).unwrap_or_default();
    let mut plan = AttemptPlan {
        outcome: input.outcome,
        note,
        status: next.map_or(call.status, |n| n.status),
        next_on: next.and_then(|n| n.next_on),
        call_back_at: next.and_then(|n| n.call_back_at),
        not_reached: next.map_or(call.not_reached, |n| n.not_reached),
        survey: None,
        alert: None,
        visit: None,
    };
    if input.outcome != Outcome::Reached && input.survey.is_some() {
        issues.push(Issue::new(
            ErrorKind::InvalidState,
            "outcome",
            "answers are recorded only when the customer was reached",
        ));
    }
    if input.outcome == Outcome::Reached {
        match visit::transition(call.visit_state, Step::FollowUp) {
            Ok(step) => plan.visit = Some(step),
            Err(_) => issues.push(Issue::new(
                ErrorKind::InvalidState,
                "visitId",
                "a survey is recorded only for a visit that has been handed over",
            )),
        }
        match &input.survey {
            None => issues.push(Issue::new(
                ErrorKind::Required,
                "survey",
                "the customer was reached: record their answers",
            )),
            Some(survey) => match check_survey(survey, questionnaire) {
                Ok(survey) => {
                    plan.alert = hot_alert(&survey, questionnaire, settings.alert_at_or_below);
                    plan.survey = Some(survey);
                }
                Err(invalid) => invalid.0.into_iter().for_each(|issue| issues.push(issue)),
            },
        }
    }
    issues.finish()?;
    Ok(plan)
}

/// Checks each answer against its question: scores 1–5, yes/no 1 or 0, required ones given.
pub fn check_survey(input: &SurveyInput, questionnaire: &Questionnaire) -> Result<Survey, Invalid> {
    let mut issues = Issues::default();
    let mut given: BTreeMap<&str, Option<u8>> = BTreeMap::new();
    for answer in &input.answers {
        let field = format!("answers.{}", answer.key);
        if questionnaire.question(&answer.key).is_none() {
            issues.push(Issue::new(ErrorKind::NotFound, field, format!("no question {}", answer.key)));
        } else if given.insert(answer.key.as_str(), answer.value).is_some() {
            issues.push(Issue::new(ErrorKind::Duplicate, field, "answered twice"));
        }
    }
    let mut answers = Vec::new();
    for q in &questionnaire.questions {
        let field = format!("answers.{}", q.key);
        match (given.get(q.key.as_str()).copied().flatten(), q.answer) {
            (None, _) if q.required => {
                issues.push(Issue::new(ErrorKind::Required, field, format!("{} needs an answer", q.en)));
            }
            (None, _) => {}
            (Some(v), AnswerKind::Score) if !(1..=5).contains(&v) => {
                issues.push(Issue::new(ErrorKind::OutOfRange, field, format!("{} is scored 1 to 5", q.en)));
            }
            (Some(v), AnswerKind::YesNo) if v > 1 => {
                issues.push(Issue::new(
                    ErrorKind::OutOfRange,
                    field,
                    format!("{} is 1 (yes) or 0 (no)", q.en),
                ));
            }
            (Some(v), _) => answers.push(Answer { key: q.key.clone(), value: v }),
        }
    }
    let comment = issues.take(validate::optional_text("comment", &input.comment, 1000)).unwrap_or_default();
    if input.flagged && comment.is_empty() {
        issues.push(Issue::new(ErrorKind::Required, "comment", "a flagged comment needs the comment"));
    }
    issues.finish()?;
    let mut survey =
        Survey { version: questionnaire.version, answers, comment, flagged: input.flagged, csi: 0 };
    survey.csi = csi(&survey, questionnaire);
    Ok(survey)
}

/// The visit's satisfaction index: Σ weight × score over the factors, scaled so
/// that all 1s are 0 and all 5s are 100. In hundredths of a point, rounded half up.
pub fn csi(survey: &Survey, questionnaire: &Questionnaire) -> u32 {
    let sum: u32 = questionnaire
        .factors()
        .map(|q| q.weight_bp.unwrap_or(0) * u32::from(survey.value(&q.key).unwrap_or(1).saturating_sub(1)))
        .sum();
    // Σ bp × (s − 1) runs from 0 to 40 000; a quarter of it is hundredths of a point.
    (sum + 2) / 4
}

/// Why a survey opens a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HotAlert {
    /// The low scores, in the questionnaire's order.
    pub low: Vec<Answer>,
    pub flagged: bool,
    /// The category of the complaint: the lowest score's question's (the first
    /// of equals), or "other" for a flagged comment alone.
    pub category: Category,
}

/// The hot alert: any score at or below `threshold`, or a flagged comment.
pub fn hot_alert(survey: &Survey, questionnaire: &Questionnaire, threshold: u8) -> Option<HotAlert> {
    let low: Vec<(&Question, Answer)> = questionnaire
        .questions
        .iter()
        .filter(|q| q.answer == AnswerKind::Score)
        .filter_map(|q| {
            survey
                .value(&q.key)
                .filter(|v| *v <= threshold)
                .map(|v| (q, Answer { key: q.key.clone(), value: v }))
        })
        .collect();
    if low.is_empty() && !survey.flagged {
        return None;
    }
    let category = low.iter().min_by_key(|(_, a)| a.value).map_or(Category::Other, |(q, _)| q.category);
    Some(HotAlert { low: low.into_iter().map(|(_, a)| a).collect(), flagged: survey.flagged, category })
}

/// The complaint's description for a hot alert, in the caller's words and the scores.
pub fn alert_description(alert: &HotAlert, survey: &Survey, questionnaire: &Questionnaire) -> String {
    let mut parts: Vec<String> = alert
        .low
        .iter()
        .map(|a| {
            let name = questionnaire.question(&a.key).map_or(a.key.as_str(), |q| q.zh.as_str());
            format!("{name} {} 分", a.value)
        })
        .collect();
    if !survey.comment.is_empty() {
        parts.push(format!("客户意见：{}", survey.comment));
    }
    format!("回访低分预警：{}", parts.join("；"))
}

// ---------------------------------------------------------------------------
// What the screens show

/// A follow-up call as a row of the call list and the printed sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpCall {
    pub id: FollowUpId,
    /// The row number on the day's list: the same on screen and on paper.
    pub row: u32,
    pub visit_id: VisitId,
    pub visit_number: String,
    pub visit_state: VisitState,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub mobile: String,
    pub vehicle_id: VehicleId,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    pub vehicle_label: String,
    /// The work done, as the order's lines say it.
    pub work_done: String,
    pub advisor_id: StaffId,
    pub advisor_name: String,
    pub handed_over_on: NaiveDate,
    pub due_from: NaiveDate,
    pub due_to: NaiveDate,
    pub status: CallStatus,
    pub due: Due,
    /// The day of the next attempt, while open.
    pub next_on: NaiveDate,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_back_at: Option<NaiveDateTime>,
    pub attempts: u32,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_outcome: Option<Outcome>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_id: Option<StaffId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_name: Option<String>,
    /// The visit's index once surveyed, in hundredths.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csi: Option<u32>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_id: Option<ComplaintId>,
    /// Whether the member reading the list may work this call (`may_work`).
    #[serde(default)]
    pub may_work: bool,
}

/// One recorded attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub outcome: Outcome,
    pub at: DateTime<Utc>,
    pub by: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_back_at: Option<NaiveDateTime>,
    pub note: String,
}

/// A call with its attempts and survey: what the call page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallDetail {
    pub call: FollowUpCall,
    pub attempts: Vec<Attempt>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<Survey>,
    /// The questionnaire to ask (open) or that was asked (surveyed).
    pub questionnaire: Questionnaire,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_number: Option<String>,
}

/// Which calls the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallFilter {
    /// The day: calls due by then and open, and those worked on that day.
    pub date: NaiveDate,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisor_id: Option<StaffId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_id: Option<StaffId>,
    /// Calls nobody has taken yet.
    #[serde(default)]
    #[ts(optional, as = "Option<bool>")]
    pub untaken: bool,
}

// ---------------------------------------------------------------------------
// The CSI report

/// One surveyed visit, as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyFact {
    pub advisor_id: StaffId,
    pub advisor_name: String,
    pub surveyed_on: NaiveDate,
    pub survey: Survey,
    pub alert: bool,
}

/// One call, as the report's rates need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFact {
    pub status: CallStatus,
    pub due_to: NaiveDate,
    /// The local day it closed.
    pub closed_on: Option<NaiveDate>,
}

/// The index over a group of visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsiGroup {
    /// The advisor's id, or the month as `YYYY-MM`.
    pub key: String,
    pub label: String,
    pub surveys: u32,
    /// The mean of the visits' indexes, in hundredths.
    pub csi: u32,
}

/// One advisor's index in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdvisorMonth {
    pub advisor_id: StaffId,
    pub advisor_name: String,
    pub month: String,
    pub surveys: u32,
    pub csi: u32,
}

/// A band of the distribution: visits with an index from `from` to below `to` (hundredths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    pub from: u32,
    pub to: u32,
    pub visits: u32,
}

/// A factor's mean score, in hundredths (100–500).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactorMean {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub weight_bp: u32,
    pub mean: u32,
    pub answers: u32,
}

/// The satisfaction report over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsiReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub surveys: u32,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csi: Option<u32>,
    pub by_advisor: Vec<CsiGroup>,
    /// The trend: one group a month, oldest first.
    pub by_month: Vec<CsiGroup>,
    pub by_advisor_month: Vec<AdvisorMonth>,
    pub distribution: Vec<Band>,
    /// The current questionnaire's factors.
    pub factors: Vec<FactorMean>,
    pub hot_alerts: u32,
    /// Calls whose window has closed, or that were closed: the base of the in-window share.
    pub calls_due: u32,
    /// …of which completed within the window.
    pub completed_in_window: u32,
    /// Calls closed, the base of the reach rate…
    pub calls_closed: u32,
    /// …of which reached the customer (surveyed or refused).
    pub reached: u32,
    /// `kpi::calls_in_window` of the counts above; `None` when no call was due.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_window: Option<kpi::Ratio>,
    /// `kpi::reach_rate` of the counts above; `None` when no call was closed.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<kpi::Ratio>,
    /// The period's hot alerts with the complaint each opened, newest first.
    pub alerts: Vec<AlertRow>,
}

/// A hot alert as the manager's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AlertRow {
    pub call_id: FollowUpId,
    pub visit_id: VisitId,
    pub visit_number: String,
    pub customer_name: String,
    pub advisor_name: String,
    pub surveyed_on: NaiveDate,
    pub csi: u32,
    pub complaint_id: ComplaintId,
    pub complaint_number: String,
    pub complaint_state: crate::complaint::ComplaintState,
}

/// A group's index: `kpi::csi_of_sum`, the dashboard's. Every group holds a survey.
fn group_csi(sum: u64, n: u64) -> u32 {
    kpi::csi_of_sum(sum, n).unwrap_or(0)
}

fn month_key(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The report over the surveys and calls given (the store selects the period).
pub fn report(
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    surveys: &[SurveyFact],
    calls: &[CallFact],
    questionnaire: &Questionnaire,
) -> CsiReport {
    let mut by_advisor: BTreeMap<StaffId, (String, u64, u64)> = BTreeMap::new();
    let mut by_month: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut by_advisor_month: BTreeMap<(String, StaffId), (String, u64, u64)> = BTreeMap::new();
    let mut bands: Vec<Band> = [(0, 6000), (6000, 7000), (7000, 8000), (8000, 9000), (9000, 10_001)]
        .into_iter()
        .map(|(from, to)| Band { from, to, visits: 0 })
        .collect();
    let mut total = 0u64;
    for fact in surveys {
        let csi = u64::from(fact.survey.csi);
        total += csi;
        let a = by_advisor.entry(fact.advisor_id).or_insert_with(|| (fact.advisor_name.clone(), 0, 0));
        a.1 += 1;
        a.2 += csi;
        let m = by_month.entry(month_key(fact.surveyed_on)).or_default();
        m.0 += 1;
        m.1 += csi;
        let am = by_advisor_month
            .entry((month_key(fact.surveyed_on), fact.advisor_id))
            .or_insert_with(|| (fact.advisor_name.clone(), 0, 0));
        am.1 += 1;
        am.2 += csi;
        if let Some(band) = bands.iter_mut().find(|b| (b.from..b.to).contains(&fact.survey.csi)) {
            band.visits += 1;
        }
    }
    let n = surveys.len() as u64;
    let factors = questionnaire
        .factors()
        .map(|q| {
            let values: Vec<u64> =
                surveys.iter().filter_map(|s| s.survey.value(&q.key)).map(u64::from).collect();
            FactorMean {
                key: q.key.clone(),
                zh: q.zh.clone(),
                en: q.en.clone(),
                weight_bp: q.weight_bp.unwrap_or(0),
                mean: kpi::factor_mean(values.iter().sum(), values.len() as u64).unwrap_or(0),
                answers: values.len() as u32,
            }
        })
        .collect();
    let mut calls_due = 0;
    let mut completed_in_window = 0;
    let mut calls_closed = 0;
    let mut reached = 0;
    for call in calls {
        let closed = call.status != CallStatus::Open;
        if closed || call.due_to < today {
            calls_due += 1;
        }
        if call.status == CallStatus::Completed && call.closed_on.is_some_and(|d| d <= call.due_to) {
            completed_in_window += 1;
        }
        if closed {
            calls_closed += 1;
            if matches!(call.status, CallStatus::Completed | CallStatus::Refused) {
                reached += 1;
            }
        }
    }
    let mut by_advisor: Vec<CsiGroup> = by_advisor
        .into_iter()
        .map(|(id, (label, n, sum))| CsiGroup {
            key: id.0.to_string(),
            label,
            surveys: n as u32,
            csi: group_csi(sum, n),
        })
        .collect();
    by_advisor.sort_by(|a, b| b.csi.cmp(&a.csi).then_with(|| a.label.cmp(&b.label)));
    CsiReport {
        from,
        to,
        surveys: n as u32,
        csi: kpi::csi_of_sum(total, n),
        by_advisor,
        by_month: by_month
            .into_iter()
            .map(|(month, (n, sum))| CsiGroup {
                label: month.clone(),
                key: month,
                surveys: n as u32,
                csi: group_csi(sum, n),
            })
            .collect(),
        by_advisor_month: by_advisor_month
            .into_iter()
            .map(|((month, advisor_id), (advisor_name, n, sum))| AdvisorMonth {
                advisor_id,
                advisor_name,
                month,
                surveys: n as u32,
                csi: group_csi(sum, n),
            })
            .collect(),
        distribution: bands,
        factors,
        hot_alerts: surveys.iter().filter(|s| s.alert).count() as u32,
        calls_due,
        completed_in_window,
        calls_closed,
        reached,
        in_window: kpi::calls_in_window(completed_in_window, calls_due),
        reach: kpi::reach_rate(reached, calls_closed),
        alerts: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
