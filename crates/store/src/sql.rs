//! Small conversions between the domain's enums and their text in SQLite.
//! The text is the enum's serde name, so the database, IPC and the UI agree.

use serde_json::Value;

use crate::error::StoreError;

pub fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        // Every enum stored this way is a unit-variant enum serialised as a string.
        other => unreachable_text(other),
    }
}

fn unreachable_text(other: Result<Value, serde_json::Error>) -> String {
    format!("{other:?}")
}

pub fn parse_enum<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_value(Value::String(text.to_owned()))
        .map_err(|_| StoreError::Corrupt(format!("unknown value {text:?}")))
}

pub fn parse_opt_enum<T: serde::de::DeserializeOwned>(text: Option<String>) -> Result<Option<T>, StoreError> {
    text.as_deref().map(parse_enum).transpose()
}
