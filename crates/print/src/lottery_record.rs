//! A campaign's lottery record (抽奖记录, DOMAIN.md §6): every draw in order —
//! its number, its time in the dealership's local time, the customer, the
//! prize and the operator — then how each prize stands (stock, drawn, left),
//! and the lines for the operator and the witness to sign.

use caredesk_domain::campaign::{Campaign, Draw};

use crate::campaign_paper::{overview, start};
use crate::format::date_time;
use crate::labels::{Labels, fill};
use crate::layout::{Align, Column, LABEL, Sheet};
use crate::visit_paper::sign_off;
use crate::{Fonts, Letterhead, PrintError};

/// Prints the record of `draws` (in the order drawn) at `campaign`: a portrait
/// A4 PDF in the letterhead's language.
pub fn lottery_record(
    fonts: &Fonts,
    campaign: &Campaign,
    draws: &[Draw],
    head: &Letterhead,
) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let mut sheet = start(fonts, head, labels.lottery_record, campaign)?;
    overview(&mut sheet, campaign, labels)?;

    let count = fill(labels.draw_count, &[("count", &draws.len().to_string())]);
    sheet.heading(&format!("{} · {count}", labels.draws))?;
    if draws.is_empty() {
        sheet.paragraph(labels.no_draws, LABEL, 0.0)?;
    } else {
        let columns = [
            Column::new(labels.number, 0.6, Align::Center),
            Column::new(labels.time, 1.6, Align::Center),
            Column::new(labels.customer, 1.8, Align::Left),
            Column::new(labels.prize, 2.8, Align::Left),
            Column::new(labels.operator, 1.3, Align::Left),
        ];
        let rows: Vec<Vec<String>> = draws
            .iter()
            .enumerate()
            .map(|(i, d)| {
                vec![
                    (i + 1).to_string(),
                    date_time(head.local(d.at)),
                    d.customer_name.clone(),
                    d.prize_name.clone(),
                    d.operator.clone(),
                ]
            })
            .collect();
        sheet.table(&columns, &rows)?;
    }
    prizes(&mut sheet, campaign, labels)?;
    sign_off(&mut sheet, labels, None, &[labels.sign_operator, labels.sign_witness])?;
    sheet.finish()
}

/// Each prize's stock, how many were drawn and how many are left, with the totals.
fn prizes(sheet: &mut Sheet<'_>, campaign: &Campaign, labels: &Labels) -> Result<(), PrintError> {
    sheet.heading(labels.prize_summary)?;
    if campaign.prizes.is_empty() {
        return sheet.paragraph(labels.no_prizes, LABEL, 0.0);
    }
    let columns = [
        Column::new(labels.number, 0.6, Align::Center),
        Column::new(labels.prize, 3.6, Align::Left),
        Column::new(labels.unit_value, 1.4, Align::Right),
        Column::new(labels.stock, 1.0, Align::Right),
        Column::new(labels.drawn, 1.0, Align::Right),
        Column::new(labels.left, 1.0, Align::Right),
    ];
    let rows: Vec<Vec<String>> = campaign
        .prizes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                (i + 1).to_string(),
                p.name.clone(),
                crate::format::money(p.unit_value),
                p.stock.to_string(),
                p.drawn.to_string(),
                p.stock.saturating_sub(p.drawn).to_string(),
            ]
        })
        .collect();
    let sum = |f: &dyn Fn(&caredesk_domain::campaign::Prize) -> u32| -> String {
        campaign.prizes.iter().map(|p| u64::from(f(p))).sum::<u64>().to_string()
    };
    let total = [
        String::new(),
        labels.total.to_owned(),
        String::new(),
        sum(&|p| p.stock),
        sum(&|p| p.drawn),
        sum(&|p| p.stock.saturating_sub(p.drawn)),
    ];
    sheet.table_with_total(&columns, &rows, Some(&total))
}
