use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    day(d).and_hms_opt(h, m, 0).unwrap()
}

fn q() -> Questionnaire {
    Questionnaire::default()
}

/// Every factor at `score`, the others as given.
fn answers(score: u8, others: &[(&str, u8)]) -> SurveyInput {
    let mut answers: Vec<AnswerInput> = q()
        .questions
        .iter()
        .filter(|x| x.required)
        .map(|x| AnswerInput {
            key: x.key.clone(),
            value: Some(if x.answer == AnswerKind::YesNo { 1 } else { score }),
        })
        .collect();
    for (key, value) in others {
        match answers.iter_mut().find(|a| a.key == *key) {
            Some(a) => a.value = Some(*value),
            None => answers.push(AnswerInput { key: (*key).into(), value: Some(*value) }),
        }
    }
    SurveyInput { answers, comment: String::new(), flagged: false }
}

fn open_call() -> CallFacts {
    CallFacts { status: CallStatus::Open, not_reached: 0, visit_state: VisitState::HandedOver }
}

fn try_(outcome: Outcome) -> AttemptInput {
    AttemptInput { outcome, call_back_at: None, note: String::new(), survey: None }
}

fn fields(invalid: &Invalid) -> Vec<(ErrorKind, String)> {
    invalid.0.iter().map(|i| (i.kind, i.field.clone().unwrap_or_default())).collect()
}

// --- the questionnaire ------------------------------------------------------

#[test]
fn the_default_questionnaire_has_the_seeds_weights_adding_to_100_percent() {
    let q = q().validate().unwrap();
    let weights: Vec<(&str, u32)> = q.factors().map(|f| (f.key.as_str(), f.weight_bp.unwrap())).collect();
    assert_eq!(
        weights,
        [
            ("friendliness", 1600),
            ("initiative", 1000),
            ("supervision", 1100),
            ("process", 1200),
            ("product", 2100),
            ("quality", 1500),
            ("pickup", 1500)
        ]
    );
    assert_eq!(q.questions.iter().filter(|x| x.section == Section::ServiceStart).count(), 3);
    assert_eq!(q.questions.iter().filter(|x| x.section == Section::ServiceAdvisor).count(), 8);
    assert!(q.question("overall").unwrap().required);
    assert_eq!(q.question("recommend").unwrap().answer, AnswerKind::YesNo);
}

#[test]
fn weights_that_do_not_add_up_are_refused() {
    let mut q = q();
    q.questions.iter_mut().find(|x| x.key == "product").unwrap().weight_bp = Some(2000);
    let invalid = q.validate().unwrap_err();
    assert_eq!(fields(&invalid), [(ErrorKind::OutOfRange, "weights".into())]);
    assert!(invalid.0[0].message.contains("99.00%"), "{}", invalid.0[0].message);
}

#[test]
fn a_weight_on_an_item_a_duplicate_key_and_an_empty_text_are_refused() {
    let mut q = q();
    q.questions[0].weight_bp = Some(100);
    q.questions[1].key = "preparation".into();
    q.questions[2].zh = " ".into();
    q.script.closing.en = String::new();
    let got = fields(&q.validate().unwrap_err());
    assert!(got.contains(&(ErrorKind::OutOfRange, "questions.0.weightBp".into())), "{got:?}");
    assert!(got.contains(&(ErrorKind::Duplicate, "questions.1.key".into())), "{got:?}");
    assert!(got.contains(&(ErrorKind::Required, "questions.2.zh".into())), "{got:?}");
    assert!(got.contains(&(ErrorKind::Required, "script.closing.en".into())), "{got:?}");
}

#[test]
fn a_factor_is_always_required() {
    let mut q = q();
    q.questions.iter_mut().find(|x| x.key == "pickup").unwrap().required = false;
    assert!(q.validate().unwrap().question("pickup").unwrap().required);
}

// --- the index ---------------------------------------------------------------

fn csi_of(score: u8, others: &[(&str, u8)]) -> u32 {
    check_survey(&answers(score, others), &q()).unwrap().csi
}

#[test]
fn csi_is_100_for_all_fives_and_0_for_all_ones() {
    assert_eq!(csi_of(5, &[]), 10_000);
    assert_eq!(csi_of(1, &[]), 0);
    assert_eq!(csi_of(3, &[]), 5_000);
}

#[test]
fn csi_weighs_each_factor_with_the_seeds_weight() {
    // Friendliness (16%) at 2, the rest at 5: 100 − 16% × 3/4 × 100 = 88.
    assert_eq!(csi_of(5, &[("friendliness", 2)]), 8_800);
    // Product problems (21%) at 1: 100 − 21 = 79.
    assert_eq!(csi_of(5, &[("product", 1)]), 7_900);
    // Service initiative (10%) at 4: 100 − 10 × 1/4 = 97.5.
    assert_eq!(csi_of(5, &[("initiative", 4)]), 9_750);
    // A hand-worked mix: Σ w(s−1) = 16·3 + 10·2 + 11·4 + 12·3 + 21·2 + 15·4 + 15·3 = 295 (percent points),
    // over 4 = 73.75.
    let mix = [
        ("friendliness", 4),
        ("initiative", 3),
        ("supervision", 5),
        ("process", 4),
        ("product", 3),
        ("quality", 5),
        ("pickup", 4),
    ];
    assert_eq!(csi_of(5, &mix), 7_375);
}

#[test]
fn the_items_and_overall_do_not_move_the_index() {
    assert_eq!(csi_of(5, &[("courtesy", 1), ("overall", 1), ("recommend", 0)]), 10_000);
}

#[test]
fn csi_rounds_half_up_to_hundredths() {
    // A 1-basis-point weight at 2: 1/4 of a hundredth, rounds to 0; at 3: 2/4 rounds to 1.
    let mut q = q();
    for f in q.questions.iter_mut() {
        match f.key.as_str() {
            "friendliness" => f.weight_bp = Some(1),
            "initiative" => f.weight_bp = Some(1000 + 1599),
            _ => {}
        }
    }
    let q = q.validate().unwrap();
    let mut input = answers(1, &[("friendliness", 3)]);
    input.answers.retain(|a| a.key != "initiative");
    input.answers.push(AnswerInput { key: "initiative".into(), value: Some(1) });
    assert_eq!(check_survey(&input, &q).unwrap().csi, 1);
}

// --- the survey's checks -----------------------------------------------------

#[test]
fn a_score_outside_1_to_5_is_refused_with_its_field() {
    let input = answers(5, &[("friendliness", 6), ("courtesy", 0), ("recommend", 2)]);
    assert_eq!(
        fields(&check_survey(&input, &q()).unwrap_err()),
        [
            (ErrorKind::OutOfRange, "answers.courtesy".into()),
            (ErrorKind::OutOfRange, "answers.friendliness".into()),
            (ErrorKind::OutOfRange, "answers.recommend".into()),
        ]
    );
}

#[test]
fn a_missing_factor_an_unknown_key_and_a_flag_without_comment_are_refused() {
    let mut input = answers(5, &[("colour", 3)]);
    input.answers.retain(|a| a.key != "pickup");
    input.flagged = true;
    let got = fields(&check_survey(&input, &q()).unwrap_err());
    assert_eq!(
        got,
        [
            (ErrorKind::NotFound, "answers.colour".into()),
            (ErrorKind::Required, "answers.pickup".into()),
            (ErrorKind::Required, "comment".into()),
        ]
    );
}

#[test]
fn the_survey_keeps_the_questionnaires_version() {
    let mut q = q();
    q.version = 4;
    assert_eq!(check_survey(&answers(4, &[]), &q).unwrap().version, 4);
}

// --- the hot alert -----------------------------------------------------------

#[test]
fn a_score_at_or_below_the_threshold_raises_the_alert() {
    let q = q();
    let survey = check_survey(&answers(5, &[("friendliness", 2)]), &q).unwrap();
    let alert = hot_alert(&survey, &q, 2).unwrap();
    assert_eq!(alert.low, [Answer { key: "friendliness".into(), value: 2 }]);
    assert_eq!(alert.category, Category::Empathy);
    assert!(!alert.flagged);
    // 3 is not at or below 2…
    let survey = check_survey(&answers(5, &[("friendliness", 3)]), &q).unwrap();
    assert_eq!(hot_alert(&survey, &q, 2), None);
    // …but is at or below a threshold of 3.
    assert!(hot_alert(&survey, &q, 3).is_some());
}

#[test]
fn the_alert_takes_the_lowest_scores_category_and_lists_every_low_score() {
    let q = q();
    let survey = check_survey(&answers(5, &[("courtesy", 2), ("product", 1), ("overall", 2)]), &q).unwrap();
    let alert = hot_alert(&survey, &q, 2).unwrap();
    let keys: Vec<&str> = alert.low.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["courtesy", "product", "overall"]);
    assert_eq!(alert.category, Category::Product);
    let text = alert_description(&alert, &survey, &q);
    assert!(text.contains("产品问题 1 分"), "{text}");
}

#[test]
fn a_flagged_comment_alone_raises_the_alert_and_a_no_to_recommend_does_not() {
    let q = q();
    let mut input = answers(5, &[("recommend", 0)]);
    assert_eq!(hot_alert(&check_survey(&input, &q).unwrap(), &q, 2), None);
    input.comment = "洗车不干净".into();
    input.flagged = true;
    let survey = check_survey(&input, &q).unwrap();
    let alert = hot_alert(&survey, &q, 2).unwrap();
    assert!(alert.flagged && alert.low.is_empty());
    assert_eq!(alert.category, Category::Other);
    assert!(alert_description(&alert, &survey, &q).contains("洗车不干净"));
}

// --- attempts and retries across days -----------------------------------------

#[test]
fn not_reached_is_retried_the_next_day_until_the_third_attempt_closes_the_call() {
    let settings = FollowUpSettings::default();
    let mut call = open_call();
    // Monday 23rd: no answer → Tuesday.
    let plan = attempt(&call, &try_(Outcome::NoAnswer), &q(), &settings, at(23, 10, 0)).unwrap();
    assert_eq!((plan.status, plan.next_on, plan.not_reached), (CallStatus::Open, Some(day(24)), 1));
    call.not_reached = plan.not_reached;
    // Tuesday: busy → Wednesday.
    let plan = attempt(&call, &try_(Outcome::Busy), &q(), &settings, at(24, 16, 30)).unwrap();
    assert_eq!((plan.status, plan.next_on, plan.not_reached), (CallStatus::Open, Some(day(25)), 2));
    call.not_reached = plan.not_reached;
    // Wednesday: no answer, the third → unreachable, nothing more due.
    let plan = attempt(&call, &try_(Outcome::NoAnswer), &q(), &settings, at(25, 9, 0)).unwrap();
    assert_eq!((plan.status, plan.next_on, plan.not_reached), (CallStatus::Unreachable, None, 3));
    assert_eq!(plan.visit, None);
}

#[test]
fn a_late_attempt_at_the_end_of_a_month_is_retried_on_the_first() {
    let settings = FollowUpSettings { max_attempts: 5, ..FollowUpSettings::default() };
    let end = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap().and_hms_opt(17, 55, 0).unwrap();
    let plan = attempt(&open_call(), &try_(Outcome::NoAnswer), &q(), &settings, end).unwrap();
    assert_eq!(plan.next_on, NaiveDate::from_ymd_opt(2026, 12, 1));
}

#[test]
fn the_number_of_attempts_is_a_setting() {
    let settings = FollowUpSettings { max_attempts: 1, ..FollowUpSettings::default() };
    let plan = attempt(&open_call(), &try_(Outcome::Busy), &q(), &settings, at(23, 10, 0)).unwrap();
    assert_eq!(plan.status, CallStatus::Unreachable);
}

#[test]
fn a_wrong_number_closes_at_once_and_a_refusal_closes_as_refused() {
    let settings = FollowUpSettings::default();
    let plan = attempt(&open_call(), &try_(Outcome::WrongNumber), &q(), &settings, at(23, 10, 0)).unwrap();
    assert_eq!(plan.status, CallStatus::Unreachable);
    let plan = attempt(&open_call(), &try_(Outcome::Refused), &q(), &settings, at(23, 10, 0)).unwrap();
    assert_eq!((plan.status, plan.visit), (CallStatus::Refused, None));
}

#[test]
fn a_call_back_is_due_at_the_customers_time_and_does_not_count_as_not_reached() {
    let settings = FollowUpSettings::default();
    let mut input = try_(Outcome::CallBack);
    input.call_back_at = Some(at(24, 19, 30));
    let plan = attempt(&open_call(), &input, &q(), &settings, at(23, 10, 0)).unwrap();
    assert_eq!(
        (plan.status, plan.next_on, plan.call_back_at, plan.not_reached),
        (CallStatus::Open, Some(day(24)), Some(at(24, 19, 30)), 0)
    );
}

#[test]
fn a_call_back_time_in_the_past_or_missing_is_refused() {
    let settings = FollowUpSettings::default();
    let mut input = try_(Outcome::CallBack);
    let got = fields(&attempt(&open_call(), &input, &q(), &settings, at(23, 10, 0)).unwrap_err());
    assert_eq!(got, [(ErrorKind::Required, "callBackAt".into())]);
    input.call_back_at = Some(at(23, 9, 59));
    let got = fields(&attempt(&open_call(), &input, &q(), &settings, at(23, 10, 0)).unwrap_err());
    assert_eq!(got, [(ErrorKind::InThePast, "callBackAt".into())]);
}

#[test]
fn reached_completes_the_call_and_follows_the_visit_up() {
    let mut input = try_(Outcome::Reached);
    input.survey = Some(answers(5, &[("friendliness", 2)]));
    let plan = attempt(&open_call(), &input, &q(), &FollowUpSettings::default(), at(24, 11, 0)).unwrap();
    assert_eq!(plan.status, CallStatus::Completed);
    assert_eq!(plan.survey.as_ref().unwrap().csi, 8_800);
    assert_eq!(plan.visit.unwrap().to(), VisitState::FollowedUp);
    assert_eq!(plan.alert.unwrap().category, Category::Empathy);
}

#[test]
fn reached_without_answers_is_refused() {
    let got = fields(
        &attempt(&open_call(), &try_(Outcome::Reached), &q(), &FollowUpSettings::default(), at(24, 11, 0))
            .unwrap_err(),
    );
    assert_eq!(got, [(ErrorKind::Required, "survey".into())]);
}

#[test]
fn a_bad_score_in_an_attempt_names_the_answer() {
    let mut input = try_(Outcome::Reached);
    input.survey = Some(answers(5, &[("quality", 9)]));
    let got = fields(
        &attempt(&open_call(), &input, &q(), &FollowUpSettings::default(), at(24, 11, 0)).unwrap_err(),
    );
    assert_eq!(got, [(ErrorKind::OutOfRange, "answers.quality".into())]);
}

#[test]
fn a_survey_on_a_visit_not_handed_over_is_refused() {
    let mut input = try_(Outcome::Reached);
    input.survey = Some(answers(5, &[]));
    for state in [VisitState::Ready, VisitState::InRepair, VisitState::FollowedUp] {
        let call = CallFacts { visit_state: state, ..open_call() };
        let got =
            fields(&attempt(&call, &input, &q(), &FollowUpSettings::default(), at(24, 11, 0)).unwrap_err());
        assert_eq!(got, [(ErrorKind::InvalidState, "visitId".into())], "{state:?}");
    }
}

#[test]
fn answers_on_a_call_not_reached_and_any_attempt_on_a_closed_call_are_refused() {
    let mut input = try_(Outcome::NoAnswer);
    input.survey = Some(answers(5, &[]));
    let got = fields(
        &attempt(&open_call(), &input, &q(), &FollowUpSettings::default(), at(24, 11, 0)).unwrap_err(),
    );
    assert_eq!(got, [(ErrorKind::InvalidState, "outcome".into())]);
    for status in [CallStatus::Completed, CallStatus::Unreachable, CallStatus::Refused] {
        let call = CallFacts { status, ..open_call() };
        let got = fields(
            &attempt(&call, &try_(Outcome::Busy), &q(), &FollowUpSettings::default(), at(24, 11, 0))
                .unwrap_err(),
        );
        assert_eq!(got, [(ErrorKind::InvalidState, "status".into())], "{status:?}");
    }
}

// --- due windows -----------------------------------------------------------------

#[test]
fn a_call_is_due_from_its_window_and_overdue_after_it() {
    // Handed over on the 23rd: due from the 24th to the 26th.
    let (from, to) = (day(24), day(26));
    assert_eq!(due(CallStatus::Open, from, to, day(23)), Due::NotYet);
    assert_eq!(due(CallStatus::Open, from, to, day(24)), Due::Due);
    assert_eq!(due(CallStatus::Open, from, to, day(26)), Due::Due);
    assert_eq!(due(CallStatus::Open, from, to, day(27)), Due::Overdue);
    assert_eq!(due(CallStatus::Completed, from, to, day(27)), Due::Closed);
}

#[test]
fn a_retry_is_not_due_before_its_day() {
    // Tried on the 24th, retried on the 25th: on the 24th it no longer shows as due.
    assert_eq!(due(CallStatus::Open, day(25), day(26), day(24)), Due::NotYet);
    assert_eq!(due(CallStatus::Open, day(25), day(26), day(25)), Due::Due);
}

#[test]
fn the_window_follows_the_service_settings() {
    let settings = crate::settings::ServiceSettings::default();
    assert_eq!(visit::follow_up_window(day(23), &settings), (day(24), day(26)));
}

#[test]
fn settings_are_checked() {
    assert!(FollowUpSettings::default().validate().is_ok());
    let bad = FollowUpSettings { max_attempts: 0, alert_at_or_below: 5 };
    assert_eq!(
        fields(&bad.validate().unwrap_err()),
        [(ErrorKind::OutOfRange, "maxAttempts".into()), (ErrorKind::OutOfRange, "alertAtOrBelow".into())]
    );
}

// --- the report ---------------------------------------------------------------------

fn fact(advisor: i64, on: NaiveDate, factors: u8, alert: bool) -> SurveyFact {
    SurveyFact {
        advisor_id: StaffId(advisor),
        advisor_name: format!("A{advisor}"),
        surveyed_on: on,
        survey: check_survey(&answers(factors, &[]), &q()).unwrap(),
        alert,
    }
}

#[test]
fn the_report_groups_by_advisor_and_month_and_counts_the_bands() {
    let oct = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    let surveys = [fact(1, oct, 5, false), fact(1, day(5), 4, false), fact(2, day(6), 2, true)];
    let r = report(oct, day(30), day(30), &surveys, &[], &q());
    assert_eq!(r.surveys, 3);
    // 100, 75, 25 → 66.67.
    assert_eq!(r.csi, Some(6_667));
    let advisors: Vec<(&str, u32, u32)> =
        r.by_advisor.iter().map(|g| (g.label.as_str(), g.surveys, g.csi)).collect();
    assert_eq!(advisors, [("A1", 2, 8_750), ("A2", 1, 2_500)]);
    let months: Vec<(&str, u32, u32)> =
        r.by_month.iter().map(|g| (g.key.as_str(), g.surveys, g.csi)).collect();
    assert_eq!(months, [("2026-10", 1, 10_000), ("2026-11", 2, 5_000)]);
    assert_eq!(r.by_advisor_month.len(), 3);
    let bands: Vec<u32> = r.distribution.iter().map(|b| b.visits).collect();
    assert_eq!(bands, [1, 0, 1, 0, 1]);
    assert_eq!(r.hot_alerts, 1);
    let friendliness = r.factors.iter().find(|f| f.key == "friendliness").unwrap();
    // (5 + 4 + 2) / 3 = 3.67.
    assert_eq!((friendliness.mean, friendliness.answers), (367, 3));
}

#[test]
fn the_report_counts_completion_within_the_window_and_the_reach_rate() {
    let call = |status, due_to, closed_on| CallFact { status, due_to, closed_on };
    let calls = [
        call(CallStatus::Completed, day(26), Some(day(25))), // in the window, reached
        call(CallStatus::Completed, day(20), Some(day(22))), // late, reached
        call(CallStatus::Refused, day(20), Some(day(19))),   // reached, not completed
        call(CallStatus::Unreachable, day(18), Some(day(18))),
        call(CallStatus::Open, day(27), None), // window still open: not counted yet
        call(CallStatus::Open, day(21), None), // overdue: counts as not in the window
    ];
    let r = report(day(1), day(30), day(25), &[], &calls, &q());
    assert_eq!((r.calls_due, r.completed_in_window), (5, 1));
    assert_eq!((r.calls_closed, r.reached), (4, 3));
    assert_eq!(r.csi, None);
}

#[test]
fn a_call_is_worked_by_its_caller_by_anyone_while_untaken_and_by_the_manager() {
    use crate::staff::{Actor, Role};
    let member = |id, role| Actor { id: StaffId(id), name: String::new(), role };
    let caller = member(3, Role::FollowUp);
    let colleague = member(4, Role::FollowUp);
    let manager = member(9, Role::ServiceManager);
    assert!(may_work(CallStatus::Open, None, &colleague));
    assert!(may_work(CallStatus::Open, Some(StaffId(3)), &caller));
    assert!(!may_work(CallStatus::Open, Some(StaffId(3)), &colleague));
    assert!(taken_by_another(Some(StaffId(3)), &colleague));
    assert!(may_work(CallStatus::Open, Some(StaffId(3)), &manager));
    assert!(!may_work(CallStatus::Completed, None, &manager));
}
