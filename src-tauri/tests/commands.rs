//! Every command through Tauri's IPC layer (mock runtime, no window), on a temp
//! database: argument names and shapes as the generated TypeScript sends them,
//! and errors as the UI receives them.

use caredesk_lib::state::AppState;
use caredesk_store::{Db, Now};
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

fn fixed_now() -> Now {
    Now {
        instant: Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(),
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

struct Harness {
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("caredesk.sqlite")).unwrap();
        let app = mock_builder()
            .manage(AppState::new(db, fixed_now))
            .invoke_handler(caredesk_lib::commands::handler())
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        Harness { _dir: dir, _app: app, window }
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                // The app's own origin on Linux: commands from it need no capability.
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
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
