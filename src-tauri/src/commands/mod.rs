//! Every IPC command, one module per domain. The list below is the single
//! place a command is declared, with who may call it: it registers the
//! handler, puts the permission check in front of it, and generates the
//! command's typed TypeScript wrapper in `ui/src/bindings.ts`.

pub mod app;
pub mod archive;
pub mod auth;
pub mod settings;
pub mod staff;

use caredesk_domain::Action;
use tauri::Manager;

use crate::state::AppState;

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (signing in, the language of the sign-in screen).
    Public,
    /// A signed-in, unlocked member whose role may take the action.
    Staff(Action),
}

macro_rules! access {
    (Public) => {
        Access::Public
    };
    ($action:ident) => {
        Access::Staff(Action::$action)
    };
}

/// Declares the commands: `module::name(arg: Type, ...) -> Return, Access;`
/// where Access is `Public` or the `Action` the caller's role must allow.
/// Argument names are the Rust parameter names; Tauri takes them in camelCase.
macro_rules! commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty, $access:ident ;)*) => {
        /// Who may call `command`; `None` for a command that does not exist.
        pub fn access(command: &str) -> Option<Access> {
            match command {
                $(stringify!($name) => Some(access!($access)),)*
                _ => None,
            }
        }

        /// Every command's name and access, for tests and documentation.
        pub fn table() -> Vec<(&'static str, Access)> {
            vec![$((stringify!($name), access!($access))),*]
        }

        fn commands_handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        /// Each command's signature, for the TypeScript bindings.
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<crate::bindings::Signature> {
            vec![$(crate::bindings::Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(cfg))),*],
                returns: <$ret as ts_rs::TS>::name(cfg),
            }),*]
        }

        /// Visits every type the commands take or return.
        pub fn visit_types(visitor: &mut impl ts_rs::TypeVisitor) {
            $($(visitor.visit::<$ty>();)* visitor.visit::<$ret>();)*
        }
    };
}

/// The IPC handler: checks the caller against the command's declared access
/// before the command's arguments are even read, then runs it.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    let run = commands_handler::<R>();
    move |invoke| {
        if let Some(Access::Staff(action)) = access(invoke.message.command()) {
            let refusal = match invoke.message.webview_ref().try_state::<AppState>() {
                Some(state) => state.authorize(action).err(),
                None => Some(crate::error::CommandError::internal("CareDesk has not finished starting")),
            };
            if let Some(error) = refusal {
                invoke.resolver.reject(error);
                return true;
            }
        }
        run(invoke)
    }
}

use caredesk_domain::archive::{
    ArchiveStats, CustomerDetail, CustomerInput, CustomerQuery, CustomerSummary, NewCustomer, OwnerChange,
    VehicleDetail, VehicleInput,
};
use caredesk_domain::audit::AuditEntry;
use caredesk_domain::settings::{BackupInfo, Settings};
use caredesk_domain::staff::{AdminSetup, StaffInput, StaffMember};
use caredesk_domain::{CustomerId, StaffId, VehicleId};

commands! {
    app::get_preferences() -> app::Preferences, Public;
    app::set_language(language: app::Language) -> (), Public;
    auth::auth_status() -> auth::AuthStatus, Public;
    auth::create_administrator(setup: AdminSetup) -> auth::AuthStatus, Public;
    auth::sign_in(login: String, password: String) -> auth::AuthStatus, Public;
    auth::unlock(password: String) -> auth::AuthStatus, Public;
    auth::sign_out() -> (), Public;
    auth::lock() -> auth::AuthStatus, OwnAccount;
    auth::touch() -> (), OwnAccount;
    auth::change_password(current_password: String, new_password: String) -> (), OwnAccount;
    staff::list_staff() -> Vec<StaffMember>, ManageStaff;
    staff::create_staff(input: StaffInput, password: String) -> StaffMember, ManageStaff;
    staff::update_staff(id: StaffId, input: StaffInput) -> StaffMember, ManageStaff;
    staff::reset_password(id: StaffId, password: String) -> (), ManageStaff;
    staff::staff_history(id: StaffId) -> Vec<AuditEntry>, ManageStaff;
    settings::get_settings() -> Settings, ManageSettings;
    settings::update_settings(settings: Settings) -> Settings, ManageSettings;
    settings::list_backups() -> settings::BackupOverview, BackUp;
    settings::backup_now() -> BackupInfo, BackUp;
    settings::restore_backup(path: String) -> BackupInfo, Restore;
    archive::archive_stats() -> ArchiveStats, ReadArchive;
    archive::search_customers(query: CustomerQuery) -> Vec<CustomerSummary>, ReadArchive;
    archive::get_customer(id: CustomerId) -> CustomerDetail, ReadArchive;
    archive::customer_history(id: CustomerId) -> Vec<AuditEntry>, ReadArchive;
    archive::create_customer(input: NewCustomer) -> CustomerDetail, EditArchive;
    archive::update_customer(id: CustomerId, input: CustomerInput) -> CustomerDetail, EditArchive;
    archive::set_customer_archived(id: CustomerId, archived: bool) -> CustomerDetail, ArchiveCustomer;
    archive::add_vehicle(customer_id: CustomerId, input: VehicleInput) -> CustomerDetail, EditArchive;
    archive::update_vehicle(id: VehicleId, input: VehicleInput) -> CustomerDetail, EditArchive;
    archive::get_vehicle(id: VehicleId) -> VehicleDetail, ReadArchive;
    archive::vehicle_history(id: VehicleId) -> Vec<AuditEntry>, ReadArchive;
    archive::change_owner(change: OwnerChange) -> VehicleDetail, EditArchive;
    archive::load_demo_data() -> ArchiveStats, LoadDemoData;
}
