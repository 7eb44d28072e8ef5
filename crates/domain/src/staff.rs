//! The people who use CareDesk, their roles, and what each role may do.
//! The permission table lives here once; the shell checks it before every
//! command and the UI only hides what the backend would refuse.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorKind, Invalid, Issue, Issues};
use crate::validate;

/// A staff member's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct StaffId(#[ts(type = "number")] pub i64);

/// The roles of DOMAIN.md §1, plus the administrator who manages accounts,
/// settings and backups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 服务顾问: books, receives, writes repair orders, hands over.
    ServiceAdvisor,
    /// 车间主管 / 维修技师: assigns and records repair work.
    Technician,
    /// 质检员: quality control before handover.
    QcInspector,
    /// 回访专员: works the follow-up call list.
    FollowUp,
    /// 服务经理 / 站长: plans care events, owns serious complaints, reads KPIs.
    ServiceManager,
    /// 系统管理员: staff accounts, settings, backups.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::ServiceAdvisor,
        Role::Technician,
        Role::QcInspector,
        Role::FollowUp,
        Role::ServiceManager,
        Role::Administrator,
    ];
}

/// Something a command does, as the permission table knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// See customers, vehicles and their history.
    ReadArchive,
    /// Create and edit customers and vehicles, change a vehicle's owner.
    EditArchive,
    /// Give or withdraw a customer's consent to marketing contact.
    ChangeConsent,
    /// Archive or restore a customer.
    ArchiveCustomer,
    /// Fill an empty archive with the demo dealership.
    LoadDemoData,
    /// Sign out, change one's own password.
    OwnAccount,
    /// Create staff accounts, change roles, disable accounts, reset passwords.
    ManageStaff,
    /// Change the lock time and the backup settings.
    ManageSettings,
    /// Take a backup now, list backups.
    BackUp,
    /// Replace the database with a backup.
    Restore,
    /// See appointments, visits, repair orders and the workshop board; print them.
    ReadVisits,
    /// Book, reschedule and cancel appointments, mark no-shows, prepare them.
    BookVisits,
    /// Receive vehicles, write repair orders, ask the customer about extra work, hand over.
    ServeVisits,
    /// Assign technicians, record repair and extra work found, finish repair.
    RecordRepair,
    /// Do the quality check before handover.
    QualityCheck,
    /// Change working hours, slots, capacity, rates, tax and the follow-up window.
    PlanService,
    /// Register a complaint (anyone: first-contact responsibility), solve a minor one on the spot.
    RegisterComplaint,
    /// Work a complaint one handles: contact, agree, resolve, return call, recovery, cause.
    HandleComplaint,
    /// Assign handlers, reopen and close complaints, change the time limits.
    ManageComplaints,
    /// See the follow-up call list, the survey results and the satisfaction index
    /// (an advisor sees only their own visits').
    ReadSatisfaction,
    /// Take follow-up calls, record attempts and answers, print the call sheet.
    CallCustomers,
    /// Change the questionnaire, its weights, the number of attempts and the alert threshold.
    PlanFollowUp,
    /// See campaigns, their guests, draws and results, and the proactive care lists.
    ReadCampaigns,
    /// Plan campaigns: the plan, the segment, invitations, the status; the care lists' settings.
    PlanCampaigns,
    /// Record RSVPs, check guests in, operate the lottery.
    WorkCampaigns,
    /// Move this desk's database to the dealership's server (team mode).
    MoveDatabase,
    /// Take customers' data out of CareDesk as a workbook: personal data
    /// leaving the system is accounted for (PIPL), so only managers and
    /// administrators, and every export is in the audit trail.
    ExportData,
    /// Bring customers, vehicles and past visits in from an old system's
    /// workbook: many records at once, so only managers and administrators.
    ImportData,
    /// See the manager's dashboard of KPIs, the advisor league and the records
    /// behind each figure (an advisor sees only their own figures).
    ReadReports,
}

impl Action {
    pub const ALL: [Action; 29] = [
        Action::ReadArchive,
        Action::EditArchive,
        Action::ChangeConsent,
        Action::ArchiveCustomer,
        Action::LoadDemoData,
        Action::OwnAccount,
        Action::ManageStaff,
        Action::ManageSettings,
        Action::BackUp,
        Action::Restore,
        Action::ReadVisits,
        Action::BookVisits,
        Action::ServeVisits,
        Action::RecordRepair,
        Action::QualityCheck,
        Action::PlanService,
        Action::RegisterComplaint,
        Action::HandleComplaint,
        Action::ManageComplaints,
        Action::ReadSatisfaction,
        Action::CallCustomers,
        Action::PlanFollowUp,
        Action::ReadCampaigns,
        Action::PlanCampaigns,
        Action::WorkCampaigns,
        Action::MoveDatabase,
        Action::ExportData,
        Action::ImportData,
        Action::ReadReports,
    ];

    /// The action in words, for the `forbidden` message.
    pub fn describe(self) -> &'static str {
        match self {
            Action::ReadArchive => "read the customer archive",
            Action::EditArchive => "edit customers and vehicles",
            Action::ChangeConsent => "change marketing consent",
            Action::ArchiveCustomer => "archive or restore a customer",
            Action::LoadDemoData => "load demo data",
            Action::OwnAccount => "manage one's own account",
            Action::ManageStaff => "manage staff accounts",
            Action::ManageSettings => "change settings",
            Action::BackUp => "back up the database",
            Action::Restore => "restore a backup",
            Action::ReadVisits => "see visits and repair orders",
            Action::BookVisits => "book appointments",
            Action::ServeVisits => "receive vehicles, write repair orders and hand over",
            Action::RecordRepair => "assign and record repair work",
            Action::QualityCheck => "do the quality check",
            Action::PlanService => "change the service schedule settings",
            Action::RegisterComplaint => "register a complaint",
            Action::HandleComplaint => "work a complaint",
            Action::ManageComplaints => "assign, reopen and close complaints",
            Action::ReadSatisfaction => "see follow-up calls and satisfaction results",
            Action::CallCustomers => "work follow-up calls",
            Action::PlanFollowUp => "change the follow-up questionnaire and settings",
            Action::ReadCampaigns => "see campaigns and the care lists",
            Action::PlanCampaigns => "plan campaigns",
            Action::WorkCampaigns => "invite, check in and draw at campaigns",
            Action::MoveDatabase => "move the database to the dealership's server",
            Action::ExportData => "export customers' data to a workbook",
            Action::ImportData => "import customers, vehicles and visits from a workbook",
            Action::ReadReports => "see the KPI reports",
        }
    }
}

/// The permission table: may a staff member with `role` do `action`?
pub fn may(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match action {
        ReadArchive | OwnAccount | ReadVisits => true,
        BookVisits | ServeVisits => matches!(role, ServiceAdvisor | ServiceManager),
        RecordRepair => matches!(role, Technician | ServiceManager),
        QualityCheck => matches!(role, QcInspector | ServiceManager),
        PlanService => matches!(role, ServiceManager | Administrator),
        RegisterComplaint => role != Administrator,
        // Handlers work their own complaints; who handles which is the store's check.
        HandleComplaint => role != Administrator,
        ManageComplaints => role == ServiceManager,
        ReadSatisfaction => matches!(role, FollowUp | ServiceManager | ServiceAdvisor),
        // The manager is judged on the KPIs (DOMAIN.md §1); an advisor reads their own, which the store enforces.
        ReadReports => matches!(role, ServiceManager | ServiceAdvisor),
        CallCustomers => matches!(role, FollowUp | ServiceManager),
        PlanFollowUp => role == ServiceManager,
        ReadCampaigns => role != Administrator,
        PlanCampaigns => role == ServiceManager,
        WorkCampaigns => matches!(role, FollowUp | ServiceAdvisor | ServiceManager),
        EditArchive => matches!(role, ServiceAdvisor | ServiceManager | Administrator),
        ChangeConsent | ArchiveCustomer | BackUp | ExportData | ImportData => {
            matches!(role, ServiceManager | Administrator)
        }
        LoadDemoData | ManageStaff | ManageSettings | Restore | MoveDatabase => role == Administrator,
    }
}

/// The actions a role may take, for the UI to show only those.
pub fn allowed_actions(role: Role) -> Vec<Action> {
    Action::ALL.into_iter().filter(|a| may(role, *a)).collect()
}

/// Who is doing something: recorded with every change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
}

impl Actor {
    /// CareDesk itself, for changes no person made (loading the demo dealership).
    pub fn system() -> Actor {
        Actor { id: StaffId(0), name: "CareDesk".into(), role: Role::Administrator }
    }

    /// Refuses with `forbidden`, naming the action, unless the role may do it.
    pub fn require(&self, action: Action) -> Result<(), Issue> {
        if may(self.role, action) { Ok(()) } else { Err(forbidden(action)) }
    }
}

pub fn forbidden(action: Action) -> Issue {
    Issue {
        kind: ErrorKind::Forbidden,
        field: None,
        message: format!("your role may not {}", action.describe()),
        conflict: None,
        action: Some(action),
        changed: None,
    }
}

/// A staff account as the administrator edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffInput {
    pub name: String,
    pub login: String,
    pub role: Role,
    pub active: bool,
}

/// A staff account as stored (never with its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    pub id: StaffId,
    pub name: String,
    pub login: String,
    pub role: Role,
    pub active: bool,
}

/// A colleague as the service screens list them (advisors, technicians): no login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Colleague {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
}

/// The first start: the administrator's account and the password they chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdminSetup {
    pub name: String,
    pub login: String,
    pub password: String,
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// A login: 3–32 lower-case letters, digits, dots, dashes or underscores.
pub fn login(field: &str, value: &str) -> Result<String, Issue> {
    let login = value.trim().to_lowercase();
    if login.is_empty() {
        return Err(Issue::new(ErrorKind::Required, field, format!("{field} is required")));
    }
    let ok = (3..=32).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(login)
    } else {
        Err(Issue::new(
            ErrorKind::InvalidLogin,
            field,
            format!("{field} must be 3 to 32 letters, digits, dots, dashes or underscores"),
        ))
    }
}

/// A new password: 8 to 128 characters, not the login itself.
pub fn password(field: &str, value: &str, login: &str) -> Result<(), Issue> {
    let length = value.chars().count();
    if !(PASSWORD_MIN..=PASSWORD_MAX).contains(&length) {
        return Err(Issue::new(
            ErrorKind::WeakPassword,
            field,
            format!("{field} must have {PASSWORD_MIN} to {PASSWORD_MAX} characters"),
        ));
    }
    if value.trim().eq_ignore_ascii_case(login.trim()) {
        return Err(Issue::new(ErrorKind::WeakPassword, field, format!("{field} cannot be the login")));
    }
    Ok(())
}

impl StaffInput {
    /// The account normalised (login lower-case, name trimmed), or every issue.
    pub fn validate(&self) -> Result<StaffInput, Invalid> {
        let mut issues = Issues::default();
        let name = issues.take(validate::text("name", &self.name, 50));
        let login = issues.take(login("login", &self.login));
        issues.finish()?;
        match (name, login) {
            (Some(name), Some(login)) => Ok(StaffInput { name, login, role: self.role, active: self.active }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_permission_table_follows_the_trade() {
        for role in Role::ALL {
            assert!(may(role, Action::ReadArchive), "everyone reads the archive");
            assert!(may(role, Action::OwnAccount));
        }
        let writers: Vec<Role> = Role::ALL.into_iter().filter(|r| may(*r, Action::EditArchive)).collect();
        assert_eq!(writers, [Role::ServiceAdvisor, Role::ServiceManager, Role::Administrator]);
        for action in [Action::ChangeConsent, Action::ArchiveCustomer, Action::ExportData, Action::ImportData]
        {
            let roles: Vec<Role> = Role::ALL.into_iter().filter(|r| may(*r, action)).collect();
            assert_eq!(roles, [Role::ServiceManager, Role::Administrator], "{action:?}");
        }
        for action in [Action::ManageStaff, Action::Restore, Action::ManageSettings] {
            let roles: Vec<Role> = Role::ALL.into_iter().filter(|r| may(*r, action)).collect();
            assert_eq!(roles, [Role::Administrator], "{action:?}");
        }
    }

    #[test]
    fn each_visit_step_has_its_trade_and_the_manager_does_all() {
        let roles = |action| Role::ALL.into_iter().filter(|r| may(*r, action)).collect::<Vec<_>>();
        assert_eq!(roles(Action::BookVisits), [Role::ServiceAdvisor, Role::ServiceManager]);
        assert_eq!(roles(Action::ServeVisits), [Role::ServiceAdvisor, Role::ServiceManager]);
        assert_eq!(roles(Action::RecordRepair), [Role::Technician, Role::ServiceManager]);
        assert_eq!(roles(Action::QualityCheck), [Role::QcInspector, Role::ServiceManager]);
        assert_eq!(roles(Action::ReadVisits), Role::ALL);
    }

    #[test]
    fn a_refusal_names_the_action() {
        let advisor = Actor { id: StaffId(1), name: "王丽".into(), role: Role::ServiceAdvisor };
        let issue = advisor.require(Action::ManageStaff).unwrap_err();
        assert_eq!(issue.kind, ErrorKind::Forbidden);
        assert!(issue.message.contains("manage staff accounts"));
        assert!(advisor.require(Action::EditArchive).is_ok());
    }

    #[test]
    fn logins_and_passwords() {
        assert_eq!(login("login", " WangLi ").unwrap(), "wangli");
        assert_eq!(login("login", "w").unwrap_err().kind, ErrorKind::InvalidLogin);
        assert_eq!(login("login", "王丽").unwrap_err().kind, ErrorKind::InvalidLogin);
        assert!(password("password", "correct horse", "wangli").is_ok());
        assert_eq!(password("password", "short", "wangli").unwrap_err().kind, ErrorKind::WeakPassword);
        assert_eq!(password("password", "WANGLI12", "wangli12").unwrap_err().kind, ErrorKind::WeakPassword);
    }
}
