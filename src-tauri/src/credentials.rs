//! The dealership server's password, kept in the operating system's credential
//! store (the `keyring` crate), never in a file: the Windows Credential
//! Manager, the macOS Keychain, and on Linux the desktop's Secret Service
//! (GNOME Keyring, KWallet) where one runs, else the kernel's keyring
//! (keyutils), which needs no desktop but forgets at a restart. Why: see
//! ARCHITECTURE.md, team mode.
//!
//! The store is behind `Credentials` so that the tests, which run without any
//! desktop, use `MemoryCredentials` instead of the machine's.

use std::collections::HashMap;
use std::sync::Mutex;

use caredesk_domain::{ErrorKind, Issue};

use crate::error::CommandError;

/// The name CareDesk's entries have in the credential store.
pub const SERVICE: &str = "CareDesk";

/// Where a password is kept. `account` names the server (`user@host:port/database`).
pub trait Credentials: Send + Sync + 'static {
    fn save(&self, account: &str, password: &str) -> Result<(), CommandError>;
    /// `None` when the store holds no password for `account`.
    fn load(&self, account: &str) -> Result<Option<String>, CommandError>;
    fn forget(&self, account: &str) -> Result<(), CommandError>;
}

fn store_error(error: &keyring::Error) -> CommandError {
    Issue {
        kind: ErrorKind::CredentialStore,
        field: None,
        message: format!("the operating system's credential store cannot be used: {error}"),
        conflict: None,
        action: None,
        changed: None,
    }
    .into()
}

/// Whether this session has a D-Bus session bus, where the Secret Service
/// lives. Without one, asking for it would make the D-Bus library start a bus
/// of its own (X11 autolaunch) for nothing.
#[cfg(target_os = "linux")]
fn has_session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
}

/// The operating system's credential store.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsCredentials;

impl OsCredentials {
    /// The entries to try, in order.
    fn entries(account: &str) -> Result<Vec<keyring::Entry>, CommandError> {
        #[cfg(target_os = "linux")]
        {
            // The desktop's Secret Service keeps the password across restarts;
            // where none runs (a kiosk session, a server without a desktop),
            // the kernel's keyring does, until the computer restarts.
            let mut entries = Vec::new();
            if has_session_bus()
                && let Ok(credential) =
                    keyring::secret_service::SsCredential::new_with_target(None, SERVICE, account)
            {
                entries.push(keyring::Entry::new_with_credential(Box::new(credential)));
            }
            let kernel = keyring::keyutils::KeyutilsCredential::new_with_target(None, SERVICE, account)
                .map_err(|e| store_error(&e))?;
            entries.push(keyring::Entry::new_with_credential(Box::new(kernel)));
            Ok(entries)
        }
        #[cfg(not(target_os = "linux"))]
        {
            Ok(vec![keyring::Entry::new(SERVICE, account).map_err(|e| store_error(&e))?])
        }
    }
}

impl Credentials for OsCredentials {
    fn save(&self, account: &str, password: &str) -> Result<(), CommandError> {
        let mut last = None;
        for entry in OsCredentials::entries(account)? {
            match entry.set_password(password) {
                Ok(()) => return Ok(()),
                Err(error) => last = Some(error),
            }
        }
        Err(last.map(|e| store_error(&e)).unwrap_or_else(|| CommandError::internal("no credential store")))
    }

    fn load(&self, account: &str) -> Result<Option<String>, CommandError> {
        let mut failure = None;
        for entry in OsCredentials::entries(account)? {
            match entry.get_password() {
                Ok(password) => return Ok(Some(password)),
                // Not there, or no such store on this computer (no Secret Service running).
                Err(keyring::Error::NoEntry | keyring::Error::PlatformFailure(_)) => {}
                // There, but locked or refusing: that is the reason to give.
                Err(error) => failure = Some(error),
            }
        }
        match failure {
            Some(error) => Err(store_error(&error)),
            None => Ok(None),
        }
    }

    fn forget(&self, account: &str) -> Result<(), CommandError> {
        for entry in OsCredentials::entries(account)? {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => {}
                // A store that cannot be reached holds nothing to forget.
                Err(keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_)) => {}
                Err(error) => return Err(store_error(&error)),
            }
        }
        Ok(())
    }
}

/// A credential store in memory, for tests (which run without a desktop).
#[derive(Debug, Default)]
pub struct MemoryCredentials(Mutex<HashMap<String, String>>);

impl MemoryCredentials {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Credentials for MemoryCredentials {
    fn save(&self, account: &str, password: &str) -> Result<(), CommandError> {
        self.map().insert(account.to_owned(), password.to_owned());
        Ok(())
    }

    fn load(&self, account: &str) -> Result<Option<String>, CommandError> {
        Ok(self.map().get(account).cloned())
    }

    fn forget(&self, account: &str) -> Result<(), CommandError> {
        self.map().remove(account);
        Ok(())
    }
}

impl<T: Credentials> Credentials for std::sync::Arc<T> {
    fn save(&self, account: &str, password: &str) -> Result<(), CommandError> {
        (**self).save(account, password)
    }

    fn load(&self, account: &str) -> Result<Option<String>, CommandError> {
        (**self).load(account)
    }

    fn forget(&self, account: &str) -> Result<(), CommandError> {
        (**self).forget(account)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(store: &dyn Credentials, account: &str) -> Result<(), CommandError> {
        assert_eq!(store.load(account)?, None);
        store.save(account, "first Pa55")?;
        assert_eq!(store.load(account)?.as_deref(), Some("first Pa55"));
        store.save(account, "second 密码")?;
        assert_eq!(store.load(account)?.as_deref(), Some("second 密码"));
        store.forget(account)?;
        assert_eq!(store.load(account)?, None);
        store.forget(account)
    }

    #[test]
    fn a_password_is_kept_replaced_and_forgotten_in_memory() {
        round_trip(&MemoryCredentials::default(), "desk@server:5432/caredesk").unwrap();
    }

    #[test]
    fn a_password_is_kept_replaced_and_forgotten_by_the_operating_system() {
        let account = format!("test-{}@caredesk-test:5432/caredesk", std::process::id());
        match round_trip(&OsCredentials, &account) {
            Ok(()) => {}
            // A machine where no credential store can be used at all (a container
            // that forbids the kernel keyring, and no desktop): the app says so at
            // the moment it would keep a password; there is nothing to test here.
            Err(error) if error.kind == ErrorKind::CredentialStore => {
                eprintln!("skipped: no credential store on this machine ({})", error.message);
            }
            Err(error) => panic!("{error:?}"),
        }
    }
}
