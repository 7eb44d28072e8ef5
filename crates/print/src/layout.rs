//! A small page-layout engine over printpdf, enough for forms and lists: a
//! cursor that runs down A4 pages, text wrapped by measured glyph advances,
//! label/value grids, tables whose header repeats on every page they cross,
//! signature lines, and a footer with "page x / N" added once the page count is
//! known.
//!
//! Coordinates are points from the page's top-left corner; the conversion to
//! PDF's bottom-left origin happens only where an operation is emitted.
//! printpdf 0.12 does no wrapping of its own, so every line is measured here
//! from the font's hmtx advances.

use std::borrow::Cow;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem, TextRenderingMode,
};

use crate::{Fonts, PrintError};

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

const MARGIN_X: f32 = 15.0 * MM;
const MARGIN_TOP: f32 = 13.0 * MM;
/// The footer sits inside the bottom margin.
const MARGIN_BOTTOM: f32 = 17.0 * MM;
/// The space above a section heading.
pub(crate) const HEADING_SPACE: f32 = 5.0;
/// The height of one party's signature line.
pub(crate) const SIGNATURE_ROW: f32 = 25.0;
/// Padding inside a table cell.
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.2;

/// The sheet of paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paper {
    A4Portrait,
    /// For wide lists such as the follow-up call sheet.
    A4Landscape,
}

impl Paper {
    /// Width and height in points.
    fn size(self) -> (f32, f32) {
        let (short, long) = (210.0 * MM, 297.0 * MM);
        match self {
            Paper::A4Portrait => (short, long),
            Paper::A4Landscape => (long, short),
        }
    }
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    /// Drawn filled and outlined: the font has no bold face.
    pub bold: bool,
    pub grey: bool,
}

impl Style {
    pub const fn line_height(self) -> f32 {
        self.size * 1.35
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
}

pub(crate) const BODY: Style = Style { size: 9.5, bold: false, grey: false };
pub(crate) const LABEL: Style = Style { size: 8.5, bold: false, grey: true };
pub(crate) const CELL: Style = Style { size: 8.5, bold: false, grey: false };
pub(crate) const SMALL: Style = Style { size: 7.5, bold: false, grey: true };
pub(crate) const HEADING: Style = Style { size: 11.0, bold: true, grey: false };
pub(crate) const TITLE: Style = Style { size: 17.0, bold: true, grey: false };
pub(crate) const DEALERSHIP: Style = Style { size: 12.0, bold: false, grey: false };

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

/// A table column: its heading, its share of the width, how its cells align.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column<'a> {
    pub title: &'a str,
    pub weight: f32,
    pub align: Align,
}

impl<'a> Column<'a> {
    pub const fn new(title: &'a str, weight: f32, align: Align) -> Column<'a> {
        Column { title, weight, align }
    }
}

/// What repeats on every page: the head of pages after the first, and the footer.
pub(crate) struct Chrome {
    /// One line at the top of every page but the first (the first has the letterhead).
    /// Empty for a paper that draws its own head on every page (the call sheet):
    /// then a new page starts at the top margin with nothing drawn.
    pub running_head: String,
    /// Left of the footer on every page.
    pub footer_note: String,
    /// The "page x / N" text, in the paper's language.
    pub page_label: Box<dyn Fn(usize, usize) -> String>,
}

/// A document being laid out, page by page.
pub(crate) struct Sheet<'f> {
    fonts: &'f Fonts,
    doc: PdfDocument,
    font: FontId,
    width: f32,
    height: f32,
    chrome: Chrome,
    pages: Vec<Vec<Op>>,
    /// The cursor: where the next block starts, from the page top.
    y: f32,
}

impl<'f> Sheet<'f> {
    /// A new document with its first page started at the top margin.
    pub fn new(
        fonts: &'f Fonts,
        paper: Paper,
        title: &str,
        created: printpdf::DateTime,
        chrome: Chrome,
    ) -> Result<Sheet<'f>, PrintError> {
        let mut chrome = chrome;
        chrome.running_head = single_line(fonts, &chrome.running_head)?;
        chrome.footer_note = single_line(fonts, &chrome.footer_note)?;
        let mut doc = PdfDocument::new(&single_line(fonts, title)?);
        let info = &mut doc.metadata.info;
        info.creator = "CareDesk".into();
        info.producer = "CareDesk (printpdf)".into();
        (info.creation_date, info.modification_date, info.metadata_date) = (created, created, created);
        let font = doc.add_font(fonts.face());
        let (width, height) = paper.size();
        let mut sheet = Sheet { fonts, doc, font, width, height, chrome, pages: Vec::new(), y: 0.0 };
        sheet.start_page();
        Ok(sheet)
    }

    /// Replaces the running head, for a head measured against the page (cut
    /// to its width). Call it while on the first page: each later page is
    /// headed with it as it starts, its body below it.
    pub fn set_running_head(&mut self, text: &str) -> Result<(), PrintError> {
        self.chrome.running_head = single_line(self.fonts, text)?;
        Ok(())
    }

    pub fn left(&self) -> f32 {
        MARGIN_X
    }

    pub fn right(&self) -> f32 {
        self.width - MARGIN_X
    }

    /// The width between the margins.
    pub fn content_width(&self) -> f32 {
        self.right() - self.left()
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    /// The last line the body may use.
    fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM
    }

    /// Where the body starts on a page after the first (below the running head, if any).
    fn body_top(&self) -> f32 {
        if self.chrome.running_head.is_empty() { MARGIN_TOP } else { MARGIN_TOP + SMALL.line_height() + 6.0 }
    }

    /// The room left on this page.
    pub fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Moves the cursor down; the next block that does not fit starts a new page.
    pub fn gap(&mut self, dy: f32) {
        self.y += dy;
    }

    /// Starts a new page unless `height` still fits on this one. True when it broke.
    pub fn keep(&mut self, height: f32) -> bool {
        if self.y + height > self.bottom() && self.y > self.body_top() {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Ends this page; the next starts with the running head (if the paper has one).
    pub fn new_page(&mut self) {
        self.start_page();
        if self.chrome.running_head.is_empty() {
            return;
        }
        let head = self.chrome.running_head.clone();
        let top = MARGIN_TOP;
        self.emit_text(self.left(), top, &head, SMALL);
        let rule = top + SMALL.line_height() + 2.0;
        self.hline(self.left(), self.right(), rule, 0.5);
        self.y = self.body_top();
    }

    fn start_page(&mut self) {
        self.pages
            .push(vec![Op::SetOutlineThickness { pt: Pt(0.5) }, Op::SetOutlineColor { col: grey(0.35) }]);
        self.y = MARGIN_TOP;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.start_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    // -- text --------------------------------------------------------------

    /// The width of `text` in `style`.
    pub fn measure(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(text, style.size)
    }

    /// `text` broken into lines no wider than `width`, after the glyph check.
    pub fn lines(&self, text: &str, style: Style, width: f32) -> Result<Vec<String>, PrintError> {
        let text = printable(text);
        self.fonts.check(&text)?;
        Ok(wrap(&text, width, |ch| self.fonts.advance(ch) * style.size))
    }

    /// One line of text whose box starts at `top`; `x` is its left edge, right
    /// edge or centre by `align`. Line breaks in `text` become spaces.
    pub fn text(
        &mut self,
        x: f32,
        top: f32,
        text: &str,
        style: Style,
        align: Align,
    ) -> Result<(), PrintError> {
        let text = single_line(self.fonts, text)?;
        let width = self.measure(&text, style);
        let left = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        self.emit_text(left, top, &text, style);
        Ok(())
    }

    /// Draws checked text: the baseline sits so the font's ascent and descent
    /// are centred in the line height.
    fn emit_text(&mut self, left: f32, top: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let (ascent, descent) = (self.fonts.ascent() * style.size, self.fonts.descent() * style.size);
        let baseline = top + (style.line_height() - ascent - descent) / 2.0 + ascent;
        let pos = Point { x: Pt(left), y: Pt(self.height - baseline) };
        let font = PdfFontHandle::External(self.font.clone());
        let ops = self.ops();
        let styled = style.bold || style.grey;
        if styled {
            ops.push(Op::SaveGraphicsState);
        }
        if style.grey {
            ops.push(Op::SetFillColor { col: grey(0.3) });
        }
        if style.bold {
            ops.push(Op::SetOutlineColor { col: grey(0.0) });
            ops.push(Op::SetOutlineThickness { pt: Pt(style.size * 0.035) });
        }
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont { font, size: Pt(style.size) });
        if style.bold {
            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
        }
        ops.push(Op::SetTextCursor { pos });
        ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_owned())] });
        ops.push(Op::EndTextSection);
        if styled {
            ops.push(Op::RestoreGraphicsState);
        }
    }

    /// Wrapped text across the content width (less `indent`), continuing on
    /// new pages as needed.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) -> Result<(), PrintError> {
        let lines = self.lines(text, style, self.content_width() - indent)?;
        let line_height = style.line_height();
        for line in lines {
            self.keep(line_height);
            let (x, y) = (self.left() + indent, self.y);
            self.emit_text(x, y, &line, style);
            self.y += line_height;
        }
        Ok(())
    }

    /// A section heading with a rule under it, kept with the start of what follows.
    pub fn heading(&mut self, text: &str) -> Result<(), PrintError> {
        if self.y > self.body_top() {
            self.y += HEADING_SPACE;
        }
        self.keep(HEADING.line_height() + 4.0 + 3.0 * BODY.line_height());
        let (x, y) = (self.left(), self.y);
        self.text(x, y, text, HEADING, Align::Left)?;
        self.y += HEADING.line_height() + 1.0;
        self.hline(self.left(), self.right(), self.y, 0.8);
        self.y += 3.0;
        Ok(())
    }

    // -- blocks ------------------------------------------------------------

    /// Label/value pairs in `columns` columns, each value wrapped in its own
    /// width and underlined, so an empty value is a line to fill in by hand.
    /// In one column the labels are as wide as in two, so a long text set
    /// across the page lines up with the pairs above and below it.
    pub fn fields(&mut self, fields: &[(&str, String)], columns: usize) -> Result<(), PrintError> {
        let columns = columns.max(1);
        let gutter = 8.0;
        let column_width = (self.content_width() - gutter * (columns - 1) as f32) / columns as f32;
        let label_basis = if columns == 1 { (column_width - gutter) / 2.0 } else { column_width };
        let label_width = (label_basis * 0.36).max(20.0 * MM).min(column_width / 2.0);
        let value_width = column_width - label_width - 3.0;
        for row in fields.chunks(columns) {
            let mut cells = Vec::new();
            let mut height: f32 = BODY.line_height();
            for (label, value) in row {
                let label = self.lines(label, LABEL, label_width)?;
                let value = self.lines(value, BODY, value_width)?;
                height = height
                    .max(label.len() as f32 * LABEL.line_height())
                    .max(value.len() as f32 * BODY.line_height());
                cells.push((label, value));
            }
            self.keep(height + 2.0);
            let top = self.y;
            for (i, (label, value)) in cells.iter().enumerate() {
                let x = self.left() + i as f32 * (column_width + gutter);
                // Labels are smaller than values: drop them to share the first baseline.
                let label_top = top + (BODY.line_height() - LABEL.line_height()) / 2.0;
                for (n, line) in label.iter().enumerate() {
                    self.emit_text(x, label_top + n as f32 * LABEL.line_height(), line, LABEL);
                }
                let value_x = x + label_width + 3.0;
                for (n, line) in value.iter().enumerate() {
                    self.emit_text(value_x, top + n as f32 * BODY.line_height(), line, BODY);
                }
                self.hline(value_x, x + column_width, top + height + 0.5, 0.4);
            }
            self.y = top + height + 3.5;
        }
        Ok(())
    }

    /// A table with a shaded header that is drawn again at the top of every
    /// page the table continues on. Cells wrap within their column; a row
    /// moves to the next page whole unless it is taller than a page, when it
    /// is split between lines.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>]) -> Result<(), PrintError> {
        self.table_with_total(columns, rows, None)
    }

    /// A [`table`](Sheet::table) closed by a `total_row` in bold (a sum under
    /// its column, a label in another), when there is one.
    pub fn table_with_total(
        &mut self,
        columns: &[Column<'_>],
        rows: &[Vec<String>],
        total_row: Option<&[String]>,
    ) -> Result<(), PrintError> {
        if columns.is_empty() {
            return Ok(());
        }
        let total: f32 = columns.iter().map(|c| c.weight).sum();
        let widths: Vec<f32> = columns.iter().map(|c| c.weight / total * self.content_width()).collect();
        let inner = |w: f32| (w - 2.0 * CELL_PAD_X).max(1.0);
        let line_height = CELL.line_height();
        let header: Vec<Vec<String>> = columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| self.lines(c.title, CELL.bold(), inner(w)))
            .collect::<Result<_, _>>()?;
        let header_height = block_height(&header, line_height);

        let first_row_lines = match rows.first().map(Vec::as_slice).or(total_row) {
            Some(row) => self.wrap_row(row, &widths)?.iter().map(Vec::len).max().unwrap_or(1),
            None => 0,
        };
        self.keep(header_height + block_height_of(first_row_lines.min(3), line_height));
        self.table_header(columns, &widths, &header, header_height);

        let last = rows.len();
        for (index, row) in rows.iter().map(Vec::as_slice).chain(total_row).enumerate() {
            let style = if index < last { CELL } else { CELL.bold() };
            let cells = self.wrap_row(row, &widths)?;
            let count = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut from = 0;
            while from < count {
                let height = block_height_of(count - from, line_height);
                let fresh = self.room() >= self.bottom() - self.body_top() - header_height - 0.5;
                if height <= self.room() || (fresh && self.room() < block_height_of(1, line_height)) {
                    self.table_row(columns, &widths, &cells, from..count, height, style);
                    break;
                }
                let fits_a_page = height <= self.bottom() - self.body_top() - header_height;
                let lines_here = ((self.room() - 2.0 * CELL_PAD_Y) / line_height).floor() as usize;
                if !fits_a_page && lines_here >= 1 {
                    let to = from + lines_here.min(count - from);
                    self.table_row(
                        columns,
                        &widths,
                        &cells,
                        from..to,
                        block_height_of(to - from, line_height),
                        style,
                    );
                    from = to;
                }
                self.new_page();
                self.table_header(columns, &widths, &header, header_height);
            }
        }
        self.y += 3.0;
        Ok(())
    }

    fn wrap_row(&self, row: &[String], widths: &[f32]) -> Result<Vec<Vec<String>>, PrintError> {
        widths
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let text = row.get(i).map(String::as_str).unwrap_or("");
                self.lines(text, CELL, (w - 2.0 * CELL_PAD_X).max(1.0))
            })
            .collect()
    }

    fn table_header(&mut self, columns: &[Column<'_>], widths: &[f32], header: &[Vec<String>], height: f32) {
        let top = self.y;
        self.fill_rect(self.left(), top, self.content_width(), height, 0.9);
        let all = 0..header.iter().map(Vec::len).max().unwrap_or(0);
        self.cells(columns, widths, header, all, height, CELL.bold());
    }

    fn table_row(
        &mut self,
        columns: &[Column<'_>],
        widths: &[f32],
        cells: &[Vec<String>],
        lines: std::ops::Range<usize>,
        height: f32,
        style: Style,
    ) {
        self.cells(columns, widths, cells, lines, height, style);
    }

    /// One band of a table at the cursor: the cell borders and `lines` of each cell.
    fn cells(
        &mut self,
        columns: &[Column<'_>],
        widths: &[f32],
        cells: &[Vec<String>],
        lines: std::ops::Range<usize>,
        height: f32,
        style: Style,
    ) {
        let top = self.y;
        let mut x = self.left();
        for ((column, &width), cell) in columns.iter().zip(widths).zip(cells) {
            self.stroke_rect(x, top, width, height);
            let (from, to) = (lines.start.min(cell.len()), lines.end.min(cell.len()));
            for (n, line) in cell[from..to].iter().enumerate() {
                let line_top = top + CELL_PAD_Y + n as f32 * style.line_height();
                let text_width = self.measure(line, style);
                let left = match column.align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Right => x + width - CELL_PAD_X - text_width,
                    Align::Center => x + (width - text_width) / 2.0,
                };
                self.emit_text(left, line_top, line, style);
            }
            x += width;
        }
        self.y = top + height;
    }

    /// Sums right-aligned under a table: a label and an amount per row; the
    /// last row, the total, bold with a rule above it.
    pub fn sums(&mut self, rows: &[(String, String)]) -> Result<(), PrintError> {
        let line_height = BODY.line_height() + 2.0;
        self.keep(line_height * rows.len() as f32 + 4.0);
        let value_right = self.right() - CELL_PAD_X;
        let label_right = self.right() - 38.0 * MM;
        for (i, (label, value)) in rows.iter().enumerate() {
            let last = i + 1 == rows.len();
            let style = if last { BODY.bold() } else { BODY };
            if last && rows.len() > 1 {
                self.hline(label_right - 35.0 * MM, self.right(), self.y, 0.8);
                self.y += 2.0;
            }
            let y = self.y;
            self.text(label_right, y, label, style, Align::Right)?;
            self.text(value_right, y, value, style, Align::Right)?;
            self.y += line_height;
        }
        Ok(())
    }

    /// A line to sign on and a line for the date, one row per party, kept together.
    pub fn signatures(&mut self, parties: &[&str], date_label: &str) -> Result<(), PrintError> {
        let row_height = SIGNATURE_ROW;
        self.keep(row_height * parties.len() as f32);
        let label_width = parties.iter().map(|p| self.measure(p, BODY)).fold(0.0, f32::max) + 8.0;
        let date_x = self.left() + self.content_width() * 0.64;
        let date_line_x = date_x + self.measure(date_label, BODY) + 8.0;
        for party in parties {
            let line_y = self.y + row_height - 8.0;
            let text_top = line_y - BODY.line_height();
            self.text(self.left(), text_top, party, BODY, Align::Left)?;
            self.hline(self.left() + label_width, date_x - 12.0, line_y, 0.6);
            self.text(date_x, text_top, date_label, BODY, Align::Left)?;
            self.hline(date_line_x, self.right(), line_y, 0.6);
            self.y += row_height;
        }
        Ok(())
    }

    // -- lines and boxes ---------------------------------------------------

    /// A horizontal line at `y` from `x1` to `x2`.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        let at = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(self.height - y) }, bezier: false };
        let line = Line { points: vec![at(x1), at(x2)], is_closed: false };
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine { line });
        ops.push(Op::RestoreGraphicsState);
    }

    /// An outlined box in the page's thin grey line.
    pub fn stroke_rect(&mut self, x: f32, top: f32, width: f32, height: f32) {
        let rect = self.rect(x, top, width, height, PaintMode::Stroke);
        self.ops().push(Op::DrawRectangle { rectangle: rect });
    }

    /// A filled box; `shade` is 0 black to 1 white.
    pub fn fill_rect(&mut self, x: f32, top: f32, width: f32, height: f32, shade: f32) {
        let rect = self.rect(x, top, width, height, PaintMode::Fill);
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor { col: grey(shade) });
        ops.push(Op::DrawRectangle { rectangle: rect });
        ops.push(Op::RestoreGraphicsState);
    }

    fn rect(&self, x: f32, top: f32, width: f32, height: f32, mode: PaintMode) -> Rect {
        let mut rect = Rect::from_xywh(Pt(x), Pt(self.height - top - height), Pt(width), Pt(height));
        rect.mode = Some(mode);
        rect
    }

    // -- the end -----------------------------------------------------------

    /// Adds the footer to every page, now that their number is known, and
    /// writes the PDF with the font subset to the glyphs used.
    pub fn finish(mut self) -> Result<Vec<u8>, PrintError> {
        let count = self.pages.len();
        let (left, right, footer_top) = (self.left(), self.right(), self.bottom() + 5.0 * MM);
        let labels: Vec<String> = (1..=count)
            .map(|page| single_line(self.fonts, &(self.chrome.page_label)(page, count)))
            .collect::<Result<_, _>>()?;
        let pages = std::mem::take(&mut self.pages);
        let note = self.chrome.footer_note.clone();
        for (ops, label) in pages.into_iter().zip(labels) {
            self.pages.push(ops);
            self.hline(left, right, footer_top - 2.0, 0.5);
            self.emit_text(left, footer_top, &note, SMALL);
            let width = self.measure(&label, SMALL);
            self.emit_text(right - width, footer_top, &label, SMALL);
        }
        let (width, height) = (Mm(self.width / MM), Mm(self.height / MM));
        let pages =
            std::mem::take(&mut self.pages).into_iter().map(|ops| PdfPage::new(width, height, ops)).collect();
        let mut warnings = Vec::new();
        let bytes = self.doc.with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings);
        match warnings.into_iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
            Some(error) => Err(PrintError::Pdf(error.msg)),
            None => Ok(bytes),
        }
    }
}

fn grey(shade: f32) -> Color {
    Color::Greyscale(Greyscale { percent: shade, icc_profile: None })
}

fn block_height_of(lines: usize, line_height: f32) -> f32 {
    lines as f32 * line_height + 2.0 * CELL_PAD_Y
}

fn block_height(cells: &[Vec<String>], line_height: f32) -> f32 {
    block_height_of(cells.iter().map(Vec::len).max().unwrap_or(1).max(1), line_height)
}

/// `text` made printable on one line, after the glyph check.
fn single_line(fonts: &Fonts, text: &str) -> Result<String, PrintError> {
    let text = printable(text).replace('\n', " ");
    fonts.check(&text)?;
    Ok(text)
}

/// Text as it will be printed: tabs and no-break spaces become spaces, line
/// breaks stay, and characters that draw nothing (controls, zero-width spaces
/// and joiners, variation selectors, soft hyphens, byte-order marks) go.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    let unchanged = |ch: char| ch == '\n' || !(ch.is_control() || invisible(ch) || ch == '\u{a0}');
    if text.chars().all(unchanged) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|ch| match ch {
                '\n' => Some('\n'),
                '\t' | '\u{a0}' => Some(' '),
                ch if ch.is_control() || invisible(ch) => None,
                ch => Some(ch),
            })
            .collect(),
    )
}

fn invisible(ch: char) -> bool {
    matches!(ch, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

/// Breaks `text` into lines no wider than `max`, measuring with `advance`.
///
/// Line breaks in the text are kept. A line may break after a space, between
/// two characters either of which is CJK, and after a hyphen or slash; a word
/// longer than the line is cut where it overflows. No line starts with closing
/// punctuation (，。、 ) …) and none ends with opening punctuation (（《 ( …):
/// the break moves back to the opportunity before, and where there is none,
/// the closing punctuation hangs past the line's end.
pub(crate) fn wrap(text: &str, max: f32, advance: impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut width = 0.0;
        // Where in `line` the last break opportunity is.
        let mut opportunity: Option<usize> = None;
        let mut wrapped = false;
        for ch in paragraph.chars() {
            if wrapped && line.is_empty() && ch == ' ' {
                continue;
            }
            if let Some(last) = line.chars().next_back()
                && breakable(last, ch)
            {
                opportunity = Some(line.len());
            }
            let w = advance(ch);
            // With nowhere to break, closing punctuation hangs past the end
            // rather than starting the next line.
            let hangs = opportunity.is_none_or(|at| at == 0) && closing(ch);
            if ch != ' ' && width + w > max && !line.is_empty() && !hangs {
                let rest = match opportunity {
                    Some(at) if at > 0 => line.split_off(at),
                    _ => String::new(),
                };
                lines.push(line.trim_end().to_owned());
                line = rest.trim_start().to_owned();
                width = line.chars().map(&advance).sum();
                wrapped = true;
                opportunity = match line.chars().next_back() {
                    Some(last) if breakable(last, ch) => Some(line.len()),
                    _ => None,
                };
            }
            line.push(ch);
            width += w;
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Whether a line may break between `a` and `b`.
fn breakable(a: char, b: char) -> bool {
    if b == ' ' {
        return false;
    }
    if a == ' ' {
        return true;
    }
    if closing(b) || opening(a) {
        return false;
    }
    wide(a) || wide(b) || ((a == '-' || a == '/') && b.is_alphanumeric())
}

/// CJK ideographs, kana, hangul and full-width forms: a line may break on either side.
fn wide(ch: char) -> bool {
    matches!(ch,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{20000}'..='\u{3fffd}')
}

fn closing(ch: char) -> bool {
    "，。、；：？！）》」』】〉〕〗…’”％,.;:?!)]}%".contains(ch)
}

fn opening(ch: char) -> bool {
    "（《「『【〈〔〖‘“([{".contains(ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per Latin character, two per CJK one: a fixed-pitch stand-in for the font.
    fn mono(ch: char) -> f32 {
        if wide(ch) { 2.0 } else { 1.0 }
    }

    fn width(line: &str) -> f32 {
        line.chars().map(mono).sum()
    }

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(wrap("oil change", 20.0, mono), ["oil change"]);
        assert_eq!(wrap("", 20.0, mono), [""]);
    }

    #[test]
    fn latin_breaks_at_spaces_and_drops_them() {
        assert_eq!(wrap("the quick brown fox jumps", 10.0, mono), ["the quick", "brown fox", "jumps"]);
        assert_eq!(wrap("replace   the pads", 9.0, mono), ["replace", "the pads"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        assert_eq!(wrap("WVWZZZ1KZ8W123456", 6.0, mono), ["WVWZZZ", "1KZ8W1", "23456"]);
    }

    #[test]
    fn chinese_breaks_between_any_two_characters() {
        assert_eq!(wrap("王建国先生您好", 6.0, mono), ["王建国", "先生您", "好"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        let lines = wrap("你好，世界。刹车有异响（低速时）。", 4.0, mono);
        for line in &lines {
            let first = line.chars().next();
            assert!(!first.is_some_and(closing), "{lines:?}");
            assert!(!line.chars().next_back().is_some_and(opening), "{lines:?}");
        }
        assert_eq!(lines.concat(), "你好，世界。刹车有异响（低速时）。");
    }

    #[test]
    fn mixed_text_breaks_at_spaces_and_around_chinese() {
        let lines = wrap("更换 brake pads 前刹车片 and discs", 12.0, mono);
        assert_eq!(lines, ["更换 brake", "pads 前刹车", "片 and discs"]);
    }

    #[test]
    fn line_breaks_are_kept_and_no_line_is_too_wide() {
        let text = "第一行\n\nsecond line is rather long and wraps\n最后";
        let lines = wrap(text, 8.0, mono);
        assert_eq!(lines[0], "第一行");
        assert_eq!(lines[1], "");
        assert_eq!(lines.last().map(String::as_str), Some("最后"));
        for line in &lines {
            assert!(width(line) <= 8.0, "{line:?} in {lines:?}");
        }
    }

    #[test]
    fn a_character_wider_than_the_line_still_prints() {
        assert_eq!(wrap("王王", 1.0, mono), ["王", "王"]);
    }

    fn sheet(fonts: &Fonts) -> Sheet<'_> {
        let chrome = Chrome {
            running_head: "running head".into(),
            footer_note: "footer".into(),
            page_label: Box::new(|page, pages| format!("{page} / {pages}")),
        };
        Sheet::new(fonts, Paper::A4Landscape, "test", printpdf::DateTime::epoch(), chrome).expect("a sheet")
    }

    /// How many times the table's header was drawn on each page.
    fn headers_per_page(sheet: &Sheet<'_>, title: &str) -> Vec<usize> {
        let shows =
            |op: &&Op| matches!(op, Op::ShowText { items } if items == &[TextItem::Text(title.into())]);
        sheet.pages.iter().map(|ops| ops.iter().filter(shows).count()).collect()
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_the_header_repeats() {
        let fonts = Fonts::load(&crate::source_tree_font())
            .expect("the font `cargo xtask` fetches into src-tauri/fonts/");
        let mut sheet = sheet(&fonts);
        let columns = [Column::new("序号", 1.0, Align::Center), Column::new("记录", 8.0, Align::Left)];
        let long = "客户反映刹车异响，试车确认。".repeat(700);
        let rows = vec![vec!["1".to_owned(), long], vec!["2".to_owned(), "短".to_owned()]];
        sheet.table(&columns, &rows).expect("the table");
        let pages = sheet.pages.len();
        assert!(pages >= 3, "{pages} pages");
        assert_eq!(headers_per_page(&sheet, "记录"), vec![1; pages]);
        assert!(sheet.y <= sheet.bottom(), "the cursor ran off the page");
        let pdf = sheet.finish().expect("the PDF");
        assert!(pdf.len() < 300 * 1024, "{} bytes", pdf.len());
    }

    #[test]
    fn a_table_never_writes_below_the_bottom_margin() {
        let fonts = Fonts::load(&crate::source_tree_font())
            .expect("the font `cargo xtask` fetches into src-tauri/fonts/");
        let mut sheet = sheet(&fonts);
        let columns = [Column::new("No.", 1.0, Align::Right), Column::new("Text", 6.0, Align::Left)];
        for n in 1..=500 {
            let rows = vec![vec![n.to_string(), "a line of text that wraps ".repeat(n % 7 + 1)]];
            sheet.table(&columns, &rows).expect("a row");
            assert!(sheet.y <= sheet.bottom() + 3.0, "row {n} ends at {} below {}", sheet.y, sheet.bottom());
        }
        sheet.finish().expect("the PDF");
    }

    #[test]
    fn invisible_characters_go_and_tabs_become_spaces() {
        assert_eq!(printable("a\tb\u{200b}c\r\nd\u{fe0f}"), "a bc\nd");
        assert!(matches!(printable("王建国 2.0"), Cow::Borrowed(_)));
    }
}
