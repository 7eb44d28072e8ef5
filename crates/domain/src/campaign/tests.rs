use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn line(item: &str, quantity_centi: i64, yuan_centi: i64) -> BudgetLineInput {
    BudgetLineInput {
        item: item.into(),
        quantity_centi,
        unit_price: Fen(yuan_centi),
        actual_quantity_centi: None,
        actual_unit_price: None,
        note: String::new(),
    }
}

/// The seed's September plan "随心驾驭, 安全随行" and its budget lines.
fn september() -> CampaignInput {
    CampaignInput {
        theme: "随心驾驭，安全随行".into(),
        starts_on: day(2011, 9, 24),
        ends_on: day(2011, 9, 25),
        venue: "本店客户休息区及售后车间".into(),
        background: "国庆七天长假，自驾出游成为时尚".into(),
        objectives: "节前集客；提升品牌形象；促进销售沟通".into(),
        activities: vec![
            Activity {
                kind: ActivityKind::Lecture,
                title: "安全驾驶讲座".into(),
                at: None,
                notes: String::new(),
            },
            Activity {
                kind: ActivityKind::DiyChallenge,
                title: "自己动手排除小故障".into(),
                at: None,
                notes: "5–8 分钟，技师协助，奖励约 20 名".into(),
            },
            Activity {
                kind: ActivityKind::Lottery, title: "抽奖".into(), at: None, notes: "30 个球".into()
            },
            Activity { kind: ActivityKind::Trip, title: "自驾游".into(), at: None, notes: String::new() },
        ],
        prizes: vec![
            PrizeInput {
                id: None, name: "1000 元保养工时卡".into(), stock: 2, unit_value: Fen(100_000)
            },
            PrizeInput { id: None, name: "1000 元精品".into(), stock: 2, unit_value: Fen(100_000) },
        ],
        budget: vec![
            line("应急包", 100, 250_000),
            line("油费（1.9 元 × 2 × 7 × 8 × 10）", 112_000, 190),
            line("门票", 2_000, 20_000),
            line("餐费", 10_000, 2_000),
            line("零食", 100, 100_000),
            line("导游", 600, 20_000),
            line("其他", 100, 30_000),
        ],
        attribution_days: 30,
        version: None,
    }
}

fn fields(invalid: &Invalid) -> Vec<(ErrorKind, String)> {
    invalid.0.iter().map(|i| (i.kind, i.field.clone().unwrap_or_default())).collect()
}

// --- the plan ------------------------------------------------------------------

#[test]
fn the_seeds_september_plan_is_valid() {
    let plan = september().validate(&[]).unwrap();
    assert_eq!(plan.activities.len(), 4);
    assert_eq!(plan.prizes.len(), 2);
}

#[test]
fn an_end_before_the_start_is_refused() {
    let mut plan = september();
    plan.ends_on = day(2011, 9, 23);
    assert_eq!(fields(&plan.validate(&[]).unwrap_err()), [(ErrorKind::DateOrder, "endsOn".into())]);
}

#[test]
fn a_negative_quantity_or_unit_price_is_refused_on_its_line() {
    let mut plan = september();
    plan.budget[2].quantity_centi = -100;
    plan.budget[4].unit_price = Fen(-1);
    plan.budget[5].actual_quantity_centi = Some(-5);
    assert_eq!(
        fields(&plan.validate(&[]).unwrap_err()),
        [
            (ErrorKind::OutOfRange, "budget.2.quantityCenti".into()),
            (ErrorKind::OutOfRange, "budget.4.unitPrice".into()),
            (ErrorKind::OutOfRange, "budget.5.actualQuantityCenti".into()),
        ]
    );
}

#[test]
fn a_prize_stock_below_what_was_drawn_is_refused_and_a_drawn_prize_stays() {
    let mut plan = september();
    plan.prizes[0].id = Some(PrizeId(7));
    plan.prizes[0].stock = 1;
    assert_eq!(
        fields(&plan.validate(&[(PrizeId(7), 2)]).unwrap_err()),
        [(ErrorKind::OutOfRange, "prizes.0.stock".into())]
    );
    plan.prizes[0].stock = 2;
    assert!(plan.validate(&[(PrizeId(7), 2)]).is_ok());
    plan.prizes.remove(0);
    assert_eq!(
        fields(&plan.validate(&[(PrizeId(7), 2)]).unwrap_err()),
        [(ErrorKind::InvalidState, "prizes".into())]
    );
}

#[test]
fn an_activity_outside_the_dates_and_a_missing_theme_are_refused() {
    let mut plan = september();
    plan.theme = "  ".into();
    plan.activities[0].at = day(2011, 10, 1).and_hms_opt(10, 0, 0);
    assert_eq!(
        fields(&plan.validate(&[]).unwrap_err()),
        [(ErrorKind::Required, "theme".into()), (ErrorKind::DateOrder, "activities.0.at".into())]
    );
}

#[test]
fn the_status_moves_forward_one_step_and_a_plan_may_go_back_to_draft() {
    use CampaignStatus::*;
    let allowed: Vec<(CampaignStatus, CampaignStatus)> = CampaignStatus::ALL
        .iter()
        .flat_map(|from| CampaignStatus::ALL.iter().map(move |to| (*from, *to)))
        .filter(|(from, to)| status_change(*from, *to).is_ok())
        .collect();
    assert_eq!(allowed, [(Draft, Planned), (Planned, Draft), (Planned, Running), (Running, Finished)]);
}

// --- the budget's arithmetic ----------------------------------------------------------

#[test]
fn each_line_is_quantity_times_unit_price_and_the_total_is_their_sum() {
    let b = budget(&september().budget);
    let amounts: Vec<i64> = b.lines.iter().map(|l| l.amount.0 / 100).collect();
    // The seed wrote fuel as 1.9 × 2 × 7 × 8 × 10 = 2128 and tickets 20 × 200 = 4000,
    // and the total as 11000: the lines add up to 13128.
    assert_eq!(amounts, [2_500, 2_128, 4_000, 2_000, 1_000, 1_200, 300]);
    assert_eq!(b.planned, Fen(1_312_800));
    assert_eq!(b.actual, b.planned, "no actuals yet: the planned amounts stand");
    assert_eq!(b.actual_lines, 0);
}

#[test]
fn actual_amounts_use_the_planned_value_for_what_is_not_yet_known() {
    let mut lines = september().budget;
    lines[1].actual_quantity_centi = Some(100_000); // 1000 litres at the planned 1.90
    lines[2].actual_unit_price = Some(Fen(18_000)); // 20 tickets at 180
    let b = budget(&lines);
    assert_eq!(b.lines[1].actual_amount, Some(Fen(190_000)));
    assert_eq!(b.lines[2].actual_amount, Some(Fen(360_000)));
    assert_eq!(b.lines[0].actual_amount, None);
    assert_eq!(b.actual, Fen(1_312_800 - 212_800 + 190_000 - 400_000 + 360_000));
    assert_eq!(b.actual_lines, 2);
}

#[test]
fn fractional_quantities_round_half_up_to_the_fen() {
    // 0.5 × ¥0.03 = 1.5 fen → 2 fen.
    assert_eq!(budget(&[line("x", 50, 3)]).planned, Fen(2));
    assert_eq!(budget(&[line("x", 0, 3)]).planned, Fen(0));
}

// --- the segment --------------------------------------------------------------------------

#[test]
fn a_segment_turns_its_filters_into_dates_on_today() {
    let today = day(2026, 11, 29);
    let s = Segment {
        last_visit_months: Some(6),
        service_due_days: Some(30),
        insurance_days: Some(60),
        birthday_this_month: true,
        ..Segment::default()
    };
    let b = s.bounds(today);
    assert_eq!(b.last_visit_before, Some(day(2026, 5, 29)));
    assert_eq!(b.service_due_by, Some(day(2026, 12, 29)));
    assert_eq!(b.insurance_by, Some(day(2027, 1, 28)));
    assert_eq!(b.birthday_month, Some(11));
    assert_eq!(b.warranty_by, None);
    // Six months before the 31st of August is the end of February.
    let b = s.bounds(day(2026, 8, 31));
    assert_eq!(b.last_visit_before, Some(day(2026, 2, 28)));
}

#[test]
fn a_segments_ranges_are_checked() {
    let s = Segment {
        model_year_from: Some(2020),
        model_year_to: Some(2018),
        purchased_from: Some(day(2024, 1, 1)),
        purchased_to: Some(day(2023, 1, 1)),
        last_visit_months: Some(0),
        models: vec!["迈腾".into(), " ".into()],
        ..Segment::default()
    };
    assert_eq!(
        fields(&s.validate().unwrap_err()),
        [
            (ErrorKind::DateOrder, "modelYearTo".into()),
            (ErrorKind::DateOrder, "purchasedTo".into()),
            (ErrorKind::OutOfRange, "lastVisitMonths".into()),
            (ErrorKind::Required, "models.1".into()),
        ]
    );
    let ok =
        Segment { models: vec!["迈腾".into(), "迈腾 ".into()], ..Segment::default() }.validate().unwrap();
    assert_eq!(ok.models, ["迈腾"]);
    assert!(ok.on_vehicle());
    assert!(!Segment { birthday_this_month: true, ..Segment::default() }.on_vehicle());
    assert!(Segment::default().is_empty());
}

// --- invitations and check-in -----------------------------------------------------------------

#[test]
fn rsvps_are_taken_while_planned_or_running() {
    assert!(record_rsvp(CampaignStatus::Planned, Rsvp::Yes).is_ok());
    assert!(record_rsvp(CampaignStatus::Running, Rsvp::NotReached).is_ok());
    assert_eq!(record_rsvp(CampaignStatus::Draft, Rsvp::Yes).unwrap_err().kind, ErrorKind::InvalidState);
    assert_eq!(record_rsvp(CampaignStatus::Finished, Rsvp::No).unwrap_err().kind, ErrorKind::InvalidState);
    assert_eq!(
        record_rsvp(CampaignStatus::Planned, Rsvp::Pending).unwrap_err().field.as_deref(),
        Some("rsvp")
    );
    assert!(invite(CampaignStatus::Draft).is_ok() && invite(CampaignStatus::Running).is_err());
}

#[test]
fn only_invited_guests_check_in_unless_recorded_as_walk_ins() {
    use CampaignStatus::Running;
    assert_eq!(check_in(Running, true, false, false), Ok(Arrival::Invited));
    assert_eq!(check_in(Running, false, false, true), Ok(Arrival::WalkIn));
    let refused = check_in(Running, false, false, false).unwrap_err();
    assert_eq!((refused.kind, refused.field.as_deref()), (ErrorKind::NotFound, Some("customerId")));
    assert_eq!(check_in(Running, true, true, false).unwrap_err().kind, ErrorKind::Duplicate);
    assert_eq!(
        check_in(CampaignStatus::Planned, true, false, false).unwrap_err().kind,
        ErrorKind::InvalidState
    );
}

// --- the lottery --------------------------------------------------------------------------------

fn stock(left: &[u32]) -> Vec<InStock> {
    left.iter().enumerate().map(|(i, n)| InStock { prize: PrizeId(i as i64 + 1), left: *n }).collect()
}

#[test]
fn only_a_checked_in_attendee_draws_once_while_the_event_runs() {
    use CampaignStatus::Running;
    let s = stock(&[1]);
    assert_eq!(draw(Running, true, false, &s, |_| Ok(0)), Ok(PrizeId(1)));
    assert_eq!(
        draw(Running, false, false, &s, |_| Ok(0)).unwrap_err().field.as_deref(),
        Some("invitationId")
    );
    assert_eq!(draw(Running, true, true, &s, |_| Ok(0)).unwrap_err().kind, ErrorKind::Duplicate);
    assert_eq!(
        draw(CampaignStatus::Finished, true, false, &s, |_| Ok(0)).unwrap_err().kind,
        ErrorKind::InvalidState
    );
}

#[test]
fn a_draw_when_the_stock_is_empty_is_refused() {
    let refused = draw(CampaignStatus::Running, true, false, &stock(&[0, 0]), |_| Ok(0)).unwrap_err();
    assert_eq!((refused.kind, refused.field.as_deref()), (ErrorKind::OutOfRange, Some("prizes")));
    let refused = draw(CampaignStatus::Running, true, false, &[], |_| Ok(0)).unwrap_err();
    assert_eq!(refused.kind, ErrorKind::OutOfRange);
}

#[test]
fn the_pick_maps_onto_the_units_in_stock_and_skips_empty_prizes() {
    let s = stock(&[2, 0, 3]);
    let got: Vec<PrizeId> = (0..5)
        .map(|n| {
            draw(CampaignStatus::Running, true, false, &s, |total| {
                assert_eq!(total, 5);
                Ok(n)
            })
            .unwrap()
        })
        .collect();
    assert_eq!(got, [PrizeId(1), PrizeId(1), PrizeId(3), PrizeId(3), PrizeId(3)]);
    // A pick out of range is clamped onto the last unit rather than panicking.
    assert_eq!(draw(CampaignStatus::Running, true, false, &s, |_| Ok(99)), Ok(PrizeId(3)));
}

/// Pearson's χ² of `counts` against `expected`.
fn chi_square(counts: &[u64], expected: &[f64]) -> f64 {
    counts.iter().zip(expected).map(|(c, e)| (*c as f64 - e).powi(2) / e).sum()
}

#[test]
fn the_draw_is_uniform_over_the_units_in_stock() {
    // Stock 1 : 2 : 3 : 4 (10 units); 100,000 draws with a seeded generator.
    let mut rng = StdRng::seed_from_u64(20_110_829);
    let s = stock(&[1, 2, 3, 4]);
    let mut counts = [0u64; 4];
    let n = 100_000;
    for _ in 0..n {
        let prize =
            draw(CampaignStatus::Running, true, false, &s, |total| Ok(rng.random_range(0..total))).unwrap();
        counts[prize.0 as usize - 1] += 1;
    }
    let expected: Vec<f64> = [1.0, 2.0, 3.0, 4.0].iter().map(|w| w / 10.0 * n as f64).collect();
    // 3 degrees of freedom: χ² above 16.27 has a probability of 0.1%.
    let chi = chi_square(&counts, &expected);
    assert!(chi < 16.27, "χ² = {chi:.2} for {counts:?}");
}

#[test]
fn drawing_the_seeds_box_empties_every_prize_exactly() {
    // 30 balls: 2 labour cards, 3 accessory vouchers, 25 small gifts. Drawing 30 times,
    // taking each prize out of stock, gives each prize exactly its stock, then refuses.
    let mut rng = StdRng::seed_from_u64(7);
    let mut s = stock(&[2, 3, 25]);
    let mut given = [0u32; 3];
    for _ in 0..30 {
        let prize =
            draw(CampaignStatus::Running, true, false, &s, |total| Ok(rng.random_range(0..total))).unwrap();
        given[prize.0 as usize - 1] += 1;
        s[prize.0 as usize - 1].left -= 1;
    }
    assert_eq!(given, [2, 3, 25]);
    assert!(
        draw(CampaignStatus::Running, true, false, &s, |total| Ok(rng.random_range(0..total.max(1))))
            .is_err()
    );
}

// --- results ---------------------------------------------------------------------------------------

#[test]
fn results_compute_cost_per_attendee_and_the_return() {
    let facts = ResultFacts {
        invited: 120,
        confirmed: 40,
        attended: 33,
        walk_ins: 3,
        repair_orders: 18,
        revenue: Fen(3_600_000),
        budget: Fen(1_312_800),
        prizes_given: Fen(400_000),
    };
    let r = results(&facts, day(2011, 10, 25));
    assert_eq!(r.cost, Fen(1_712_800));
    // 17128 / 33 = 519.03…
    assert_eq!(r.cost_per_attendee, Some(Fen(51_903)));
    // 36000 / 17128 = 210.18… %
    assert_eq!(r.return_percent, Some(210));
    let none = results(&ResultFacts::default(), day(2011, 10, 25));
    assert_eq!((none.cost_per_attendee, none.return_percent), (None, None));
    assert_eq!(
        attribution_window(day(2011, 9, 24), day(2011, 9, 25), 30),
        (day(2011, 9, 24), day(2011, 10, 25))
    );
}

#[test]
fn the_next_statuses_follow_the_status_table() {
    use CampaignStatus::*;
    assert_eq!(Draft.next(), vec![Planned]);
    assert_eq!(Planned.next(), vec![Draft, Running]);
    assert_eq!(Running.next(), vec![Finished]);
    assert_eq!(Finished.next(), Vec::<CampaignStatus>::new());
}
