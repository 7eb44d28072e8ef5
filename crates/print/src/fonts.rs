//! The one font every paper is set in: a CJK face that also has Latin, digits
//! and the ¥ sign. It is parsed once at start-up and shared by every document;
//! each PDF embeds only the glyphs it uses.

use std::path::{Path, PathBuf};

use printpdf::ParsedFont;

use crate::{FontError, PrintError};

/// The font file's name. The app carries it as a resource of its bundle
/// (`fonts/` in the app's resource folder), with its licence beside it; the
/// build takes it from Debian's `fonts-wqy-microhei` package. No system path is
/// ever read, so printing works the same on a PC without the font installed.
pub const FONT_FILE: &str = "wqy-microhei.ttc";

/// The CJK + Latin font the papers are set in, parsed once and reused for every document.
pub struct Fonts {
    face: ParsedFont,
    path: PathBuf,
    units_per_em: f32,
    /// Above the baseline, in em.
    ascent: f32,
    /// Below the baseline, in em (positive).
    descent: f32,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").field("path", &self.path).field("glyphs", &self.face.num_glyphs).finish()
    }
}

impl Fonts {
    /// Loads a TrueType font or the first face of a collection (`.ttc`). It must
    /// have Chinese: a Latin-only font fails here rather than on the first name.
    pub fn load(path: &Path) -> Result<Fonts, PrintError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(PrintError::FontMissing { path: path.to_owned() });
            }
            Err(source) => return Err(FontError::Read { path: path.to_owned(), source }.into()),
        };
        let parse_error = |detail: String| FontError::Parse { path: path.to_owned(), detail };
        let mut warnings = Vec::new();
        let face = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| parse_error(format!("{warnings:?}")))?;
        let metrics = &face.pdf_font_metrics;
        if metrics.units_per_em == 0 {
            return Err(parse_error("its head table gives 0 units per em".into()).into());
        }
        let units_per_em = f32::from(metrics.units_per_em);
        let (ascent, descent) = (f32::from(metrics.ascender), f32::from(metrics.descender));
        let fonts = Fonts {
            path: path.to_owned(),
            units_per_em,
            ascent: ascent / units_per_em,
            descent: descent.abs() / units_per_em,
            face,
        };
        if let Some(ch) = "A1¥王".chars().find(|&ch| fonts.glyph(ch).is_none()) {
            return Err(
                parse_error(format!("it has no glyph for {ch:?}; a font with Chinese is needed")).into()
            );
        }
        Ok(fonts)
    }

    /// The file the font was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether every character of `text` can be printed (line breaks aside);
    /// the first that cannot otherwise.
    pub fn check(&self, text: &str) -> Result<(), PrintError> {
        match text.chars().find(|&ch| ch != '\n' && self.glyph(ch).is_none()) {
            Some(ch) => Err(PrintError::MissingGlyph { ch }),
            None => Ok(()),
        }
    }

    pub(crate) fn face(&self) -> &ParsedFont {
        &self.face
    }

    pub(crate) fn glyph(&self, ch: char) -> Option<u16> {
        self.face.lookup_glyph_index(u32::from(ch))
    }

    /// The advance of `ch` in em, from the font's hmtx; 0 for a character it lacks.
    pub(crate) fn advance(&self, ch: char) -> f32 {
        match self.glyph(ch) {
            Some(glyph) => f32::from(self.face.get_horizontal_advance(glyph)) / self.units_per_em,
            None => 0.0,
        }
    }

    /// The width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|ch| self.advance(ch)).sum::<f32>() * size
    }

    pub(crate) fn ascent(&self) -> f32 {
        self.ascent
    }

    pub(crate) fn descent(&self) -> f32 {
        self.descent
    }
}
