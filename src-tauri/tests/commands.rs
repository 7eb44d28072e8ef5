//! Every command through Tauri's IPC layer (mock runtime, no window), on a temp
//! database: argument names and shapes as the generated TypeScript sends them,
//! and errors as the UI receives them.

#[path = "common/ipc.rs"]
mod ipc;

use std::sync::atomic::{AtomicI64, Ordering};

use caredesk_domain::staff::{AdminSetup, StaffInput, may};
use caredesk_domain::{Action, Actor, Role, StaffId};
use caredesk_lib::commands::{Access, table};
use caredesk_lib::state::AppState;
use caredesk_store::{Db, Now, staff};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

fn fixed_now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

/// Minutes added to the fixed time, for the one test that waits for the lock.
static LOCK_TEST_MINUTES: AtomicI64 = AtomicI64::new(0);

/// Minutes added to the fixed time, for the complaint escalation test.
static COMPLAINT_TEST_MINUTES: AtomicI64 = AtomicI64::new(0);

fn complaint_now() -> Now {
    Now::at(fixed_now().instant + chrono::Duration::minutes(COMPLAINT_TEST_MINUTES.load(Ordering::SeqCst)), 8)
}

/// Minutes added to the fixed time, for the background escalation test.
static BACKGROUND_TEST_MINUTES: AtomicI64 = AtomicI64::new(0);

fn background_now() -> Now {
    Now::at(
        fixed_now().instant + chrono::Duration::minutes(BACKGROUND_TEST_MINUTES.load(Ordering::SeqCst)),
        8,
    )
}

fn moving_now() -> Now {
    let now = fixed_now();
    Now { instant: now.instant + chrono::Duration::minutes(LOCK_TEST_MINUTES.load(Ordering::SeqCst)), ..now }
}

/// Logins of the team every harness starts with; each password is `<login>-pass-1`.
const TEAM: [(&str, Role); 6] = [
    ("admin", Role::Administrator),
    ("advisor", Role::ServiceAdvisor),
    ("foreman", Role::Technician),
    ("inspector", Role::QcInspector),
    ("followup", Role::FollowUp),
    ("manager", Role::ServiceManager),
];

fn password(login: &str) -> String {
    format!("{login}-pass-1")
}

fn login_of(role: Role) -> &'static str {
    TEAM.iter().find(|(_, r)| *r == role).map(|(l, _)| *l).unwrap()
}

struct Harness {
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Harness {
    /// A temp database with the team, signed in as the administrator.
    fn new() -> Harness {
        let h = Harness::empty(fixed_now);
        h.add_team();
        h.sign_in("admin");
        h
    }

    fn add_team(&self) {
        let (admin, _) = TEAM[0];
        let setup = AdminSetup { name: "管理员".into(), login: admin.into(), password: password(admin) };
        let status = self.ok("create_administrator", json!({ "setup": setup }));
        assert_eq!(status["session"]["staff"]["login"], admin);
        for (login, role) in &TEAM[1..] {
            let input = StaffInput {
                name: format!("{login} 同事"),
                login: (*login).into(),
                role: *role,
                active: true,
            };
            self.ok("create_staff", json!({ "input": input, "password": password(login) }));
        }
    }

    fn sign_in(&self, login: &str) -> Value {
        self.ok("sign_in", json!({ "login": login, "password": password(login) }))
    }

    /// A temp database with nobody in it yet.
    fn empty(clock: fn() -> Now) -> Harness {
        Harness::with_font(clock, caredesk_print::source_tree_font())
    }

    /// A temp database with nobody in it yet, printing with the font at `font`.
    fn with_font(clock: fn() -> Now, font: std::path::PathBuf) -> Harness {
        Harness::prepared(clock, font, |_| {})
    }

    /// As `--demo` starts: the demo dealership being written on a thread of its own.
    fn demo(clock: fn() -> Now) -> Harness {
        Harness::prepared(clock, caredesk_print::source_tree_font(), |state| {
            state.seed_demo_in_background().unwrap();
        })
    }

    fn prepared(clock: fn() -> Now, font: std::path::PathBuf, prepare: impl FnOnce(&AppState)) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Harness::on(dir, clock, font, prepare)
    }

    /// A desk on the dealership's server (team mode), with an app-data folder of its
    /// own (its backup folder inside); nobody in it yet unless another desk added them.
    fn on_server(database: &caredesk_store::postgres::testing::TestDatabase) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let server = caredesk_store::postgres::Server::open(database.config()).unwrap();
        let state = AppState::on(
            caredesk_store::Database::from(server),
            dir.path(),
            fixed_now,
            caredesk_print::source_tree_font(),
        );
        Harness::with_state(dir, state)
    }

    /// A second desk on this one's database, as team mode's desks share the server's.
    fn beside(&self) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&self._dir.path().join("caredesk.sqlite")).unwrap();
        let state = AppState::new(db, fixed_now, caredesk_print::source_tree_font());
        Harness::with_state(dir, state)
    }

    fn on(
        dir: tempfile::TempDir,
        clock: fn() -> Now,
        font: std::path::PathBuf,
        prepare: impl FnOnce(&AppState),
    ) -> Harness {
        let db = Db::open(&dir.path().join("caredesk.sqlite")).unwrap();
        let state = AppState::new(db, clock, font);
        prepare(&state);
        Harness::with_state(dir, state)
    }

    fn with_state(dir: tempfile::TempDir, state: AppState) -> Harness {
        let app = mock_builder()
            .manage(state)
            .invoke_handler(caredesk_lib::commands::handler())
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        Harness { _dir: dir, _app: app, window }
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        ipc::call(&self.window, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

fn new_customer(name: &str, mobile: &str, plate: &str, vin: &str) -> Value {
    json!({
        "input": {
            "customer": {
                "name": name, "mobile": mobile, "otherPhones": [], "contactTime": "evening", "address": "",
                "grade": "vip", "leadGrade": null, "source": "sales", "birthday": "1985-04-12",
                "marketingConsent": true, "notes": ""
            },
            "vehicles": [{
                "plate": plate, "vin": vin, "vinCheckConfirmed": false, "brand": "一汽-大众 FAW-VW",
                "model": "迈腾 Magotan", "modelYear": 2021, "colour": "白色", "purchaseDate": "2021-05-01",
                "warrantyEnd": "2024-05-01", "mileageKm": 45000, "insuranceExpiry": "2027-05-01",
                "annualInspectionDue": "2027-05-01"
            }]
        }
    })
}

const VIN: &str = "LFV2A21K767042918";

#[test]
fn a_customer_is_created_found_and_read_back() {
    let h = Harness::new();
    let created = h.ok("create_customer", new_customer("司马晓红", "13912345678", "吉A8K7J2", VIN));
    let id = created["customer"]["id"].clone();
    assert_eq!(created["customer"]["marketingConsentChanged"], "2026-11-22");
    assert_eq!(created["vehicles"][0]["plate"], "吉A8K7J2");

    let query = |text: &str| json!({ "query": { "text": text, "includeArchived": false, "leadsOnly": false, "limit": null } });
    let found = h.ok("search_customers", query("8K7J"));
    assert_eq!(found[0]["name"], "司马晓红");
    assert_eq!(found[0]["vehicles"][0]["model"], "迈腾 Magotan");
    assert_eq!(h.ok("search_customers", query("晓红"))[0]["id"], id);

    let page = h.ok("get_customer", json!({ "id": id }));
    assert_eq!(page["customer"]["contactTime"], "evening");
    let stats = h.ok("archive_stats", json!({}));
    assert_eq!((stats["customers"].as_u64(), stats["vehicles"].as_u64()), (Some(1), Some(1)));
}

#[test]
fn a_refused_form_names_its_fields_and_saves_nothing() {
    let h = Harness::new();
    let err = h
        .call("create_customer", new_customer("钱多多", "23912345678", "京A12345", "LFV2A21K16704291O"))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid_mobile");
    assert_eq!(err["field"], "mobile");
    let fields: Vec<&str> =
        err["issues"].as_array().unwrap().iter().map(|i| i["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["mobile", "vehicles.0.vin"]);
    assert_eq!(err["issues"][1]["kind"], "invalid_vin");
    assert_eq!(h.ok("archive_stats", json!({}))["customers"], 0);
}

#[test]
fn a_duplicate_links_to_the_customer_who_has_it() {
    let h = Harness::new();
    let first = h.ok("create_customer", new_customer("张伟", "13912345678", "京A12345", VIN));
    let err = h.call("create_customer", new_customer("张伟", "13800138000", "京B54321", VIN)).unwrap_err();
    assert_eq!(err["kind"], "duplicate");
    assert_eq!(err["field"], "vehicles.0.vin");
    assert_eq!(err["conflict"]["customerId"], first["customer"]["id"]);
    assert_eq!(err["conflict"]["label"], "张伟");
}

#[test]
fn vehicles_are_added_edited_and_passed_to_a_new_owner() {
    let h = Harness::new();
    let seller = h.ok("create_customer", new_customer("周杰", "13100131000", "苏E12345", VIN));
    let seller_id = seller["customer"]["id"].clone();
    let vehicle_id = seller["vehicles"][0]["id"].clone();
    let mut edit = new_customer("", "", "苏E12345", VIN)["input"]["vehicles"][0].clone();
    edit["mileageKm"] = json!(52000);
    let page = h.ok("update_vehicle", json!({ "id": vehicle_id, "input": edit }));
    assert_eq!(page["vehicles"][0]["mileageKm"], 52000);

    let mut buyer_form = new_customer("吴刚", "13000130000", "", VIN);
    buyer_form["input"]["vehicles"] = json!([]);
    let buyer = h.ok("create_customer", buyer_form);
    let buyer_id = buyer["customer"]["id"].clone();

    let mut second = edit.clone();
    second["plate"] = json!("苏E54321");
    second["vin"] = json!("WAUZZZ4G0EN123456");
    let refused = h.call("add_vehicle", json!({ "customerId": buyer_id, "input": second })).unwrap_err();
    assert_eq!(refused["kind"], "vin_check_digit");
    second["vinCheckConfirmed"] = json!(true);
    let with_two = h.ok("add_vehicle", json!({ "customerId": buyer_id, "input": second }));
    assert_eq!(with_two["vehicles"].as_array().unwrap().len(), 1);

    let moved = h.ok(
        "change_owner",
        json!({ "change": { "vehicleId": vehicle_id, "newOwner": buyer_id, "date": "2025-03-15" } }),
    );
    assert_eq!(moved["vehicle"]["customerId"], buyer_id);
    assert_eq!(moved["owners"][1]["customerName"], "周杰");
    assert_eq!(h.ok("get_vehicle", json!({ "id": vehicle_id }))["owners"].as_array().unwrap().len(), 2);
    let former = h.ok("get_customer", json!({ "id": seller_id }));
    assert_eq!(former["formerVehicles"][0]["until"], "2025-03-15");
}

#[test]
fn archiving_hides_a_customer_and_blocks_edits_until_restored() {
    let h = Harness::new();
    let created = h.ok("create_customer", new_customer("孙丽", "13200132000", "京A12345", VIN));
    let id = created["customer"]["id"].clone();
    let archived = h.ok("set_customer_archived", json!({ "id": id, "archived": true }));
    assert!(archived["customer"]["archivedAt"].is_string());
    let input = new_customer("孙丽丽", "13200132000", "", VIN)["input"]["customer"].clone();
    let err = h.call("update_customer", json!({ "id": id, "input": input })).unwrap_err();
    assert_eq!(err["kind"], "invalid_state");
    h.ok("set_customer_archived", json!({ "id": id, "archived": false }));
    assert_eq!(h.ok("update_customer", json!({ "id": id, "input": input }))["customer"]["name"], "孙丽丽");
}

#[test]
fn unknown_records_are_not_found() {
    let h = Harness::new();
    let err = h.call("get_customer", json!({ "id": 999 })).unwrap_err();
    assert_eq!(err["kind"], "not_found");
    assert!(err.get("field").is_none_or(Value::is_null));
}

#[test]
fn demo_data_loads_once_into_an_empty_archive() {
    let h = Harness::new();
    let stats = h.ok("load_demo_data", json!({}));
    assert_eq!(stats["customers"].as_u64().unwrap() + stats["archived"].as_u64().unwrap(), 300);
    assert!(stats["vehicles"].as_u64().unwrap() > 250);
    let err = h.call("load_demo_data", json!({})).unwrap_err();
    assert_eq!(err["kind"], "invalid_state");
    // The team already had every demo login but the second advisor's.
    assert_eq!(h.ok("list_staff", json!({})).as_array().unwrap().len(), TEAM.len() + 1);
    // The service department: three weeks of handovers, today's workshop, tomorrow's appointments.
    h.sign_in("manager");
    let workshop = h.ok("workshop_board", json!({}));
    assert_eq!(workshop["visits"].as_array().unwrap().len(), 5);
    assert!(workshop["onTime30Days"]["handedOver"].as_u64().unwrap() > 60);
    let tomorrow = h.ok("appointment_board", json!({ "from": "2026-11-23", "days": 1 }));
    assert_eq!(tomorrow["visits"].as_array().unwrap().len(), 8);
    assert_eq!(tomorrow["advisors"].as_array().unwrap().len(), 2);
    // A summer campaign held two weeks ago, with its guests, lottery and results; a winter one planned;
    // and the history's three events, newest first.
    let list = h.ok("list_campaigns", json!({}));
    let statuses: Vec<&str> =
        list.as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["planned", "finished", "finished", "finished", "finished"]);
    let held = &list[1];
    let results = h.ok("campaign_results", json!({ "id": held["id"] }));
    assert!(results["attended"].as_u64().unwrap() > 3, "{results}");
    assert_eq!(
        h.ok("campaign_draws", json!({ "id": held["id"] })).as_array().unwrap().len() as u64,
        results["attended"].as_u64().unwrap()
    );
    assert!(results["repairOrders"].as_u64().unwrap() > 0, "{results}");
}

#[test]
fn a_demo_start_answers_only_once_the_whole_dealership_is_written() {
    let h = Harness::demo(fixed_now);
    // Asked at once, while the thread writes: the answer waits for the whole archive.
    let status = h.ok("auth_status", json!({}));
    assert_eq!(status["needsSetup"], false);
    let signed_in =
        h.ok("sign_in", json!({ "login": "manager", "password": caredesk_demo::password("manager") }));
    assert_eq!(signed_in["session"]["staff"]["login"], "manager");
    let stats = h.ok("archive_stats", json!({}));
    assert_eq!(stats["customers"].as_u64().unwrap() + stats["archived"].as_u64().unwrap(), 300);
}

#[test]
fn the_chosen_language_is_remembered() {
    let h = Harness::new();
    let before = h.ok("get_preferences", json!({}));
    assert_eq!(before["languageChosen"], false);
    assert!(before["databasePath"].as_str().unwrap().ends_with("caredesk.sqlite"));
    h.ok("set_language", json!({ "language": "zh-CN" }));
    let after = h.ok("get_preferences", json!({}));
    assert_eq!((after["language"].as_str(), after["languageChosen"].as_bool()), (Some("zh-CN"), Some(true)));
    assert!(h.call("set_language", json!({ "language": "fr" })).is_err());
}

#[test]
fn every_command_refuses_the_roles_its_action_does_not_allow() {
    let h = Harness::new();
    let declared = table();
    assert!(declared.len() >= 30, "{} commands", declared.len());
    for (_, role) in TEAM {
        h.sign_in(login_of(role));
        for (command, access) in &declared {
            let Access::Staff(action) = access else { continue };
            if *command == "lock" {
                continue; // allowed to everyone, and would lock the rest of this loop out
            }
            // The guard runs before the arguments are read, so none are needed to be refused.
            let result = h.call(command, json!({}));
            if may(role, *action) {
                let refused =
                    result.as_ref().err().and_then(|e| e.get("kind")).is_some_and(|k| k == "forbidden");
                assert!(!refused, "{role:?} may {command}: {result:?}");
            } else {
                let err = result.expect_err(command);
                assert_eq!(err["kind"], "forbidden", "{role:?} calling {command}: {err}");
                assert!(err["message"].as_str().unwrap().contains(action.describe()), "{err}");
            }
        }
    }
}

#[test]
fn nothing_but_signing_in_works_signed_out() {
    let h = Harness::new();
    h.ok("sign_out", json!({}));
    for (command, access) in table() {
        // The start's commands (tests/database.rs) run before anyone could sign in.
        if access == Access::Public || access == Access::Start {
            continue;
        }
        let err = h.call(command, json!({})).expect_err(command);
        assert_eq!(err["kind"], "unauthenticated", "{command}");
    }
    let status = h.ok("auth_status", json!({}));
    assert_eq!((status["needsSetup"].as_bool(), status["session"].is_null()), (Some(false), true));
    let err = h.call("sign_in", json!({ "login": "advisor", "password": "nope" })).unwrap_err();
    assert_eq!((err["kind"].as_str(), err["field"].as_str()), (Some("wrong_password"), Some("password")));
}

#[test]
fn the_first_start_asks_for_the_administrator_once() {
    let h = Harness::empty(fixed_now);
    assert_eq!(h.ok("auth_status", json!({}))["needsSetup"], true);
    h.add_team();
    let again = AdminSetup { name: "x".into(), login: "second".into(), password: "second-pass-1".into() };
    let err = h.call("create_administrator", json!({ "setup": again })).unwrap_err();
    assert_eq!(err["kind"], "invalid_state");
    let status = h.ok("auth_status", json!({}));
    let actions = status["session"]["allowedActions"].as_array().unwrap();
    // Everything but the service desk's own work (visits, complaints, follow-up calls, the
    // service's reports): the advisors', the workshop's, the callers', the manager's.
    let workshop = [
        Action::ReadSatisfaction,
        Action::CallCustomers,
        Action::PlanFollowUp,
        Action::ReadCampaigns,
        Action::PlanCampaigns,
        Action::WorkCampaigns,
        Action::BookVisits,
        Action::ServeVisits,
        Action::RecordRepair,
        Action::QualityCheck,
        Action::RegisterComplaint,
        Action::HandleComplaint,
        Action::ManageComplaints,
        Action::ReadReports,
    ];
    assert_eq!(actions.len(), Action::ALL.len() - workshop.len());
}

#[test]
fn the_screen_locks_after_inactivity_and_the_password_unlocks_it() {
    let h = Harness::empty(moving_now);
    h.add_team();
    h.sign_in("advisor");
    assert_eq!(h.ok("auth_status", json!({}))["lockMinutes"], 10);
    h.ok("archive_stats", json!({}));
    LOCK_TEST_MINUTES.store(11, Ordering::SeqCst);
    let err = h.call("archive_stats", json!({})).unwrap_err();
    assert_eq!(err["kind"], "locked");
    assert_eq!(h.ok("auth_status", json!({}))["session"]["locked"], true);
    let err = h.call("unlock", json!({ "password": "wrong" })).unwrap_err();
    assert_eq!(err["kind"], "wrong_password");
    let status = h.ok("unlock", json!({ "password": password("advisor") }));
    assert_eq!(
        (status["session"]["locked"].as_bool(), status["session"]["staff"]["login"].as_str()),
        (Some(false), Some("advisor"))
    );
    h.ok("archive_stats", json!({}));
}

#[test]
fn an_advisors_edit_is_in_the_customer_history_with_their_name() {
    let h = Harness::new();
    let created = h.ok("create_customer", new_customer("钱多多", "13600136000", "京A12345", VIN));
    let id = created["customer"]["id"].clone();
    h.sign_in("advisor");
    let mut input = created["customer"].clone();
    input["address"] = json!("长春市朝阳区人民大街 1234 号");
    input["marketingConsent"] = json!(false); // withdrawing consent is a manager's call
    let err = h.call("update_customer", json!({ "id": id, "input": input })).unwrap_err();
    assert_eq!((err["kind"].as_str(), err["field"].as_str()), (Some("forbidden"), Some("marketingConsent")));
    input["marketingConsent"] = created["customer"]["marketingConsent"].clone();
    h.ok("update_customer", json!({ "id": id, "input": input }));
    let history = h.ok("customer_history", json!({ "id": id }));
    assert_eq!(history[0]["staffName"], "advisor 同事");
    assert_eq!(history[0]["action"], "updated");
    assert_eq!(history[0]["changes"][0]["field"], "address");
    assert_eq!(history[0]["changes"][0]["after"], "长春市朝阳区人民大街 1234 号");
    let vehicle = created["vehicles"][0]["id"].clone();
    assert_eq!(h.ok("vehicle_history", json!({ "id": vehicle }))[0]["action"], "created");
}

#[test]
fn each_commit_of_the_desk_is_announced_to_its_screens_and_a_refusal_is_not() {
    use caredesk_domain::changes::ChangeKind;
    let (to, heard) = std::sync::mpsc::channel();
    let h = Harness::prepared(fixed_now, caredesk_print::source_tree_font(), move |state| {
        state.announce_to(caredesk_store::Announce::new(move |batch| {
            let _ = to.send(batch);
        }))
    });
    h.add_team();
    h.sign_in("admin");
    let kinds = || -> Vec<ChangeKind> {
        let mut kinds: Vec<ChangeKind> = heard.try_iter().flat_map(|b| b.changes).map(|c| c.kind).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    assert!(kinds().contains(&ChangeKind::Staff), "the team's accounts were announced");

    let refused = h.call("create_customer", new_customer("", "13100131000", "苏E12345", VIN)).unwrap_err();
    assert_eq!(refused["kind"], "required");
    assert_eq!(kinds(), [], "a refused save announces nothing");

    h.ok("create_customer", new_customer("周杰", "13100131000", "苏E12345", VIN));
    assert_eq!(kinds(), [ChangeKind::Customer, ChangeKind::Vehicle]);

    // A restored backup replaces everything: every screen reads again.
    let backup = h.ok("backup_now", json!({}));
    let _ = kinds();
    h.ok("restore_backup", json!({ "path": backup["path"] }));
    assert!(heard.try_iter().any(|b| b.everything));
}

#[test]
fn a_backup_restores_the_same_archive_and_a_bad_file_changes_nothing() {
    let h = Harness::new();
    h.ok("create_customer", new_customer("周杰", "13100131000", "苏E12345", VIN));
    let backup = h.ok("backup_now", json!({}));
    assert_eq!(backup["kind"], "manual");
    assert_eq!(backup["customers"], 1);
    h.ok(
        "create_customer",
        new_customer("吴刚", "13000130000", "苏E54321", "WAUZZZ4G0EN123456").tap_confirm(),
    );
    assert_eq!(h.ok("archive_stats", json!({}))["customers"], 2);

    let junk = h._dir.path().join("not-a-backup.sqlite");
    std::fs::write(&junk, "hello").unwrap();
    let err = h.call("restore_backup", json!({ "path": junk })).unwrap_err();
    assert_eq!(err["kind"], "invalid_backup");
    assert_eq!(h.ok("archive_stats", json!({}))["customers"], 2, "a refused restore changes nothing");

    let safety = h.ok("restore_backup", json!({ "path": backup["path"] }));
    assert_eq!(safety["kind"], "before_restore");
    assert_eq!(
        h.call("archive_stats", json!({})).unwrap_err()["kind"],
        "unauthenticated",
        "everyone is signed out"
    );
    h.sign_in("admin");
    assert_eq!(h.ok("archive_stats", json!({}))["customers"], 1);
    let found = h.ok(
        "search_customers",
        json!({ "query": { "text": "周杰", "includeArchived": false, "leadsOnly": false, "limit": null } }),
    );
    assert_eq!(found[0]["vehicles"][0]["plate"], "苏E12345");
    let overview = h.ok("list_backups", json!({}));
    assert!(overview["backups"].as_array().unwrap().len() >= 2);
}

#[test]
fn on_the_server_a_backup_is_a_dump_and_its_restore_signs_every_desk_out() {
    let Some(database) = caredesk_store::postgres::testing::TestDatabase::create() else {
        eprintln!(
            "skipped: no PostgreSQL test cluster ({})",
            caredesk_store::postgres::testing::URL_VARIABLE
        );
        return;
    };
    let h = Harness::on_server(&database);
    h.add_team();
    h.sign_in("admin");
    h.ok("create_customer", new_customer("周杰", "13100131000", "苏E12345", VIN));
    let backup = h.ok("backup_now", json!({}));
    assert_eq!((backup["kind"].as_str(), backup["format"].as_str()), (Some("manual"), Some("server_dump")));
    assert_eq!(backup["customers"], 1);
    assert!(backup["path"].as_str().unwrap().ends_with("-manual.dump"), "{backup}");
    let overview = h.ok("list_backups", json!({}));
    assert_eq!(overview["format"], "server_dump");
    assert_eq!(overview["backups"][0]["path"], backup["path"]);

    // Another desk works on the same server meanwhile.
    let other = Harness::on_server(&database);
    other.sign_in("manager");
    other.ok(
        "create_customer",
        new_customer("吴刚", "13000130000", "苏E54321", "WAUZZZ4G0EN123456").tap_confirm(),
    );
    assert_eq!(h.ok("archive_stats", json!({}))["customers"], 2);

    // A desk's file backup is refused by the server, naming why, and changes nothing.
    let file_desk = Harness::new();
    let file_backup = file_desk.ok("backup_now", json!({}));
    let err = h.call("restore_backup", json!({ "path": file_backup["path"] })).unwrap_err();
    assert_eq!((err["kind"].as_str(), err["field"].as_str()), (Some("other_backup_format"), Some("path")));
    assert_eq!(h.ok("archive_stats", json!({}))["customers"], 2);

    let safety = h.ok("restore_backup", json!({ "path": backup["path"] }));
    assert_eq!(
        (safety["kind"].as_str(), safety["format"].as_str()),
        (Some("before_restore"), Some("server_dump"))
    );
    assert_eq!(safety["customers"], 2);
    assert_eq!(h.call("archive_stats", json!({})).unwrap_err()["kind"], "unauthenticated");
    // Everyone is signed out: the other desk too, at its next command.
    assert_eq!(other.call("archive_stats", json!({})).unwrap_err()["kind"], "unauthenticated");
    other.sign_in("manager");
    assert_eq!(other.ok("archive_stats", json!({}))["customers"], 1, "the archive as it was backed up");
    h.sign_in("admin");
    assert_eq!(h.ok("list_backups", json!({}))["backups"].as_array().unwrap().len(), 2);
}

#[test]
fn staff_ids_follow_the_accounts() {
    let h = Harness::new();
    let listed = h.ok("list_staff", json!({}));
    assert_eq!(listed.as_array().unwrap().len(), TEAM.len());
    let advisor = listed.as_array().unwrap().iter().find(|m| m["login"] == "advisor").unwrap().clone();
    let id: StaffId = serde_json::from_value(advisor["id"].clone()).unwrap();
    let input = StaffInput {
        name: "王丽".into(),
        login: "advisor".into(),
        role: Role::ServiceAdvisor,
        active: false,
    };
    h.ok("update_staff", json!({ "id": id, "input": input }));
    let err = h.call("sign_in", json!({ "login": "advisor", "password": password("advisor") })).unwrap_err();
    assert_eq!(err["kind"], "account_disabled");
    let _ = Actor::system();
    let _ = staff::FREE_ATTEMPTS;
}

#[test]
fn an_account_disabled_or_a_lock_set_on_one_desk_takes_effect_on_the_others_at_their_next_command() {
    let admin_desk = Harness::new();
    let advisor_desk = admin_desk.beside();
    advisor_desk.sign_in("advisor");
    advisor_desk.ok("archive_stats", json!({}));

    // The lock setting, changed at the administrator's desk, is the advisor's desk's too.
    let mut settings = admin_desk.ok("get_settings", json!({}));
    settings["lockMinutes"] = json!(7);
    admin_desk.ok("update_settings", json!({ "settings": settings }));
    advisor_desk.ok("archive_stats", json!({}));
    assert_eq!(advisor_desk.ok("auth_status", json!({}))["lockMinutes"], 7);

    // A changed role ends the session there at its next command.
    let listed = admin_desk.ok("list_staff", json!({}));
    let advisor = listed.as_array().unwrap().iter().find(|m| m["login"] == "advisor").unwrap().clone();
    let id: StaffId = serde_json::from_value(advisor["id"].clone()).unwrap();
    let mut input =
        StaffInput { name: "王丽".into(), login: "advisor".into(), role: Role::FollowUp, active: true };
    admin_desk.ok("update_staff", json!({ "id": id, "input": input }));
    let refused = advisor_desk.call("archive_stats", json!({})).unwrap_err();
    assert_eq!(refused["kind"], "unauthenticated", "{refused}");
    // Signed in again, with the new role.
    let status = advisor_desk.sign_in("advisor");
    assert_eq!(status["session"]["staff"]["role"], "follow_up");

    // A disabled account: refused at the next command, and it cannot sign in again.
    input.active = false;
    admin_desk.ok("update_staff", json!({ "id": id, "input": input }));
    let refused = advisor_desk.call("archive_stats", json!({})).unwrap_err();
    assert_eq!(refused["kind"], "unauthenticated", "{refused}");
    let again = advisor_desk.call("sign_in", json!({ "login": "advisor", "password": password("advisor") }));
    assert_eq!(again.unwrap_err()["kind"], "account_disabled");
}

trait Confirm {
    fn tap_confirm(self) -> Self;
}

impl Confirm for Value {
    /// Marks the first vehicle's VIN as confirmed (an imported vehicle).
    fn tap_confirm(mut self) -> Self {
        self["input"]["vehicles"][0]["vinCheckConfirmed"] = json!(true);
        self
    }
}

#[test]
fn an_advisor_slot_is_booked_once_and_each_step_belongs_to_its_trade() {
    let h = Harness::new();
    let created = h.ok("create_customer", new_customer("司马晓红", "13912345678", "吉A8K7J2", VIN));
    h.sign_in("advisor");
    let advisor = h.ok("auth_status", json!({}))["session"]["staff"]["id"].clone();
    let booking = |at: &str| {
        json!({ "booking": { "appointment": {
            "customerId": created["customer"]["id"],
            "vehicleId": created["vehicles"][0]["id"],
            "advisorId": advisor,
            "at": at,
            "expectedMinutes": 60,
            "requestedWork": "常规保养",
            "concerns": "",
            "replacementCar": false,
        } } })
    };
    let visit = h.ok("book_appointment", booking("2026-11-23T09:00:00"));
    assert_eq!(visit["state"], "booked");
    let err = h.call("book_appointment", booking("2026-11-23T09:00:00")).unwrap_err();
    assert_eq!(err["kind"], "duplicate");
    assert_eq!(err["field"], "at");
    assert_eq!(err["conflict"]["label"], "司马晓红");
    let board = h.ok("appointment_board", json!({ "from": "2026-11-23", "days": 1 }));
    assert_eq!(board["visits"].as_array().unwrap().len(), 1);

    // The quality inspector may not receive the car, the advisor may not do the quality check.
    h.sign_in("inspector");
    let reception = json!({ "mileageKm": 50000, "fuelEighths": 4, "damages": [], "valuables": "",
                            "accessories": "", "concerns": "保养" });
    let err = h.call("receive_vehicle", json!({ "id": visit["id"], "reception": reception })).unwrap_err();
    assert_eq!(err["kind"], "forbidden");
    h.sign_in("advisor");
    let received = h.ok("receive_vehicle", json!({ "id": visit["id"], "reception": reception }));
    assert_eq!(received["state"], "received");
    let err = h.call(
        "record_quality_check",
        json!({ "id": visit["id"], "check": { "items": [], "parkingLocation": "" } }),
    );
    assert_eq!(err.unwrap_err()["kind"], "forbidden");

    // The repair order, printed in Chinese, names the customer and the total.
    let order = json!({ "lines": [
        { "kind": "labour", "description": "更换机油机滤", "partNumber": "", "quantityCenti": 50,
          "unitPrice": 18000, "genuine": true },
        { "kind": "part", "description": "机油滤清器", "partNumber": "06J 115 403 Q", "quantityCenti": 100,
          "unitPrice": 6500, "genuine": true },
    ], "promisedAt": "2026-11-22T17:00:00", "customerConfirmed": true });
    let written = h.ok("write_repair_order", json!({ "id": visit["id"], "order": order }));
    assert_eq!(written["totals"]["total"], 17_515); // (90 + 65) yuan + 13% tax
    let printed =
        h.ok("print_visit", json!({ "id": visit["id"], "paper": "repair_order", "language": "zh-CN" }));
    let path = printed["path"].as_str().unwrap();
    assert!(path.ends_with("-repair-order-zh.pdf"), "{path}");
    let text = std::process::Command::new("pdftotext").args(["-layout", path, "-"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("司马晓红") && text.contains("¥175.15"), "{text}");
    // The font the app carries is embedded, as a subset.
    let fonts = std::process::Command::new("pdffonts").arg(path).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let font = fonts.lines().nth(2).unwrap_or_default();
    assert!(font.contains("yes yes"), "embedded and subset:\n{fonts}");
    // Only printed papers can be opened from the app.
    let err = h.call("open_printed", json!({ "path": "/etc/passwd" })).unwrap_err();
    assert_eq!(err["kind"], "invalid_path");
}

#[test]
fn a_serious_complaint_left_unassigned_for_an_hour_shows_as_escalated_to_the_manager() {
    let h = Harness::empty(complaint_now);
    h.add_team();
    let created = h.ok("create_customer", new_customer("司马晓红", "13912345678", "吉A8K7J2", VIN));
    h.sign_in("advisor");
    let input = json!({ "input": {
        "customerId": created["customer"]["id"],
        "channel": "phone",
        "severity": "serious",
        "category": "reliability",
        "description": "保养后发动机故障灯又亮了",
        "request": "免费检查",
    } });
    let complaint = h.ok("register_complaint", input);
    assert_eq!(complaint["state"], "received");
    assert_eq!(complaint["receivedBy"], "advisor 同事");
    // An advisor may register but not assign.
    let err = h.call("assign_complaint", json!({ "id": complaint["id"], "handlerId": 1 })).unwrap_err();
    assert_eq!(err["kind"], "forbidden");

    h.sign_in("manager");
    assert_eq!(h.ok("complaint_alerts", json!({}))["escalatedOpen"], 0);
    COMPLAINT_TEST_MINUTES.store(61, Ordering::SeqCst);
    h.sign_in("manager"); // the screen locked while the hour passed
    let alerts = h.ok("complaint_alerts", json!({}));
    assert_eq!(alerts["escalatedOpen"], 1);
    assert_eq!(alerts["raised"][0]["reason"], "not_assigned_in_time");
    let read = h.ok("get_complaint", json!({ "id": complaint["id"] }));
    assert_eq!(read["escalations"][0]["reason"], "not_assigned_in_time");
    let kpis = h.ok("complaint_kpis", json!({ "since": "2026-11-01" }));
    assert_eq!(kpis["kpis"]["escalationPercent"], 100.0);
    // The printed record names the customer and the category.
    let printed = h.ok("print_complaint", json!({ "id": complaint["id"], "language": "zh-CN" }));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", printed["path"].as_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("司马晓红") && text.contains("可靠性"), "{text}");
    COMPLAINT_TEST_MINUTES.store(0, Ordering::SeqCst);
}

#[test]
fn the_minutes_check_escalates_with_no_screen_reading_and_the_next_alerts_check_notifies_it() {
    use tauri::Manager;
    let h = Harness::empty(background_now);
    h.add_team();
    let created = h.ok("create_customer", new_customer("司马晓红", "13912345678", "吉A8K7J2", VIN));
    h.sign_in("advisor");
    let input = json!({ "input": {
        "customerId": created["customer"]["id"],
        "channel": "phone",
        "severity": "serious",
        "category": "reliability",
        "description": "保养后发动机故障灯又亮了",
        "request": "免费检查",
    } });
    let complaint = h.ok("register_complaint", input);

    // The hour passes with nobody reading complaints; the background check runs.
    BACKGROUND_TEST_MINUTES.store(61, Ordering::SeqCst);
    let state = h._app.state::<AppState>();
    let now = state.now();
    let raised = tauri::async_runtime::block_on(
        state.with_db(move |db| caredesk_lib::commands::complaints::raise_due(db, now)),
    )
    .unwrap();
    assert_eq!(raised.len(), 1);
    assert_eq!(raised[0].number, complaint["number"].as_str().unwrap());
    state.note_raised(raised);
    // The check again raises nothing twice.
    let again = tauri::async_runtime::block_on(
        state.with_db(move |db| caredesk_lib::commands::complaints::raise_due(db, now)),
    )
    .unwrap();
    assert!(again.is_empty());

    // The manager's next alerts check is told of it, once.
    h.sign_in("manager");
    let alerts = h.ok("complaint_alerts", json!({}));
    assert_eq!(alerts["escalatedOpen"], 1);
    assert_eq!(alerts["raised"].as_array().unwrap().len(), 1);
    assert_eq!(alerts["raised"][0]["reason"], "not_assigned_in_time");
    assert_eq!(h.ok("complaint_alerts", json!({}))["raised"].as_array().unwrap().len(), 0);
    BACKGROUND_TEST_MINUTES.store(0, Ordering::SeqCst);
}

#[test]
fn a_save_from_a_form_filled_before_another_desks_change_is_refused_as_stale_naming_who() {
    let advisor_desk = Harness::new();
    let created =
        advisor_desk.ok("create_customer", new_customer("司马晓红", "13912345678", "吉A8K7J2", VIN));
    advisor_desk.sign_in("advisor");
    let manager_desk = advisor_desk.beside();
    manager_desk.sign_in("manager");
    let advisor = advisor_desk.ok("auth_status", json!({}))["session"]["staff"]["id"].clone();
    let booking = json!({ "booking": { "appointment": {
        "customerId": created["customer"]["id"],
        "vehicleId": created["vehicles"][0]["id"],
        "advisorId": advisor,
        "at": "2026-11-23T09:00:00",
        "expectedMinutes": 60,
        "requestedWork": "常规保养",
        "concerns": "",
        "replacementCar": false,
    } } });
    let visit = advisor_desk.ok("book_appointment", booking);
    let read = visit["updatedAt"].clone();

    // Both desks have the appointment open; the manager moves it to 10:00.
    let move_to = |at: &str, version: &Value| json!({ "id": visit["id"], "at": at, "advisorId": advisor, "version": version });
    let moved = manager_desk.ok("reschedule_appointment", move_to("2026-11-23T10:00:00", &read));
    assert_ne!(moved["updatedAt"], read, "every change is a new version, even at the same instant");
    // The advisor's desk still shows 09:00: its checklist is refused, naming the manager and when.
    let checklist = json!({ "partsReady": true, "orderPrefilled": false, "advisorAvailable": false,
                            "replacementCarReady": false });
    let refused = advisor_desk
        .call("save_preparation", json!({ "id": visit["id"], "checklist": checklist, "version": read }))
        .unwrap_err();
    assert_eq!(refused["kind"], "stale", "{refused}");
    assert_eq!(refused["issues"][0]["changed"]["by"], "manager 同事", "{refused}");
    assert_eq!(refused["issues"][0]["changed"]["at"], "2026-11-22T02:00:00Z", "{refused}");
    let current = advisor_desk.ok("get_visit", json!({ "id": visit["id"] }));
    assert_eq!(current["preparation"]["partsReady"], false, "nothing was written");
    // Reloaded, it goes through; a command sent without a version checks nothing.
    advisor_desk.ok(
        "save_preparation",
        json!({ "id": visit["id"], "checklist": checklist, "version": current["updatedAt"] }),
    );
    advisor_desk.ok(
        "reschedule_appointment",
        json!({ "id": visit["id"], "at": "2026-11-23T11:00:00",
                                                     "advisorId": advisor }),
    );

    // A complaint's cause the same way.
    let complaint = advisor_desk.ok(
        "register_complaint",
        json!({ "input": {
        "customerId": created["customer"]["id"],
        "channel": "phone",
        "severity": "serious",
        "category": "empathy",
        "description": "接待态度冷淡",
        "request": "道歉",
    } }),
    );
    let read = complaint["updatedAt"].clone();
    let manager = manager_desk.ok("auth_status", json!({}))["session"]["staff"]["id"].clone();
    let cause = |root: &str, version: &Value| {
        json!({ "id": complaint["id"], "cause": { "cause": "ours", "rootCause": root, "measure": "晨会复盘接待话术",
                "measureOwnerId": manager, "checkOn": "2026-12-22", "version": version } })
    };
    // The manager works it at two desks: the second save, from the complaint as first read, is refused.
    let other_desk = advisor_desk.beside();
    other_desk.sign_in("manager");
    manager_desk.ok("record_complaint_cause", cause("接待高峰人手不足", &read));
    let refused = other_desk.call("record_complaint_cause", cause("顾问未及时回应", &read)).unwrap_err();
    assert_eq!(refused["kind"], "stale", "{refused}");
    assert_eq!(refused["issues"][0]["changed"]["by"], "manager 同事", "{refused}");
    let stored = other_desk.ok("get_complaint", json!({ "id": complaint["id"] }));
    assert_eq!(stored["cause"]["rootCause"], "接待高峰人手不足");
}

/// Every question of the default questionnaire answered with `score` (yes for "recommend").
fn all_answers(score: u8, low: Option<(&str, u8)>) -> Value {
    let answers: Vec<Value> = caredesk_domain::follow_up::Questionnaire::default()
        .questions
        .iter()
        .map(|q| {
            let value = match (q.answer, low) {
                (caredesk_domain::follow_up::AnswerKind::YesNo, _) => 1,
                (_, Some((key, value))) if key == q.key => value,
                _ => score,
            };
            json!({ "key": q.key, "value": value })
        })
        .collect();
    json!({ "answers": answers, "comment": "", "flagged": false })
}

#[test]
fn the_follow_up_caller_works_todays_calls_of_the_demo_dealership() {
    let h = Harness::new();
    h.ok("load_demo_data", json!({}));
    // Three weeks of calls were worked: the report has surveys, and the visits handed over
    // yesterday are due today.
    h.sign_in("followup");
    let report = h.ok("csi_report", json!({ "from": "2026-10-01", "to": "2026-11-22" }));
    assert!(report["surveys"].as_u64().unwrap() > 40, "{}", report["surveys"]);
    assert!(report["csi"].as_u64().unwrap() > 7_000);
    let today = h.ok("follow_up_calls", json!({ "filter": { "date": "2026-11-22" } }));
    let calls = today.as_array().unwrap();
    assert!(!calls.is_empty());
    let rows: Vec<u64> = calls.iter().map(|c| c["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, (1..=calls.len() as u64).collect::<Vec<_>>());
    let open: Vec<&Value> = calls.iter().filter(|c| c["status"] == "open").collect();
    assert!(open.len() >= 2, "{today}");

    // The printed sheet of the day names each customer, plate and advisor.
    let printed =
        h.ok("print_call_sheet", json!({ "filter": { "date": "2026-11-22" }, "language": "zh-CN" }));
    let path = printed["path"].as_str().unwrap();
    assert!(path.ends_with("calls-2026-11-22-zh.pdf"), "{path}");
    let text = std::process::Command::new("pdftotext").args(["-layout", path, "-"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for call in calls {
        assert!(text.contains(call["customerName"].as_str().unwrap()), "{text}");
        assert!(text.contains(call["plate"].as_str().unwrap()), "{text}");
        assert!(text.contains(call["advisorName"].as_str().unwrap()), "{text}");
    }

    // A score out of range names its answer; a reached call without answers is refused.
    let first = &open[0];
    let attempt = |survey: Value| json!({ "id": first["id"], "attempt": { "outcome": "reached", "note": "", "survey": survey } });
    let err = h.call("record_call_attempt", attempt(all_answers(5, Some(("quality", 6))))).unwrap_err();
    assert_eq!(
        (err["kind"].as_str(), err["field"].as_str()),
        (Some("out_of_range"), Some("answers.quality"))
    );
    let err = h
        .call(
            "record_call_attempt",
            json!({ "id": first["id"], "attempt": { "outcome": "reached", "note": "" } }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "survey");

    // Reached: the visit is followed up; a 2 on friendliness on the next call opens a complaint.
    let done = h.ok("record_call_attempt", attempt(all_answers(5, None)));
    assert_eq!(done["call"]["status"], "completed");
    assert_eq!(done["survey"]["csi"], 10_000);
    assert_eq!(h.ok("get_visit", json!({ "id": first["visitId"] }))["state"], "followed_up");
    let second = &open[1];
    let low = json!({ "id": second["id"], "attempt": { "outcome": "reached", "note": "", "survey": all_answers(5, Some(("friendliness", 2))) } });
    let hot = h.ok("record_call_attempt", low);
    let complaint = h.ok("get_complaint", json!({ "id": hot["call"]["complaintId"] }));
    assert_eq!(complaint["visitId"], second["visitId"]);
    assert_eq!(complaint["channel"], "follow_up_call");
    assert_eq!(hot["complaintNumber"], complaint["number"]);
    // The manager sees it waiting for a handler.
    h.sign_in("manager");
    assert_eq!(h.ok("complaint_alerts", json!({}))["fromCallsUnassigned"], 1);
    let report = h.ok("csi_report", json!({ "from": "2026-11-22", "to": "2026-11-22" }));
    assert_eq!(report["alerts"][0]["complaintId"], complaint["id"]);

    // The advisor sees only their own visits' calls and may not record one.
    h.sign_in("advisor");
    let advisor = h.ok("auth_status", json!({}))["session"]["staff"]["id"].clone();
    let theirs = h.ok("follow_up_calls", json!({ "filter": { "date": "2026-11-22" } }));
    assert!(theirs.as_array().unwrap().iter().all(|c| c["advisorId"] == advisor));
    let err = h.call("record_call_attempt", attempt(all_answers(5, None))).unwrap_err();
    assert_eq!(err["kind"], "forbidden");
    let err = h.call("print_call_sheet", json!({ "filter": { "date": "2026-11-22" }, "language": "en" }));
    assert_eq!(err.unwrap_err()["kind"], "forbidden");
}

/// The seed's September plan, dated from `day`.
fn september(day: &str, next: &str) -> Value {
    let line = |item: &str, quantity: i64, price: i64| json!({ "item": item, "quantityCenti": quantity, "unitPrice": price, "note": "" });
    json!({
        "theme": "随心驾驭，安全随行",
        "startsOn": day,
        "endsOn": next,
        "venue": "本店客户休息区",
        "background": "国庆七天长假，自驾出游",
        "objectives": "节前集客；品牌形象；销售沟通",
        "activities": [
            { "kind": "lecture", "title": "安全驾驶讲座", "notes": "" },
            { "kind": "diy_challenge", "title": "自己动手排除小故障", "notes": "5–8 分钟" },
            { "kind": "lottery", "title": "抽奖", "notes": "30 个球" },
            { "kind": "trip", "title": "自驾游", "notes": "" },
        ],
        "prizes": [
            { "name": "1000 元保养工时卡", "stock": 1, "unitValue": 100000 },
            { "name": "1000 元精品", "stock": 1, "unitValue": 100000 },
        ],
        "budget": [
            line("应急包", 100, 250_000),
            line("油费", 112_000, 190),
            line("门票", 2_000, 20_000),
            line("餐费", 10_000, 2_000),
            line("零食", 100, 100_000),
            line("导游", 600, 20_000),
            line("其他", 100, 30_000),
        ],
        "attributionDays": 30,
    })
}

#[test]
fn a_campaign_goes_from_plan_to_lottery_and_results_through_the_commands() {
    let h = Harness::new();
    h.ok("load_demo_data", json!({}));
    h.sign_in("manager");
    let mut bad = september("2026-11-22", "2026-11-21");
    bad["budget"][1]["quantityCenti"] = json!(-100);
    let err = h.call("create_campaign", json!({ "input": bad })).unwrap_err();
    let fields: Vec<&str> =
        err["issues"].as_array().unwrap().iter().map(|i| i["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["endsOn", "budget.1.quantityCenti"]);
    let campaign = h.ok("create_campaign", json!({ "input": september("2026-11-22", "2026-11-23") }));
    // The lines are computed: 13,128 yuan, not the 11,000 the seed wrote.
    assert_eq!(campaign["budget"]["planned"], 1_312_800);
    assert_eq!(campaign["budget"]["lines"][1]["amount"], 212_800);
    let id = campaign["id"].clone();

    // A segment of the commonest model not seen for 6 months; customers without consent are counted out.
    let model = h.ok("vehicle_models", json!({}))[0].clone();
    let segment = json!({ "models": [model], "lastVisitMonths": 6 });
    let count = h.ok("segment_count", json!({ "segment": segment }));
    assert!(count["customers"].as_u64().unwrap() >= 3, "{count}");
    assert!(count["excludedNoConsent"].as_u64().unwrap() >= 1, "{count}");
    let preview = h.ok("segment_preview", json!({ "segment": segment }));
    assert_eq!(preview.as_array().unwrap().len() as u64, count["customers"].as_u64().unwrap().min(50));
    h.ok("save_campaign_segment", json!({ "id": id, "segment": segment }));
    let invited = h.ok("invite_segment", json!({ "id": id }));
    assert_eq!(invited["turnout"]["invited"], count["customers"]);
    h.ok("set_campaign_status", json!({ "id": id, "status": "planned" }));

    // Staff record the answers, check three guests in and run the lottery.
    h.sign_in("followup");
    let err = h.call("set_campaign_status", json!({ "id": id, "status": "running" })).unwrap_err();
    assert_eq!(err["kind"], "forbidden");
    let guests = h.ok("campaign_invitations", json!({ "id": id }));
    let guests = guests.as_array().unwrap();
    let rsvp =
        h.ok("record_rsvp", json!({ "invitationId": guests[0]["id"], "rsvp": "yes", "note": "两人参加" }));
    assert_eq!(rsvp["rsvpBy"], "followup 同事");
    let printed = h.ok("print_campaign", json!({ "id": id, "paper": "invitations", "language": "zh-CN" }));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", printed["path"].as_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for guest in guests.iter().take(5) {
        assert!(text.contains(guest["customerName"].as_str().unwrap()), "{text}");
    }
    h.sign_in("manager");
    h.ok("set_campaign_status", json!({ "id": id, "status": "running" }));
    h.sign_in("followup");
    for guest in &guests[..3] {
        h.ok("check_in_guest", json!({ "id": id, "customerId": guest["customerId"], "walkIn": false }));
    }
    let mut drawn = Vec::new();
    for guest in &guests[..2] {
        drawn.push(h.ok("draw_prize", json!({ "invitationId": guest["id"] }))["prizeName"].clone());
    }
    drawn.sort_by_key(|p| p.as_str().unwrap().to_owned());
    assert_eq!(drawn, [json!("1000 元保养工时卡"), json!("1000 元精品")]);
    let err = h.call("draw_prize", json!({ "invitationId": guests[2]["id"] })).unwrap_err();
    assert_eq!((err["kind"].as_str(), err["field"].as_str()), (Some("out_of_range"), Some("prizes")));
    let err = h.call("draw_prize", json!({ "invitationId": guests[0]["id"] })).unwrap_err();
    assert_eq!(err["kind"], "duplicate");

    h.sign_in("manager");
    h.ok("set_campaign_status", json!({ "id": id, "status": "finished" }));
    let results = h.ok("campaign_results", json!({ "id": id }));
    assert_eq!(results["attended"], 3);
    assert_eq!(results["confirmed"], 1);
    // 13,128 yuan of budget and two prizes of 1,000 over three attendees.
    assert_eq!(results["cost"], 1_512_800);
    let budget = h.ok("print_campaign", json!({ "id": id, "paper": "budget", "language": "zh-CN" }));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", budget["path"].as_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("13,128.00"));

    // The care lists fill from the archive; only callers work them.
    let care = h.ok("care_list", json!({ "kind": "maintenance_due", "date": "2026-11-22" }));
    let care = care.as_array().unwrap();
    assert!(!care.is_empty());
    h.sign_in("advisor");
    let attempt = json!({ "id": care[0]["id"], "attempt": { "outcome": "reached", "note": "已预约" } });
    assert_eq!(h.call("record_care_attempt", attempt.clone()).unwrap_err()["kind"], "forbidden");
    h.sign_in("followup");
    assert_eq!(h.ok("record_care_attempt", attempt)["call"]["status"], "completed");
}

#[test]
fn a_missing_font_resource_refuses_to_print_naming_the_file_and_the_app_carries_on() {
    let missing = std::env::temp_dir().join("caredesk-no-such-font").join("wqy-microhei.ttc");
    let h = Harness::with_font(fixed_now, missing.clone());
    h.add_team();
    h.sign_in("manager");
    let err = h
        .call("print_call_sheet", json!({ "filter": { "date": "2026-11-22" }, "language": "zh-CN" }))
        .unwrap_err();
    assert_eq!(err["kind"], "printing");
    assert!(err["message"].as_str().unwrap().contains(&missing.display().to_string()), "{err}");
    // A second try says the same, and everything else still works.
    let again = h
        .call("print_call_sheet", json!({ "filter": { "date": "2026-11-22" }, "language": "en" }))
        .unwrap_err();
    assert_eq!(again["kind"], "printing");
    h.ok("archive_stats", json!({}));
}
