//! Running commands from the workspace root, loudly.

use std::path::PathBuf;
use std::process::Command;

use crate::Result;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

pub fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args(args).current_dir(root());
    command
}

pub fn npm(dir: &str, args: &[&str]) -> Command {
    let mut command = Command::new("npm");
    command.args(args).current_dir(root().join(dir));
    command
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs the command with inherited output; an error if it fails.
pub fn check(command: &mut Command) -> Result {
    let text = describe(command);
    println!("$ {text}");
    let status = command.status().map_err(|e| format!("cannot start `{text}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{text}` failed ({status})").into()) }
}

/// Runs the command, echoing and returning its output (stdout and stderr).
pub fn capture(command: &mut Command) -> (bool, String) {
    let text = describe(command);
    println!("$ {text}");
    match command.output() {
        Ok(output) => {
            let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            print!("{stdout}");
            eprint!("{stderr}");
            (output.status.success(), format!("{stdout}\n{stderr}"))
        }
        Err(e) => (false, format!("cannot start `{text}`: {e}")),
    }
}

/// True when `program` is on the PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}
