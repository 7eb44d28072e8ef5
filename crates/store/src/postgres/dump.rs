//! The server's backups (team mode): `pg_dump --format=custom` archives in the
//! same folder, with the same names (`.dump` instead of `.sqlite`), rotation and
//! list as a desk's file backups (`crate::backup`), taken and restored with the
//! PostgreSQL client tools (`tools`).
//!
//! - *Taking one*: pg_dump reads one consistent snapshot of the database while
//!   the desks go on working. It writes under a hidden temporary name; the
//!   archive is read back (`examine`) and only then renamed to its backup name,
//!   so a backup's name never holds a half-written file.
//! - *The schedule*: every desk checks hourly, but one takes it: under a
//!   session advisory lock that a desk only tries to take (a desk that finds it
//!   held skips), and only when the newest backup the *database* records — by
//!   the server's clock, whichever desk took it and into whichever folder — is a
//!   day old.
//! - *Restoring*: the archive is checked first (pg_restore reads its table of
//!   contents; it holds CareDesk's tables, and a schema this version knows); a
//!   fresh backup of the database is kept; then one transaction, run by psql,
//!   drops CareDesk's tables, functions and types, replays the archive, upgrades
//!   an older archive's schema with the same migrations a desk runs, gives each
//!   table back the access rights it had (the desks' account's, README "Team
//!   mode": who may do what is the database's, not the backup's), and records
//!   the restore (every desk signs its member out). A restore that fails at any
//!   point — a damaged archive, a refused statement, a lost connection — rolls
//!   that transaction back: the database is as it was.

use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{ChildStderr, Stdio};
use std::thread::JoinHandle;

use caredesk_domain::settings::{BackupFormat, BackupInfo, BackupKind};
use caredesk_domain::{Invalid, Issue};
use chrono::{DateTime, Utc};

use super::tools::{self, Tool, Tools};
use super::{Client, Config, Server, connect};
use crate::backup::{self, Contents};
use crate::engine::{PgRead, PgWrite, Read};
use crate::error::{Result, StoreError};
use crate::migrations::APPLICATION_ID;
use crate::settings;

const FORMAT: BackupFormat = BackupFormat::ServerDump;

/// The table that holds the schema's application and version (see `migrations`).
const SCHEMA_TABLE: &str = "caredesk_schema";
/// A table every CareDesk database has, and whose rows the list shows.
const CUSTOMERS: &str = "customers";

/// How long pg_dump waits for a table another transaction holds exclusively (a restore).
const DUMP_LOCK_WAIT_MS: u32 = 60_000;
/// How long a restore waits for the desks' transactions to let go of a table.
const RESTORE_LOCK_WAIT: &str = "30s";

/// What psql prints once everything in the restore's transaction has run
/// without error (so the `COMMIT` after it commits rather than rolls back), and
/// once that `COMMIT` has run.
const COMPLETE: &str = "caredesk-restore-complete";
const COMMITTED: &str = "caredesk-restore-committed";

/// A pg_dump of the database `config` names, into `dir` as a `kind` backup;
/// nothing else (no rotation, nothing recorded).
pub fn take(config: &Config, dir: &Path, kind: BackupKind, now: DateTime<Utc>) -> Result<BackupInfo> {
    take_with(&Tools::find()?, config, dir, kind, now)
}

fn take_with(
    tools: &Tools,
    config: &Config,
    dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let (stem, partial) = backup::partial_file(dir, FORMAT, kind, now)?;
    let written = dump(tools, config, &partial)
        .and_then(|()| examine(tools, &partial))
        .and_then(|contents| Ok((backup::place(&partial, dir, &stem, FORMAT)?, contents)));
    match written {
        Ok((path, contents)) => Ok(backup::describe(&path, FORMAT, contents)),
        Err(e) => {
            // Best effort: a leftover partial file is hidden and never listed.
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn dump(tools: &Tools, config: &Config, to: &Path) -> Result<()> {
    let mut command = tools.connected(Tool::Dump, config);
    command
        .arg("--format=custom")
        .arg(format!("--lock-wait-timeout={DUMP_LOCK_WAIT_MS}"))
        .arg("--file")
        .arg(to)
        .stdin(Stdio::null());
    let output = tools.run(Tool::Dump, &mut command)?;
    if !output.status.success() {
        return Err(tools.refused(Tool::Dump, &output.stderr));
    }
    Ok(())
}

/// "Back up now" (or any backup of `kind` outside the schedule): a pg_dump into
/// the folder the settings name (or `default_dir`), then that folder's rotation,
/// and the backup recorded in the database for the schedule. Runs on connections
/// of its own, so the desk's own connection stays free meanwhile.
pub fn back_up(
    config: &Config,
    default_dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let tools = Tools::find()?;
    let mut client = connect(config)?;
    let started = server_now(&PgRead::new(&mut client))?;
    let info = take_into_folder(&tools, &mut client, config, default_dir, kind, now)?;
    record(&mut client, started)?;
    Ok(info)
}

fn take_into_folder(
    tools: &Tools,
    client: &mut Client,
    config: &Config,
    default_dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let read = PgRead::new(client);
    let (dir, rules) = (settings::backup_folder(&read, default_dir)?, settings::get(&read)?);
    let info = take_with(tools, config, &dir, kind, now)?;
    backup::prune(&dir, rules.keep_daily, rules.keep_weekly, now)?;
    Ok(info)
}

fn record(client: &mut Client, at: DateTime<Utc>) -> Result<()> {
    let tx = PgWrite::new(client.transaction()?);
    settings::record_backup(&tx, at)?;
    tx.commit()
}

/// What the automatic schedule did this time.
#[derive(Debug)]
pub enum Scheduled {
    Taken(BackupInfo),
    /// The newest backup (recorded in the database, by the server's clock) is younger than the interval.
    NotDue {
        last: DateTime<Utc>,
    },
    /// Another desk is taking it right now.
    OtherDesk,
}

/// The automatic backup: taken by the one desk that holds the schedule's lock,
/// when the newest backup the database records is `every` old (or none is).
pub fn scheduled(
    config: &Config,
    default_dir: &Path,
    every: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<Scheduled> {
    let Some(mut lock) = ScheduleLock::try_take(config)? else { return Ok(Scheduled::OtherDesk) };
    let client = &mut lock.client;
    let (started, last) = {
        let read = PgRead::new(client);
        (server_now(&read)?, settings::last_backup_at(&read)?)
    };
    // A recorded time after the server's now (its clock was put back) does not hold the schedule up.
    if let Some(last) = last.filter(|&last| last <= started && started - last < every) {
        return Ok(Scheduled::NotDue { last });
    }
    let tools = Tools::find()?;
    let info = take_into_folder(&tools, client, config, default_dir, BackupKind::Automatic, now)?;
    record(client, started)?;
    Ok(Scheduled::Taken(info))
}

/// The right to take the automatic backup, which one desk holds at a time: a
/// session advisory lock on a connection of its own, given back when dropped.
pub struct ScheduleLock {
    client: Client,
}

impl ScheduleLock {
    /// The lock, or `None` when another desk holds it (nothing waits).
    pub fn try_take(config: &Config) -> Result<Option<ScheduleLock>> {
        let mut client = connect(config)?;
        // Two 32-bit keys, as `locks::advisory`'s, so it never meets the migrations' lock.
        let taken: bool = client
            .query_one("SELECT pg_try_advisory_lock(hashtext('backup'), hashtext('schedule')) AS taken", &[])?
            .get("taken");
        Ok(taken.then_some(ScheduleLock { client }))
    }
}

impl Drop for ScheduleLock {
    fn drop(&mut self) {
        // Closing the connection would release it too, but only once the server
        // notices; unlocking here gives it back before `drop` returns.
        let _ =
            self.client.execute("SELECT pg_advisory_unlock(hashtext('backup'), hashtext('schedule'))", &[]);
    }
}

/// The server's clock: every desk's schedule is measured by it, so a desk whose
/// own clock is wrong neither skips a backup nor takes one too many.
fn server_now(conn: &(impl Read + ?Sized)) -> Result<DateTime<Utc>> {
    let micros: i64 = conn
        .one("SELECT (extract(epoch FROM statement_timestamp()) * 1000000)::bigint AS micros", &[])?
        .get("micros")?;
    DateTime::from_timestamp_micros(micros)
        .ok_or_else(|| StoreError::Corrupt(format!("the server's clock reads {micros} µs")))
}

/// Checks that `path` is a server backup of CareDesk's that this version can
/// restore, and says what it holds. Needs the client tools.
pub fn inspect(path: &Path) -> Result<BackupInfo> {
    let tools = Tools::find()?;
    Ok(backup::describe(path, FORMAT, examine(&tools, path)?))
}

/// Reads the archive's table of contents, then the data of its version table
/// and of `customers` (pg_restore seeks to them: the rest is not read).
fn examine(tools: &Tools, path: &Path) -> Result<Contents> {
    let shown = path.display();
    let metadata = backup::file_metadata(path)?;
    let mut list = tools.command(Tool::Restore);
    list.arg("--list").arg(path).stdin(Stdio::null());
    let output = tools.run(Tool::Restore, &mut list)?;
    if !output.status.success() {
        let said = tools::said(&output.stderr);
        if said.contains("unsupported version") {
            return Err(tools.refused(Tool::Restore, &output.stderr));
        }
        return Err(backup::invalid_backup(format!(
            "{shown} is not a CareDesk backup, or is damaged ({said})"
        )));
    }
    let toc = String::from_utf8_lossy(&output.stdout);
    let tables = table_data(&toc);
    if ![SCHEMA_TABLE, CUSTOMERS].iter().all(|needed| tables.contains(needed)) {
        return Err(backup::invalid_backup(format!(
            "{shown} is a backup of another PostgreSQL database, not of CareDesk's"
        )));
    }
    let data = read_data(tools, path)?;
    match data.application.as_deref() {
        Some(application) if super::migrations::is_caredesk(application) => {}
        _ => {
            return Err(backup::invalid_backup(format!(
                "{shown} is a backup of another application's database, not of CareDesk's"
            )));
        }
    }
    let schema_version = data.version.unwrap_or(0);
    let known = super::migrations::MIGRATIONS.len() as i64;
    if schema_version > known {
        return Err(backup::invalid_backup(format!(
            "{shown} comes from a newer CareDesk (schema version {schema_version}, this one knows up to {known}); \
             update CareDesk to restore it"
        )));
    }
    Ok(Contents {
        bytes: metadata.len(),
        schema_version,
        customers: u32::try_from(data.customers).unwrap_or(u32::MAX),
        modified: metadata.modified().ok(),
    })
}

/// The tables whose data the archive holds, from `pg_restore --list`
/// (`3385; 0 16397 TABLE DATA public customers caredesk`).
fn table_data(toc: &str) -> Vec<&str> {
    toc.lines()
        .filter(|line| !line.starts_with(';'))
        .filter_map(|line| line.split_once(" TABLE DATA ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_whitespace().nth(1))
        .collect()
}

/// What the archive's data says about it.
#[derive(Debug, Default)]
struct Data {
    application: Option<String>,
    version: Option<i64>,
    customers: u64,
}

fn read_data(tools: &Tools, path: &Path) -> Result<Data> {
    let mut command = tools.command(Tool::Restore);
    command
        .arg("--data-only")
        .arg(format!("--table={SCHEMA_TABLE}"))
        .arg(format!("--table={CUSTOMERS}"))
        .arg("--file=-")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| tools.not_started(Tool::Restore, &e))?;
    let stderr = drain(child.stderr.take());
    let parsed =
        child.stdout.take().map_or_else(|| Ok(Data::default()), |out| parse_data(BufReader::new(out)));
    if parsed.is_err() {
        let _ = child.kill();
    }
    let status = child.wait().map_err(|e| tools.not_started(Tool::Restore, &e))?;
    let said = stderr.join().unwrap_or_default();
    if !status.success() {
        return Err(backup::invalid_backup(format!(
            "{} is damaged ({})",
            path.display(),
            tools::said(&said)
        )));
    }
    parsed.map_err(|source| StoreError::Io { path: path.to_owned(), source })
}

/// Reads the `COPY … FROM stdin;` blocks of a data-only script: the version
/// table's row, and how many rows `customers` has (one line per row: COPY
/// escapes the newlines inside a value).
fn parse_data(reader: impl BufRead) -> std::io::Result<Data> {
    let mut data = Data::default();
    // The table being copied, and its columns.
    let mut copying: Option<(String, Vec<String>)> = None;
    for line in reader.split(b'\n') {
        let line = line?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let Some((table, columns)) = &copying else {
            copying = std::str::from_utf8(line).ok().and_then(copy_header);
            continue;
        };
        if line == b"\\." {
            copying = None;
        } else if table == CUSTOMERS {
            data.customers += 1;
        } else if table == SCHEMA_TABLE {
            let text = String::from_utf8_lossy(line);
            let values: Vec<&str> = text.split('\t').collect();
            let value =
                |name: &str| columns.iter().position(|c| c == name).and_then(|i| values.get(i).copied());
            data.application = value("application").map(str::to_owned);
            data.version = value("version").and_then(|v| v.parse().ok());
        }
    }
    Ok(data)
}

/// `COPY public.customers (id, name, …) FROM stdin;` → ("customers", [id, name, …]).
fn copy_header(line: &str) -> Option<(String, Vec<String>)> {
    let rest = line.strip_prefix("COPY ")?.strip_suffix(" FROM stdin;")?;
    let (name, columns) = rest.split_once(" (")?;
    let table = name.rsplit('.').next()?.trim_matches('"').to_owned();
    let columns = columns.strip_suffix(')')?.split(", ").map(|c| c.trim_matches('"').to_owned()).collect();
    Some((table, columns))
}

/// Replaces the server's database with the archive at `from` and returns the
/// backup of what it replaced (taken into `dir` first).
pub fn restore(server: &mut Server, from: &Path, dir: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    if backup::format_of(from)? == Some(BackupFormat::File) {
        return Err(backup::other_format(from, BackupFormat::File));
    }
    let tools = Tools::find()?;
    let contents = examine(&tools, from)?;
    let started = server_now(&*server)?;
    let safety = take_with(&tools, server.config(), dir, BackupKind::BeforeRestore, now)?;
    let mark =
        format!("{} {}", now.to_rfc3339(), Path::new(&safety.path).file_name().unwrap_or_default().display());
    load(
        &tools,
        server.config(),
        from,
        contents.schema_version,
        &settings::after_restore_sql(&mark, started),
    )
    .map_err(|cause| unchanged(cause, from, &safety))?;
    // An archive from before migration 9 comes back without its customers' pinyin
    // keys, which SQL cannot spell. The restore itself succeeded: a failure here
    // is only noted, and the next desk to start fills them.
    if let Err(error) = server.write(|tx| crate::search::fill_pinyin_if_missing(tx)) {
        log::warn!("the restored customers' pinyin keys were not written: {error}");
    }
    Ok(safety)
}

/// A failed restore's error, saying that the database is as it was and where
/// the backup taken before it is.
fn unchanged(cause: StoreError, from: &Path, safety: &BackupInfo) -> StoreError {
    let issues = cause
        .issues()
        .into_iter()
        .map(|issue| Issue {
            message: format!(
                "restoring {} failed and changed nothing ({}); the database as it was is also saved in {}",
                from.display(),
                issue.message,
                safety.path
            ),
            ..issue
        })
        .collect();
    StoreError::Invalid(Invalid(issues))
}

/// Runs the restore's one transaction: psql reads our opening, the script
/// pg_restore makes of the archive, and our ending with its `COMMIT` — which is
/// written only once pg_restore has read the whole archive without error.
fn load(tools: &Tools, config: &Config, from: &Path, version: i64, record: &str) -> Result<()> {
    let mut psql = tools.connected(Tool::Psql, config);
    psql.args(["--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "--set=ON_ERROR_STOP=1", "--file=-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut script = tools.command(Tool::Restore);
    // Owned by whoever restores (the database's owner); the archive's access
    // rights left out (the database's own are put back at the end); comments
    // left out, as the extension's belongs to whoever created it.
    script
        .args(["--no-owner", "--no-privileges", "--no-comments", "--file=-"])
        .arg(from)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut psql = psql.spawn().map_err(|e| tools.not_started(Tool::Psql, &e))?;
    let mut script = match script.spawn() {
        Ok(child) => child,
        Err(e) => {
            // psql reads the end of an empty script inside no transaction: nothing happens.
            drop(psql.stdin.take());
            let _ = psql.wait();
            return Err(tools.not_started(Tool::Restore, &e));
        }
    };
    let (Some(mut to_psql), Some(mut archive)) = (psql.stdin.take(), script.stdout.take()) else {
        return Err(tools::failed("the restore's pipes could not be set up".into()));
    };
    let script_errors = drain(script.stderr.take());
    let ending = format!(
        "RESET search_path;\n{}{}{record}SELECT '{COMPLETE}';\nCOMMIT;\nSELECT '{COMMITTED}';\n",
        super::migrations::upgrade_script(version),
        RIGHTS_BACK
    );
    let feeder = std::thread::spawn(move || {
        let copied = to_psql
            .write_all(opening().as_bytes())
            .and_then(|()| std::io::copy(&mut archive, &mut to_psql).map(drop));
        if copied.is_err() {
            // psql stopped reading (it refused a statement): the archive need not be read on.
            let _ = script.kill();
        }
        let read_whole = script.wait().is_ok_and(|status| status.success());
        if read_whole && copied.is_ok() {
            // Only now: a script cut short (a damaged archive) never reaches COMMIT.
            let _ = to_psql.write_all(ending.as_bytes());
        }
        // Closing psql's input ends its script; an open transaction is rolled back.
        drop(to_psql);
        let said = script_errors.join().unwrap_or_default();
        // pg_restore stopped on its own while psql still read (or said why it
        // stopped): the archive is at fault, not what psql made of a script cut short.
        let archive_fault =
            !read_whole && (copied.is_ok() || String::from_utf8_lossy(&said).contains("error"));
        (archive_fault, said)
    });
    let output = psql.wait_with_output().map_err(|e| tools.not_started(Tool::Psql, &e))?;
    let (archive_fault, script_said) =
        feeder.join().map_err(|_| tools::failed("the restore's feeding thread failed".into()))?;
    let printed = String::from_utf8_lossy(&output.stdout);
    let said = |marker: &str| printed.lines().any(|line| line.trim() == marker);
    if output.status.success() && said(COMPLETE) && said(COMMITTED) {
        return Ok(());
    }
    if archive_fault {
        return Err(backup::invalid_backup(format!(
            "{} could not be read to the end ({})",
            from.display(),
            tools::said(&script_said)
        )));
    }
    let refused = server_errors(&output.stderr);
    let said = if refused.is_empty() { tools::said(&output.stderr) } else { refused };
    let hint = if said.contains("permission denied") || said.contains("must be owner") {
        ". Restoring replaces the tables: it needs the database owner's account, not the desks' (caredesk_app)"
    } else {
        ""
    };
    Err(tools::failed(format!("the server refused the restore: {said}{hint}")))
}

/// The opening of the restore's transaction: no desk migrates meanwhile (the
/// migrations' lock), the desks' transactions get a while to let go of the
/// tables, each table's and sequence's access rights are noted (for
/// `RIGHTS_BACK`), then every table, view, sequence, function and type in the
/// schema CareDesk works in is dropped — all of them CareDesk's (a database
/// holding anyone else's tables is refused when a desk opens it), except the
/// extensions' (`pg_trgm`), which stay. The archive's script then creates
/// them again; a table a newer version added and the archive lacks is gone
/// too, and the migrations at the end create it again, empty.
fn opening() -> String {
    format!(
        "BEGIN;
SET client_min_messages = warning;
SET lock_timeout = '{RESTORE_LOCK_WAIT}';
SELECT pg_advisory_xact_lock({APPLICATION_ID});
CREATE TEMPORARY TABLE caredesk_rights ON COMMIT DROP AS
    SELECT c.relname::text AS name, a.grantee, a.privilege_type, a.is_grantable
    FROM pg_class c
    LEFT JOIN LATERAL aclexplode(c.relacl) AS a ON a.grantee <> c.relowner
    WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
      AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f');
DO $caredesk$
DECLARE
    statement text;
BEGIN
    FOR statement IN
        WITH schema AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema()),
        objects AS (
            SELECT 1 AS rank, format('DROP %s IF EXISTS %s CASCADE',
                       CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                           WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                       c.oid::regclass) AS statement
            FROM pg_class c
            WHERE c.relnamespace = (SELECT oid FROM schema)
              AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype IN ('e', 'i', 'a'))
            UNION ALL
            SELECT 2, format('DROP ROUTINE IF EXISTS %s CASCADE', p.oid::regprocedure)
            FROM pg_proc p
            WHERE p.pronamespace = (SELECT oid FROM schema) AND p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                  AND d.objid = p.oid AND d.deptype = 'e')
            UNION ALL
            SELECT 3, format('DROP TYPE IF EXISTS %s CASCADE', t.oid::regtype)
            FROM pg_type t
            WHERE t.typnamespace = (SELECT oid FROM schema) AND t.typtype IN ('c', 'd', 'e', 'r')
              AND (t.typtype <> 'c' OR EXISTS (SELECT FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                  AND d.objid = t.oid AND d.deptype = 'e')
        )
        SELECT objects.statement FROM objects ORDER BY rank
    LOOP
        EXECUTE statement;
    END LOOP;
END
$caredesk$;
"
    )
}

/// The end of the restore's transaction, after the archive and the migrations:
/// every table and sequence that existed before the restore gets exactly the
/// rights it had — those the archive's creation gave it through the owner's
/// default privileges are taken away again (the desks' account may not change
/// `audit_log`, whatever the defaults say) — and one that is new keeps what its
/// creation gave it.
const RIGHTS_BACK: &str = "DO $caredesk$
DECLARE
    relation record;
    rights record;
    kind text;
BEGIN
    FOR relation IN
        SELECT c.oid, c.relname::text AS name, c.relkind, c.relowner, c.relacl
        FROM pg_class c
        WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
          AND c.relname IN (SELECT name FROM caredesk_rights)
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    LOOP
        kind := CASE WHEN relation.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END;
        FOR rights IN
            SELECT DISTINCT a.grantee FROM aclexplode(relation.relacl) AS a WHERE a.grantee <> relation.relowner
        LOOP
            EXECUTE format('REVOKE ALL ON %s %s FROM %s', kind, relation.oid::regclass,
                CASE WHEN rights.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(rights.grantee)) END);
        END LOOP;
        FOR rights IN
            SELECT r.grantee, r.privilege_type, r.is_grantable FROM caredesk_rights r
            WHERE r.name = relation.name AND r.grantee IS NOT NULL
        LOOP
            EXECUTE format('GRANT %s ON %s %s TO %s%s', rights.privilege_type, kind, relation.oid::regclass,
                CASE WHEN rights.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(rights.grantee)) END,
                CASE WHEN rights.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
        END LOOP;
    END LOOP;
END
$caredesk$;
";

/// The server's own words in psql's errors: each `ERROR:` (or `FATAL:`) line
/// with the `DETAIL:` and `HINT:` lines after it (a notice's details are left out).
fn server_errors(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let mut lines = Vec::new();
    let mut in_error = false;
    for line in text.lines() {
        let tagged = |tag: &str| line.find(tag).map(|at| line[at..].trim());
        if let Some(error) = tagged("ERROR:").or_else(|| tagged("FATAL:")) {
            in_error = true;
            lines.push(error);
        } else if let Some(more) = tagged("DETAIL:").or_else(|| tagged("HINT:")).filter(|_| in_error) {
            lines.push(more);
        } else {
            in_error = false;
        }
    }
    lines.join("; ")
}

/// Reads a child's stderr to the end on a thread of its own, so that a tool
/// that writes much there never waits for us to read its stdout.
fn drain(stderr: Option<ChildStderr>) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut said = Vec::new();
        if let Some(mut stderr) = stderr {
            let _ = std::io::Read::read_to_end(&mut stderr, &mut said);
        }
        said
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::postgres_test_database;

    #[test]
    fn an_older_backup_is_brought_up_to_this_schema_in_the_restore() {
        let old = postgres_test_database!();
        let latest = super::super::migrations::MIGRATIONS;
        super::super::migrations::apply(&mut old.client(), &latest[..latest.len() - 1]).unwrap();
        old.client().batch_execute("INSERT INTO preferences (key, value) VALUES ('language', 'en')").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        let backup = take(old.config(), dir.path(), BackupKind::Manual, now).unwrap();
        assert_eq!(backup.schema_version, latest.len() as i64 - 1);

        let current = postgres_test_database!();
        let mut server = Server::open(current.config()).unwrap();
        current
            .client()
            .batch_execute("INSERT INTO preferences (key, value) VALUES ('only_here', 'x')")
            .unwrap();
        restore(&mut server, Path::new(&backup.path), dir.path(), now).unwrap();
        let mut client = current.client();
        assert_eq!(super::super::migrations::schema_version(&mut client).unwrap(), latest.len() as i64);
        let keys: Vec<String> = client
            .query("SELECT key FROM preferences ORDER BY key", &[])
            .unwrap()
            .iter()
            .map(|r| r.get("key"))
            .collect();
        assert_eq!(
            keys,
            ["language", "last_backup_at", "restored"],
            "the archive's rows, and the restore's own"
        );
        // The last migration's tables are there again, empty, and a desk opens the database as it is.
        let campaigns: i64 = client.query_one("SELECT count(*) AS n FROM campaigns", &[]).unwrap().get("n");
        assert_eq!(campaigns, 0);
        Server::open(current.config()).unwrap();
    }

    #[test]
    fn the_table_of_contents_names_the_tables_with_data() {
        let toc = ";\n; Archive created at 2026-11-22 09:30:00 CST\n;\n\
                   215; 1259 16386 TABLE public customers caredesk\n\
                   3390; 0 16386 TABLE DATA public customers caredesk\n\
                   3391; 0 16390 TABLE DATA public caredesk_schema caredesk\n\
                   3392; 0 0 SEQUENCE SET public customers_id_seq caredesk\n";
        assert_eq!(table_data(toc), ["customers", "caredesk_schema"]);
    }

    #[test]
    fn the_data_script_gives_the_version_and_counts_the_customers() {
        let script = "SET statement_timeout = 0;\n\
            COPY public.caredesk_schema (singleton, application, version) FROM stdin;\n\
            t\tCareDesk\t6\n\\.\n\n\
            COPY public.customers (id, name, note) FROM stdin;\n\
            1\t周杰\tline one\\nline two\n2\t吴刚\t\\N\n\\.\n";
        let data = parse_data(script.as_bytes()).unwrap();
        assert_eq!(
            (data.application.as_deref(), data.version, data.customers),
            (Some("CareDesk"), Some(6), 2)
        );
    }

    #[test]
    fn the_servers_words_are_picked_out_of_psqls_errors() {
        let stderr = b"psql:<stdin>:4: NOTICE:  drop cascades to 2 other objects\n\
                       DETAIL:  drop cascades to constraint a on table b\n\
                       psql:<stdin>:12: ERROR:  permission denied for table customers\n\
                       psql:<stdin>:12: DETAIL:  something\nother noise\n";
        assert_eq!(
            server_errors(stderr),
            "ERROR:  permission denied for table customers; DETAIL:  something"
        );
    }
}
