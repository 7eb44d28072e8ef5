//! The printed papers (DOMAIN.md §7) as A4 PDFs: of a service visit, the repair
//! order (the customer's copy, with signature lines), the quality-check sheet
//! and the handover summary; of a complaint (§5), the complaint record; of the
//! day's follow-up calls (§3.7), the call sheet the callers write on; of a
//! campaign (§6), the invitation call sheet, the plan and budget, and the
//! lottery record; of the proactive-care lists (§6), their call sheets; the
//! manager's report (issue 16) as a paper (`monthly_report`) and a workbook
//! (`report_workbook`), its figures written as the dashboard shows them
//! (`report_format`).
//! Workbooks out (`workbook`): the archive's export as `.xlsx`, dates as dates
//! and money in the ¥ format (`archive_tables`).
//!
//! Architecture invariant: no Tauri, no clock, no database; the only I/O is
//! reading the font file. The shell hands in the `Visit` as the store read it,
//! a [`Letterhead`] (who prints, when, in which language) and the [`Fonts`] it
//! loaded once at start-up; out come the bytes of a PDF. Chinese text is embedded as a subset of the one CJK font, so
//! a two-page order is tens of kilobytes, not the font's megabytes.
//!
//! The documents are written on `layout::Sheet`: a cursor down A4 pages
//! with measured wrapping, tables whose header repeats on every page, and a
//! "page x / N" footer. The follow-up call sheet is built on it the same way,
//! on landscape pages, and the invitation and care call sheets on its pieces
//! (`call_list`).
//!
//! Missing glyphs: every character is checked against the font before it is
//! drawn. Invisible characters (zero-width spaces and joiners, variation
//! selectors, control characters) are dropped and tabs become spaces; any other
//! character the font cannot draw fails the document with
//! [`PrintError::MissingGlyph`] naming it, rather than printing a blank box on
//! a paper the customer signs.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

mod archive_workbook;
mod call_list;
mod call_sheet;
mod campaign_budget;
mod campaign_paper;
mod care_sheet;
mod complaint_record;
mod fonts;
mod format;
mod handover;
mod invitation_sheet;
mod labels;
mod layout;
mod list_workbooks;
mod lottery_record;
mod monthly_report;
mod quality_check;
mod repair_order;
mod report_format;
mod report_workbook;
mod visit_paper;
pub mod workbook;

pub use archive_workbook::{Archive, archive_tables};
pub use call_sheet::{CallSheet, call_sheet};
pub use campaign_budget::campaign_budget;
pub use care_sheet::care_sheet;
pub use complaint_record::complaint_record;
pub use fonts::{FONT_FILE, Fonts};
pub use format::{money, quantity, tax_rate};
pub use handover::handover_summary;
pub use invitation_sheet::invitation_sheet;
pub use list_workbooks::{
    CustomerLine, call_list_table, campaign_results_table, complaint_list_table, csi_report_tables,
    customer_list_table, guest_list_table,
};
pub use lottery_record::lottery_record;
pub use monthly_report::monthly_report;
pub use quality_check::quality_check_sheet;
pub use repair_order::repair_order;
pub use report_format::{Report, report_figure, report_value};
pub use report_workbook::report_workbook;

/// The language a paper is printed in. The shell maps its own language setting to this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Simplified Chinese.
    ZhCn,
    En,
}

/// The locale's language of the same name: the words of the papers come from
/// `caredesk_locale`.
impl From<Language> for caredesk_locale::Language {
    fn from(language: Language) -> Self {
        match language {
            Language::ZhCn => caredesk_locale::Language::ZhCn,
            Language::En => caredesk_locale::Language::En,
        }
    }
}

impl From<caredesk_locale::Language> for Language {
    fn from(language: caredesk_locale::Language) -> Self {
        match language {
            caredesk_locale::Language::ZhCn => Language::ZhCn,
            caredesk_locale::Language::En => Language::En,
        }
    }
}

/// What every paper carries at its head: whose paper it is, when it was printed, in which language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// The dealership's name, as it heads the paper.
    pub dealership: String,
    /// The dealership's local time of printing.
    pub printed_at: NaiveDateTime,
    /// The dealership's offset from UTC. The visit's instants (QC, handover,
    /// confirmation) are stored in UTC and printed in local time with it.
    pub utc_offset: FixedOffset,
    pub language: Language,
}

impl Letterhead {
    /// A letterhead printed at `now`, the dealership's local time with its offset
    /// (`chrono::Local::now().fixed_offset()` in the shell).
    pub fn new(dealership: impl Into<String>, language: Language, now: DateTime<FixedOffset>) -> Letterhead {
        Letterhead {
            dealership: dealership.into(),
            printed_at: now.naive_local(),
            utc_offset: *now.offset(),
            language,
        }
    }

    /// A stored instant in the dealership's local time.
    pub(crate) fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.utc_offset).naive_local()
    }
}

/// Why a paper could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The font file the app carries is not where it should be.
    #[error(
        "the printing font {} is missing: reinstall CareDesk (the font is part of its package)",
        path.display()
    )]
    FontMissing { path: PathBuf },
    /// The font file is there but cannot be used.
    #[error(transparent)]
    Font(#[from] FontError),
    /// The text has a character the font cannot draw.
    #[error("the font has no glyph for {ch:?} (U+{code:04X}), so the text cannot be printed", code = u32::from(*ch))]
    MissingGlyph { ch: char },
    /// The PDF writer reported an error.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

impl PrintError {
    /// A stable name for the error, for the shell's error kinds.
    pub fn kind(&self) -> &'static str {
        match self {
            PrintError::FontMissing { .. } => "font_missing",
            PrintError::Font(_) => "font",
            PrintError::MissingGlyph { .. } => "missing_glyph",
            PrintError::Pdf(_) => "pdf",
        }
    }
}

/// A font file that exists but cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read the font {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a usable TrueType font: {detail}")]
    Parse { path: PathBuf, detail: String },
}

/// The font as the build set-up fetched it into the source tree
/// (`src-tauri/fonts/`, by `cargo xtask`), for tests and benchmarks run from a
/// checkout. The app itself loads the copy in its resource folder.
pub fn source_tree_font() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .join("src-tauri")
        .join("fonts")
        .join(FONT_FILE)
}
