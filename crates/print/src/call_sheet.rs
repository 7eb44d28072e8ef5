//! The follow-up call sheet (回访电话单, DOMAIN.md §3.7, §4, §7): the day's
//! follow-up calls on landscape A4, for the caller to write on while phoning
//! and key in afterwards. One block per call, in the list's order and with the
//! list's row number: the customer, the phone, the vehicle, the work done and
//! the advisor; an empty box for the outcome and for each question of the
//! questionnaire; and lines for a note.
//!
//! Every page carries the head (the dealership, the title, the list's date,
//! the caller, the filter) and a legend of the boxes' codes: in full on the
//! first page, in a line and a few lines on the others, so a page read on its
//! own still makes sense. A block never splits across pages. The printing
//! time and "page x / N" are in the footer.
//!
//! The codes follow the questionnaire, by section and place: S1… the service
//! start items, A1… the service advisor items, F1… the index's factors (the
//! legend gives their weights), O the overall score and R "would recommend"
//! (numbered too when the questionnaire has several).

use caredesk_domain::follow_up::{
    AnswerKind, CallStatus, Due, FollowUpCall, Outcome, Question, Questionnaire, Section,
};
use chrono::NaiveDate;

use crate::format::{date, date_time, tax_rate};
use crate::labels::{Labels, fill};
use crate::layout::{Align, BODY, CELL, Chrome, DEALERSHIP, Paper, SMALL, Sheet, Style, TITLE};
use crate::visit_paper::pdf_date;
use crate::{Fonts, Language, Letterhead, PrintError};

/// The day's call list as it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSheet {
    /// The day of the list.
    pub date: NaiveDate,
    /// The caller the sheet is for; `None` when it lists every caller's calls.
    pub caller: Option<String>,
    /// How the list was filtered, as the screen says it (e.g. "advisor: 王丽"); printed under the title.
    pub filter: Option<String>,
    /// The calls in the list's order, each with its row number on the screen.
    pub calls: Vec<FollowUpCall>,
    /// The questionnaire the calls ask: one box per question.
    pub questionnaire: Questionnaire,
}

/// The row number: large, so the caller finds the row the screen names.
const ROW_NUMBER: Style = Style { size: 20.0, bold: true, grey: false };
const NAME: Style = Style { size: 10.5, bold: true, grey: false };
const DATE: Style = Style { size: 12.0, bold: true, grey: false };
/// A box's code above it.
const CODE: Style = Style { size: 7.0, bold: false, grey: false };
/// The first page's legend.
const LEGEND: Style = Style { size: 8.0, bold: false, grey: false };
/// The legend repeated on the other pages.
const LEGEND_COMPACT: Style = Style { size: 7.0, bold: false, grey: false };

/// The width of a block's row-number column.
const NUMBER_WIDTH: f32 = 44.0;
/// Padding inside a block.
const PAD: f32 = 4.0;
/// The space between a block's columns.
const COLUMN_GAP: f32 = 8.0;
/// An answer box: room for one handwritten digit.
const BOX: f32 = 15.0;
const BOX_GAP: f32 = 3.5;
/// The extra space between two sections' boxes.
const GROUP_GAP: f32 = 6.0;
/// The boxes take at most this share of a block's width; more wrap to a second row.
const BOXES_SHARE: f32 = 0.62;
/// The spacing of the note's ruled lines.
const NOTE_LINE: f32 = 14.0;
/// The lines of work done shown; longer text is cut with "…".
const WORK_LINES: usize = 2;

/// Prints the day's follow-up calls: an A4 landscape PDF in the letterhead's language.
pub fn call_sheet(fonts: &Fonts, sheet: &CallSheet, head: &Letterhead) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let document = format!("{} {}", labels.call_sheet, date(sheet.date));
    let chrome = Chrome {
        // Every page draws its own head (`page_head`).
        running_head: String::new(),
        footer_note: format!("{} · {} {}", head.dealership, labels.printed, date_time(head.printed_at)),
        page_label: Box::new(move |page, pages| {
            fill(labels.page, &[("page", &page.to_string()), ("pages", &pages.to_string())])
        }),
    };
    let created = pdf_date(head.printed_at, head.utc_offset);
    let mut paper = Sheet::new(fonts, Paper::A4Landscape, &document, created, chrome)?;
    let coded = codes(&sheet.questionnaire);
    let context = Context {
        labels,
        language: head.language,
        head,
        sheet,
        frame: Frame::new(&paper, labels, &coded),
        legend: legend(&coded, labels, head.language),
    };

    page_head(&mut paper, &context, true)?;
    if sheet.calls.is_empty() {
        let top = paper.y() + 6.0;
        let left = paper.left();
        paper.text(left, top, labels.no_calls, BODY, Align::Left)?;
        return paper.finish();
    }
    for call in &sheet.calls {
        let block = Block::new(&paper, &context, call)?;
        if paper.keep(block.height) {
            page_head(&mut paper, &context, false)?;
        }
        block.draw(&mut paper, &context)?;
    }
    paper.finish()
}

/// What every page and block of one sheet shares.
struct Context<'a> {
    labels: &'static Labels,
    language: Language,
    head: &'a Letterhead,
    sheet: &'a CallSheet,
    frame: Frame,
    legend: Vec<LegendGroup>,
}

// ---------------------------------------------------------------------------
// The codes

/// Which run of boxes a question's box is in, and the letter of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Start,
    Advisor,
    Factor,
    Overall,
    Recommend,
}

impl Group {
    fn of(question: &Question) -> Group {
        match (question.section, question.answer) {
            (Section::ServiceStart, _) => Group::Start,
            (Section::ServiceAdvisor, _) => Group::Advisor,
            (Section::Factor, _) => Group::Factor,
            (Section::Overall, AnswerKind::Score) => Group::Overall,
            (Section::Overall, AnswerKind::YesNo) => Group::Recommend,
        }
    }

    fn letter(self) -> &'static str {
        match self {
            Group::Start => "S",
            Group::Advisor => "A",
            Group::Factor => "F",
            Group::Overall => "O",
            Group::Recommend => "R",
        }
    }
}

/// A question with its box's code.
struct Coded<'q> {
    code: String,
    group: Group,
    question: &'q Question,
}

/// The questions in the questionnaire's order, each coded by its group's
/// letter and its place in the group: S1 S2 S3 A1 … F7 O R. The items and
/// factors are always numbered; O and R only when there are several.
fn codes(questionnaire: &Questionnaire) -> Vec<Coded<'_>> {
    let groups: Vec<Group> = questionnaire.questions.iter().map(Group::of).collect();
    questionnaire
        .questions
        .iter()
        .zip(&groups)
        .enumerate()
        .map(|(i, (question, &group))| {
            let place = groups[..=i].iter().filter(|&&g| g == group).count();
            let numbered = matches!(group, Group::Start | Group::Advisor | Group::Factor)
                || groups.iter().filter(|&&g| g == group).count() > 1;
            let code =
                if numbered { format!("{}{place}", group.letter()) } else { group.letter().to_owned() };
            Coded { code, group, question }
        })
        .collect()
}

/// An outcome's code: its place in `Outcome::ALL`, from 1.
pub(crate) fn outcome_code(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|&o| o == outcome).map_or(0, |i| i + 1)
}

// ---------------------------------------------------------------------------
// The head of every page and the legend

/// One heading of the legend with its codes and what they stand for.
struct LegendGroup {
    heading: String,
    entries: Vec<(String, String)>,
}

/// The questions by section (in the order the sections first appear), then the outcomes.
fn legend(coded: &[Coded<'_>], labels: &Labels, language: Language) -> Vec<LegendGroup> {
    let mut sections: Vec<(Section, LegendGroup)> = Vec::new();
    for c in coded {
        let q = c.question;
        let mut text = match language {
            Language::ZhCn => q.zh.clone(),
            Language::En => q.en.clone(),
        };
        if let Some(weight) = q.weight_bp {
            text = format!("{text} {}", tax_rate(weight));
        }
        if q.answer == AnswerKind::YesNo && c.group != Group::Recommend {
            text = format!("{text} {}", labels.yes_no);
        }
        let entry = (c.code.clone(), text);
        match sections.iter_mut().find(|(s, _)| *s == q.section) {
            Some((_, group)) => group.entries.push(entry),
            None => sections.push((
                q.section,
                LegendGroup { heading: labels.call_section(q.section).to_owned(), entries: vec![entry] },
            )),
        }
    }
    let mut groups: Vec<LegendGroup> = sections.into_iter().map(|(_, group)| group).collect();
    groups.push(LegendGroup {
        heading: labels.outcome_codes.to_owned(),
        entries: Outcome::ALL
            .iter()
            .map(|&o| (outcome_code(o).to_string(), labels.call_outcome(o).to_owned()))
            .collect(),
    });
    groups
}

/// The head every page starts with. On the first page: the dealership and
/// the title on the left with the filter under them, the list's date, the
/// caller and the number of calls on the right, then the legend in full. On
/// the others the same in one line, then the legend in a few lines.
fn page_head(paper: &mut Sheet<'_>, context: &Context<'_>, first: bool) -> Result<(), PrintError> {
    let (labels, sheet) = (context.labels, context.sheet);
    let (left, right, top) = (paper.left(), paper.right(), paper.y());
    let day = format!("{} {}", labels.call_date, date(sheet.date));
    let caller = sheet
        .caller
        .as_deref()
        .map_or_else(|| labels.all_callers.to_owned(), |name| format!("{} {name}", labels.caller));
    let count = fill(labels.call_count, &[("count", &sheet.calls.len().to_string())]);
    let who = fit(paper, &format!("{caller} · {count}"), BODY, paper.content_width() * 0.35)?;
    let filter = sheet.filter.as_deref().filter(|f| !f.trim().is_empty());

    let bottom = if first {
        paper.text(left, top, &context.head.dealership, DEALERSHIP, Align::Left)?;
        let title_top = top + DEALERSHIP.line_height() + 2.0;
        paper.text(left, title_top, labels.call_sheet, TITLE, Align::Left)?;
        paper.text(right, top + 1.0, &day, DATE, Align::Right)?;
        let who_top = top + 1.0 + DATE.line_height() + 2.0;
        paper.text(right, who_top, &who, BODY, Align::Right)?;
        let mut bottom = (title_top + TITLE.line_height()).max(who_top + BODY.line_height());
        if let Some(filter) = filter {
            let width =
                paper.content_width() - paper.measure(&who, BODY).max(paper.measure(&day, DATE)) - 20.0;
            let pieces = [Piece { label: labels.filter, value: filter, style: BODY, max: width }];
            line_of(paper, left, bottom, width, BODY.line_height(), &pieces)?;
            bottom += BODY.line_height();
        }
        bottom
    } else {
        // One line: the title, the dealership and the filter; the date, the caller and the count on the right.
        let line_height = DATE.line_height();
        let who = format!("{day} · {who}");
        let who_width = paper.measure(&who, BODY.bold());
        paper.text(right, top + (line_height - BODY.line_height()) / 2.0, &who, BODY.bold(), Align::Right)?;
        let title_width = paper.measure(labels.call_sheet, DATE);
        paper.text(left, top, labels.call_sheet, DATE, Align::Left)?;
        let x = left + title_width + 12.0;
        let width = right - who_width - 16.0 - x;
        let mut pieces =
            vec![Piece { label: "", value: &context.head.dealership, style: BODY, max: width * 0.6 }];
        if let Some(filter) = filter {
            pieces.push(Piece { label: labels.filter, value: filter, style: BODY, max: width });
        }
        line_of(paper, x, top, width, line_height, &pieces)?;
        top + line_height
    };
    let rule = bottom + 2.0;
    paper.hline(left, right, rule, 1.2);
    paper.gap(rule - top + 4.0);
    if sheet.calls.is_empty() {
        return Ok(());
    }
    if first { full_legend(paper, context) } else { compact_legend(paper, context) }
}

/// The legend as columns of code → text under their headings, then the scale.
fn full_legend(paper: &mut Sheet<'_>, context: &Context<'_>) -> Result<(), PrintError> {
    let groups = &context.legend;
    let columns = groups.len().clamp(1, 4);
    let gap = 14.0;
    let inset = 5.0;
    let width = (paper.content_width() - 2.0 * inset - gap * (columns - 1) as f32) / columns as f32;
    let heading_style = LEGEND.bold();
    let line_height = LEGEND.line_height();
    let code_width = groups
        .iter()
        .flat_map(|g| &g.entries)
        .map(|(code, _)| paper.measure(code, heading_style))
        .fold(0.0, f32::max)
        + 4.0;
    // Each group wrapped in its column: the heading, then each entry's lines.
    let mut laid = Vec::with_capacity(groups.len());
    for group in groups {
        let heading = fit(paper, &group.heading, heading_style, width)?;
        let mut entries = Vec::with_capacity(group.entries.len());
        for (code, text) in &group.entries {
            entries.push((code.as_str(), paper.lines(text, LEGEND, width - code_width)?));
        }
        let lines: usize = entries.iter().map(|(_, l)| l.len()).sum();
        let height = heading_style.line_height() + 1.0 + lines as f32 * line_height;
        laid.push((heading, entries, height));
    }
    let heights: Vec<f32> = laid.iter().map(|(_, _, h)| *h).collect();
    let column_of = balance(&heights, columns);
    let mut column_heights = vec![0.0_f32; columns];
    for (&column, &height) in column_of.iter().zip(&heights) {
        column_heights[column] += height + 4.0;
    }
    let grid = column_heights.iter().copied().fold(0.0, f32::max) - 4.0;
    let scale = fit(paper, context.labels.scale_note, heading_style, paper.content_width() - 2.0 * inset)?;
    let height = inset + grid + 3.0 + heading_style.line_height() + inset;

    let (left, top) = (paper.left(), paper.y());
    paper.fill_rect(left, top, paper.content_width(), height, 0.95);
    let mut column_y = vec![top + inset; columns];
    for ((heading, entries, height), &column) in laid.iter().zip(&column_of) {
        let x = left + inset + column as f32 * (width + gap);
        let mut y = column_y[column];
        paper.text(x, y, heading, heading_style, Align::Left)?;
        y += heading_style.line_height() + 1.0;
        for (code, lines) in entries {
            paper.text(x, y, code, heading_style, Align::Left)?;
            for line in lines {
                paper.text(x + code_width, y, line, LEGEND, Align::Left)?;
                y += line_height;
            }
        }
        column_y[column] += height + 4.0;
    }
    paper.text(left + inset, top + inset + grid + 3.0, &scale, heading_style, Align::Left)?;
    paper.gap(height + 6.0);
    Ok(())
}

/// Groups in order into at most `columns` columns, as evenly as the order
/// allows: the least height that packs them, tried from the tallest group up.
fn balance(heights: &[f32], columns: usize) -> Vec<usize> {
    let pack = |limit: f32| {
        let (mut column, mut used) = (0, 0.0);
        let mut column_of = Vec::with_capacity(heights.len());
        for &h in heights {
            if used > 0.0 && used + h > limit + 0.01 {
                column += 1;
                used = 0.0;
            }
            used += h;
            column_of.push(column);
        }
        column_of
    };
    let mut limits: Vec<f32> = (0..heights.len())
        .flat_map(|from| (from + 1..=heights.len()).map(move |to| heights[from..to].iter().sum()))
        .collect();
    limits.sort_by(f32::total_cmp);
    limits
        .into_iter()
        .map(pack)
        .find(|column_of| column_of.last().is_none_or(|&last| last < columns))
        .unwrap_or_else(|| (0..heights.len()).map(|i| i.min(columns.saturating_sub(1))).collect())
}

/// The legend in a few lines: every code with its text, the outcomes, the scale.
fn compact_legend(paper: &mut Sheet<'_>, context: &Context<'_>) -> Result<(), PrintError> {
    let code_style = LEGEND_COMPACT.bold();
    let inset = 4.0;
    let (left, right) = (paper.left() + inset, paper.right() - inset);
    let mut units: Vec<(String, String, bool)> = Vec::new();
    for (i, group) in context.legend.iter().enumerate() {
        let last = i + 1 == context.legend.len();
        if last {
            units.push((context.labels.outcome_box.to_owned(), String::new(), true));
        }
        for (j, (code, text)) in group.entries.iter().enumerate() {
            units.push((code.clone(), text.clone(), j == 0 && !last));
        }
    }
    units.push((String::new(), context.labels.scale_note.to_owned(), true));

    // Laid out first, to know the height for the shading behind it.
    let mut placed: Vec<(f32, usize, String, String)> = Vec::with_capacity(units.len());
    let (mut x, mut line) = (left, 0);
    for (code, text, starts_group) in units {
        let space = if x == left {
            0.0
        } else if starts_group {
            12.0
        } else {
            7.0
        };
        let code_width = if code.is_empty() { 0.0 } else { paper.measure(&code, code_style) + 2.5 };
        let text = fit(paper, &text, LEGEND_COMPACT, right - left - code_width)?;
        let width = code_width + paper.measure(&text, LEGEND_COMPACT);
        if x > left && x + space + width > right {
            line += 1;
            x = left;
        } else {
            x += space;
        }
        placed.push((x, line, code, text));
        x += width;
    }
    let line_height = LEGEND_COMPACT.line_height();
    let height = (line + 1) as f32 * line_height + 2.0 * 2.5;
    let top = paper.y();
    paper.fill_rect(paper.left(), top, paper.content_width(), height, 0.95);
    for (x, line, code, text) in placed {
        let y = top + 2.5 + line as f32 * line_height;
        let mut x = x;
        if !code.is_empty() {
            paper.text(x, y, &code, code_style, Align::Left)?;
            x += paper.measure(&code, code_style) + 2.5;
        }
        paper.text(x, y, &text, LEGEND_COMPACT, Align::Left)?;
    }
    paper.gap(height + 5.0);
    Ok(())
}

// ---------------------------------------------------------------------------
// The blocks

/// Where the parts of a block go across the page: the same for every block.
struct Frame {
    /// The left edge of the customer's details, and their width.
    info_x: f32,
    info_width: f32,
    /// The left edge of the boxes and the note.
    boxes_x: f32,
    /// The boxes: the outcome's first, then one per question.
    cells: Vec<Cell>,
    /// How many rows the boxes take (one unless the questionnaire is long).
    rows: usize,
}

/// One box with its code above it.
struct Cell {
    /// The left edge of the cell; the box is centred in `width`.
    x: f32,
    width: f32,
    row: usize,
    code: String,
    bold: bool,
}

/// The height of a row of boxes with their codes.
const BOX_ROW: f32 = CODE.size * 1.35 + 1.0 + BOX;

impl Frame {
    fn new(paper: &Sheet<'_>, labels: &Labels, coded: &[Coded<'_>]) -> Frame {
        let left = paper.left();
        let inner = paper.content_width() - NUMBER_WIDTH;
        let mut wanted: Vec<(String, f32, bool, Option<Group>)> = Vec::with_capacity(coded.len() + 1);
        let outcome = labels.outcome_box.to_owned();
        let outcome_width = paper.measure(&outcome, CODE.bold()).max(BOX);
        wanted.push((outcome, outcome_width, true, None));
        for c in coded {
            wanted.push((c.code.clone(), paper.measure(&c.code, CODE).max(BOX), false, Some(c.group)));
        }
        // As wide as the boxes want on one row, capped so the details keep room.
        let right = paper.right() - PAD;
        let (one_row, _) = place(&wanted, 0.0, f32::INFINITY);
        let one_row_width = one_row.last().map_or(0.0, |c| c.x + c.width);
        let boxes_x = right - one_row_width.min(inner * BOXES_SHARE);
        let (cells, rows) = place(&wanted, boxes_x, right);
        let info_x = left + NUMBER_WIDTH + PAD + 2.0;
        let info_width = boxes_x - COLUMN_GAP - info_x;
        Frame { info_x, info_width, boxes_x, cells, rows }
    }
}

/// The boxes placed in rows from `from` to `to`, a wider gap between groups; and how many rows they take.
fn place(wanted: &[(String, f32, bool, Option<Group>)], from: f32, to: f32) -> (Vec<Cell>, usize) {
    let mut cells = Vec::with_capacity(wanted.len());
    let (mut x, mut row) = (from, 0);
    let mut previous: Option<Option<Group>> = None;
    for (code, width, bold, group) in wanted {
        let space = match previous {
            None => 0.0,
            Some(p) if p == *group => BOX_GAP,
            Some(_) => GROUP_GAP + BOX_GAP,
        };
        if x > from && x + space + width > to {
            row += 1;
            x = from;
        } else {
            x += space;
        }
        cells.push(Cell { x, width: *width, row, code: code.clone(), bold: *bold });
        x += width;
        previous = Some(*group);
    }
    (cells, row + 1)
}

/// A call ready to draw: its texts cut to fit, and its height.
struct Block<'c> {
    call: &'c FollowUpCall,
    row: String,
    row_style: Style,
    name: String,
    /// Attempts so far, the last outcome, a call-back time, an overdue window.
    status: String,
    work: Vec<String>,
    height: f32,
}

impl<'c> Block<'c> {
    fn new(
        paper: &Sheet<'_>,
        context: &Context<'_>,
        call: &'c FollowUpCall,
    ) -> Result<Block<'c>, PrintError> {
        let (labels, frame) = (context.labels, &context.frame);
        let row = call.row.to_string();
        let mut row_style = ROW_NUMBER;
        let row_width = paper.measure(&row, row_style);
        if row_width > NUMBER_WIDTH - 10.0 {
            row_style.size *= (NUMBER_WIDTH - 10.0) / row_width;
        }
        let name = fit(paper, &call.customer_name, NAME, frame.info_width * 0.5)?;
        let status = fit(paper, &status(call, context), CELL.bold(), frame.info_width)?;
        let work_label = paper.measure(labels.work_done, SMALL) + 4.0;
        let work = lines_cut(
            paper,
            &work_done(&call.work_done, context.language),
            CELL,
            frame.info_width - work_label,
        )?;

        let line = CELL.line_height();
        let status_lines = usize::from(!status.is_empty());
        let info = NAME.line_height() + line * (2 + status_lines + WORK_LINES) as f32;
        let boxes = frame.rows as f32 * (BOX_ROW + 3.0) + 2.0 * NOTE_LINE;
        let height = info.max(boxes) + 2.0 * PAD;
        Ok(Block { call, row, row_style, name, status, work, height })
    }

    fn draw(&self, paper: &mut Sheet<'_>, context: &Context<'_>) -> Result<(), PrintError> {
        let (labels, frame, call) = (context.labels, &context.frame, self.call);
        let (left, top, width, height) = (paper.left(), paper.y(), paper.content_width(), self.height);

        // The frame, the shaded row-number column and the rule before the boxes.
        paper.fill_rect(left, top, NUMBER_WIDTH, height, 0.9);
        paper.stroke_rect(left, top, width, height);
        paper.fill_rect(frame.boxes_x - COLUMN_GAP / 2.0, top + PAD, 0.4, height - 2.0 * PAD, 0.6);
        paper.text(left + NUMBER_WIDTH / 2.0, top + PAD, &self.row, self.row_style, Align::Center)?;

        // The customer, the phone, the vehicle, the advisor, the work done.
        let (x, w) = (frame.info_x, frame.info_width);
        let mut y = top + PAD;
        let mobile = phone(&call.mobile);
        line_of(
            paper,
            x,
            y,
            w,
            NAME.line_height(),
            &[
                Piece { label: "", value: &self.name, style: NAME, max: w },
                Piece { label: labels.mobile, value: &mobile, style: BODY, max: w },
            ],
        )?;
        y += NAME.line_height();
        let plate = call.plate.as_deref().unwrap_or_default();
        line_of(
            paper,
            x,
            y,
            w,
            CELL.line_height(),
            &[
                Piece { label: labels.plate, value: plate, style: CELL.bold(), max: w * 0.35 },
                Piece { label: labels.model, value: &call.vehicle_label, style: CELL, max: w },
            ],
        )?;
        y += CELL.line_height();
        let handed_over = date(call.handed_over_on);
        line_of(
            paper,
            x,
            y,
            w,
            CELL.line_height(),
            &[
                Piece { label: labels.advisor, value: &call.advisor_name, style: CELL, max: w * 0.4 },
                Piece { label: labels.handed_over_on, value: &handed_over, style: CELL, max: w },
            ],
        )?;
        y += CELL.line_height();
        if !self.status.is_empty() {
            paper.text(x, y, &self.status, CELL.bold(), Align::Left)?;
            y += CELL.line_height();
        }
        let label_top = y + (CELL.line_height() - SMALL.line_height()) / 2.0;
        paper.text(x, label_top, labels.work_done, SMALL, Align::Left)?;
        let work_x = x + paper.measure(labels.work_done, SMALL) + 4.0;
        for line in &self.work {
            paper.text(work_x, y, line, CELL, Align::Left)?;
            y += CELL.line_height();
        }

        // The boxes, each under its code.
        let code_height = CODE.line_height();
        for cell in &frame.cells {
            let row_top = top + PAD + cell.row as f32 * (BOX_ROW + 3.0);
            let style = if cell.bold { CODE.bold() } else { CODE };
            paper.text(cell.x + cell.width / 2.0, row_top, &cell.code, style, Align::Center)?;
            let box_x = cell.x + (cell.width - BOX) / 2.0;
            paper.stroke_rect(box_x, row_top + code_height + 1.0, BOX, BOX);
        }

        // The note: ruled lines down to the block's foot.
        let right = paper.right() - PAD;
        let note_top = top + PAD + frame.rows as f32 * (BOX_ROW + 3.0);
        let foot = top + height - PAD;
        let mut line_y = note_top + NOTE_LINE;
        let label_x = frame.boxes_x;
        paper.text(label_x, line_y - SMALL.line_height() - 0.5, labels.note, SMALL, Align::Left)?;
        let mut from = label_x + paper.measure(labels.note, SMALL) + 3.0;
        while line_y <= foot + 0.01 {
            paper.hline(from, right, line_y, 0.3);
            from = label_x;
            line_y += NOTE_LINE;
        }
        paper.gap(height);
        Ok(())
    }
}

/// What the caller should know before dialling: who has the call (on an
/// all-callers sheet), the attempt, the last outcome, the agreed call-back
/// time, a closed window or status. Empty for a first call with nothing to say.
fn status(call: &FollowUpCall, context: &Context<'_>) -> String {
    let labels = context.labels;
    let mut parts = Vec::new();
    if context.sheet.caller.is_none()
        && let Some(caller) = &call.caller_name
    {
        parts.push(format!("{} {caller}", labels.caller));
    }
    if call.attempts > 0 {
        parts.push(fill(labels.attempt, &[("n", &(call.attempts + 1).to_string())]));
    }
    if let Some(outcome) = call.last_outcome {
        parts.push(fill(labels.last_outcome, &[("outcome", labels.call_outcome(outcome))]));
    }
    if let Some(at) = call.call_back_at {
        let time =
            if at.date() == context.sheet.date { at.format("%H:%M").to_string() } else { date_time(at) };
        parts.push(fill(labels.call_back, &[("time", &time)]));
    }
    if call.status != CallStatus::Open {
        parts.push(labels.call_status(call.status).to_owned());
    } else if call.due == Due::Overdue {
        parts.push(labels.overdue.to_owned());
    }
    parts.join(" · ")
}

/// The work done on one line of text: the order's lines joined.
fn work_done(text: &str, language: Language) -> String {
    let separator = match language {
        Language::ZhCn => "；",
        Language::En => "; ",
    };
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(separator)
}

/// A mainland mobile as it is dialled: `138 1234 5678`; anything else as it is.
pub(crate) fn phone(number: &str) -> String {
    let number = number.trim();
    if number.len() == 11 && number.starts_with('1') && number.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {} {}", &number[..3], &number[3..7], &number[7..])
    } else {
        number.to_owned()
    }
}

// ---------------------------------------------------------------------------
// Text that must fit

/// One item of a line of details: a small grey label (may be empty) and a
/// value in its style, at most `max` wide.
pub(crate) struct Piece<'a> {
    pub label: &'a str,
    pub value: &'a str,
    pub style: Style,
    pub max: f32,
}

/// Pieces along one line from `x`, within `width`, sharing a baseline. A
/// value that does not fit is cut with "…"; an empty value is left out with
/// its label, and what no longer fits at all is left out.
pub(crate) fn line_of(
    paper: &mut Sheet<'_>,
    x: f32,
    top: f32,
    width: f32,
    line_height: f32,
    pieces: &[Piece<'_>],
) -> Result<(), PrintError> {
    let end = x + width;
    let mut at = x;
    for piece in pieces {
        if piece.value.trim().is_empty() {
            continue;
        }
        if !piece.label.is_empty() {
            let label_width = paper.measure(piece.label, SMALL);
            if at + label_width + 12.0 > end {
                break;
            }
            paper.text(
                at,
                top + (line_height - SMALL.line_height()) / 2.0,
                piece.label,
                SMALL,
                Align::Left,
            )?;
            at += label_width + 3.0;
        }
        let value = fit(paper, piece.value, piece.style, (end - at).min(piece.max))?;
        paper.text(
            at,
            top + (line_height - piece.style.line_height()) / 2.0,
            &value,
            piece.style,
            Align::Left,
        )?;
        at += paper.measure(&value, piece.style) + 10.0;
    }
    Ok(())
}

/// `text` on one line no wider than `width`, cut with "…" when it is longer.
pub(crate) fn fit(paper: &Sheet<'_>, text: &str, style: Style, width: f32) -> Result<String, PrintError> {
    let mut lines = paper.lines(&text.replace('\n', " "), style, width)?.into_iter();
    let first = lines.next().unwrap_or_default();
    Ok(if lines.next().is_some() { ellipsis(paper, first, style, width) } else { first })
}

/// `text` wrapped in `width` to at most [`WORK_LINES`] lines, the last cut with "…" when there is more.
fn lines_cut(paper: &Sheet<'_>, text: &str, style: Style, width: f32) -> Result<Vec<String>, PrintError> {
    let mut lines = paper.lines(text, style, width)?;
    if lines.len() > WORK_LINES {
        lines.truncate(WORK_LINES);
        if let Some(last) = lines.pop() {
            lines.push(ellipsis(paper, last, style, width));
        }
    }
    Ok(lines)
}

/// `line` shortened until it and a "…" fit in `width`, without a dangling separator before the "…".
pub(crate) fn ellipsis(paper: &Sheet<'_>, mut line: String, style: Style, width: f32) -> String {
    let room = width - paper.measure("…", style);
    while !line.is_empty() && paper.measure(&line, style) > room {
        line.pop();
    }
    while line.ends_with(|c: char| c.is_whitespace() || "，、；：,;:·-/（(".contains(c)) {
        line.pop();
    }
    line.push('…');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_questionnaire_by_section_and_place() {
        let questionnaire = Questionnaire::default();
        let codes: Vec<String> = codes(&questionnaire).into_iter().map(|c| c.code).collect();
        let expected: Vec<String> = ["S1", "S2", "S3"]
            .into_iter()
            .map(str::to_owned)
            .chain((1..=8).map(|n| format!("A{n}")))
            .chain((1..=7).map(|n| format!("F{n}")))
            .chain(["O".to_owned(), "R".to_owned()])
            .collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn a_second_overall_score_numbers_both() {
        let mut questionnaire = Questionnaire::default();
        let mut again = questionnaire.questions[questionnaire.questions.len() - 2].clone();
        again.key = "overall_again".into();
        questionnaire.questions.push(again);
        let codes: Vec<String> = codes(&questionnaire).into_iter().map(|c| c.code).collect();
        assert_eq!(codes[codes.len() - 3..], ["O1", "R", "O2"]);
    }

    #[test]
    fn outcome_codes_run_from_one_in_keyboard_order() {
        let codes: Vec<usize> = Outcome::ALL.iter().map(|&o| outcome_code(o)).collect();
        assert_eq!(codes, [1, 2, 3, 4, 5, 6]);
        assert_eq!(outcome_code(Outcome::CallBack), 6);
    }

    #[test]
    fn columns_balance_in_order() {
        assert_eq!(balance(&[4.0, 9.0, 8.0, 3.0, 7.0], 4), [0, 1, 2, 3, 3]);
        assert_eq!(balance(&[1.0, 1.0, 1.0, 1.0], 2), [0, 0, 1, 1]);
        assert_eq!(balance(&[5.0], 4), [0]);
        assert!(balance(&[], 4).is_empty());
    }

    #[test]
    fn mobiles_are_grouped_for_dialling() {
        assert_eq!(phone("13812345678"), "138 1234 5678");
        assert_eq!(phone("010-6552 1234"), "010-6552 1234");
        assert_eq!(phone("1381234567"), "1381234567");
    }

    #[test]
    fn work_done_is_one_text() {
        assert_eq!(work_done("更换机油\n\n 更换机滤 \n", Language::ZhCn), "更换机油；更换机滤");
        assert_eq!(work_done("Oil\nFilter", Language::En), "Oil; Filter");
    }
}
