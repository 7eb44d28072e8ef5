//! A bare Tauri 2 window: no plugins, no commands, no state, one element in the page.
//! The baseline of `cargo xtask bench startup`; the window is the size of CareDesk's.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the bare window should run");
}
