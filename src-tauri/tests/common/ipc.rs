//! One command sent through Tauri's IPC layer on the mock runtime, as the UI sends
//! it: the permission guard, argument parsing, the command, serialisation. Shared
//! by the shell's tests and the boards' benchmark (`#[path]`).

use serde_json::Value;
use tauri::WebviewWindow;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response};
use tauri::webview::InvokeRequest;

/// `cmd` with `args` on `window`: the command's answer, or the error it returned.
pub fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The app's own origin on Linux: commands from it need no capability.
            url: "tauri://localhost".parse().expect("the app's origin"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("a command answers JSON"))
}
