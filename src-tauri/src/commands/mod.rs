//! Every IPC command, one module per domain. The list below is the single
//! place a command is declared: it registers the handler and generates its
//! typed TypeScript wrapper in `ui/src/bindings.ts`.

pub mod app;
pub mod archive;

/// Declares the commands: `module::name(arg: Type, ...) -> Return;`.
/// Argument names are the Rust parameter names; Tauri takes them in camelCase.
macro_rules! commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty ;)*) => {
        /// The IPC handler for every command.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
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

use caredesk_domain::archive::{
    ArchiveStats, CustomerDetail, CustomerInput, CustomerQuery, CustomerSummary, NewCustomer, OwnerChange,
    VehicleDetail, VehicleInput,
};
use caredesk_domain::{CustomerId, VehicleId};

commands! {
    app::get_preferences() -> app::Preferences;
    app::set_language(language: app::Language) -> ();
    archive::archive_stats() -> ArchiveStats;
    archive::search_customers(query: CustomerQuery) -> Vec<CustomerSummary>;
    archive::get_customer(id: CustomerId) -> CustomerDetail;
    archive::create_customer(input: NewCustomer) -> CustomerDetail;
    archive::update_customer(id: CustomerId, input: CustomerInput) -> CustomerDetail;
    archive::set_customer_archived(id: CustomerId, archived: bool) -> CustomerDetail;
    archive::add_vehicle(customer_id: CustomerId, input: VehicleInput) -> CustomerDetail;
    archive::update_vehicle(id: VehicleId, input: VehicleInput) -> CustomerDetail;
    archive::get_vehicle(id: VehicleId) -> VehicleDetail;
    archive::change_owner(change: OwnerChange) -> VehicleDetail;
    archive::load_demo_data() -> ArchiveStats;
}
