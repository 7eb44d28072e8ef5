//! The event invitation call sheet (活动邀约电话单, DOMAIN.md §6, §7): a
//! campaign's invitation list on landscape A4, for the staff who phone the
//! guests to tick the answer while they talk and key it in afterwards.
//!
//! Every page is headed by the dealership, the title, the campaign's theme,
//! dates and venue; the first page adds the line to say on the phone. One
//! block per guest in the list's order, headed by the row number the screen
//! shows: the customer, the phone, the plate and model, the answer so far;
//! four boxes to tick — yes, no, maybe, not reached — explained in the legend;
//! and lines for a note.

use caredesk_domain::campaign::{Arrival, Campaign, Invitation};

use crate::call_list::{CallList, Detail, Entry, LegendUnit, Line, print};
use crate::campaign_paper::dates;
use crate::format::date_time;
use crate::labels::{Labels, fill};
use crate::{Fonts, Letterhead, PrintError};

/// Prints the invitation call sheet of `campaign` for `invitations` (in the
/// list's order, each with its row number): an A4 landscape PDF in the
/// letterhead's language.
pub fn invitation_sheet(
    fonts: &Fonts,
    campaign: &Campaign,
    invitations: &[Invitation],
    head: &Letterhead,
) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let days = dates(campaign.starts_on, campaign.ends_on, labels);
    let venue = campaign.venue.trim();
    let script = if venue.is_empty() {
        fill(labels.invitation_script_no_venue, &[("theme", &campaign.theme), ("dates", &days)])
    } else {
        fill(labels.invitation_script, &[("theme", &campaign.theme), ("dates", &days), ("venue", venue)])
    };
    let count = fill(labels.guest_count, &[("count", &invitations.len().to_string())]);
    let mut right = vec![campaign.theme.clone(), format!("{} {days} · {count}", labels.campaign_dates)];
    if !venue.is_empty() {
        right.push(format!("{} {venue}", labels.venue));
    }
    let mut legend = vec![LegendUnit::new("", labels.rsvp_legend, true)];
    for (code, meaning) in labels.rsvp_boxes() {
        legend.push(LegendUnit::new(code, meaning, false));
    }
    legend.push(LegendUnit::new("", labels.note_legend, true));
    let list = CallList {
        document: format!("{} {}", labels.invitation_sheet, campaign.theme),
        title: labels.invitation_sheet.to_owned(),
        subtitle: None,
        right,
        note: Some((labels.script.to_owned(), script)),
        legend,
        boxes: labels.rsvp_boxes().into_iter().map(|(code, _)| code.to_owned()).collect(),
        empty: labels.no_guests.to_owned(),
        entries: invitations.iter().map(|i| entry(i, labels, head)).collect(),
    };
    print(fonts, &list, head)
}

/// A guest's block: the answer so far and its note; a walk-in guest, a
/// check-in and a prize drawn (when the sheet is printed during the event).
fn entry(invitation: &Invitation, labels: &'static Labels, head: &Letterhead) -> Entry {
    let mut status = Vec::new();
    if invitation.arrival == Arrival::WalkIn {
        status.push(labels.arrival(Arrival::WalkIn).to_owned());
    }
    if let Some(at) = invitation.checked_in_at {
        status.push(fill(labels.checked_in, &[("time", &date_time(head.local(at)))]));
    }
    if let Some(prize) = &invitation.prize {
        status.push(fill(labels.prize_drawn, &[("prize", prize)]));
    }
    Entry {
        row: invitation.row,
        name: invitation.customer_name.clone(),
        mobile: invitation.mobile.clone(),
        plate: invitation.plate.clone(),
        model: invitation.vehicle_label.clone(),
        lines: vec![Line::Details(vec![
            Detail::new(labels.rsvp_now, labels.rsvp(invitation.rsvp), true, 0.3),
            Detail::new(labels.rsvp_note, invitation.rsvp_note.clone(), false, 1.0),
        ])],
        status: status.join(" · "),
    }
}
