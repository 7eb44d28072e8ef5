//! Where a desk's data lives, through Tauri's IPC layer (mock runtime, no
//! window): the first start's chooser, a later start that cannot open its
//! database, and moving a desk's database up to the dealership's server —
//! on temp folders, a password store in memory (the tests run without a
//! desktop), and throw-away databases on the test cluster
//! (`CAREDESK_TEST_POSTGRES`; those tests skip with a line on stderr without it).

#[path = "common/ipc.rs"]
mod ipc;

use std::path::PathBuf;
use std::sync::Arc;

use caredesk_domain::server::{DatabaseChoice, ServerAddress, TlsMode};
use caredesk_lib::choice::{self, SavedChoice};
use caredesk_lib::credentials::{Credentials, MemoryCredentials};
use caredesk_lib::error::CommandError;
use caredesk_lib::launch::{DATABASE_FILE, Options};
use caredesk_lib::startup::{Folders, Install, Startup};
use caredesk_store::postgres::testing::TestDatabase;
use caredesk_store::{Db, Now, postgres_test_database};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

fn fixed_now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

/// A computer: its app-data and config folders and its credential store, kept
/// across the desk's restarts.
struct Computer {
    dir: tempfile::TempDir,
    credentials: Arc<MemoryCredentials>,
}

impl Computer {
    fn new() -> Computer {
        Computer { dir: tempfile::tempdir().unwrap(), credentials: Arc::new(MemoryCredentials::default()) }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn saved(&self) -> Option<SavedChoice> {
        choice::load(&self.config()).unwrap()
    }

    /// CareDesk started on this computer with `args` on its command line.
    fn start(&self, args: &[&str]) -> Desk {
        Desk::start(self, Options::from_args(args.iter().map(|a| a.to_string()), None))
    }
}

struct Desk {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Desk {
    fn start(computer: &Computer, options: Options) -> Desk {
        let app = mock_builder()
            .invoke_handler(caredesk_lib::commands::handler())
            .build(mock_context(noop_assets()))
            .unwrap();
        let handle = app.handle().clone();
        let install: Install = Box::new(move |state| {
            if handle.manage(state) {
                Ok(())
            } else {
                Err(CommandError::internal("a database is open already"))
            }
        });
        let startup = Startup::new(
            options,
            Folders {
                data: computer.data(),
                config: computer.config(),
                font_file: caredesk_print::source_tree_font(),
            },
            Box::new(Arc::clone(&computer.credentials)),
            fixed_now,
            install,
        );
        app.manage(startup.clone());
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        startup.begin();
        Desk { _app: app, window }
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        ipc::call(&self.window, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn refused(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(value) => panic!("{cmd} was not refused: {value}"),
            Err(error) => error,
        }
    }

    fn status(&self) -> Value {
        self.ok("start_status", json!({}))
    }

    fn create_administrator(&self) {
        let setup = json!({ "name": "管理员", "login": "admin", "password": "admin-pass-1" });
        self.ok("create_administrator", json!({ "setup": setup }));
    }

    fn sign_in(&self) -> Value {
        self.ok("sign_in", json!({ "login": "admin", "password": "admin-pass-1" }))
    }
}

/// The server form filled in for `database`.
fn form(database: &TestDatabase, password: &str) -> Value {
    let address = database.address();
    json!({
        "host": address.host,
        "port": address.port,
        "database": address.database,
        "user": address.user,
        "password": password,
        "tls": "prefer",
    })
}

fn address_of(form: &Value) -> ServerAddress {
    ServerAddress {
        host: form["host"].as_str().unwrap().into(),
        port: form["port"].as_u64().unwrap() as u16,
        database: form["database"].as_str().unwrap().into(),
        user: form["user"].as_str().unwrap().into(),
        tls: TlsMode::Prefer,
    }
}

fn kind_and_field(error: &Value) -> (String, Option<String>) {
    (error["kind"].as_str().unwrap().to_owned(), error["field"].as_str().map(str::to_owned))
}

/// A port on this computer where nothing listens.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn a_new_install_asks_first_and_nothing_else_runs_until_a_database_is_chosen() {
    let computer = Computer::new();
    let desk = computer.start(&[]);
    let status = desk.status();
    assert_eq!(status["stage"], "choose");
    assert_eq!(status["canChoose"], true);
    assert!(status["error"].is_null() && status["server"].is_null(), "{status}");
    // No database, no state: every other command says CareDesk has not finished starting.
    for command in ["auth_status", "get_preferences", "sign_in", "list_staff"] {
        let refused = desk.refused(command, json!({}));
        assert_eq!(refused["kind"], "internal", "{command}: {refused}");
    }

    // Bad input is named field by field, in one answer; nothing is saved.
    let empty =
        json!({ "host": " ", "port": null, "database": "", "user": "", "password": "", "tls": "prefer" });
    let refused = desk.refused("test_server", json!({ "server": empty }));
    let fields: Vec<_> = refused["issues"].as_array().unwrap().iter().map(|i| i["field"].clone()).collect();
    assert_eq!(fields, [json!("host"), json!("port"), json!("database"), json!("user")]);
    assert!(refused["issues"].as_array().unwrap().iter().all(|i| i["kind"] == "required"));
    let bad_port = json!({ "host": "server", "port": 70000, "database": "caredesk", "user": "desk", "password": "", "tls": "require" });
    let refused = desk.refused("choose_server", json!({ "server": bad_port }));
    assert_eq!(kind_and_field(&refused), ("out_of_range".into(), Some("port".into())));
    assert_eq!(computer.saved(), None);

    // "This computer only".
    assert_eq!(desk.ok("choose_this_computer", json!({}))["stage"], "ready");
    assert_eq!(desk.status()["stage"], "ready");
    assert_eq!(desk.ok("auth_status", json!({}))["needsSetup"], true);
    assert!(computer.data().join(DATABASE_FILE).exists());
    assert_eq!(
        computer.saved(),
        Some(SavedChoice { database: DatabaseChoice::ThisComputer, has_password: false })
    );
    // Chosen once: the chooser is closed now.
    let again = desk.refused("choose_this_computer", json!({}));
    assert_eq!(again["kind"], "invalid_state");
    desk.create_administrator();
    drop(desk);

    // The next start opens it without asking.
    let desk = computer.start(&[]);
    assert_eq!(desk.status()["stage"], "ready");
    assert_eq!(desk.ok("auth_status", json!({}))["needsSetup"], false);
}

#[test]
fn an_existing_single_desk_install_keeps_opening_its_file_without_asking() {
    let computer = Computer::new();
    std::fs::create_dir_all(computer.data()).unwrap();
    drop(Db::open(&computer.data().join(DATABASE_FILE)).unwrap());
    let desk = computer.start(&[]);
    assert_eq!(desk.status()["stage"], "ready");
    desk.ok("auth_status", json!({}));
    assert_eq!(computer.saved(), None, "nothing was asked, nothing saved");
}

#[test]
fn the_command_line_skips_the_chooser_and_its_failure_offers_only_to_try_again() {
    let computer = Computer::new();
    let file = computer.dir.path().join("given.sqlite");
    let desk = computer.start(&["--db", file.to_str().unwrap()]);
    assert_eq!(desk.status()["stage"], "ready");
    assert_eq!(desk.status()["canChoose"], false);
    desk.ok("auth_status", json!({}));
    drop(desk);

    // A file that cannot be made: a folder where the database's folder should be a file.
    let blocked = computer.dir.path().join("a-file");
    std::fs::write(&blocked, "not a folder").unwrap();
    let impossible = blocked.join("caredesk.sqlite");
    let desk = computer.start(&["--db", impossible.to_str().unwrap()]);
    let status = desk.status();
    assert_eq!(status["stage"], "failed", "{status}");
    assert_eq!(status["canChoose"], false);
    assert_eq!(status["database"], impossible.display().to_string());
    assert!(status["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{status}");
    assert_eq!(desk.refused("auth_status", json!({}))["kind"], "internal");
    assert_eq!(desk.refused("choose_this_computer", json!({}))["kind"], "invalid_state");
    // Still impossible; then the folder is freed and "try again" opens it.
    assert_eq!(desk.ok("retry_start", json!({}))["stage"], "failed");
    std::fs::remove_file(&blocked).unwrap();
    std::fs::create_dir(&blocked).unwrap();
    assert_eq!(desk.ok("retry_start", json!({}))["stage"], "ready");
    desk.ok("auth_status", json!({}));
    assert_eq!(computer.saved(), None, "the command line's database is not saved as the choice");
}

#[test]
fn the_server_is_tested_before_it_is_saved_and_the_desk_starts_on_it() {
    let database = postgres_test_database!();
    let computer = Computer::new();
    let desk = computer.start(&[]);
    assert_eq!(desk.status()["stage"], "choose");

    // Nothing listens there: the host field says so, and nothing is saved.
    let mut closed = form(&database, "");
    closed["host"] = json!("127.0.0.1");
    closed["port"] = json!(closed_port());
    let refused = desk.refused("test_server", json!({ "server": closed }));
    assert_eq!(kind_and_field(&refused), ("server_unreachable".into(), Some("host".into())));
    let refused = desk.refused("choose_server", json!({ "server": closed }));
    assert_eq!(refused["kind"], "server_unreachable");
    assert_eq!(computer.saved(), None);

    // The real one: an empty database, PostgreSQL 15 or newer.
    let server = form(&database, "s3cret-Pa55");
    let check = desk.ok("test_server", json!({ "server": server }));
    assert_eq!((check["schemaVersion"].as_i64(), check["holdsData"].as_bool()), (Some(0), Some(false)));
    assert!(
        check["serverVersion"].as_str().unwrap().split('.').next().unwrap().parse::<u32>().unwrap() >= 15
    );
    assert_eq!(computer.saved(), None, "testing saves nothing");

    assert_eq!(desk.ok("choose_server", json!({ "server": server }))["stage"], "ready");
    let address = address_of(&server);
    assert_eq!(
        computer.saved(),
        Some(SavedChoice { database: DatabaseChoice::Server(address.clone()), has_password: true })
    );
    let file = std::fs::read_to_string(choice::path(&computer.config())).unwrap();
    assert!(!file.contains("s3cret"), "the password is not in the file: {file}");
    assert_eq!(computer.credentials.load(&address.to_string()).unwrap().as_deref(), Some("s3cret-Pa55"));
    assert!(!computer.data().join(DATABASE_FILE).exists(), "no file was made");
    desk.create_administrator();
    let info = desk.ok("database_info", json!({}));
    assert_eq!(info["onServer"], true);
    assert_eq!(info["location"], format!("postgres://{address}"));
    drop(desk);

    // The next start connects to it (on a thread of its own; the status waits for it).
    let desk = computer.start(&[]);
    assert_eq!(desk.status()["stage"], "ready");
    assert_eq!(desk.sign_in()["session"]["staff"]["login"], "admin");
    drop(desk);

    // A computer whose credential store lost the password: why, and the form filled to choose again.
    let forgetful = Computer { dir: computer.dir, credentials: Arc::new(MemoryCredentials::default()) };
    let desk = forgetful.start(&[]);
    let status = desk.status();
    assert_eq!(status["stage"], "failed");
    assert_eq!(kind_and_field(&status["error"]), ("credential_missing".into(), Some("password".into())));
    assert_eq!(status["canChoose"], true);
    assert_eq!(status["database"], address.to_string());
    assert_eq!(status["server"]["host"], address.host);
    assert_eq!(desk.ok("choose_server", json!({ "server": server }))["stage"], "ready");
    desk.sign_in();
}

#[test]
fn another_applications_a_newer_caredesks_or_a_missing_database_is_refused_with_its_reason() {
    let database = postgres_test_database!();
    let computer = Computer::new();
    let desk = computer.start(&[]);
    let server = form(&database, "");

    let mut missing = server.clone();
    missing["database"] = json!("no_such_caredesk");
    let refused = desk.refused("test_server", json!({ "server": missing }));
    assert_eq!(kind_and_field(&refused), ("no_such_database".into(), Some("database".into())));

    database.client().batch_execute("CREATE TABLE invoices (id BIGINT)").unwrap();
    let refused = desk.refused("test_server", json!({ "server": server }));
    assert_eq!(kind_and_field(&refused), ("foreign_database".into(), Some("database".into())));
    let refused = desk.refused("choose_server", json!({ "server": server }));
    assert_eq!(refused["kind"], "foreign_database");
    assert_eq!(computer.saved(), None);

    let newer = postgres_test_database!();
    drop(caredesk_store::postgres::Server::open(newer.config()).unwrap());
    newer.client().batch_execute("UPDATE caredesk_schema SET version = version + 1").unwrap();
    let refused = desk.refused("choose_server", json!({ "server": form(&newer, "") }));
    assert_eq!(kind_and_field(&refused), ("newer_schema".into(), None));
    assert_eq!(computer.saved(), None);
    assert_eq!(desk.status()["stage"], "choose", "still choosing");
}

#[test]
fn a_server_that_cannot_be_reached_at_a_later_start_shows_why_and_is_tried_again() {
    let database = postgres_test_database!();
    let computer = Computer::new();
    let mut away = address_of(&form(&database, ""));
    away.host = "127.0.0.1".into();
    away.port = closed_port();
    choice::save(
        &computer.config(),
        &SavedChoice { database: DatabaseChoice::Server(away.clone()), has_password: false },
    )
    .unwrap();
    let desk = computer.start(&[]);
    let status = desk.status();
    assert_eq!(status["stage"], "failed");
    assert_eq!(status["error"]["kind"], "server_unreachable");
    assert_eq!(status["database"], away.to_string());
    assert_eq!(status["canChoose"], true);
    assert_eq!(desk.refused("auth_status", json!({}))["kind"], "internal", "never half-connected");
    assert_eq!(desk.ok("retry_start", json!({}))["stage"], "failed");

    // The server is back (here: the choice names where it answers); "try again" starts the desk.
    let back = address_of(&form(&database, ""));
    choice::save(
        &computer.config(),
        &SavedChoice { database: DatabaseChoice::Server(back), has_password: false },
    )
    .unwrap();
    assert_eq!(desk.ok("retry_start", json!({}))["stage"], "ready");
    assert_eq!(desk.ok("auth_status", json!({}))["needsSetup"], true);
}

fn customer(name: &str, mobile: &str) -> Value {
    json!({
        "input": {
            "customer": {
                "name": name, "mobile": mobile, "otherPhones": [], "contactTime": "evening", "address": "",
                "grade": "vip", "leadGrade": null, "source": "sales", "birthday": "1985-04-12",
                "marketingConsent": true, "notes": ""
            },
            "vehicles": []
        }
    })
}

fn count(db: &Db, table: &str) -> i64 {
    use caredesk_store::engine::Read;
    db.conn().one(&format!("SELECT count(*) AS n FROM {table}"), &[]).unwrap().get("n").unwrap()
}

#[test]
fn moving_up_copies_every_table_switches_the_desk_to_the_server_and_leaves_the_file() {
    let target = postgres_test_database!();
    let computer = Computer::new();
    std::fs::create_dir_all(computer.data()).unwrap();
    let desk = computer.start(&[]);
    desk.ok("choose_this_computer", json!({}));
    desk.create_administrator();
    for (name, mobile) in [("司马晓红", "13912345678"), ("欧阳娜", "13800138000"), ("李强", "13700137000")]
    {
        desk.ok("create_customer", customer(name, mobile));
    }
    let file = computer.data().join(DATABASE_FILE);

    // A database that holds someone's data is refused, by the test and by the move.
    let used = postgres_test_database!();
    drop(caredesk_store::postgres::Server::open(used.config()).unwrap());
    used.client().batch_execute("INSERT INTO preferences (key, value) VALUES ('language', 'en')").unwrap();
    let refused = desk.refused("test_move_target", json!({ "server": form(&used, "") }));
    assert_eq!(kind_and_field(&refused), ("database_not_empty".into(), Some("database".into())));
    let refused = desk.refused("move_to_server", json!({ "server": form(&used, "") }));
    assert_eq!(kind_and_field(&refused), ("database_not_empty".into(), Some("database".into())));
    assert_eq!(desk.ok("database_info", json!({}))["onServer"], false, "still on the file");

    let server = form(&target, "m0ve-Up");
    let check = desk.ok("test_move_target", json!({ "server": server }));
    assert_eq!(check["holdsData"], false);
    let report = desk.ok("move_to_server", json!({ "server": server }));
    let address = address_of(&server);
    assert_eq!(report["server"], format!("postgres://{address}"));
    assert_eq!(report["file"], file.display().to_string());
    let tables = report["tables"].as_array().unwrap();
    let rows = |name: &str| tables.iter().find(|t| t["table"] == name).map(|t| t["rows"].as_u64().unwrap());
    assert_eq!(rows("customers"), Some(3));
    assert_eq!(rows("staff"), Some(1));
    assert!(tables.iter().all(|t| t["checksum"].as_str().is_some_and(|c| c.len() == 16)), "{report}");

    // Everyone signs in again, on the server, where everything is.
    let status = desk.ok("auth_status", json!({}));
    assert!(status["session"].is_null(), "{status}");
    assert_eq!(desk.refused("database_info", json!({}))["kind"], "unauthenticated");
    desk.sign_in();
    let info = desk.ok("database_info", json!({}));
    assert_eq!(
        (info["onServer"].as_bool(), info["location"].as_str()),
        (Some(true), report["server"].as_str())
    );
    let query =
        json!({ "query": { "text": "晓红", "includeArchived": false, "leadsOnly": false, "limit": null } });
    assert_eq!(desk.ok("search_customers", query)[0]["name"], "司马晓红");
    let on_server: i64 =
        target.client().query_one("SELECT count(*) AS n FROM customers", &[]).unwrap().get("n");
    assert_eq!(on_server, 3);
    // Written on the server from now on; the file is as it was.
    desk.ok("create_customer", customer("新客户", "13600136000"));
    let db = Db::open(&file).unwrap();
    assert_eq!(count(&db, "customers"), 3);
    drop(db);
    // The server is this desk's choice, its password in the credential store.
    assert_eq!(
        computer.saved(),
        Some(SavedChoice { database: DatabaseChoice::Server(address.clone()), has_password: true })
    );
    assert_eq!(computer.credentials.load(&address.to_string()).unwrap().as_deref(), Some("m0ve-Up"));
    // Moved once: a desk on the server has no file to move.
    let again = desk.refused("move_to_server", json!({ "server": form(&used, "") }));
    assert_eq!(again["kind"], "storage", "{again}");
    drop(desk);

    // And the next start opens the server.
    let desk = computer.start(&[]);
    assert_eq!(desk.status()["stage"], "ready");
    desk.sign_in();
    assert_eq!(desk.ok("database_info", json!({}))["onServer"], true);
}
