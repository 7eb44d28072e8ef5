//! "Save as picture" on a chart. A webview's download link does nothing in the
//! app's window on some systems (WebKitGTK, WKWebView), so the page draws the
//! chart as a PNG and hands it here, and the person picks where it goes in the
//! system's save dialog, as with every other file the app writes.

use std::path::{Path, PathBuf};

use base64::Engine;
use caredesk_domain::{ErrorKind, Issue};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::app::Language;
use crate::error::CommandError;
use crate::state::AppState;

/// A chart drawn at twice the screen's size stays well under this.
const MAX_BYTES: usize = 20 * 1024 * 1024;
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Where the picture was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedPicture {
    pub path: String,
}

/// The PNG the page sent (base64, with or without its `data:` prefix), or why not.
pub fn png_of(base64_png: &str) -> Result<Vec<u8>, CommandError> {
    let data = base64_png.split_once(";base64,").map_or(base64_png, |(_, data)| data);
    if data.len() > MAX_BYTES / 3 * 4 + 4 {
        return Err(Issue::new(ErrorKind::TooLong, "picture", "the picture is larger than 20 MB").into());
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(data.trim()).map_err(|e| {
        CommandError::from(Issue::new(ErrorKind::InvalidState, "picture", format!("not base64: {e}")))
    })?;
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(Issue::new(ErrorKind::InvalidState, "picture", "the picture is not a PNG image").into());
    }
    Ok(bytes)
}

/// A file name of `name` that every system accepts.
fn file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if "\\/:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    let cleaned = cleaned.trim().trim_matches('.');
    let stem: String = cleaned.chars().take(80).collect();
    format!("{}.png", if stem.is_empty() { "chart" } else { &stem })
}

/// Saves a chart's picture where the person picks; `None` when they cancelled.
#[tauri::command]
pub async fn save_picture(
    state: State<'_, AppState>,
    name: String,
    png: String,
    language: Language,
) -> Result<Option<SavedPicture>, CommandError> {
    let bytes = png_of(&png)?;
    let title = match language {
        Language::ZhCn => "保存图片",
        Language::En => "Save the picture",
    };
    let Some(target) =
        crate::dialogs::save_file(&state.app()?, title, &file_name(&name), ("PNG", &["png"])).await
    else {
        return Ok(None);
    };
    let target: PathBuf = if target.extension().is_some_and(|e| e.eq_ignore_ascii_case("png")) {
        target
    } else {
        target.with_extension("png")
    };
    write(&target, &bytes)?;
    Ok(Some(SavedPicture { path: target.display().to_string() }))
}

fn write(target: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    super::export::write_whole(target, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_is_taken_with_or_without_its_data_prefix_and_anything_else_refused() {
        let png = [PNG_SIGNATURE, b"rest"].concat();
        let encoded = base64::engine::general_purpose::STANDARD.encode(&png);
        assert_eq!(png_of(&encoded).unwrap(), png);
        assert_eq!(png_of(&format!("data:image/png;base64,{encoded}")).unwrap(), png);
        let svg = base64::engine::general_purpose::STANDARD.encode(b"<svg/>");
        assert_eq!(png_of(&svg).unwrap_err().field.as_deref(), Some("picture"));
        assert!(png_of("not base64 at all!").is_err());
    }

    #[test]
    fn the_file_name_is_one_every_system_takes() {
        assert_eq!(file_name("满意度趋势 2026-01/2026-11"), "满意度趋势 2026-01_2026-11.png");
        assert_eq!(file_name("  ..  "), "chart.png");
        assert_eq!(file_name("a:b*c?"), "a_b_c_.png");
    }
}
