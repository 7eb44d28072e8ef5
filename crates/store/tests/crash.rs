//! Crash safety: a writer process is killed (SIGKILL) in the middle of a burst
//! of commits, and the database must reopen intact with every commit the writer
//! reported. 5 rounds by default; 100 with `CAREDESK_LONG_TESTS=1`.
//! `CAREDESK_CRASH_SEED` replays the kill points of a failed run.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use caredesk_domain::archive::CustomerQuery;
use caredesk_store::{Db, search};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const WRITER: &str = env!("CARGO_BIN_EXE_caredesk-crash-writer");

fn rounds() -> usize {
    if std::env::var("CAREDESK_LONG_TESTS").as_deref() == Ok("1") { 100 } else { 5 }
}

fn seed() -> u64 {
    std::env::var("CAREDESK_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x00C0_FFEE)
}

fn mobile(number: i64) -> String {
    format!("139{number:08}")
}

/// Kills the writer if the test panics before it does.
struct Writer(Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the writer at `start` and reads its lines until it has reported
/// `commits` commits, then kills it while it carries on writing.
fn write_and_kill(path: &Path, start: i64, commits: usize) -> Vec<String> {
    let child = Command::new(WRITER)
        .arg(path)
        .arg(start.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut writer = Writer(child);
    let mut lines = BufReader::new(writer.0.stdout.take().unwrap()).lines();
    let mut printed = Vec::with_capacity(commits);
    while printed.len() < commits {
        match lines.next() {
            Some(line) => printed.push(line.unwrap()),
            None => {
                let mut stderr = String::new();
                writer.0.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
                panic!("the writer stopped after {} commits: {stderr}", printed.len());
            }
        }
    }
    // SIGKILL on Unix: no destructor, no rollback, no checkpoint runs.
    writer.0.kill().unwrap();
    let status = writer.0.wait().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "the writer died of the kill, not before it: {status}");
    }
    #[cfg(not(unix))]
    assert!(!status.success());
    printed
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_writer_killed_mid_burst_loses_no_committed_customer() {
    let (rounds, seed) = (rounds(), seed());
    let mut rng = StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caredesk.sqlite");
    let started = Instant::now();
    let (mut committed, mut unreported) = (0_i64, 0_i64);
    for round in 0..rounds {
        let commits = rng.random_range(5..=200);
        let printed = write_and_kill(&path, committed, commits);
        let context = format!("round {round} of {rounds}, seed {seed}, {commits} commits from {committed}");

        let db = Db::open(&path).unwrap();
        let integrity: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "{context}");
        let fk_problems = count(&db, "SELECT count(*) FROM pragma_foreign_key_check");
        assert_eq!(fk_problems, 0, "{context}");

        // Every reported customer is there, with their phone, and search finds them.
        for (i, reported) in printed.iter().enumerate() {
            assert_eq!(*reported, mobile(committed + i as i64), "{context}: the writer numbers in order");
            let query = CustomerQuery { text: reported.clone(), ..CustomerQuery::default() };
            let found = search::customers(db.conn(), &query).unwrap();
            assert_eq!(found.len(), 1, "{context}: search for {reported}");
            assert_eq!(found[0].mobile, *reported, "{context}");
            let owners: i64 = db
                .conn()
                .query_row("SELECT count(*) FROM customer_phones WHERE phone = ?1", [reported], |r| r.get(0))
                .unwrap();
            assert_eq!(owners, 1, "{context}: {reported} in customer_phones");
        }

        // What else is there is whole customers, numbered without a gap: the
        // commits that happened after the last line we read, never half of one.
        let total = count(&db, "SELECT count(*) FROM customers");
        assert!(total >= committed + printed.len() as i64, "{context}: {total} customers");
        let (lowest, highest): (String, String) = db
            .conn()
            .query_row("SELECT min(mobile), max(mobile) FROM customers", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((lowest, highest), (mobile(0), mobile(total - 1)), "{context}");
        for (table, expected) in [
            ("customer_phones", total),
            ("customer_search", total),
            ("vehicles", (total + 1) / 2),
            ("vehicle_owners", (total + 1) / 2),
            ("audit_log WHERE entity = 'customer'", total),
        ] {
            assert_eq!(count(&db, &format!("SELECT count(*) FROM {table}")), expected, "{context}: {table}");
        }
        unreported += total - committed - printed.len() as i64;
        committed = total;
    }
    eprintln!(
        "{rounds} rounds, {committed} customers committed ({unreported} after the last line read), {:.1?}",
        started.elapsed()
    );
}
