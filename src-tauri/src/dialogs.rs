//! The system's own file dialogs (tauri-plugin-dialog), opened by the backend so
//! that the window needs no dialog permission and a chosen path never comes from
//! the page. Each returns `None` when the person cancels: the caller then does
//! nothing at all.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

/// A dialog over the main window, so it stays in front of it.
fn builder(app: &AppHandle, title: &str) -> FileDialogBuilder<tauri::Wry> {
    let mut dialog = app.dialog().file().set_title(title);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    dialog
}

/// Waits for the dialog's answer without holding a thread of the async runtime.
async fn answer(open: impl FnOnce(tokio::sync::oneshot::Sender<Option<FilePath>>)) -> Option<PathBuf> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    open(sender);
    receiver.await.ok().flatten().and_then(|path| path.into_path().ok())
}

/// Picks a folder.
pub async fn pick_folder(app: &AppHandle, title: &str) -> Option<PathBuf> {
    let dialog = builder(app, title).set_can_create_directories(true);
    answer(move |sender| {
        dialog.pick_folder(move |path| {
            let _ = sender.send(path);
        })
    })
    .await
}

/// Picks an existing file, offered by the `filter`'s extensions first.
pub async fn pick_file(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    let dialog = builder(app, title).add_filter(filter.0, filter.1);
    answer(move |sender| {
        dialog.pick_file(move |path| {
            let _ = sender.send(path);
        })
    })
    .await
}

/// Asks where to save a file, proposing `file_name`.
pub async fn save_file(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    let dialog = builder(app, title).set_file_name(file_name).add_filter(filter.0, filter.1);
    answer(move |sender| {
        dialog.save_file(move |path| {
            let _ = sender.send(path);
        })
    })
    .await
}
