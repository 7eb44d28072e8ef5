//! Importing a dealership's customer archive from its old system's export:
//! an Excel workbook (`.xlsx`, `.xls`; `.ods` too) or CSV text (UTF-8, UTF-16
//! or GBK/GB18030; comma, tab or semicolon separated), told apart by content,
//! not by the file's name.
//!
//! The steps, each a plain function the shell calls in turn:
//! 1. [`read`] / [`read_bytes`]: the file into a [`Workbook`] of typed [`Cell`]s
//!    (formulas give their cached value, error values stay `Cell::Error`).
//! 2. [`find_header_row`] and [`Mapping::guess`]: the header row among the
//!    first rows and the [`Field`] each column holds; the user may pick another
//!    sheet or header row and correct the mapping, then save it as a template.
//! 3. [`convert_rows`]: each data row into the text the domain rules
//!    (`caredesk_domain::validate`) check, with a [`RowIssue`] for what
//!    spreadsheets did to a value (a phone number rounded to `1.38001E+10`,
//!    `#N/A`, a date in no known form); [`duplicates`] finds rows that repeat
//!    a VIN, a plate, or a mobile number with a name.
//!
//! Whatever the file holds, nothing panics: a file that cannot be imported is
//! an [`ImportError`] whose `kind` the UI translates (calamine's own panics on
//! a damaged workbook are caught and reported as `damaged`). Cells longer than
//! [`CELL_MAX_CHARS`], files over 200 MB and data spread over more than 10
//! million cells are refused rather than held.
//!
//! Architecture invariant: no database, no UI, no clock. Saving the rows is the
//! store's job, after the domain rules have checked them.
//!
//! Testing: `tests/fuzz.rs` feeds random bytes, damaged workbooks and random
//! CSV text to the reader and the converters. It runs a few dozen cases in an
//! ordinary `cargo test`; `CAREDESK_FUZZ_SECONDS=600 cargo test -p
//! caredesk-import --test fuzz` keeps it going for ten minutes (one thread; a
//! debug build, so arithmetic overflows in the parsers are caught too).

pub mod cell;
pub mod convert;
pub mod error;
pub mod header;
pub mod read;
pub mod rows;

pub use cell::{Cell, Sheet, Workbook};
pub use convert::{CellIssue, CellIssueKind, convert};
pub use error::{ImportError, ImportErrorKind};
pub use header::{Field, Mapping, find_header_row, recognise};
pub use read::{CELL_MAX_CHARS, read, read_bytes};
pub use rows::{Duplicate, DuplicateKey, ImportRow, RowIssue, convert_rows, duplicates};
