//! App-wide commands: language and where the data lives.

use caredesk_store::preferences;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::AppState;

/// The languages of every screen and printed page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Language {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl From<Language> for caredesk_print::Language {
    fn from(language: Language) -> Self {
        match language {
            Language::ZhCn => caredesk_print::Language::ZhCn,
            Language::En => caredesk_print::Language::En,
        }
    }
}

impl From<Language> for caredesk_locale::Language {
    fn from(language: Language) -> Self {
        match language {
            Language::ZhCn => caredesk_locale::Language::ZhCn,
            Language::En => caredesk_locale::Language::En,
        }
    }
}

impl Language {
    fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    /// The language for an OS locale such as `zh_CN.UTF-8` or `en-GB`: Chinese
    /// for any Chinese locale, English otherwise.
    pub fn for_locale(locale: &str) -> Language {
        if locale.to_ascii_lowercase().starts_with("zh") { Language::ZhCn } else { Language::En }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    /// The language chosen in the app, else the one the OS locale suggests.
    pub language: Language,
    /// Whether the language was chosen in the app (rather than from the OS).
    pub language_chosen: bool,
    /// The database file, shown in settings so people know where their data is.
    pub database_path: String,
}

#[tauri::command]
pub async fn get_preferences(state: State<'_, AppState>) -> Result<Preferences, CommandError> {
    let chosen =
        state.with_db(|db| Ok((preferences::get(db.conn(), preferences::LANGUAGE)?, db.location()))).await?;
    let (stored, database_path) = chosen;
    let language = match stored.as_deref() {
        Some("zh-CN") => Some(Language::ZhCn),
        Some("en") => Some(Language::En),
        _ => None,
    };
    Ok(Preferences {
        language_chosen: language.is_some(),
        language: language
            .unwrap_or_else(|| Language::for_locale(&sys_locale::get_locale().unwrap_or_default())),
        database_path,
    })
}

/// The language of the app as the preferences give it (the operating system's when
/// none was chosen), for what the backend shows itself: a native dialog's title.
pub async fn language(state: &AppState) -> Result<Language, CommandError> {
    let stored = state.with_db(|db| preferences::get(db.conn(), preferences::LANGUAGE)).await?;
    Ok(match stored.as_deref() {
        Some("zh-CN") => Language::ZhCn,
        Some("en") => Language::En,
        _ => Language::for_locale(&sys_locale::get_locale().unwrap_or_default()),
    })
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, language: Language) -> Result<(), CommandError> {
    state.with_db(move |db| db.write(|tx| preferences::set(tx, preferences::LANGUAGE, language.code()))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_locales_start_in_chinese() {
        assert_eq!(Language::for_locale("zh_CN.UTF-8"), Language::ZhCn);
        assert_eq!(Language::for_locale("zh-Hans-CN"), Language::ZhCn);
        assert_eq!(Language::for_locale("en-US"), Language::En);
        assert_eq!(Language::for_locale(""), Language::En);
    }
}
