//! The one error every command returns. It crosses IPC as
//! `{ kind, field?, message, conflict?, issues }`: the UI translates by `kind`,
//! highlights `field`, and shows every issue of a form at once.

use caredesk_domain::{Action, ErrorKind, Issue, RecordRef};
use caredesk_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct CommandError {
    /// The first issue's kind.
    pub kind: ErrorKind,
    #[ts(optional)]
    pub field: Option<String>,
    pub message: String,
    #[ts(optional)]
    pub conflict: Option<RecordRef>,
    /// For `forbidden`: the action refused.
    #[ts(optional)]
    pub action: Option<Action>,
    /// Every issue found, the first one included.
    pub issues: Vec<Issue>,
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> CommandError {
        Issue {
            kind: ErrorKind::Internal,
            field: None,
            message: message.into(),
            conflict: None,
            action: None,
            changed: None,
        }
        .into()
    }
}

impl CommandError {
    /// A paper that could not be printed, with the reason (the font package, the character).
    pub fn printing(error: &caredesk_print::PrintError) -> CommandError {
        Issue {
            kind: ErrorKind::Printing,
            field: None,
            message: error.to_string(),
            conflict: None,
            action: None,
            changed: None,
        }
        .into()
    }
}

impl From<Issue> for CommandError {
    fn from(issue: Issue) -> CommandError {
        crate::support_log::refusal(issue.kind, issue.field.as_deref());
        CommandError {
            kind: issue.kind,
            field: issue.field.clone(),
            message: issue.message.clone(),
            conflict: issue.conflict.clone(),
            action: issue.action,
            issues: vec![issue],
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> CommandError {
        let issues = error.issues();
        let Some(first) = issues.first().cloned() else {
            return CommandError::internal(error.to_string());
        };
        crate::support_log::refusal(first.kind, first.field.as_deref());
        CommandError {
            kind: first.kind,
            field: first.field,
            message: first.message,
            conflict: first.conflict,
            action: first.action,
            issues,
        }
    }
}

impl From<caredesk_domain::Invalid> for CommandError {
    /// A form's issues, each on its field.
    fn from(invalid: caredesk_domain::Invalid) -> CommandError {
        CommandError::from(StoreError::Invalid(invalid))
    }
}
