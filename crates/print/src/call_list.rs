//! What the call lists on landscape A4 share beside the follow-up call sheet:
//! the event invitation sheet (DOMAIN.md §6, §7) and the proactive-care call
//! sheets. They are built like the follow-up call sheet, on its pieces: every
//! page starts with the list's head — in full on the first page, in a line or
//! two on the others — and the legend of the boxes; then one block per call in
//! the list's order, headed by the row number the screen shows, with the
//! customer, the phone, the vehicle and what the caller should know, the boxes
//! to tick or fill in, and ruled lines for a note. A block never splits across
//! pages; text that does not fit its place is cut with "…" by measured width.
//! The footer has the dealership, the printing time and "page x / N".

use crate::call_sheet::{Piece, ellipsis, fit, line_of, phone};
use crate::format::date_time;
use crate::labels::{Labels, fill};
use crate::layout::{Align, BODY, CELL, Chrome, DEALERSHIP, LABEL, Paper, SMALL, Sheet, Style, TITLE};
use crate::visit_paper::pdf_date;
use crate::{Fonts, Letterhead, PrintError};

/// The row number: large, so the caller finds the row the screen names.
const ROW_NUMBER: Style = Style { size: 20.0, bold: true, grey: false };
const NAME: Style = Style { size: 10.5, bold: true, grey: false };
/// The first line at the top right (the day, the theme).
const MAIN: Style = Style { size: 12.0, bold: true, grey: false };
/// A box's label above it.
const BOX_LABEL: Style = Style { size: 7.5, bold: true, grey: false };
const LEGEND: Style = Style { size: 7.5, bold: false, grey: false };

/// The width of a block's row-number column.
const NUMBER_WIDTH: f32 = 44.0;
/// Padding inside a block.
const PAD: f32 = 4.0;
/// The space between a block's details and its boxes.
const COLUMN_GAP: f32 = 8.0;
/// A box: room for a tick or a handwritten digit.
const BOX: f32 = 15.0;
const BOX_GAP: f32 = 14.0;
/// The share of a block (after its number) the boxes and the note take at least.
const BOXES_SHARE: f32 = 0.42;
/// The spacing of the note's ruled lines; a block has at least two.
const NOTE_LINE: f32 = 14.0;
/// The lines a block's longer text (a reason) may take; more is cut with "…".
const TEXT_LINES: usize = 2;
/// The lines the note under the head (the script) may take.
const HEAD_NOTE_LINES: usize = 3;

/// The height of a row of boxes with their labels.
const BOX_ROW: f32 = BOX_LABEL.size * 1.35 + 1.0 + BOX;

/// A list as it is printed: its head, the legend of its boxes, and its calls.
pub(crate) struct CallList {
    /// The PDF's title.
    pub document: String,
    pub title: String,
    /// Small, beside the title.
    pub subtitle: Option<String>,
    /// At the top right: the first line bold (the day, the theme), then the others.
    pub right: Vec<String>,
    /// Under the title on the first page, across it: a label and a text (the script).
    pub note: Option<(String, String)>,
    /// The legend, in order.
    pub legend: Vec<LegendUnit>,
    /// The boxes of every block, left to right, each under its label (a tick box or a code to write in).
    pub boxes: Vec<String>,
    /// What an empty list says.
    pub empty: String,
    pub entries: Vec<Entry>,
}

/// One item of the legend: a code in bold (may be empty) and its text; a
/// group's first item keeps a wider space before it.
pub(crate) struct LegendUnit {
    pub code: String,
    pub text: String,
    pub starts_group: bool,
}

impl LegendUnit {
    pub fn new(code: impl Into<String>, text: impl Into<String>, starts_group: bool) -> LegendUnit {
        LegendUnit { code: code.into(), text: text.into(), starts_group }
    }
}

/// One call of the list.
pub(crate) struct Entry {
    /// The row number on the screen.
    pub row: u32,
    pub name: String,
    pub mobile: String,
    pub plate: Option<String>,
    pub model: Option<String>,
    /// What follows the vehicle, line by line; a line with nothing to say is left out.
    pub lines: Vec<Line>,
    /// What the caller should know before dialling, in bold, last; empty for nothing.
    pub status: String,
}

/// A line of a block's details.
pub(crate) enum Line {
    /// Labelled values along one line; an empty value is left out with its label.
    Details(Vec<Detail>),
    /// A longer text with its label (a reason), on at most two lines.
    Text(&'static str, String),
}

/// A labelled value on a line of details, at most `share` of the line wide.
pub(crate) struct Detail {
    pub label: &'static str,
    pub value: String,
    pub bold: bool,
    pub share: f32,
}

impl Detail {
    pub fn new(label: &'static str, value: impl Into<String>, bold: bool, share: f32) -> Detail {
        Detail { label, value: value.into(), bold, share }
    }
}

/// Prints `list` on landscape A4 in the letterhead's language.
pub(crate) fn print(fonts: &Fonts, list: &CallList, head: &Letterhead) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let chrome = Chrome {
        // Every page draws its own head (`page_head`).
        running_head: String::new(),
        footer_note: format!("{} · {} {}", head.dealership, labels.printed, date_time(head.printed_at)),
        page_label: Box::new(move |page, pages| {
            fill(labels.page, &[("page", &page.to_string()), ("pages", &pages.to_string())])
        }),
    };
    let created = pdf_date(head.printed_at, head.utc_offset);
    let mut paper = Sheet::new(fonts, Paper::A4Landscape, &list.document, created, chrome)?;
    let frame = Frame::new(&paper, &list.boxes);

    page_head(&mut paper, list, head, true)?;
    if list.entries.is_empty() {
        let (left, top) = (paper.left(), paper.y() + 6.0);
        paper.text(left, top, &list.empty, BODY, Align::Left)?;
        return paper.finish();
    }
    for entry in &list.entries {
        let block = Block::new(&paper, &frame, entry)?;
        if paper.keep(block.height) {
            page_head(&mut paper, list, head, false)?;
        }
        block.draw(&mut paper, &frame, labels)?;
    }
    paper.finish()
}

// ---------------------------------------------------------------------------
// The head and the legend

/// The head every page starts with. On the first page: the dealership and the
/// title on the left, the lines of `right` on the right, the note across the
/// page under them. On the others: the title, the dealership and the right
/// lines in one line, or two when they do not fit in one. Then the legend.
fn page_head(
    paper: &mut Sheet<'_>,
    list: &CallList,
    head: &Letterhead,
    first: bool,
) -> Result<(), PrintError> {
    let (left, right, top) = (paper.left(), paper.right(), paper.y());
    let half = paper.content_width() / 2.0 - 10.0;
    let bottom = if first {
        let dealership = fit(paper, &head.dealership, DEALERSHIP, half)?;
        paper.text(left, top, &dealership, DEALERSHIP, Align::Left)?;
        let title_top = top + DEALERSHIP.line_height() + 2.0;
        let title = fit(paper, &list.title, TITLE, half)?;
        paper.text(left, title_top, &title, TITLE, Align::Left)?;
        if let Some(subtitle) = &list.subtitle {
            let x = left + paper.measure(&title, TITLE) + 10.0;
            let subtitle = fit(paper, subtitle, LABEL, left + half - x)?;
            let y = title_top + TITLE.line_height() - BODY.line_height() - 1.0;
            paper.text(x, y, &subtitle, LABEL, Align::Left)?;
        }
        let mut y = top + 1.0;
        for (i, line) in list.right.iter().enumerate() {
            let style = if i == 0 { MAIN } else { BODY };
            let line = fit(paper, line, style, half)?;
            paper.text(right, y, &line, style, Align::Right)?;
            y += style.line_height() + if i == 0 { 2.0 } else { 0.0 };
        }
        let mut bottom = (title_top + TITLE.line_height()).max(y);
        if let Some((label, text)) = &list.note {
            bottom += 2.0;
            let label_width = paper.measure(label, SMALL) + 4.0;
            let lines = cut_lines(paper, text, BODY, paper.content_width() - label_width, HEAD_NOTE_LINES)?;
            paper.text(
                left,
                bottom + (BODY.line_height() - SMALL.line_height()) / 2.0,
                label,
                SMALL,
                Align::Left,
            )?;
            for line in &lines {
                paper.text(left + label_width, bottom, line, BODY, Align::Left)?;
                bottom += BODY.line_height();
            }
        }
        bottom
    } else {
        let line_height = MAIN.line_height();
        let title = fit(paper, &list.title, MAIN, half)?;
        let title_width = paper.measure(&title, MAIN);
        paper.text(left, top, &title, MAIN, Align::Left)?;
        let x = left + title_width + 12.0;
        // What is left after the title and room for the dealership.
        let room = right - x - 90.0;
        let joined = list.right.join(" · ");
        let centre = |style: Style| top + (line_height - style.line_height()) / 2.0;
        let (right_width, bottom) = if paper.measure(&joined, BODY.bold()) <= room {
            paper.text(right, centre(BODY), &joined, BODY.bold(), Align::Right)?;
            (paper.measure(&joined, BODY.bold()), top + line_height)
        } else {
            let (main, rest) = list.right.split_first().map_or(("", &[][..]), |(m, r)| (m.as_str(), r));
            let main = fit(paper, main, BODY.bold(), room)?;
            paper.text(right, centre(BODY), &main, BODY.bold(), Align::Right)?;
            let rest = fit(paper, &rest.join(" · "), BODY, paper.content_width())?;
            paper.text(right, top + line_height, &rest, BODY, Align::Right)?;
            (paper.measure(&main, BODY.bold()), top + line_height + BODY.line_height())
        };
        let dealership = fit(paper, &head.dealership, BODY, right - right_width - 16.0 - x)?;
        paper.text(x, centre(BODY), &dealership, BODY, Align::Left)?;
        bottom
    };
    let rule = bottom + 2.0;
    paper.hline(left, right, rule, 1.2);
    paper.gap(rule - top + 4.0);
    if list.entries.is_empty() {
        return Ok(());
    }
    legend(paper, &list.legend)
}

/// The legend on a shaded band: each code in bold with its text, run along
/// lines; a group's first item after a wider space.
fn legend(paper: &mut Sheet<'_>, units: &[LegendUnit]) -> Result<(), PrintError> {
    let code_style = LEGEND.bold();
    let inset = 4.0;
    let (left, right) = (paper.left() + inset, paper.right() - inset);
    // Laid out first, to know the height of the shading behind it.
    let mut placed: Vec<(f32, usize, &str, String)> = Vec::with_capacity(units.len());
    let (mut x, mut line) = (left, 0);
    for unit in units {
        let space = if x == left {
            0.0
        } else if unit.starts_group {
            14.0
        } else {
            7.0
        };
        let code_width = if unit.code.is_empty() { 0.0 } else { paper.measure(&unit.code, code_style) + 2.5 };
        let text = fit(paper, &unit.text, LEGEND, right - left - code_width)?;
        let width = code_width + paper.measure(&text, LEGEND);
        if x > left && x + space + width > right {
            line += 1;
            x = left;
        } else {
            x += space;
        }
        placed.push((x, line, &unit.code, text));
        x += width;
    }
    let line_height = LEGEND.line_height();
    let height = (line + 1) as f32 * line_height + 2.0 * 2.5;
    let top = paper.y();
    paper.fill_rect(paper.left(), top, paper.content_width(), height, 0.95);
    for (x, line, code, text) in placed {
        let y = top + 2.5 + line as f32 * line_height;
        let mut x = x;
        if !code.is_empty() {
            paper.text(x, y, code, code_style, Align::Left)?;
            x += paper.measure(code, code_style) + 2.5;
        }
        paper.text(x, y, &text, LEGEND, Align::Left)?;
    }
    paper.gap(height + 5.0);
    Ok(())
}

// ---------------------------------------------------------------------------
// The blocks

/// Where the parts of a block go across the page: the same for every block.
struct Frame {
    /// The left edge of the details, and their width.
    info_x: f32,
    info_width: f32,
    /// The left edge of the boxes and the note.
    boxes_x: f32,
    /// Each box: the left edge and width of its cell (the box centred in it), its row and label.
    cells: Vec<(f32, f32, usize, String)>,
    rows: usize,
}

impl Frame {
    fn new(paper: &Sheet<'_>, boxes: &[String]) -> Frame {
        let inner = paper.content_width() - NUMBER_WIDTH;
        let right = paper.right() - PAD;
        let widths: Vec<f32> = boxes.iter().map(|b| paper.measure(b, BOX_LABEL).max(BOX)).collect();
        let one_row = widths.iter().sum::<f32>() + BOX_GAP * widths.len().saturating_sub(1) as f32;
        let area = one_row.clamp(inner * BOXES_SHARE, inner * 0.6);
        let boxes_x = right - area;
        let (mut x, mut row) = (boxes_x, 0);
        let mut cells = Vec::with_capacity(boxes.len());
        for (label, &width) in boxes.iter().zip(&widths) {
            if x > boxes_x && x + width > right {
                row += 1;
                x = boxes_x;
            }
            cells.push((x, width, row, label.clone()));
            x += width + BOX_GAP;
        }
        let info_x = paper.left() + NUMBER_WIDTH + PAD + 2.0;
        let info_width = boxes_x - COLUMN_GAP - info_x;
        Frame { info_x, info_width, boxes_x, cells, rows: row + 1 }
    }
}

/// An entry ready to draw: its texts cut to fit, and its height.
struct Block<'e> {
    entry: &'e Entry,
    row: String,
    row_style: Style,
    name: String,
    /// Whether the entry has a plate or a model to show.
    vehicle: bool,
    lines: Vec<Laid<'e>>,
    status: String,
    height: f32,
}

/// A line of details as it will be drawn.
enum Laid<'e> {
    Details(&'e [Detail]),
    /// The label and the text's lines.
    Text(&'static str, Vec<String>),
}

impl Laid<'_> {
    fn count(&self) -> usize {
        match self {
            Laid::Details(_) => 1,
            Laid::Text(_, lines) => lines.len(),
        }
    }
}

impl<'e> Block<'e> {
    fn new(paper: &Sheet<'_>, frame: &Frame, entry: &'e Entry) -> Result<Block<'e>, PrintError> {
        let row = entry.row.to_string();
        let mut row_style = ROW_NUMBER;
        let row_width = paper.measure(&row, row_style);
        if row_width > NUMBER_WIDTH - 10.0 {
            row_style.size *= (NUMBER_WIDTH - 10.0) / row_width;
        }
        let name = fit(paper, &entry.name, NAME, frame.info_width * 0.5)?;
        let status = fit(paper, &entry.status, CELL.bold(), frame.info_width)?;
        let filled = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
        let vehicle = filled(&entry.plate) || filled(&entry.model);
        let mut lines = Vec::with_capacity(entry.lines.len());
        for line in &entry.lines {
            match line {
                Line::Details(details) if details.iter().any(|d| !d.value.trim().is_empty()) => {
                    lines.push(Laid::Details(details));
                }
                Line::Text(label, text) if !text.trim().is_empty() => {
                    let width = frame.info_width - paper.measure(label, SMALL) - 4.0;
                    let text = cut_lines(paper, &text.replace('\n', " "), CELL, width, TEXT_LINES)?;
                    lines.push(Laid::Text(label, text));
                }
                _ => {}
            }
        }
        let count = usize::from(vehicle)
            + lines.iter().map(Laid::count).sum::<usize>()
            + usize::from(!status.is_empty());
        let info = NAME.line_height() + CELL.line_height() * count as f32;
        let boxes = frame.rows as f32 * (BOX_ROW + 3.0) + 2.0 * NOTE_LINE;
        let height = info.max(boxes) + 2.0 * PAD;
        Ok(Block { entry, row, row_style, name, vehicle, lines, status, height })
    }

    fn draw(&self, paper: &mut Sheet<'_>, frame: &Frame, labels: &Labels) -> Result<(), PrintError> {
        let entry = self.entry;
        let (left, top, width, height) = (paper.left(), paper.y(), paper.content_width(), self.height);

        // The frame, the shaded row-number column and the rule before the boxes.
        paper.fill_rect(left, top, NUMBER_WIDTH, height, 0.9);
        paper.stroke_rect(left, top, width, height);
        paper.fill_rect(frame.boxes_x - COLUMN_GAP / 2.0, top + PAD, 0.4, height - 2.0 * PAD, 0.6);
        paper.text(left + NUMBER_WIDTH / 2.0, top + PAD, &self.row, self.row_style, Align::Center)?;

        // The customer and the phone, the vehicle, the details, the status.
        let (x, w) = (frame.info_x, frame.info_width);
        let line = CELL.line_height();
        let mut y = top + PAD;
        let mobile = phone(&entry.mobile);
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
        if self.vehicle {
            let plate = entry.plate.as_deref().unwrap_or_default();
            let model = entry.model.as_deref().unwrap_or_default();
            line_of(
                paper,
                x,
                y,
                w,
                line,
                &[
                    Piece { label: labels.plate, value: plate, style: CELL.bold(), max: w * 0.35 },
                    Piece { label: labels.model, value: model, style: CELL, max: w },
                ],
            )?;
            y += line;
        }
        for laid in &self.lines {
            match laid {
                Laid::Details(details) => {
                    let pieces: Vec<Piece<'_>> = details
                        .iter()
                        .map(|d| Piece {
                            label: d.label,
                            value: &d.value,
                            style: if d.bold { CELL.bold() } else { CELL },
                            max: w * d.share,
                        })
                        .collect();
                    line_of(paper, x, y, w, line, &pieces)?;
                    y += line;
                }
                Laid::Text(label, text) => {
                    let label_top = y + (line - SMALL.line_height()) / 2.0;
                    paper.text(x, label_top, label, SMALL, Align::Left)?;
                    let text_x = x + paper.measure(label, SMALL) + 4.0;
                    for text in text {
                        paper.text(text_x, y, text, CELL, Align::Left)?;
                        y += line;
                    }
                }
            }
        }
        if !self.status.is_empty() {
            paper.text(x, y, &self.status, CELL.bold(), Align::Left)?;
        }

        // The boxes, each under its label.
        let label_height = BOX_LABEL.line_height();
        for (cell_x, cell_width, row, label) in &frame.cells {
            let row_top = top + PAD + *row as f32 * (BOX_ROW + 3.0);
            paper.text(cell_x + cell_width / 2.0, row_top, label, BOX_LABEL, Align::Center)?;
            paper.stroke_rect(cell_x + (cell_width - BOX) / 2.0, row_top + label_height + 1.0, BOX, BOX);
        }

        // The note: ruled lines down to the block's foot.
        let right = paper.right() - PAD;
        let note_top = top + PAD + frame.rows as f32 * (BOX_ROW + 3.0);
        let foot = top + height - PAD;
        let mut line_y = note_top + NOTE_LINE;
        let note_label = labels.note;
        paper.text(frame.boxes_x, line_y - SMALL.line_height() - 0.5, note_label, SMALL, Align::Left)?;
        let mut from = frame.boxes_x + paper.measure(note_label, SMALL) + 3.0;
        while line_y <= foot + 0.01 {
            paper.hline(from, right, line_y, 0.3);
            from = frame.boxes_x;
            line_y += NOTE_LINE;
        }
        paper.gap(height);
        Ok(())
    }
}

/// `text` wrapped in `width` to at most `max` lines, the last cut with "…" when there is more.
pub(crate) fn cut_lines(
    paper: &Sheet<'_>,
    text: &str,
    style: Style,
    width: f32,
    max: usize,
) -> Result<Vec<String>, PrintError> {
    let mut lines = paper.lines(text, style, width)?;
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.pop() {
            lines.push(ellipsis(paper, last, style, width));
        }
    }
    Ok(lines)
}
