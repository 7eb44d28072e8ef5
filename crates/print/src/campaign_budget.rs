//! A campaign's plan and budget (活动方案与预算, DOMAIN.md §6, §7), the paper
//! the manager approves: the theme, dates and venue, the background and the
//! objectives, the activities, the prizes with their stock, and the budget —
//! every line's quantity × unit price = amount as planned and, side by side,
//! as it turned out — with the planned and actual totals, then the lines for
//! whoever prepared and whoever approved it.
//!
//! The amounts and totals are the domain's (`campaign::budget`), never summed
//! here: the seed's own plan wrote 11,000 for lines that add up to 13,128.

use caredesk_domain::Fen;
use caredesk_domain::campaign::{BudgetLine, Campaign};

use crate::campaign_paper::{overview, quantity, start};
use crate::format::{date_time, money};
use crate::labels::{Labels, fill};
use crate::layout::{Align, BODY, Column, LABEL, Sheet};
use crate::visit_paper::sign_off;
use crate::{Fonts, Letterhead, PrintError};

/// Prints `campaign`'s plan and budget: a portrait A4 PDF in the letterhead's language.
pub fn campaign_budget(fonts: &Fonts, campaign: &Campaign, head: &Letterhead) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let mut sheet = start(fonts, head, labels.campaign_plan, campaign)?;
    overview(&mut sheet, campaign, labels)?;
    for (heading, text) in
        [(labels.background, &campaign.background), (labels.objectives, &campaign.objectives)]
    {
        sheet.heading(heading)?;
        if text.trim().is_empty() {
            sheet.paragraph(labels.none, LABEL, 0.0)?;
        } else {
            sheet.paragraph(text.trim(), BODY, 0.0)?;
        }
    }
    activities(&mut sheet, campaign, labels)?;
    prizes(&mut sheet, campaign, labels)?;
    budget(&mut sheet, campaign, labels)?;
    sign_off(&mut sheet, labels, None, &[labels.sign_prepared, labels.sign_approved])?;
    sheet.finish()
}

fn activities(sheet: &mut Sheet<'_>, campaign: &Campaign, labels: &Labels) -> Result<(), PrintError> {
    sheet.heading(labels.activities)?;
    if campaign.activities.is_empty() {
        return sheet.paragraph(labels.no_activities, LABEL, 0.0);
    }
    let columns = [
        Column::new(labels.number, 0.5, Align::Center),
        Column::new(labels.kind, 1.3, Align::Left),
        Column::new(labels.activity, 2.6, Align::Left),
        Column::new(labels.time, 1.5, Align::Center),
        Column::new(labels.note, 3.2, Align::Left),
    ];
    let rows: Vec<Vec<String>> = campaign
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                labels.activity_kind(a.kind).to_owned(),
                a.title.clone(),
                a.at.map(date_time).unwrap_or_default(),
                a.notes.clone(),
            ]
        })
        .collect();
    sheet.table(&columns, &rows)
}

/// The prizes: the stock of each and its value, what the lottery has drawn.
fn prizes(sheet: &mut Sheet<'_>, campaign: &Campaign, labels: &Labels) -> Result<(), PrintError> {
    sheet.heading(labels.prizes)?;
    if campaign.prizes.is_empty() {
        return sheet.paragraph(labels.no_prizes, LABEL, 0.0);
    }
    let columns = [
        Column::new(labels.number, 0.5, Align::Center),
        Column::new(labels.prize, 3.6, Align::Left),
        Column::new(labels.stock, 1.0, Align::Right),
        Column::new(labels.drawn, 1.0, Align::Right),
        Column::new(labels.unit_value, 1.5, Align::Right),
        Column::new(labels.stock_value, 1.6, Align::Right),
    ];
    let value = |p: &caredesk_domain::campaign::Prize| Fen(p.unit_value.0.saturating_mul(i64::from(p.stock)));
    let rows: Vec<Vec<String>> = campaign
        .prizes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                (i + 1).to_string(),
                p.name.clone(),
                p.stock.to_string(),
                p.drawn.to_string(),
                money(p.unit_value),
                money(value(p)),
            ]
        })
        .collect();
    let stock: u64 = campaign.prizes.iter().map(|p| u64::from(p.stock)).sum();
    let drawn: u64 = campaign.prizes.iter().map(|p| u64::from(p.drawn)).sum();
    let total = Fen(campaign.prizes.iter().map(|p| value(p).0).fold(0_i64, i64::saturating_add));
    let total = [
        String::new(),
        labels.total.to_owned(),
        stock.to_string(),
        drawn.to_string(),
        String::new(),
        money(total),
    ];
    sheet.table_with_total(&columns, &rows, Some(&total))
}

/// The budget lines, planned and actual side by side, and the two totals.
/// Where a line's actual amount is known its actual quantity and unit price
/// are printed, the one not given as planned (that is what the amount used);
/// elsewhere the actual columns are left blank to fill in by hand.
fn budget(sheet: &mut Sheet<'_>, campaign: &Campaign, labels: &Labels) -> Result<(), PrintError> {
    sheet.heading(labels.budget)?;
    let budget = &campaign.budget;
    if budget.lines.is_empty() {
        return sheet.paragraph(labels.no_budget, LABEL, 0.0);
    }
    let columns = [
        Column::new(labels.number, 0.55, Align::Center),
        Column::new(labels.budget_item, 2.1, Align::Left),
        Column::new(labels.quantity, 0.85, Align::Right),
        Column::new(labels.unit_price, 1.1, Align::Right),
        Column::new(labels.planned_amount, 1.35, Align::Right),
        Column::new(labels.actual_quantity, 0.85, Align::Right),
        Column::new(labels.actual_unit_price, 1.1, Align::Right),
        Column::new(labels.actual_amount, 1.35, Align::Right),
        Column::new(labels.note, 1.25, Align::Left),
    ];
    let rows: Vec<Vec<String>> = budget.lines.iter().enumerate().map(|(i, line)| row(i + 1, line)).collect();
    let actual = if budget.actual_lines > 0 { money(budget.actual) } else { String::new() };
    let total = [
        String::new(),
        labels.total.to_owned(),
        String::new(),
        String::new(),
        money(budget.planned),
        String::new(),
        String::new(),
        actual,
        String::new(),
    ];
    sheet.table_with_total(&columns, &rows, Some(&total))?;
    let lines = budget.lines.len();
    let known = budget.actual_lines as usize;
    if known == 0 {
        sheet.paragraph(labels.actual_none, LABEL, 0.0)?;
    } else if known < lines {
        let note = fill(labels.actual_partial, &[("n", &known.to_string()), ("m", &lines.to_string())]);
        sheet.paragraph(&note, LABEL, 0.0)?;
    }
    Ok(())
}

fn row(number: usize, line: &BudgetLine) -> Vec<String> {
    let (actual_quantity, actual_price, actual_amount) = match line.actual_amount {
        Some(amount) => (
            quantity(line.actual_quantity_centi.unwrap_or(line.quantity_centi)),
            money(line.actual_unit_price.unwrap_or(line.unit_price)),
            money(amount),
        ),
        None => Default::default(),
    };
    vec![
        number.to_string(),
        line.item.clone(),
        quantity(line.quantity_centi),
        money(line.unit_price),
        money(line.amount),
        actual_quantity,
        actual_price,
        actual_amount,
        line.note.clone(),
    ]
}
