//! Every word CareDesk shows or prints, in Simplified Chinese and in English:
//! one JSON file per language (`zh-CN.json`, `en.json` beside this crate),
//! read by the screens (`ui/src/i18n/locale.ts` imports the same files) and
//! by the printed papers and exports through this crate.
//!
//! A file is a map of sections to a map of keys to texts. A section that
//! names an enum (`kpiKey`, `recordKind`, …) is keyed by the enum's serde
//! names, so a value is labelled by what it serializes to, and a new variant
//! without a label fails the test that walks the enum's `ALL`.
//!
//! Texts with a `{name}` in them are templates, filled with [`fill`].

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Serialize;

/// The languages of every screen and printed page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    ZhCn,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::ZhCn, Language::En];

    /// The file's name and the UI's language code.
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// Section → key → text.
pub type Table = BTreeMap<String, BTreeMap<String, String>>;

fn parse(language: Language, json: &str) -> Table {
    serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{}.json is not a locale table: {e}", language.code()))
}

static ZH_CN: LazyLock<Table> = LazyLock::new(|| parse(Language::ZhCn, include_str!("../zh-CN.json")));
static EN: LazyLock<Table> = LazyLock::new(|| parse(Language::En, include_str!("../en.json")));

/// A language's whole table.
pub fn table(language: Language) -> &'static Table {
    match language {
        Language::ZhCn => &ZH_CN,
        Language::En => &EN,
    }
}

/// The text of `section.key`.
///
/// # Panics
/// If the key is missing: the files are part of the program, and the tests
/// check every key of every section in both languages.
pub fn text(language: Language, section: &str, key: &str) -> &'static str {
    table(language)
        .get(section)
        .and_then(|s| s.get(key))
        .map(String::as_str)
        .unwrap_or_else(|| panic!("{}.json has no {section}.{key}", language.code()))
}

/// The label of an enum value, by its serde name, in the section of its type.
///
/// # Panics
/// If the value does not serialize to a string, or has no label.
pub fn label<T: Serialize>(language: Language, section: &str, value: &T) -> &'static str {
    text(language, section, &serde_name(value))
}

/// The serde name of a unit variant.
///
/// # Panics
/// If the value does not serialize to a string.
pub fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => panic!("not a unit variant: {other:?}"),
    }
}

/// Fills a template's `{name}`s.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_in_both_languages_and_none_is_empty() {
        let (zh, en) = (table(Language::ZhCn), table(Language::En));
        let keys = |t: &Table| -> Vec<String> {
            t.iter().flat_map(|(s, keys)| keys.keys().map(move |k| format!("{s}.{k}"))).collect()
        };
        assert_eq!(keys(zh), keys(en), "the two languages have different keys");
        for (language, t) in [(Language::ZhCn, zh), (Language::En, en)] {
            for (section, keys) in t {
                for (key, text) in keys {
                    assert!(!text.trim().is_empty(), "{}: {section}.{key} is empty", language.code());
                }
            }
        }
    }

    #[test]
    fn templates_have_the_same_placeholders_in_both_languages() {
        let placeholders = |text: &str| {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                .collect();
            names.sort();
            names
        };
        for (section, keys) in table(Language::ZhCn) {
            for (key, zh) in keys {
                let en = text(Language::En, section, key);
                assert_eq!(placeholders(zh), placeholders(en), "{section}.{key}");
            }
        }
    }

    #[test]
    fn labels_are_found_by_serde_name() {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        enum Kind {
            FollowUpCall,
        }
        assert_eq!(label(Language::ZhCn, "recordKind", &Kind::FollowUpCall), "回访电话");
        assert_eq!(label(Language::En, "recordKind", &Kind::FollowUpCall), "Follow-up call");
        assert_eq!(fill(text(Language::En, "unit", "minutes"), &[("value", "35")]), "35 min");
    }
}
