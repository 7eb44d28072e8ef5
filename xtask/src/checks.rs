//! `cargo xtask test` and `cargo xtask bindings`.

use std::path::Path;

use crate::postgres;
use crate::process::{capture, cargo, check, npm, root};
use crate::{Result, e2e, setup};

/// Counts tests (and whole-step checks such as formatting) across runners.
#[derive(Debug, Default)]
struct Tally {
    passed: u32,
    failed: u32,
    failures: Vec<String>,
}

impl Tally {
    fn step(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            self.failures.push(name.to_owned());
        }
    }

    /// Adds a runner's counts; a runner that failed without reporting a
    /// failing test (it did not compile, say) counts as one failure.
    fn runner(&mut self, name: &str, ok: bool, passed: u32, failed: u32) {
        self.passed += passed;
        self.failed += failed;
        if !ok && failed == 0 {
            self.failed += 1;
        }
        if !ok || failed > 0 {
            self.failures.push(name.to_owned());
        }
    }
}

/// The number after `label` in text like `12 passed`.
fn count_before(text: &str, label: &str) -> u32 {
    text.split(label)
        .next()
        .and_then(|head| head.split_whitespace().last())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Sums cargo's `test result: ok. 12 passed; 0 failed; ...` lines.
pub fn cargo_counts(output: &str) -> (u32, u32) {
    output.lines().filter_map(|line| line.trim().strip_prefix("test result: ")).fold(
        (0, 0),
        |(p, f), line| {
            let passed =
                line.split(';').find(|s| s.contains(" passed")).map_or(0, |s| count_before(s, " passed"));
            let failed =
                line.split(';').find(|s| s.contains(" failed")).map_or(0, |s| count_before(s, " failed"));
            (p + passed, f + failed)
        },
    )
}

/// The value of `"key":N` in a JSON report.
fn json_number(json: &str, key: &str) -> u32 {
    json.split(&format!("\"{key}\":"))
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// `long`: the long versions of the slow tests (`CAREDESK_LONG_TESTS=1`).
pub fn test(long: bool) -> Result {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let mut packages = setup::RUN_PACKAGES.to_vec();
    packages.extend_from_slice(setup::TEST_PACKAGES);
    setup::system_packages(&packages)?;
    setup::ui()?;
    setup::tauri_driver()?;

    let mut tally = Tally::default();
    let locked: &[&str] = if ci { &["--locked"] } else { &[] };

    let (ok, _) = capture(&mut cargo(&["fmt", "--all", "--check"]));
    tally.step("cargo fmt --check", ok);

    let mut clippy = cargo(&["clippy", "--workspace", "--all-targets"]);
    clippy.args(locked).args(["--", "-D", "warnings"]);
    let (ok, _) = capture(&mut clippy);
    tally.step("clippy", ok);

    // Team mode's tests run on a cluster of their own, gone when the tests end.
    let cluster = match postgres::TestCluster::start() {
        Ok(cluster) => Some(cluster),
        Err(error) => {
            eprintln!("xtask: {error}");
            tally.step("postgres test cluster", false);
            None
        }
    };

    // Includes the tidy test, the hermetic-path test and the bindings check.
    let mut tests = cargo(&["test", "--workspace"]);
    tests.args(locked);
    if long {
        tests.env("CAREDESK_LONG_TESTS", "1");
    }
    if let Some(cluster) = &cluster {
        tests.env(postgres::URL_VARIABLE, &cluster.url);
    }
    let (ok, output) = capture(&mut tests);
    let (passed, failed) = cargo_counts(&output);
    tally.runner("cargo test", ok, passed, failed);

    let (ok, _) = capture(&mut npm("ui", &["run", "typecheck"]));
    tally.step("ui typecheck", ok);

    // ESLint with React's rules of hooks; a warning fails it too (`--max-warnings 0`).
    let (ok, _) = capture(&mut npm("ui", &["run", "lint"]));
    tally.step("ui lint", ok);

    let report = root().join("target/ui-tests.json");
    let _ = std::fs::remove_file(&report);
    let out = format!("--outputFile.json={}", report.display());
    let (ok, _) = capture(&mut npm(
        "ui",
        &["exec", "--", "vitest", "run", "--reporter=default", "--reporter=json", &out],
    ));
    let json = std::fs::read_to_string(&report).unwrap_or_default();
    tally.runner("ui tests", ok, json_number(&json, "numPassedTests"), json_number(&json, "numFailedTests"));

    // The two-desk journey of team mode runs on the same cluster.
    let (ok, passed, failed) = e2e::run(&[], cluster.as_ref());
    drop(cluster);
    tally.runner("end-to-end", ok, passed, failed);

    if !tally.failures.is_empty() {
        println!("\nfailed: {}", tally.failures.join(", "));
    }
    println!("\n{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 { Ok(()) } else { Err("some checks failed".into()) }
}

/// `cargo xtask store`: the store's tests alone, on both engines (a throw-away
/// PostgreSQL cluster for the run); `args` go to `cargo test`.
pub fn store(args: &[String]) -> Result {
    let mut packages = setup::RUN_PACKAGES.to_vec();
    packages.extend_from_slice(setup::TEST_PACKAGES);
    setup::system_packages(&packages)?;
    let cluster = postgres::TestCluster::start()?;
    let mut tests = cargo(&["test", "-p", "caredesk-store"]);
    tests.args(args).env(postgres::URL_VARIABLE, &cluster.url);
    let result = check(&mut tests);
    drop(cluster);
    result
}

pub fn bindings() -> Result {
    setup::font()?;
    let mut command = cargo(&["test", "-p", "caredesk", "--lib", "bindings::tests::bindings_are_up_to_date"]);
    command.env("CAREDESK_UPDATE_BINDINGS", "1");
    crate::process::check(&mut command)?;
    println!("xtask: wrote {}", Path::new("ui/src/bindings.ts").display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_results() {
        let out = "test result: ok. 12 passed; 0 failed; 0 ignored\nfoo\n  test result: FAILED. 3 passed; 2 failed; 1 ignored";
        assert_eq!(cargo_counts(out), (15, 2));
    }

    #[test]
    fn reads_json_numbers() {
        let json = r#"{"numFailedTests":1,"numPassedTests":41,"x":2}"#;
        assert_eq!(json_number(json, "numPassedTests"), 41);
        assert_eq!(json_number(json, "numFailedTests"), 1);
        assert_eq!(json_number(json, "missing"), 0);
    }
}
