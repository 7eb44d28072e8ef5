//! Every IPC command, one module per domain. The list below is the single
//! place a command is declared, with who may call it: it registers the
//! handler, puts the permission check in front of it, and generates the
//! command's typed TypeScript wrapper in `ui/src/bindings.ts`.

pub mod app;
pub mod archive;
pub mod auth;
pub mod campaigns;
pub mod complaints;
pub mod database;
pub mod export;
pub mod follow_up;
pub mod import;
pub mod picture;
pub mod print;
pub mod reports;
pub mod settings;
pub mod staff;
pub mod visits;

use caredesk_domain::Action;
use tauri::Manager;

use crate::state::AppState;

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Before any database is open: the start's status, the first start's
    /// chooser (`startup.rs`). Every other command waits for a database.
    Start,
    /// Anyone, signed in or not (signing in, the language of the sign-in screen).
    Public,
    /// A signed-in, unlocked member whose role may take the action.
    Staff(Action),
}

macro_rules! access {
    (Start) => {
        Access::Start
    };
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
/// before the command's arguments are even read, then runs it. Until a
/// database is open (`AppState` exists) only the start's commands run.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    let run = commands_handler::<R>();
    move |invoke| {
        let access = access(invoke.message.command());
        if access.is_some_and(|a| a != Access::Start) {
            let refusal = match invoke.message.webview_ref().try_state::<AppState>() {
                Some(state) => match access {
                    Some(Access::Staff(action)) => state.authorize(action).err(),
                    _ => None,
                },
                None => Some(crate::error::CommandError::internal("CareDesk has not finished starting")),
            };
            if let Some(error) = refusal {
                log::info!("command {} refused before it ran", invoke.message.command());
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
use caredesk_domain::board::{AppointmentBoard, VehicleVisits, WorkshopBoard};
use caredesk_domain::campaign::{
    Campaign, CampaignId, CampaignInput, CampaignStatus, CampaignSummary, Draw, Invitation, InvitationId,
    Results, Rsvp, Segment, SegmentCount, SegmentMember,
};
use caredesk_domain::care::{CareAttemptInput, CareCall, CareCallId, CareKind, CareSettings};
use caredesk_domain::complaint::{
    CauseInput, Complaint, ComplaintInput, ComplaintLimits, ComplaintStep, RecoveryInput,
};
use caredesk_domain::follow_up::{
    AttemptInput, CallDetail, CallFilter, CsiReport, FollowUpCall, FollowUpSettings, Questionnaire,
};
use caredesk_domain::server::{ServerCheck, ServerInput};
use caredesk_domain::settings::ServiceSettings;
use caredesk_domain::settings::{BackupInfo, Settings};
use caredesk_domain::staff::Colleague;
use caredesk_domain::staff::{AdminSetup, StaffInput, StaffMember};
use caredesk_domain::visit::{
    Booking, ExtraWorkInput, HandoverInput, OrderInput, Preparation, QcInput, Reception, Visit, VisitSummary,
    WalkIn,
};
use caredesk_domain::{ComplaintId, CustomerId, ExtraWorkId, FollowUpId, StaffId, VehicleId, VisitId};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

commands! {
    database::start_status() -> crate::startup::StartStatus, Start;
    database::test_server(server: ServerInput) -> ServerCheck, Start;
    database::choose_server(server: ServerInput) -> crate::startup::StartStatus, Start;
    database::choose_this_computer() -> crate::startup::StartStatus, Start;
    database::retry_start() -> crate::startup::StartStatus, Start;
    database::database_info() -> database::DatabaseInfo, OwnAccount;
    database::test_move_target(server: ServerInput) -> ServerCheck, MoveDatabase;
    database::move_to_server(server: ServerInput) -> database::MoveReport, MoveDatabase;
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
    settings::choose_backup_folder() -> Option<String>, ManageSettings;
    settings::choose_backup_file() -> Option<String>, Restore;
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
    visits::appointment_board(from: NaiveDate, days: u32) -> AppointmentBoard, ReadVisits;
    visits::workshop_board() -> WorkshopBoard, ReadVisits;
    visits::get_visit(id: VisitId) -> Visit, ReadVisits;
    visits::visit_history(id: VisitId) -> Vec<AuditEntry>, ReadVisits;
    visits::vehicle_visits(id: VehicleId) -> VehicleVisits, ReadVisits;
    visits::customer_visits(id: CustomerId) -> Vec<VisitSummary>, ReadVisits;
    visits::service_staff() -> Vec<Colleague>, ReadVisits;
    visits::get_service_settings() -> ServiceSettings, ReadVisits;
    visits::update_service_settings(settings: ServiceSettings) -> ServiceSettings, PlanService;
    visits::book_appointment(booking: Booking) -> Visit, BookVisits;
    visits::reschedule_appointment(id: VisitId, at: NaiveDateTime, advisor_id: StaffId, version: Option<DateTime<Utc>>) -> Visit, BookVisits;
    visits::cancel_appointment(id: VisitId, reason: String) -> Visit, BookVisits;
    visits::mark_no_show(id: VisitId) -> Visit, BookVisits;
    visits::save_preparation(id: VisitId, checklist: Preparation, version: Option<DateTime<Utc>>) -> Visit, BookVisits;
    visits::receive_vehicle(id: VisitId, reception: Reception, version: Option<DateTime<Utc>>) -> Visit, ServeVisits;
    visits::receive_walk_in(walk_in: WalkIn) -> Visit, ServeVisits;
    visits::write_repair_order(id: VisitId, order: OrderInput) -> Visit, ServeVisits;
    visits::start_repair(id: VisitId, technician_id: StaffId, version: Option<DateTime<Utc>>) -> Visit, RecordRepair;
    visits::record_extra_work(id: VisitId, extra: ExtraWorkInput) -> Visit, RecordRepair;
    visits::decide_extra_work(id: VisitId, extra_work_id: ExtraWorkId, approved: bool, note: String) -> Visit, ServeVisits;
    visits::finish_repair(id: VisitId) -> Visit, RecordRepair;
    visits::record_quality_check(id: VisitId, check: QcInput) -> Visit, QualityCheck;
    visits::hand_over(id: VisitId, handover: HandoverInput) -> Visit, ServeVisits;
    print::print_visit(id: VisitId, paper: print::Paper, language: app::Language) -> print::Printed, ReadVisits;
    print::open_printed(path: String) -> (), ReadVisits;
    print::save_printed_copy(path: String) -> Option<print::Printed>, ReadVisits;
    print::print_complaint(id: ComplaintId, language: app::Language) -> print::Printed, ReadArchive;
    export::export_archive(language: app::Language) -> Option<export::Exported>, ExportData;
    export::export_customer_list(query: CustomerQuery, language: app::Language) -> Option<export::Exported>, ExportData;
    export::export_follow_up_calls(filter: CallFilter, language: app::Language) -> Option<export::Exported>, ExportData;
    export::export_complaints(open_only: bool, language: app::Language) -> Option<export::Exported>, ExportData;
    export::export_campaign_guests(id: CampaignId, rsvp: Option<Rsvp>, language: app::Language) -> Option<export::Exported>, ExportData;
    export::export_campaign_results(id: CampaignId, language: app::Language) -> Option<export::Exported>, ExportData;
    export::export_csi_report(from: NaiveDate, to: NaiveDate, language: app::Language) -> Option<export::Exported>, ExportData;
    picture::save_picture(name: String, png: String, language: app::Language) -> Option<picture::SavedPicture>, ReadArchive;
    import::import_pick_file(language: app::Language) -> Option<import::Opened>, ImportData;
    import::import_sheet(sheet: Option<String>, header_row: Option<u32>) -> import::SheetView, ImportData;
    import::import_preview(mapping: caredesk_import::Mapping) -> import::Preview, ImportData;
    import::import_commit() -> caredesk_store::import::ImportSummary, ImportData;
    import::import_cancel() -> (), ImportData;
    import::import_save_failed(reasons: Vec<import::FailedReason>, language: app::Language) -> Option<export::Exported>, ImportData;
    import::import_templates() -> Vec<caredesk_import::Mapping>, ImportData;
    import::save_import_template(template: caredesk_import::Mapping) -> Vec<caredesk_import::Mapping>, ImportData;
    import::delete_import_template(name: String) -> Vec<caredesk_import::Mapping>, ImportData;
    complaints::complaint_alerts() -> complaints::ComplaintAlerts, ReadArchive;
    complaints::list_complaints(open_only: bool) -> Vec<Complaint>, ReadArchive;
    complaints::get_complaint(id: ComplaintId) -> Complaint, ReadArchive;
    complaints::complaint_history(id: ComplaintId) -> Vec<AuditEntry>, ReadArchive;
    complaints::complaint_kpis(since: NaiveDate) -> complaints::ComplaintKpis, ReadArchive;
    complaints::complaint_handlers() -> Vec<Colleague>, ReadArchive;
    complaints::get_complaint_limits() -> ComplaintLimits, ReadArchive;
    complaints::update_complaint_limits(limits: ComplaintLimits) -> ComplaintLimits, ManageComplaints;
    complaints::register_complaint(input: ComplaintInput) -> Complaint, RegisterComplaint;
    complaints::solve_complaint_on_the_spot(id: ComplaintId, solution: String) -> Complaint, RegisterComplaint;
    complaints::assign_complaint(id: ComplaintId, handler_id: StaffId, version: Option<DateTime<Utc>>) -> Complaint, ManageComplaints;
    complaints::complaint_step(id: ComplaintId, step: ComplaintStep, note: String) -> Complaint, HandleComplaint;
    complaints::resolve_complaint(id: ComplaintId, resolved_on: NaiveDate, solution: String) -> Complaint, HandleComplaint;
    complaints::close_complaint(id: ComplaintId) -> Complaint, ManageComplaints;
    complaints::reopen_complaint(id: ComplaintId, reason: String) -> Complaint, ManageComplaints;
    complaints::record_recovery(id: ComplaintId, recovery: RecoveryInput) -> Complaint, HandleComplaint;
    complaints::record_complaint_cause(id: ComplaintId, cause: CauseInput) -> Complaint, HandleComplaint;
    complaints::check_improvement(id: ComplaintId, version: Option<DateTime<Utc>>) -> Complaint, ManageComplaints;
    follow_up::follow_up_calls(filter: CallFilter) -> Vec<FollowUpCall>, ReadSatisfaction;
    follow_up::get_follow_up_call(id: FollowUpId) -> CallDetail, ReadSatisfaction;
    follow_up::visit_follow_up(id: VisitId) -> Option<CallDetail>, ReadSatisfaction;
    follow_up::follow_up_callers() -> Vec<Colleague>, ReadSatisfaction;
    follow_up::take_follow_up_calls(ids: Vec<FollowUpId>, caller_id: StaffId) -> (), CallCustomers;
    follow_up::record_call_attempt(id: FollowUpId, attempt: AttemptInput) -> CallDetail, CallCustomers;
    follow_up::get_questionnaire() -> Questionnaire, ReadSatisfaction;
    follow_up::update_questionnaire(questionnaire: Questionnaire) -> Questionnaire, PlanFollowUp;
    follow_up::get_follow_up_settings() -> FollowUpSettings, ReadSatisfaction;
    follow_up::update_follow_up_settings(settings: FollowUpSettings) -> FollowUpSettings, PlanFollowUp;
    follow_up::csi_report(from: NaiveDate, to: NaiveDate) -> CsiReport, ReadSatisfaction;
    print::print_call_sheet(filter: CallFilter, language: app::Language) -> print::Printed, CallCustomers;
    campaigns::list_campaigns() -> Vec<CampaignSummary>, ReadCampaigns;
    campaigns::get_campaign(id: CampaignId) -> Campaign, ReadCampaigns;
    campaigns::create_campaign(input: CampaignInput) -> Campaign, PlanCampaigns;
    campaigns::update_campaign(id: CampaignId, input: CampaignInput) -> Campaign, PlanCampaigns;
    campaigns::set_campaign_status(id: CampaignId, status: CampaignStatus) -> Campaign, PlanCampaigns;
    campaigns::segment_count(segment: Segment) -> SegmentCount, ReadCampaigns;
    campaigns::segment_preview(segment: Segment) -> Vec<SegmentMember>, ReadCampaigns;
    campaigns::vehicle_models() -> Vec<String>, ReadCampaigns;
    campaigns::save_campaign_segment(id: CampaignId, segment: Segment) -> Campaign, PlanCampaigns;
    campaigns::invite_segment(id: CampaignId) -> Campaign, PlanCampaigns;
    campaigns::campaign_invitations(id: CampaignId) -> Vec<Invitation>, ReadCampaigns;
    campaigns::record_rsvp(invitation_id: InvitationId, rsvp: Rsvp, note: String) -> Invitation, WorkCampaigns;
    campaigns::check_in_guest(id: CampaignId, customer_id: CustomerId, walk_in: bool) -> Invitation, WorkCampaigns;
    campaigns::draw_prize(invitation_id: InvitationId) -> Draw, WorkCampaigns;
    campaigns::campaign_draws(id: CampaignId) -> Vec<Draw>, ReadCampaigns;
    campaigns::campaign_results(id: CampaignId) -> Results, ReadCampaigns;
    campaigns::care_list(kind: CareKind, date: NaiveDate) -> Vec<CareCall>, ReadCampaigns;
    campaigns::get_care_call(id: CareCallId) -> campaigns::CareCallDetail, ReadCampaigns;
    campaigns::record_care_attempt(id: CareCallId, attempt: CareAttemptInput) -> campaigns::CareCallDetail, CallCustomers;
    campaigns::get_care_settings() -> CareSettings, ReadCampaigns;
    campaigns::update_care_settings(settings: CareSettings) -> CareSettings, PlanCampaigns;
    campaigns::care_segment(kind: CareKind) -> Segment, ReadCampaigns;
    print::print_campaign(id: CampaignId, paper: print::CampaignPaper, language: app::Language) -> print::Printed, ReadCampaigns;
    print::print_care_sheet(kind: CareKind, date: NaiveDate, language: app::Language) -> print::Printed, CallCustomers;
    reports::reports_dashboard(query: caredesk_store::reports::ReportQuery) -> caredesk_store::reports::Dashboard, ReadReports;
    reports::reports_league(query: caredesk_store::reports::ReportQuery) -> Vec<caredesk_store::reports::LeagueRow>, ReadReports;
    reports::reports_records(query: caredesk_store::reports::ReportQuery, kpi: caredesk_store::reports::KpiKey) -> Vec<caredesk_store::reports::ReportRecord>, ReadReports;
    reports::export_report(query: caredesk_store::reports::ReportQuery, language: app::Language) -> Option<export::Exported>, ExportData;
    reports::print_report(query: caredesk_store::reports::ReportQuery, language: app::Language) -> print::Printed, ReadReports;
}
