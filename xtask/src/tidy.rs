//! Checks the repository's own rules (run by `cargo test`).

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::process::root;

    fn files_below(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && name != "target" && name != "node_modules" && name != "gen" {
                files_below(&path, extension, found);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }

    fn rust_files() -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        for dir in ["crates", "src-tauri/src", "xtask/src"] {
            files_below(&root().join(dir), "rs", &mut files);
        }
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("readable source");
                (p, text)
            })
            .collect()
    }

    /// The product lives in crates/ and must be testable without a window.
    #[test]
    fn only_the_shell_depends_on_tauri() {
        let mut manifests = Vec::new();
        files_below(&root().join("crates"), "toml", &mut manifests);
        manifests.push(root().join("xtask/Cargo.toml"));
        assert!(manifests.len() >= 4, "found {manifests:?}");
        for manifest in manifests {
            let text = std::fs::read_to_string(&manifest).expect("readable manifest");
            for line in text.lines() {
                let key = line.split(['=', '.']).next().unwrap_or("").trim();
                assert!(
                    !key.starts_with("tauri"),
                    "{} depends on {key}: only src-tauri may depend on Tauri",
                    manifest.display()
                );
            }
        }
    }

    /// Errors are typed, never bare strings (xtask included).
    #[test]
    fn no_string_errors() {
        // Built in pieces so that this line is not a match for itself.
        let (result, string) = (concat!("Result", "<"), concat!(",", "String>"));
        for (path, text) in rust_files() {
            for (n, line) in text.lines().enumerate() {
                let squashed: String = line.split_whitespace().collect();
                assert!(
                    !(squashed.contains(result) && squashed.contains(string)),
                    "{}:{}: a Result with a String error",
                    path.display(),
                    n + 1
                );
            }
        }
    }

    /// Tests are hermetic: only the app's own start-up reads the real app-data folder.
    #[test]
    fn only_start_up_touches_the_app_data_folder() {
        for (path, text) in rust_files() {
            if path.ends_with("src-tauri/src/lib.rs") || path.ends_with("xtask/src/tidy.rs") {
                continue;
            }
            assert!(!text.contains("app_data_dir()"), "{} reads the real app-data folder", path.display());
        }
    }

    /// The product builds for Windows and macOS too: its code (not its tests) names no
    /// Linux path and starts no program; where the operating system matters, a Tauri
    /// plugin decides (the opener, the dialogs, the single-instance guard).
    #[test]
    fn the_product_assumes_no_linux_paths_or_commands() {
        let product = |p: &Path| {
            let p = p.to_string_lossy().replace('\\', "/");
            (p.contains("/crates/") && p.contains("/src/")) || p.contains("/src-tauri/src/")
        };
        // Built in pieces so that this test does not match itself.
        let forbidden = [
            concat!("\"/", "usr/"),
            concat!("\"/", "etc/"),
            concat!("\"/", "proc/"),
            concat!("\"/", "tmp/"),
            concat!("xdg", "-open"),
            concat!("Command", "::new"),
        ];
        // The one program the product starts: team mode backs the server up with
        // PostgreSQL's own client tools (pg_dump, pg_restore, psql), which no library
        // replaces; that module finds them on each operating system.
        let starts_programs =
            |p: &Path| p.to_string_lossy().replace('\\', "/").ends_with("/store/src/postgres/tools.rs");
        for (path, text) in rust_files() {
            if !product(&path) {
                continue;
            }
            // A module's unit tests may use a Unix path as sample data.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for needle in forbidden {
                if needle == concat!("Command", "::new") && starts_programs(&path) {
                    continue;
                }
                assert!(!code.contains(needle), "{} contains {needle}", path.display());
            }
        }
    }

    /// SQL lives only in the store, so the two engines' differences stay in one place.
    #[test]
    fn sql_lives_only_in_the_store() {
        // Built in pieces so that this test does not match itself.
        let forbidden = [
            concat!("\"SELECT", " "),
            concat!("\"INSERT", " INTO"),
            concat!("\"DELETE", " FROM"),
            concat!("\"UPDATE", " "),
            concat!("\"CREATE", " "),
            concat!(".prepare", "("),
            concat!("execute_batch", "("),
            concat!("query_row", "("),
        ];
        for (path, text) in rust_files() {
            if path.to_string_lossy().replace('\\', "/").contains("/crates/store/") {
                continue;
            }
            for needle in forbidden {
                assert!(
                    !text.contains(needle),
                    "{} has SQL ({needle}): SQL lives in crates/store",
                    path.display()
                );
            }
        }
    }

    /// The store reads rows by column name (`row.get("plate")`), never by position.
    #[test]
    fn the_store_reads_rows_by_column_name() {
        /// `get(3)` or `get::<_, i64>(3)`: a call whose only argument is a number.
        fn positional(line: &str) -> bool {
            line.match_indices(".get").any(|(at, _)| {
                let rest = &line[at + 4..];
                let rest = match rest.strip_prefix("::<") {
                    Some(generic) => generic.split_once(">(").map_or("", |(_, after)| after),
                    None => rest.strip_prefix('(').unwrap_or(""),
                };
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                !digits.is_empty() && rest[digits.len()..].starts_with(')')
            })
        }
        assert!(positional("r.get(0)?") && positional("row.get::<_, i64>(12)?"));
        assert!(!positional("r.get(\"id\")?") && !positional("v.get(index)"));
        for (path, text) in rust_files() {
            if !path.to_string_lossy().replace('\\', "/").contains("/crates/store/src/") {
                continue;
            }
            for (n, line) in text.lines().enumerate() {
                assert!(!positional(line), "{}:{}: a row read by position", path.display(), n + 1);
            }
        }
    }

    /// No test is switched off.
    #[test]
    fn no_ignored_tests() {
        let marker = concat!("#[", "ignore");
        for (path, text) in rust_files() {
            assert!(!text.contains(marker), "{} has an ignored test", path.display());
        }
    }
}
