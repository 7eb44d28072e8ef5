use super::*;

use std::fmt::Debug;

// ===========================================================================
// Fixtures. All times are fixed UTC instants; "today" is 2026-11-22.

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    day(y, m, d).and_hms_opt(h, min, 0).expect("a real time").and_utc()
}

fn today() -> NaiveDate {
    day(2026, 11, 22)
}

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

fn hours(n: i64) -> Duration {
    Duration::hours(n)
}

/// One issue as (kind, field), to compare refusals.
fn issue(kind: ErrorKind, field: &str) -> (ErrorKind, String) {
    (kind, field.to_owned())
}

/// The issues of a refusal as (kind, field), in order.
fn refused<T: Debug>(result: Result<T, Invalid>) -> Vec<(ErrorKind, String)> {
    result
        .expect_err("should be refused")
        .0
        .into_iter()
        .map(|i| (i.kind, i.field.expect("every issue names its field")))
        .collect()
}

// ===========================================================================

mod the_flow_table {
    use super::*;

    use ComplaintState as St;
    use ComplaintStep as Sp;
    use Severity::{Minor, Serious};

    /// Every step that leads anywhere; any triple not listed leads nowhere.
    const ALLOWED: [(Severity, ComplaintState, ComplaintStep, ComplaintState); 14] = [
        (Minor, St::Received, Sp::SolveOnTheSpot, St::Closed),
        (Serious, St::Received, Sp::Assign, St::Assigned),
        (Serious, St::Assigned, Sp::Assign, St::Assigned),
        (Serious, St::Contacted, Sp::Assign, St::Assigned),
        (Serious, St::Agreed, Sp::Assign, St::Assigned),
        (Serious, St::Assigned, Sp::Contact, St::Contacted),
        (Serious, St::Contacted, Sp::Agree, St::Agreed),
        (Serious, St::Agreed, Sp::Resolve, St::Resolved),
        (Serious, St::Resolved, Sp::ReturnCall, St::ReturnCalled),
        (Serious, St::ReturnCalled, Sp::Close, St::Closed),
        (Serious, St::Resolved, Sp::Reopen, St::Assigned),
        (Serious, St::ReturnCalled, Sp::Reopen, St::Assigned),
        (Serious, St::Closed, Sp::Reopen, St::Assigned),
        (Minor, St::Closed, Sp::Reopen, St::Received),
    ];

    fn expected(severity: Severity, from: ComplaintState, step: ComplaintStep) -> Option<ComplaintState> {
        ALLOWED.iter().find(|(sv, f, sp, _)| *sv == severity && *f == from && *sp == step).map(|(.., to)| *to)
    }

    fn every_triple() -> Vec<(Severity, ComplaintState, ComplaintStep)> {
        let mut all = Vec::new();
        for severity in [Minor, Serious] {
            for from in ComplaintState::ALL {
                for step in ComplaintStep::ALL {
                    all.push((severity, from, step));
                }
            }
        }
        all
    }

    #[test]
    fn every_severity_state_and_step_leads_where_the_table_says() {
        let triples = every_triple();
        assert_eq!(triples.len(), 2 * 7 * 8);
        for (severity, from, step) in triples {
            assert_eq!(
                target(severity, from, step),
                expected(severity, from, step),
                "{severity:?} {from:?} {step:?}"
            );
        }
    }

    #[test]
    fn sixteen_steps_lead_somewhere_and_the_rest_nowhere() {
        let leading = every_triple().into_iter().filter(|&(sv, f, sp)| target(sv, f, sp).is_some()).count();
        assert_eq!(leading, 14);
    }

    #[test]
    fn an_allowed_step_gives_a_transition_that_names_from_to_and_step() {
        let t = transition(Serious, St::Assigned, Sp::Contact).expect("allowed");
        assert_eq!((t.from(), t.to(), t.step()), (St::Assigned, St::Contacted, Sp::Contact));
    }

    #[test]
    fn every_step_leading_nowhere_is_refused_as_invalid_state_saying_what_is_missing() {
        for (severity, from, step) in every_triple() {
            match transition(severity, from, step) {
                Ok(t) => assert_eq!(Some(t.to()), expected(severity, from, step)),
                Err(refusal) => {
                    assert_eq!(expected(severity, from, step), None);
                    assert_eq!(refusal.kind, ErrorKind::InvalidState);
                    assert_eq!(refusal.field.as_deref(), Some("state"));
                    assert!(refusal.message.contains(step.needs()), "{}", refusal.message);
                }
            }
        }
    }

    #[test]
    fn contacting_before_a_handler_is_assigned_says_a_handler_is_needed() {
        let refusal = transition(Serious, St::Received, Sp::Contact).expect_err("no handler yet");
        assert_eq!(
            refusal.message,
            "cannot Contact a Serious complaint that is Received: a handler must be assigned first"
        );
    }

    #[test]
    fn a_minor_complaint_has_no_handler_flow_and_a_serious_one_is_not_solved_on_the_spot() {
        assert_eq!(target(Minor, St::Received, Sp::Assign), None);
        assert_eq!(target(Serious, St::Received, Sp::SolveOnTheSpot), None);
    }

    #[test]
    fn a_handler_cannot_be_reassigned_once_resolved() {
        for from in [St::Resolved, St::ReturnCalled, St::Closed] {
            assert_eq!(target(Serious, from, Sp::Assign), None, "{from:?}");
        }
    }
}

// ===========================================================================

mod every_step_of_the_flow {
    use super::*;

    use ComplaintState as St;
    use ComplaintStep as Sp;

    fn received() -> DateTime<Utc> {
        at(2026, 11, 20, 2, 0)
    }

    #[test]
    fn a_serious_complaint_goes_from_received_to_closed() {
        let mut state = St::Received;
        for (step, to) in [(Sp::Assign, St::Assigned), (Sp::Contact, St::Contacted), (Sp::Agree, St::Agreed)]
        {
            let t = transition(Severity::Serious, state, step).expect("allowed");
            assert_eq!(t.to(), to);
            state = t.to();
        }
        let (t, solution) = resolve(
            Severity::Serious,
            state,
            received().date_naive(),
            day(2026, 11, 21),
            today(),
            "  new window regulator  ",
        )
        .expect("resolved");
        assert_eq!((t.to(), solution.as_str()), (St::Resolved, "new window regulator"));
        state = t.to();
        let t = transition(Severity::Serious, state, Sp::ReturnCall).expect("allowed");
        assert_eq!(t.to(), St::ReturnCalled);
        state = t.to();
        let t = close(Severity::Serious, state, "customer satisfied").expect("closed");
        assert_eq!((t.from(), t.to(), t.step()), (St::ReturnCalled, St::Closed, Sp::Close));
    }

    #[test]
    fn a_minor_complaint_is_solved_on_the_spot_and_closes() {
        let (t, solution) =
            solve_on_the_spot(Severity::Minor, St::Received, " washed the car again ").expect("solved");
        assert_eq!((t.to(), solution.as_str()), (St::Closed, "washed the car again"));
    }

    #[test]
    fn solving_on_the_spot_needs_a_solution() {
        assert_eq!(
            refused(solve_on_the_spot(Severity::Minor, St::Received, "   ")),
            vec![issue(ErrorKind::Required, "solution")]
        );
    }

    #[test]
    fn a_serious_complaint_is_not_solved_on_the_spot() {
        assert_eq!(
            refused(solve_on_the_spot(Severity::Serious, St::Received, "a gift")),
            vec![issue(ErrorKind::InvalidState, "state")]
        );
    }

    #[test]
    fn every_issue_is_reported_at_once() {
        assert_eq!(
            refused(solve_on_the_spot(Severity::Serious, St::Received, "")),
            vec![issue(ErrorKind::InvalidState, "state"), issue(ErrorKind::Required, "solution")]
        );
    }

    #[test]
    fn resolving_on_the_day_of_receipt_or_today_is_fine() {
        for on in [received().date_naive(), today()] {
            assert!(
                resolve(Severity::Serious, St::Agreed, received().date_naive(), on, today(), "fixed").is_ok(),
                "{on}"
            );
        }
    }

    #[test]
    fn a_resolution_before_receipt_is_refused() {
        assert_eq!(
            refused(resolve(
                Severity::Serious,
                St::Agreed,
                received().date_naive(),
                day(2026, 11, 19),
                today(),
                "fixed"
            )),
            vec![issue(ErrorKind::DateOrder, "resolvedOn")]
        );
    }

    #[test]
    fn a_resolution_after_today_is_refused() {
        assert_eq!(
            refused(resolve(
                Severity::Serious,
                St::Agreed,
                received().date_naive(),
                day(2026, 11, 23),
                today(),
                "fixed"
            )),
            vec![issue(ErrorKind::DateInFuture, "resolvedOn")]
        );
    }

    #[test]
    fn resolving_needs_a_solution() {
        assert_eq!(
            refused(resolve(Severity::Serious, St::Agreed, received().date_naive(), today(), today(), " ")),
            vec![issue(ErrorKind::Required, "solution")]
        );
    }

    #[test]
    fn resolving_before_agreement_is_refused() {
        assert_eq!(
            refused(resolve(
                Severity::Serious,
                St::Contacted,
                received().date_naive(),
                today(),
                today(),
                "fixed"
            )),
            vec![issue(ErrorKind::InvalidState, "state")]
        );
    }

    #[test]
    fn closing_without_the_return_call_result_is_refused() {
        for result in ["", "   "] {
            assert_eq!(
                refused(close(Severity::Serious, St::ReturnCalled, result)),
                vec![issue(ErrorKind::Required, "returnCallResult")]
            );
        }
    }

    #[test]
    fn closing_before_the_return_call_is_refused() {
        assert_eq!(
            refused(close(Severity::Serious, St::Resolved, "customer satisfied")),
            vec![issue(ErrorKind::InvalidState, "state")]
        );
    }

    #[test]
    fn a_resolved_complaint_can_be_reopened_back_to_a_handler() {
        let t = transition(Severity::Serious, St::Closed, Sp::Reopen).expect("reopened");
        assert_eq!(t.to(), St::Assigned);
        assert!(transition(Severity::Serious, St::Assigned, Sp::Contact).is_ok());
    }
}

// ===========================================================================

mod time_limits_and_escalation {
    use super::*;

    use EscalationReason::{NotAssignedInTime, NotResolvedInTime, SociallyInfluential};

    fn received() -> DateTime<Utc> {
        at(2026, 11, 20, 1, 0)
    }

    fn serious() -> Clock {
        Clock {
            severity: Severity::Serious,
            state: ComplaintState::Received,
            hard_case: None,
            received_at: received(),
            assigned_at: None,
            resolved_at: None,
            escalated: Vec::new(),
        }
    }

    fn assigned_at(after: Duration) -> Clock {
        Clock { state: ComplaintState::Assigned, assigned_at: Some(received() + after), ..serious() }
    }

    fn minor() -> Clock {
        Clock { severity: Severity::Minor, ..serious() }
    }

    fn due_after(clock: &Clock, after: Duration) -> Vec<EscalationReason> {
        escalations_due(clock, &ComplaintLimits::default(), received() + after)
    }

    #[test]
    fn the_default_limits_are_an_hour_to_assign_three_days_to_resolve_and_four_hours_for_a_minor_one() {
        let limits = ComplaintLimits::default();
        assert_eq!((limits.assign_minutes, limits.resolve_hours, limits.minor_resolve_hours), (60, 72, 4));
        assert_eq!((limits.one_time_target_percent, limits.escalation_target_percent), (85, 0));
    }

    #[test]
    fn the_deadlines_are_counted_from_receipt() {
        let limits = ComplaintLimits::default();
        assert_eq!(assign_due(&serious(), &limits), Some(at(2026, 11, 20, 2, 0)));
        assert_eq!(resolve_due(&serious(), &limits), at(2026, 11, 23, 1, 0));
        assert_eq!(assign_due(&minor(), &limits), None);
        assert_eq!(resolve_due(&minor(), &limits), at(2026, 11, 20, 5, 0));
    }

    #[test]
    fn unassigned_at_59_minutes_nothing_is_due() {
        assert_eq!(due_after(&serious(), minutes(59)), vec![]);
    }

    #[test]
    fn unassigned_at_exactly_60_minutes_is_still_in_time() {
        assert_eq!(due_after(&serious(), minutes(60)), vec![]);
    }

    #[test]
    fn unassigned_at_61_minutes_goes_to_the_manager() {
        assert_eq!(due_after(&serious(), minutes(61)), vec![NotAssignedInTime]);
    }

    #[test]
    fn assigned_at_30_minutes_nothing_is_due_at_61() {
        assert_eq!(due_after(&assigned_at(minutes(30)), minutes(61)), vec![]);
    }

    #[test]
    fn assigned_late_at_90_minutes_still_escalates_afterwards() {
        assert_eq!(due_after(&assigned_at(minutes(90)), minutes(120)), vec![NotAssignedInTime]);
        assert_eq!(due_after(&assigned_at(minutes(90)), hours(24)), vec![NotAssignedInTime]);
    }

    #[test]
    fn not_resolved_at_72_hours_and_a_minute_goes_to_the_manager() {
        let clock = assigned_at(minutes(30));
        assert_eq!(due_after(&clock, hours(72)), vec![]);
        assert_eq!(due_after(&clock, hours(72) + minutes(1)), vec![NotResolvedInTime]);
    }

    #[test]
    fn resolved_in_time_nothing_is_due_later() {
        let clock = Clock {
            state: ComplaintState::Resolved,
            resolved_at: Some(received() + hours(48)),
            ..assigned_at(minutes(30))
        };
        assert_eq!(due_after(&clock, hours(200)), vec![]);
    }

    #[test]
    fn resolved_late_still_escalates_afterwards() {
        let clock = Clock {
            state: ComplaintState::Resolved,
            resolved_at: Some(received() + hours(73)),
            ..assigned_at(minutes(30))
        };
        assert_eq!(due_after(&clock, hours(80)), vec![NotResolvedInTime]);
    }

    #[test]
    fn a_closed_complaint_does_not_escalate_for_resolution_afterwards() {
        let closed = Clock {
            state: ComplaintState::Closed,
            resolved_at: Some(received() + hours(48)),
            ..assigned_at(minutes(30))
        };
        assert_eq!(due_after(&closed, hours(500)), vec![]);
        let closed_without_a_resolution_time = Clock { resolved_at: None, ..closed };
        assert_eq!(due_after(&closed_without_a_resolution_time, hours(500)), vec![]);
    }

    #[test]
    fn a_minor_complaint_never_escalates_for_assignment() {
        let solved =
            Clock { state: ComplaintState::Closed, resolved_at: Some(received() + minutes(10)), ..minor() };
        assert_eq!(due_after(&solved, hours(500)), vec![]);
        assert_eq!(due_after(&minor(), minutes(61)), vec![]);
    }

    #[test]
    fn a_minor_complaint_not_solved_in_four_hours_goes_to_the_manager() {
        assert_eq!(due_after(&minor(), hours(4)), vec![]);
        assert_eq!(due_after(&minor(), hours(4) + minutes(1)), vec![NotResolvedInTime]);
    }

    #[test]
    fn a_socially_influential_customer_is_reported_upward_at_once() {
        let clock = Clock { hard_case: Some(HardCase::SociallyInfluential), ..serious() };
        assert_eq!(due_after(&clock, minutes(0)), vec![SociallyInfluential]);
        let minor = Clock { hard_case: Some(HardCase::SociallyInfluential), ..minor() };
        assert_eq!(due_after(&minor, minutes(0)), vec![SociallyInfluential]);
    }

    #[test]
    fn other_hard_cases_are_not_reported_upward_by_themselves() {
        for hard_case in [
            HardCase::Emotional,
            HardCase::Righteous,
            HardCase::Stubborn,
            HardCase::SelfAbsorbed,
            HardCase::WellPrepared,
        ] {
            let clock = Clock { hard_case: Some(hard_case), ..serious() };
            assert_eq!(due_after(&clock, minutes(0)), vec![], "{hard_case:?}");
        }
    }

    #[test]
    fn every_reason_due_comes_in_the_order_it_arose() {
        let clock = Clock { hard_case: Some(HardCase::SociallyInfluential), ..serious() };
        assert_eq!(
            due_after(&clock, hours(73)),
            vec![SociallyInfluential, NotAssignedInTime, NotResolvedInTime]
        );
    }

    #[test]
    fn reasons_already_recorded_are_not_repeated() {
        let clock = Clock {
            hard_case: Some(HardCase::SociallyInfluential),
            escalated: vec![SociallyInfluential, NotAssignedInTime],
            ..serious()
        };
        assert_eq!(due_after(&clock, hours(73)), vec![NotResolvedInTime]);
        let all_recorded =
            Clock { escalated: vec![SociallyInfluential, NotAssignedInTime, NotResolvedInTime], ..clock };
        assert_eq!(due_after(&all_recorded, hours(73)), vec![]);
    }

    #[test]
    fn custom_limits_move_the_deadlines() {
        let limits = ComplaintLimits {
            assign_minutes: 30,
            resolve_hours: 24,
            minor_resolve_hours: 2,
            ..Default::default()
        };
        assert_eq!(assign_due(&serious(), &limits), Some(received() + minutes(30)));
        assert_eq!(resolve_due(&serious(), &limits), received() + hours(24));
        assert_eq!(resolve_due(&minor(), &limits), received() + hours(2));
        assert_eq!(escalations_due(&serious(), &limits, received() + minutes(29)), vec![]);
        assert_eq!(escalations_due(&serious(), &limits, received() + minutes(31)), vec![NotAssignedInTime]);
        let assigned = assigned_at(minutes(20));
        assert_eq!(escalations_due(&assigned, &limits, received() + hours(24)), vec![]);
        assert_eq!(
            escalations_due(&assigned, &limits, received() + hours(24) + minutes(1)),
            vec![NotResolvedInTime]
        );
        assert_eq!(
            escalations_due(&minor(), &limits, received() + hours(2) + minutes(1)),
            vec![NotResolvedInTime]
        );
    }

    mod the_limits_settings {
        use super::*;

        fn limits() -> ComplaintLimits {
            ComplaintLimits::default()
        }

        #[test]
        fn the_default_limits_are_valid() {
            assert_eq!(limits().validate(), Ok(limits()));
        }

        #[test]
        fn the_bounds_themselves_are_accepted() {
            for good in [
                ComplaintLimits { assign_minutes: 5, resolve_hours: 1, minor_resolve_hours: 1, ..limits() },
                ComplaintLimits {
                    assign_minutes: 24 * 60,
                    resolve_hours: 90 * 24,
                    minor_resolve_hours: 7 * 24,
                    one_time_target_percent: 100,
                    escalation_target_percent: 100,
                },
                ComplaintLimits { one_time_target_percent: 0, escalation_target_percent: 0, ..limits() },
            ] {
                assert!(good.validate().is_ok(), "{good:?}");
            }
        }

        #[test]
        fn each_limit_out_of_its_bounds_is_refused() {
            let cases = [
                (ComplaintLimits { assign_minutes: 4, ..limits() }, "assignMinutes"),
                (ComplaintLimits { assign_minutes: 24 * 60 + 1, ..limits() }, "assignMinutes"),
                (ComplaintLimits { resolve_hours: 0, ..limits() }, "resolveHours"),
                (ComplaintLimits { resolve_hours: 90 * 24 + 1, ..limits() }, "resolveHours"),
                (ComplaintLimits { minor_resolve_hours: 0, ..limits() }, "minorResolveHours"),
                (ComplaintLimits { minor_resolve_hours: 7 * 24 + 1, ..limits() }, "minorResolveHours"),
                (ComplaintLimits { one_time_target_percent: 101, ..limits() }, "oneTimeTargetPercent"),
                (ComplaintLimits { escalation_target_percent: 101, ..limits() }, "escalationTargetPercent"),
            ];
            for (bad, field) in cases {
                assert_eq!(refused(bad.validate()), vec![issue(ErrorKind::OutOfRange, field)], "{bad:?}");
            }
        }

        #[test]
        fn every_limit_out_of_bounds_is_reported_at_once() {
            let bad = ComplaintLimits {
                assign_minutes: 0,
                resolve_hours: 0,
                minor_resolve_hours: 0,
                one_time_target_percent: 200,
                escalation_target_percent: 200,
            };
            assert_eq!(
                refused(bad.validate()),
                vec![
                    issue(ErrorKind::OutOfRange, "assignMinutes"),
                    issue(ErrorKind::OutOfRange, "resolveHours"),
                    issue(ErrorKind::OutOfRange, "minorResolveHours"),
                    issue(ErrorKind::OutOfRange, "oneTimeTargetPercent"),
                    issue(ErrorKind::OutOfRange, "escalationTargetPercent"),
                ]
            );
        }
    }
}

// ===========================================================================

mod recovery_and_cause {
    use super::*;

    fn received_on() -> NaiveDate {
        day(2026, 11, 20)
    }

    fn step(step: RecoveryStep) -> RecoveryInput {
        RecoveryInput {
            step,
            done_on: day(2026, 11, 21),
            note: String::new(),
            compensation: None,
            cost: None,
            version: None,
        }
    }

    fn compensation(what: &str, cost: Option<i64>) -> RecoveryInput {
        RecoveryInput {
            compensation: Some(what.to_owned()),
            cost: cost.map(Fen),
            ..step(RecoveryStep::SymbolicCompensation)
        }
    }

    #[test]
    fn every_step_but_the_compensation_is_ticked_with_a_date_alone() {
        for s in RecoveryStep::ALL.into_iter().filter(|s| *s != RecoveryStep::SymbolicCompensation) {
            assert_eq!(step(s).validate(received_on(), today()), Ok(step(s)), "{s:?}");
        }
    }

    #[test]
    fn the_note_and_compensation_are_trimmed() {
        let input = RecoveryInput {
            note: "  gift handed over  ".into(),
            ..compensation(" car-wash voucher ", Some(5_000))
        };
        let kept = input.validate(received_on(), today()).expect("valid");
        assert_eq!(kept.note, "gift handed over");
        assert_eq!(kept.compensation.as_deref(), Some("car-wash voucher"));
        assert_eq!(kept.cost, Some(Fen(5_000)));
    }

    #[test]
    fn the_symbolic_compensation_says_what_was_given() {
        let without = step(RecoveryStep::SymbolicCompensation);
        assert_eq!(
            refused(without.validate(received_on(), today())),
            vec![issue(ErrorKind::Required, "compensation")]
        );
        assert_eq!(
            refused(compensation("  ", None).validate(received_on(), today())),
            vec![issue(ErrorKind::Required, "compensation")]
        );
    }

    #[test]
    fn a_compensation_may_cost_nothing() {
        assert!(compensation("a thank-you card", Some(0)).validate(received_on(), today()).is_ok());
        assert!(compensation("a thank-you card", None).validate(received_on(), today()).is_ok());
    }

    #[test]
    fn a_cost_below_zero_is_refused() {
        assert_eq!(
            refused(compensation("car-wash voucher", Some(-1)).validate(received_on(), today())),
            vec![issue(ErrorKind::OutOfRange, "cost")]
        );
    }

    #[test]
    fn only_the_compensation_has_a_cost() {
        let apology = RecoveryInput { cost: Some(Fen(1_000)), ..step(RecoveryStep::Apology) };
        assert_eq!(
            refused(apology.validate(received_on(), today())),
            vec![issue(ErrorKind::OutOfRange, "cost")]
        );
    }

    #[test]
    fn a_compensation_named_on_another_step_is_not_kept() {
        let apology = RecoveryInput { compensation: Some("flowers".into()), ..step(RecoveryStep::Apology) };
        assert_eq!(apology.validate(received_on(), today()).expect("valid").compensation, None);
    }

    #[test]
    fn a_step_on_the_day_of_receipt_or_today_is_fine() {
        for on in [received_on(), today()] {
            let input = RecoveryInput { done_on: on, ..step(RecoveryStep::Apology) };
            assert!(input.validate(received_on(), today()).is_ok(), "{on}");
        }
    }

    #[test]
    fn a_step_before_the_complaint_is_refused() {
        let input = RecoveryInput { done_on: day(2026, 11, 19), ..step(RecoveryStep::Apology) };
        assert_eq!(
            refused(input.validate(received_on(), today())),
            vec![issue(ErrorKind::DateOrder, "doneOn")]
        );
    }

    #[test]
    fn a_step_after_today_is_refused() {
        let input = RecoveryInput { done_on: day(2026, 11, 23), ..step(RecoveryStep::FollowUp) };
        assert_eq!(
            refused(input.validate(received_on(), today())),
            vec![issue(ErrorKind::DateInFuture, "doneOn")]
        );
    }

    fn cause(responsible: Option<i64>) -> CauseInput {
        CauseInput {
            cause: Cause::Ours,
            root_cause: "  torque not checked after the wheel change ".into(),
            responsible_id: responsible.map(StaffId),
            measure: " torque check added to the QC sheet ".into(),
            measure_owner_id: StaffId(2),
            check_on: day(2026, 12, 22),
            version: None,
        }
    }

    #[test]
    fn only_reliability_and_parts_are_work_quality() {
        let work_quality: Vec<Category> = Category::ALL.into_iter().filter(|c| is_work_quality(*c)).collect();
        assert_eq!(work_quality, vec![Category::Reliability, Category::Parts]);
    }

    #[test]
    fn a_work_quality_complaint_names_who_was_responsible() {
        for category in [Category::Reliability, Category::Parts] {
            assert_eq!(
                refused(cause(None).validate(category, today())),
                vec![issue(ErrorKind::Required, "responsibleId")],
                "{category:?}"
            );
            assert!(cause(Some(5)).validate(category, today()).is_ok(), "{category:?}");
        }
    }

    #[test]
    fn other_complaints_need_no_responsible_person() {
        for category in Category::ALL.into_iter().filter(|c| !is_work_quality(*c)) {
            assert!(cause(None).validate(category, today()).is_ok(), "{category:?}");
        }
    }

    #[test]
    fn the_root_cause_and_measure_are_trimmed() {
        let kept = cause(None).validate(Category::Tangibles, today()).expect("valid");
        assert_eq!(kept.root_cause, "torque not checked after the wheel change");
        assert_eq!(kept.measure, "torque check added to the QC sheet");
    }

    #[test]
    fn a_check_date_in_the_past_is_refused_and_today_is_fine() {
        let past = CauseInput { check_on: day(2026, 11, 21), ..cause(None) };
        assert_eq!(
            refused(past.validate(Category::Price, today())),
            vec![issue(ErrorKind::InThePast, "checkOn")]
        );
        let on_today = CauseInput { check_on: today(), ..cause(None) };
        assert!(on_today.validate(Category::Price, today()).is_ok());
    }

    #[test]
    fn the_root_cause_and_the_measure_are_required() {
        let empty = CauseInput { root_cause: " ".into(), measure: String::new(), ..cause(None) };
        assert_eq!(
            refused(empty.validate(Category::Price, today())),
            vec![issue(ErrorKind::Required, "rootCause"), issue(ErrorKind::Required, "measure")]
        );
    }

    #[test]
    fn every_cause_has_its_own_response() {
        let responses: Vec<&str> = [Cause::Ours, Cause::Shared, Cause::CustomerMisunderstanding]
            .into_iter()
            .map(Cause::response)
            .collect();
        for r in &responses {
            assert!(!r.trim().is_empty());
        }
        assert_ne!(responses[0], responses[1]);
        assert_ne!(responses[1], responses[2]);
        assert_ne!(responses[0], responses[2]);
    }
}

// ===========================================================================

mod kpi_formulas {
    use super::*;

    use Category::{Empathy, Parts, Price, Reliability, Tangibles};

    fn facts(
        category: Category,
        received_at: DateTime<Utc>,
        to_assign: Option<i64>,
        to_close: Option<i64>,
        escalated: bool,
        reopened: bool,
    ) -> KpiFacts {
        KpiFacts {
            category,
            received_at,
            received_on: received_at.date_naive(),
            assigned_at: to_assign.map(|m| received_at + minutes(m)),
            closed_at: to_close.map(|m| received_at + minutes(m)),
            escalated,
            reopened,
        }
    }

    /// Ten complaints of October and November 2026, minutes counted from receipt.
    ///
    /// | # | category    | received         | assign | close | escalated | reopened |
    /// |---|-------------|------------------|--------|-------|-----------|----------|
    /// | 1 | reliability | 2026-10-05 09:00 | 20     | 2880  |           |          |
    /// | 2 | reliability | 2026-10-12 10:00 | 40     | 1500  |           |          |
    /// | 3 | parts       | 2026-10-20 08:00 | 90     | 4000  | yes       |          |
    /// | 4 | tangibles   | 2026-11-02 09:00 | –      | 10    |           |          |
    /// | 5 | reliability | 2026-11-03 14:00 | 30     | 3000  |           | yes      |
    /// | 6 | empathy     | 2026-11-10 11:00 | 15     | open  |           |          |
    /// | 7 | parts       | 2026-11-15 16:00 | 55     | 2000  |           |          |
    /// | 8 | price       | 2026-11-20 09:30 | –      | open  | yes       |          |
    /// | 9 | tangibles   | 2026-11-21 10:00 | –      | 20    |           |          |
    /// |10 | reliability | 2026-11-22 08:00 | 45     | open  |           |          |
    fn ten() -> Vec<KpiFacts> {
        vec![
            facts(Reliability, at(2026, 10, 5, 9, 0), Some(20), Some(2880), false, false),
            facts(Reliability, at(2026, 10, 12, 10, 0), Some(40), Some(1500), false, false),
            facts(Parts, at(2026, 10, 20, 8, 0), Some(90), Some(4000), true, false),
            facts(Tangibles, at(2026, 11, 2, 9, 0), None, Some(10), false, false),
            facts(Reliability, at(2026, 11, 3, 14, 0), Some(30), Some(3000), false, true),
            facts(Empathy, at(2026, 11, 10, 11, 0), Some(15), None, false, false),
            facts(Parts, at(2026, 11, 15, 16, 0), Some(55), Some(2000), false, false),
            facts(Price, at(2026, 11, 20, 9, 30), None, None, true, false),
            facts(Tangibles, at(2026, 11, 21, 10, 0), None, Some(20), false, false),
            facts(Reliability, at(2026, 11, 22, 8, 0), Some(45), None, false, false),
        ]
    }

    #[test]
    fn totals_count_all_and_the_closed() {
        let k = kpis(&ten());
        // Closed: 1, 2, 3, 4, 5, 7, 9.
        assert_eq!((k.total, k.closed), (10, 7));
    }

    #[test]
    fn one_time_resolution_is_closed_without_escalation_or_reopening_of_all_closed() {
        // Of the 7 closed, 3 was escalated and 5 reopened: 5 / 7 = 71.428…% → 71.4.
        assert_eq!(kpis(&ten()).one_time_resolution_percent, Some(71.4));
    }

    #[test]
    fn escalation_rate_is_escalated_of_all_complaints() {
        // 3 and 8 were escalated: 2 / 10 = 20.0%.
        assert_eq!(kpis(&ten()).escalation_percent, Some(20.0));
    }

    #[test]
    fn rates_are_rounded_to_one_decimal() {
        // One escalated of three: 33.333…% → 33.3; two of three: 66.666…% → 66.7.
        let three = |n_escalated: usize| -> Vec<KpiFacts> {
            (0..3)
                .map(|i| facts(Empathy, at(2026, 11, 1 + i as u32, 9, 0), None, None, i < n_escalated, false))
                .collect()
        };
        assert_eq!(kpis(&three(1)).escalation_percent, Some(33.3));
        assert_eq!(kpis(&three(2)).escalation_percent, Some(66.7));
    }

    #[test]
    fn median_minutes_to_assign_is_the_middle_value_for_an_odd_count() {
        // Assigned: 20, 40, 90, 30, 15, 55, 45 → sorted 15 20 30 [40] 45 55 90.
        assert_eq!(kpis(&ten()).median_minutes_to_assign, Some(40));
    }

    #[test]
    fn median_minutes_to_assign_is_the_mean_of_the_two_middle_values_for_an_even_count() {
        // Without 10: 15 20 [30 40] 55 90 → (30 + 40) / 2 = 35.
        assert_eq!(kpis(&ten()[..9]).median_minutes_to_assign, Some(35));
        // 10 and 25 → 35 / 2 = 17 in whole minutes (integer division).
        let two = [
            facts(Empathy, at(2026, 11, 1, 9, 0), Some(10), None, false, false),
            facts(Empathy, at(2026, 11, 2, 9, 0), Some(25), None, false, false),
        ];
        assert_eq!(kpis(&two).median_minutes_to_assign, Some(17));
    }

    #[test]
    fn median_minutes_to_close_counts_the_closed_only() {
        // Closed: 2880, 1500, 4000, 10, 3000, 2000, 20 → 10 20 1500 [2000] 2880 3000 4000.
        assert_eq!(kpis(&ten()).median_minutes_to_close, Some(2000));
        // Without 1: 10 20 [1500 2000] 3000 4000 → 1750.
        assert_eq!(kpis(&ten()[1..]).median_minutes_to_close, Some(1750));
    }

    #[test]
    fn reopened_counts_the_reopened() {
        assert_eq!(kpis(&ten()).reopened, 1);
    }

    #[test]
    fn by_category_is_by_count_then_in_category_order() {
        // Reliability 1 2 5 10; tangibles 4 9 and parts 3 7 tie at 2 (tangibles first);
        // empathy 6 and price 8 tie at 1 (empathy first). Categories without one are left out.
        let count = |category, count| CategoryCount { category, count };
        assert_eq!(
            kpis(&ten()).by_category,
            vec![
                count(Reliability, 4),
                count(Tangibles, 2),
                count(Parts, 2),
                count(Empathy, 1),
                count(Price, 1)
            ]
        );
    }

    #[test]
    fn by_month_groups_by_the_month_of_receipt() {
        // October: reliability 1 2, parts 3. November: tangibles 4 9, empathy 6, reliability 5 10,
        // parts 7, price 8. Months in order, categories in category order within each.
        let row = |month: &str, category, count| MonthCount { month: month.to_owned(), category, count };
        assert_eq!(
            kpis(&ten()).by_month,
            vec![
                row("2026-10", Reliability, 2),
                row("2026-10", Parts, 1),
                row("2026-11", Tangibles, 2),
                row("2026-11", Empathy, 1),
                row("2026-11", Reliability, 2),
                row("2026-11", Parts, 1),
                row("2026-11", Price, 1),
            ]
        );
    }

    #[test]
    fn nothing_to_measure_gives_no_rates_and_no_medians() {
        let k = kpis(&[]);
        assert_eq!(
            k,
            Kpis {
                total: 0,
                closed: 0,
                one_time_resolution_percent: None,
                escalation_percent: None,
                median_minutes_to_assign: None,
                median_minutes_to_close: None,
                reopened: 0,
                by_category: vec![],
                by_month: vec![],
            }
        );
    }

    #[test]
    fn nothing_closed_gives_no_one_time_rate_nor_closing_median() {
        let open = [facts(Price, at(2026, 11, 20, 9, 30), Some(5), None, false, false)];
        let k = kpis(&open);
        assert_eq!((k.one_time_resolution_percent, k.median_minutes_to_close), (None, None));
        assert_eq!((k.escalation_percent, k.median_minutes_to_assign), (Some(0.0), Some(5)));
    }
}

// ===========================================================================
// The time limit a screen shows

fn received_at_nine(severity: Severity, state: ComplaintState) -> Complaint {
    Complaint {
        id: 1,
        number: "TS20261122-001".into(),
        state,
        severity,
        channel: Channel::Phone,
        category: Category::Reliability,
        hard_case: None,
        customer_id: CustomerId(1),
        customer_name: "王建国".into(),
        customer_mobile: "13812345678".into(),
        vehicle_id: None,
        plate: None,
        visit_id: None,
        visit_number: None,
        description: "刹车异响".into(),
        request: "免费检查".into(),
        received_by: "李娜".into(),
        received_at: at(2026, 11, 22, 9, 0),
        handler_id: None,
        handler: None,
        solution: None,
        return_call_result: None,
        assign_due: (severity == Severity::Serious).then(|| at(2026, 11, 22, 10, 0)),
        resolve_due: at(2026, 11, 25, 9, 0),
        escalations: Vec::new(),
        recovery: Vec::new(),
        cause: None,
        reopened: false,
        timeline: Vec::new(),
        updated_at: at(2026, 11, 22, 9, 0),
        deadline: None,
    }
}

#[test]
fn a_serious_complaint_nobody_has_works_against_the_limit_to_assign_it() {
    let c = received_at_nine(Severity::Serious, ComplaintState::Received);
    let d = c.deadline_at(at(2026, 11, 22, 9, 15)).expect("open");
    assert_eq!((d.kind, d.due, d.minutes_left), (DeadlineKind::Assign, at(2026, 11, 22, 10, 0), 45));
    // Past the limit the minutes go negative (whole minutes, towards zero).
    let late = c.deadline_at(at(2026, 11, 22, 10, 1) + Duration::seconds(30)).expect("open");
    assert_eq!(late.minutes_left, -1);
}

#[test]
fn an_assigned_or_minor_complaint_works_against_the_limit_to_resolve_it() {
    for c in [
        received_at_nine(Severity::Serious, ComplaintState::Assigned),
        received_at_nine(Severity::Minor, ComplaintState::Received),
    ] {
        let d = c.deadline_at(at(2026, 11, 24, 9, 0)).expect("open");
        assert_eq!((d.kind, d.minutes_left), (DeadlineKind::Resolve, 24 * 60));
    }
}

#[test]
fn a_resolved_complaint_has_no_limit_left() {
    for state in [ComplaintState::Resolved, ComplaintState::ReturnCalled, ComplaintState::Closed] {
        let c = received_at_nine(Severity::Serious, state).shown_at(at(2026, 11, 30, 9, 0));
        assert_eq!(c.deadline, None, "{state:?}");
    }
}
