//! Online backups (SQLite backup API), rotation, inspection and restore.
//!
//! A desk's backup is one self-contained SQLite file (rollback journal, so no
//! `-wal` or `-shm` beside it) named `caredesk-YYYYMMDD-HHMMSS-<kind>.sqlite`
//! after the UTC instant it was taken: the folder sorts by age and rotation
//! needs nothing but the names. In team mode the server's backup is a pg_dump
//! archive named the same way with `.dump` (`postgres::dump`); both kinds share
//! the folder, the list and the rotation (each kind rotated on its own). Only
//! files named that way are listed or ever deleted, so a backup folder pointed
//! at the database's own folder cannot cost the database.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use caredesk_domain::settings::{BackupFormat, BackupInfo, BackupKind};
use caredesk_domain::{ErrorKind, Invalid, Issue};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::Db;
use crate::error::{Result, StoreError};
use crate::migrations;

const PREFIX: &str = "caredesk-";
const FORMATS: [BackupFormat; 2] = [BackupFormat::File, BackupFormat::ServerDump];

/// A backup's file name ending, by what it is a copy of.
pub(crate) fn extension(format: BackupFormat) -> &'static str {
    match format {
        BackupFormat::File => ".sqlite",
        BackupFormat::ServerDump => ".dump",
    }
}

/// How a file starts: a pg_dump custom-format archive, and an SQLite database.
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
/// The instant in a backup's name (UTC).
const STAMP: &str = "%Y%m%d-%H%M%S";
/// `YYYYMMDD-HHMMSS`.
const STAMP_LEN: usize = 15;
/// Pages copied per backup step: 4 MiB at SQLite's default page size.
const PAGES_PER_STEP: i32 = 1024;
/// A write by another connection restarts a stepped copy; after this many
/// restarts the rest is copied in one step, so a busy writer cannot keep a
/// backup from ever finishing.
const RESTARTS_BEFORE_ONE_STEP: u32 = 3;
/// How long a copy waits for a lock that another connection holds.
const LOCK_WAIT: Duration = Duration::from_secs(10);
const LOCK_RETRY: Duration = Duration::from_millis(20);

const KINDS: [BackupKind; 3] = [BackupKind::Automatic, BackupKind::Manual, BackupKind::BeforeRestore];

/// `caredesk-YYYYMMDD-HHMMSS-<kind>`: a backup's name before its `-N` and extension.
pub(crate) fn stem(kind: BackupKind, now: DateTime<Utc>) -> String {
    format!("{PREFIX}{}-{}", now.format(STAMP), kind_name(kind))
}

/// The kind as it appears in the file name.
fn kind_name(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Automatic => "automatic",
        BackupKind::Manual => "manual",
        BackupKind::BeforeRestore => "before-restore",
    }
}

/// Backs the database up into `dir`.
///
/// The copy is written under a hidden temporary name and renamed into place
/// only once it is complete and verified, so a file with a backup's name is
/// never half-written. The online backup API copies a consistent state even
/// while other connections write (a write restarts the copy).
pub fn take(conn: &Connection, dir: &Path, kind: BackupKind, now: DateTime<Utc>) -> Result<BackupInfo> {
    let (stem, partial) = partial_file(dir, BackupFormat::File, kind, now)?;
    let written = write_copy(conn, &partial)
        .and_then(|()| examine(&partial))
        .and_then(|contents| Ok((place(&partial, dir, &stem, BackupFormat::File)?, contents)));
    match written {
        Ok((path, contents)) => Ok(describe(&path, BackupFormat::File, contents)),
        Err(e) => {
            // Best effort: a leftover partial file is hidden and never listed.
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// The hidden name a backup is written under until it is complete, created
/// empty (with its folder): creating it here tells an unwritable folder apart
/// from a copy that fails. Returns the backup's stem and that file.
pub(crate) fn partial_file(
    dir: &Path,
    format: BackupFormat,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<(String, PathBuf)> {
    std::fs::create_dir_all(dir).map_err(|e| unusable_folder(dir, &e))?;
    let stem = stem(kind, now);
    let partial = dir.join(format!(".{stem}{}.partial", extension(format)));
    std::fs::File::create(&partial).map_err(|e| unusable_folder(dir, &e))?;
    Ok((stem, partial))
}

/// Copies the live database into the (empty) file `to` and makes the copy a
/// single file: the copy carries the live database's WAL mark, and a backup
/// that needed a `-wal` beside it could be copied away incomplete.
fn write_copy(conn: &Connection, to: &Path) -> Result<()> {
    let mut dest =
        Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    copy(conn, &mut dest)?;
    let mode: String =
        dest.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get("journal_mode"))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(StoreError::Corrupt(format!("the backup's journal mode stayed {mode}")));
    }
    dest.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Renames the finished copy to its backup name; a second backup of the same
/// kind in the same second gets `-2`, `-3`, … rather than replacing the first.
pub(crate) fn place(partial: &Path, dir: &Path, stem: &str, format: BackupFormat) -> Result<PathBuf> {
    let extension = extension(format);
    for n in 1..=999 {
        let name = if n == 1 { format!("{stem}{extension}") } else { format!("{stem}-{n}{extension}") };
        let path = dir.join(name);
        let taken = path.try_exists().map_err(|source| StoreError::Io { path: path.clone(), source })?;
        if taken {
            continue;
        }
        std::fs::rename(partial, &path).map_err(|source| StoreError::Io { path: path.clone(), source })?;
        sync_folder(dir)?;
        return Ok(path);
    }
    Err(StoreError::Io {
        path: dir.join(format!("{stem}{extension}")),
        source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "too many backups in one second"),
    })
}

/// Makes the rename itself durable (the file's contents already are: SQLite
/// synced them on commit, pg_dump before it exited).
#[cfg(unix)]
fn sync_folder(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|folder| folder.sync_all())
        .map_err(|source| StoreError::Io { path: dir.to_owned(), source })
}

/// Windows cannot open a folder as a file; NTFS journals the rename.
#[cfg(not(unix))]
fn sync_folder(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Copies the whole main database of `from` into `to` with the online backup
/// API, in steps. A write to `from` by another connection restarts the copy,
/// so a finished copy is always one consistent state; if writes keep
/// restarting it, the rest is copied in one step under one read transaction,
/// which in WAL mode does not hold writers up.
fn copy(from: &Connection, to: &mut Connection) -> Result<()> {
    copy_in_steps(from, to, PAGES_PER_STEP).map(|_restarts| ())
}

/// [`copy`] with `pages_per_step`; returns how often the copy started over.
fn copy_in_steps(from: &Connection, to: &mut Connection, pages_per_step: i32) -> Result<u32> {
    let backup = Backup::new(from, to)?;
    let started = Instant::now();
    let mut restarts = 0;
    let mut last_remaining = i32::MAX;
    loop {
        let pages = if restarts >= RESTARTS_BEFORE_ONE_STEP { -1 } else { pages_per_step };
        match backup.step(pages)? {
            StepResult::Done => return Ok(restarts),
            StepResult::More => {
                // A step that made no headway means the copy started over.
                let remaining = backup.progress().remaining;
                if remaining >= last_remaining {
                    restarts += 1;
                }
                last_remaining = remaining;
            }
            // Another connection holds a lock; wait for it, but not forever.
            _ => {
                if started.elapsed() > LOCK_WAIT {
                    return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the database stayed locked during the backup copy".into()),
                    )));
                }
                std::thread::sleep(LOCK_RETRY);
            }
        }
    }
}

/// What a backup file holds, once it has been checked.
pub(crate) struct Contents {
    pub(crate) bytes: u64,
    pub(crate) schema_version: i64,
    pub(crate) customers: u32,
    pub(crate) modified: Option<SystemTime>,
}

/// Checks that `path` is a CareDesk backup this version can restore and says
/// what it holds: a desk's file, or (with the PostgreSQL client tools) a server
/// backup. Reading it leaves the file, and its folder, exactly as they were:
/// backups live on USB sticks and network shares.
pub fn inspect(path: &Path) -> Result<BackupInfo> {
    match format_of(path)? {
        Some(BackupFormat::ServerDump) => crate::postgres::dump::inspect(path),
        // SQLite says why anything else is not a backup.
        Some(BackupFormat::File) | None => Ok(describe(path, BackupFormat::File, examine(path)?)),
    }
}

/// What `path` is a backup of, by how the file starts (SQLite's header, or
/// pg_dump's custom format); `None` for a file that is neither.
pub fn format_of(path: &Path) -> Result<Option<BackupFormat>> {
    use std::io::Read as _;
    file_metadata(path)?;
    let mut start = Vec::with_capacity(SQLITE_MAGIC.len());
    std::fs::File::open(path)
        .and_then(|file| file.take(SQLITE_MAGIC.len() as u64).read_to_end(&mut start))
        .map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    Ok(if start.starts_with(PG_DUMP_MAGIC) {
        Some(BackupFormat::ServerDump)
    } else if start == SQLITE_MAGIC {
        Some(BackupFormat::File)
    } else {
        None
    })
}

/// The metadata of a file offered as a backup, or why it is not one.
pub(crate) fn file_metadata(path: &Path) -> Result<std::fs::Metadata> {
    let shown = path.display();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(invalid_backup(format!("{shown} does not exist")));
        }
        Err(source) => return Err(StoreError::Io { path: path.to_owned(), source }),
    };
    if !metadata.is_file() {
        return Err(invalid_backup(format!("{shown} is not a file")));
    }
    if metadata.len() == 0 {
        return Err(invalid_backup(format!("{shown} is empty, not a CareDesk backup")));
    }
    Ok(metadata)
}

fn examine(path: &Path) -> Result<Contents> {
    let shown = path.display();
    let metadata = file_metadata(path)?;
    // Read as immutable, a file would be read without its `-wal`: refuse rather
    // than restore it without the changes that are only there.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|wal| wal.len() > 0) {
        return Err(invalid_backup(format!(
            "{shown} was copied while CareDesk was using it: some of its changes are only in {}",
            Path::new(&wal).display()
        )));
    }
    let conn = open_read_only(path)?;
    // A file SQLite cannot read at all is not ours; one it reads but finds
    // broken (e.g. cut short by a full USB stick) is damaged.
    let not_ours = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => invalid_backup(format!("{shown} is damaged ({e})")),
        _ => invalid_backup(format!("{shown} is not a CareDesk backup ({e})")),
    };
    let application_id: i64 =
        conn.pragma_query_value(None, "application_id", |r| r.get("application_id")).map_err(not_ours)?;
    if application_id != migrations::APPLICATION_ID {
        return Err(invalid_backup(format!("{shown} is not a CareDesk backup")));
    }
    let schema_version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get("user_version")).map_err(not_ours)?;
    if schema_version > migrations::latest() {
        return Err(invalid_backup(format!(
            "{shown} comes from a newer CareDesk (schema version {schema_version}, this one knows up to {}); \
             update CareDesk to restore it",
            migrations::latest()
        )));
    }
    let damaged = |e: rusqlite::Error| invalid_backup(format!("{shown} is damaged ({e})"));
    let problems = integrity_problems(&conn).map_err(damaged)?;
    if !problems.is_empty() {
        return Err(invalid_backup(format!("{shown} is damaged: {}", problems.join("; "))));
    }
    let customers: i64 = conn
        .query_row("SELECT count(*) AS customers FROM customers", [], |r| r.get("customers"))
        .map_err(damaged)?;
    Ok(Contents {
        bytes: metadata.len(),
        schema_version,
        customers: u32::try_from(customers).unwrap_or(u32::MAX),
        modified: metadata.modified().ok(),
    })
}

/// The file's facts plus what its name says; a file named otherwise (picked
/// by hand for a restore) counts as a manual backup from when it was modified.
pub(crate) fn describe(path: &Path, format: BackupFormat, contents: Contents) -> BackupInfo {
    let (taken_at, kind) = path.file_name().and_then(|n| n.to_str()).and_then(parse_name).map_or_else(
        || (contents.modified.map_or(DateTime::UNIX_EPOCH, DateTime::<Utc>::from), BackupKind::Manual),
        |named| (named.taken_at, named.kind),
    );
    BackupInfo {
        path: path.display().to_string(),
        kind,
        format,
        taken_at,
        bytes: contents.bytes,
        schema_version: contents.schema_version,
        customers: contents.customers,
    }
}

/// Opens `path` read-only as an immutable file: no locks, and no `-wal`/`-shm`
/// created beside it even if it was copied from a live WAL database.
fn open_read_only(path: &Path) -> Result<Connection> {
    let uri = immutable_uri(path)?;
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| invalid_backup(format!("{} cannot be opened ({e})", path.display())))
}

/// `file:` URI for `path` with `immutable=1`; every byte outside the URI's
/// unreserved set is percent-encoded, so `?`, `#` and `%` in folder names
/// (and Chinese ones) are taken literally.
fn immutable_uri(path: &Path) -> Result<String> {
    let absolute =
        std::path::absolute(path).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        absolute.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = {
        let text = absolute
            .to_str()
            .ok_or_else(|| invalid_backup(format!("{} is not a path SQLite can open", path.display())))?;
        let text = text.replace('\\', "/");
        if text.starts_with('/') { text.into_bytes() } else { format!("/{text}").into_bytes() }
    };
    let mut uri = String::from("file:");
    for byte in bytes {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    Ok(uri)
}

/// The problems `PRAGMA integrity_check` finds (at most ten); empty when "ok".
fn integrity_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(10)")?;
    let rows: Vec<String> =
        stmt.query_map([], |r| r.get("integrity_check"))?.collect::<rusqlite::Result<_>>()?;
    Ok(if rows == ["ok"] { Vec::new() } else { rows })
}

/// A file whose name is a backup's.
#[derive(Debug)]
struct Named {
    path: PathBuf,
    taken_at: DateTime<Utc>,
    kind: BackupKind,
    format: BackupFormat,
    /// 1, or the `-N` of a second backup in the same second.
    sequence: u32,
}

/// Reads `caredesk-YYYYMMDD-HHMMSS-<kind>[-N].sqlite` (or `.dump`).
fn parse_name(name: &str) -> Option<Named> {
    let (format, rest) = FORMATS
        .into_iter()
        .find_map(|format| Some((format, name.strip_prefix(PREFIX)?.strip_suffix(extension(format))?)))?;
    let stamp = rest.get(..STAMP_LEN)?;
    let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let tail = rest.get(STAMP_LEN..)?.strip_prefix('-')?;
    KINDS.into_iter().find_map(|kind| {
        let after = tail.strip_prefix(kind_name(kind))?;
        let sequence = match after.strip_prefix('-') {
            None if after.is_empty() => 1,
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok()?,
            _ => return None,
        };
        Some(Named { path: PathBuf::from(name), taken_at, kind, format, sequence })
    })
}

/// The files in `dir` named as backups, oldest first. A missing folder has none.
fn named_backups(dir: &Path) -> Result<Vec<Named>> {
    let io = |source| StoreError::Io { path: dir.to_owned(), source };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io)?;
        let is_file = entry.file_type().map_err(io)?.is_file();
        let named = entry.file_name().to_str().and_then(parse_name);
        if let (true, Some(named)) = (is_file, named) {
            found.push(Named { path: entry.path(), ..named });
        }
    }
    found.sort_by_key(|b| (b.taken_at, b.sequence));
    Ok(found)
}

/// The backups in `dir`, newest first. Files that are not backups, and backups
/// that fail inspection, are left out rather than failing the whole list: the
/// screen should still offer the good ones.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut named = named_backups(dir)?;
    named.reverse();
    Ok(named.iter().filter_map(|b| inspect(&b.path).ok()).collect())
}

/// Rotation: deletes the backups in `dir` that [`prunable`] selects and
/// returns their paths. Works from the names alone, so it is cheap to run
/// after every automatic backup. Each format is rotated on its own: a desk's
/// file backups from before it moved to the server are not deleted to make
/// room for the server's, nor the other way round.
pub fn prune(dir: &Path, keep_daily: u32, keep_weekly: u32, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let all = named_backups(dir)?;
    let mut deleted = Vec::new();
    for format in FORMATS {
        let named: Vec<&Named> = all.iter().filter(|b| b.format == format).collect();
        deleted.extend(prune_named(&named, keep_daily, keep_weekly, now)?);
    }
    Ok(deleted)
}

fn prune_named(
    named: &[&Named],
    keep_daily: u32,
    keep_weekly: u32,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>> {
    let stamps: Vec<(DateTime<Utc>, BackupKind)> = named.iter().map(|b| (b.taken_at, b.kind)).collect();
    let mut deleted = Vec::new();
    for index in prunable(&stamps, keep_daily, keep_weekly, now) {
        let path = &named[index].path;
        match std::fs::remove_file(path) {
            Ok(()) => deleted.push(path.clone()),
            // Someone else removed it meanwhile: the outcome we wanted.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::Io { path: path.clone(), source }),
        }
    }
    Ok(deleted)
}

/// Which backups rotation deletes, as indices into `backups` (oldest first in
/// the input order for equal instants), in ascending order.
///
/// Kept: the newest backup of each of the last `keep_daily` calendar days (UTC)
/// that have backups, and the newest of each of the last `keep_weekly` ISO
/// weeks that have backups — days or weeks without a backup (the shop was
/// closed) do not use up the allowance. Rotation governs the automatic backups
/// only: `Manual` ones (someone asked for that copy) and `BeforeRestore` ones
/// (the way back from a restore) are deleted only by hand and not counted.
/// Also never deleted: backups dated after `now` (the clock was moved back;
/// they cannot be placed, and letting them fill the slots would delete every
/// new backup), and the newest automatic backup, whatever the settings.
fn prunable(
    backups: &[(DateTime<Utc>, BackupKind)],
    keep_daily: u32,
    keep_weekly: u32,
    now: DateTime<Utc>,
) -> Vec<usize> {
    let mut rotated: Vec<usize> = (0..backups.len())
        .filter(|&i| backups[i].1 == BackupKind::Automatic && backups[i].0 <= now)
        .collect();
    // Newest first; of equal instants, the later one in the input.
    rotated.sort_by(|&a, &b| backups[b].0.cmp(&backups[a].0).then(b.cmp(&a)));
    let mut keep: HashSet<usize> = rotated.first().copied().into_iter().collect();
    let (mut days, mut weeks) = (0_u32, 0_u32);
    let (mut last_day, mut last_week) = (None, None);
    for &i in &rotated {
        let taken = backups[i].0;
        // Newest first, so the first backup of a day or week is its newest.
        let day = taken.date_naive();
        if last_day != Some(day) {
            last_day = Some(day);
            days += 1;
            if days <= keep_daily {
                keep.insert(i);
            }
        }
        let week = chrono::Datelike::iso_week(&day);
        if last_week != Some(week) {
            last_week = Some(week);
            weeks += 1;
            if weeks <= keep_weekly {
                keep.insert(i);
            }
        }
    }
    let mut gone: Vec<usize> = rotated.into_iter().filter(|i| !keep.contains(i)).collect();
    gone.sort_unstable();
    gone
}

/// Replaces the open database's contents with the backup at `from` and
/// returns the safety backup of what it replaced.
///
/// The backup is checked before anything changes; then the current database is
/// saved as a `BeforeRestore` backup in `dir`; then the backup is copied into
/// the open connection (so every holder of the `Db` keeps a valid handle),
/// upgraded to this version's schema and checked. If any of that fails, the
/// safety backup is copied back and the error names it: it is the way back.
pub fn restore(db: &mut Db, from: &Path, dir: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    if format_of(from)? == Some(BackupFormat::ServerDump) {
        return Err(other_format(from, BackupFormat::ServerDump));
    }
    inspect(from)?;
    if same_file(from, db.path()) {
        return Err(invalid_backup(format!("{} is the open database itself, not a backup", from.display())));
    }
    let source = open_read_only(from)?;
    let page_size =
        |conn: &Connection| conn.pragma_query_value(None, "page_size", |r| r.get::<_, i64>("page_size"));
    let (theirs, ours) = (page_size(&source)?, page_size(db.conn())?);
    if theirs != ours {
        // A WAL database cannot take pages of another size.
        return Err(invalid_backup(format!(
            "{} uses {theirs}-byte pages, the database {ours}-byte pages; it cannot be restored into it",
            from.display()
        )));
    }
    let safety = take(db.conn(), dir, BackupKind::BeforeRestore, now)?;
    match copy(&source, db.conn_mut()).and_then(|()| settle(db.conn_mut())) {
        Ok(()) => Ok(safety),
        Err(cause) => Err(put_back(db, from, &safety, cause)),
    }
}

/// Brings a just-restored database up to this version's schema and checks it
/// end to end: the backup may come from an older CareDesk.
fn settle(conn: &mut Connection) -> Result<()> {
    conn.flush_prepared_statement_cache();
    migrations::migrate(conn)?;
    let orphans: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| r.get("table"))?
        .collect::<rusqlite::Result<_>>()?;
    if !orphans.is_empty() {
        let mut tables = orphans;
        tables.dedup();
        return Err(invalid_backup(format!(
            "the backup has records that point at missing ones (in {})",
            tables.join(", ")
        )));
    }
    let problems = integrity_problems(conn)?;
    if !problems.is_empty() {
        return Err(invalid_backup(format!("the restored database is damaged: {}", problems.join("; "))));
    }
    Ok(())
}

/// After a failed restore, copies the safety backup back in and says what
/// happened, naming the safety backup either way.
fn put_back(db: &mut Db, from: &Path, safety: &BackupInfo, cause: StoreError) -> StoreError {
    let again = open_read_only(Path::new(&safety.path))
        .and_then(|source| copy(&source, db.conn_mut()))
        .and_then(|()| settle(db.conn_mut()));
    let message = match again {
        Ok(()) => format!(
            "restoring {} failed ({cause}); the database was put back as it was (also saved in {})",
            from.display(),
            safety.path
        ),
        Err(second) => format!(
            "restoring {} failed ({cause}), and putting the database back failed too ({second}); \
             the database as it was before is saved in {}",
            from.display(),
            safety.path
        ),
    };
    // The backup's content is at fault, or the disk or a lock is.
    let kind = match cause {
        StoreError::Invalid(_)
        | StoreError::NewerSchema { .. }
        | StoreError::Corrupt(_)
        | StoreError::ForeignDatabase { .. }
        | StoreError::UnsuitableDatabase { .. }
        | StoreError::CharacterType { .. }
        | StoreError::NotEmpty { .. } => ErrorKind::InvalidBackup,
        StoreError::Sqlite(_)
        | StoreError::Postgres(_)
        | StoreError::Io { .. }
        | StoreError::NotFound { .. } => ErrorKind::Storage,
        StoreError::Unavailable { .. }
        | StoreError::Unreachable { .. }
        | StoreError::LoginRefused { .. }
        | StoreError::NoSuchDatabase { .. }
        | StoreError::ServerTooOld { .. }
        | StoreError::Tls { .. } => ErrorKind::Unavailable,
        StoreError::Stale { .. } => ErrorKind::Stale,
    };
    StoreError::Invalid(Invalid(vec![Issue::new(kind, "path", message)]))
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// A backup of the other kind of database than the one it is offered to.
pub(crate) fn other_format(path: &Path, format: BackupFormat) -> StoreError {
    let message = match format {
        BackupFormat::ServerDump => format!(
            "{} is a backup of the dealership's server (pg_dump); it can be restored only onto the server",
            path.display()
        ),
        BackupFormat::File => format!(
            "{} is a backup of a desk's database file; onto the server only a server backup (.dump) can be \
             restored (a desk's file is moved up to an empty server database instead)",
            path.display()
        ),
    };
    StoreError::Invalid(Invalid(vec![Issue::new(ErrorKind::OtherBackupFormat, "path", message)]))
}

pub(crate) fn invalid_backup(message: String) -> StoreError {
    StoreError::Invalid(Invalid(vec![Issue::new(ErrorKind::InvalidBackup, "path", message)]))
}

pub(crate) fn unusable_folder(dir: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Invalid(Invalid(vec![Issue::new(
        ErrorKind::InvalidPath,
        "backupDir",
        format!("backups cannot be written to {} ({e})", dir.display()),
    )]))
}

#[cfg(test)]
mod tests {
    use chrono::{Duration as Span, NaiveDate, TimeZone};

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    /// The instants of the backups rotation keeps.
    fn kept(
        backups: &[(DateTime<Utc>, BackupKind)],
        daily: u32,
        weekly: u32,
        now: DateTime<Utc>,
    ) -> Vec<DateTime<Utc>> {
        let gone = prunable(backups, daily, weekly, now);
        (0..backups.len()).filter(|i| !gone.contains(i)).map(|i| backups[i].0).collect()
    }

    #[test]
    fn settling_names_the_tables_with_orphans() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute_batch(
            "CREATE TABLE t_parent (id INTEGER PRIMARY KEY);
             CREATE TABLE t_child (parent_id INTEGER REFERENCES t_parent (id));
             INSERT INTO t_child VALUES (1);",
        )
        .unwrap();
        let error = settle(&mut conn).unwrap_err().to_string();
        assert!(error.contains("(in t_child)"), "{error}");
    }

    #[test]
    fn forty_days_of_hourly_backups_keep_seven_days_and_four_weeks() {
        // 2026-10-17 00:00 to 2026-11-25 23:00 (a Wednesday), every hour.
        let first = at(2026, 10, 17, 0);
        let mut backups: Vec<_> =
            (0..40 * 24).map(|h| (first + Span::hours(h), BackupKind::Automatic)).collect();
        let safety = Utc.with_ymd_and_hms(2026, 10, 20, 5, 30, 0).unwrap();
        backups.push((safety, BackupKind::BeforeRestore));
        backups.sort_by_key(|b| b.0);
        let now = at(2026, 11, 26, 0);
        let expected = [
            safety,
            at(2026, 11, 8, 23),  // Sunday of ISO week 45
            at(2026, 11, 15, 23), // Sunday of ISO week 46
            at(2026, 11, 19, 23), // the last seven days; the 22nd also ends week 47
            at(2026, 11, 20, 23),
            at(2026, 11, 21, 23),
            at(2026, 11, 22, 23),
            at(2026, 11, 23, 23),
            at(2026, 11, 24, 23),
            at(2026, 11, 25, 23), // also the newest of week 48
        ];
        assert_eq!(kept(&backups, 7, 4, now), expected);
        assert_eq!(prunable(&backups, 7, 4, now).len(), 40 * 24 + 1 - expected.len());
    }

    #[test]
    fn days_and_weeks_without_backups_do_not_use_up_the_allowance() {
        // One backup every fourth day: the last three *backup days* span nine days.
        let backups: Vec<_> =
            (0..10).map(|i| (at(2026, 3, 1, 9) + Span::days(4 * i), BackupKind::Automatic)).collect();
        let now = at(2026, 5, 1, 0);
        assert_eq!(kept(&backups, 3, 0, now), [backups[7].0, backups[8].0, backups[9].0]);
        // Two automatic backups a day: only the later one of each kept day stays;
        // a manual backup is not rotated and takes no slot.
        let backups = [
            (at(2026, 3, 1, 8), BackupKind::Automatic),
            (at(2026, 3, 1, 17), BackupKind::Manual),
            (at(2026, 3, 2, 8), BackupKind::Automatic),
            (at(2026, 3, 2, 17), BackupKind::Automatic),
        ];
        assert_eq!(kept(&backups, 2, 0, now), [at(2026, 3, 1, 8), at(2026, 3, 1, 17), at(2026, 3, 2, 17)]);
    }

    #[test]
    fn iso_weeks_span_the_new_year() {
        // 2026-12-28 (Mon) and 2027-01-03 (Sun) are both in 2026-W53; 2027-01-04 starts 2027-W01.
        let backups = [
            (at(2026, 12, 21, 9), BackupKind::Automatic),
            (at(2026, 12, 28, 9), BackupKind::Automatic),
            (at(2027, 1, 3, 9), BackupKind::Automatic),
            (at(2027, 1, 4, 9), BackupKind::Automatic),
        ];
        let now = at(2027, 1, 5, 0);
        assert_eq!(kept(&backups, 0, 2, now), [at(2027, 1, 3, 9), at(2027, 1, 4, 9)]);
        assert_eq!(kept(&backups, 0, 3, now), [at(2026, 12, 21, 9), at(2027, 1, 3, 9), at(2027, 1, 4, 9)]);
    }

    #[test]
    fn safety_backups_future_backups_and_the_newest_are_never_pruned() {
        let now = at(2026, 6, 10, 12);
        let backups = [
            (at(2026, 1, 1, 9), BackupKind::BeforeRestore),
            (at(2026, 6, 1, 9), BackupKind::Automatic),
            (at(2026, 6, 9, 9), BackupKind::Automatic),
            (at(2026, 6, 10, 9), BackupKind::BeforeRestore),
            // Taken while the clock was a year ahead.
            (at(2027, 6, 1, 9), BackupKind::Automatic),
        ];
        assert_eq!(
            kept(&backups, 1, 0, now),
            [at(2026, 1, 1, 9), at(2026, 6, 9, 9), at(2026, 6, 10, 9), at(2027, 6, 1, 9)],
            "the safety backup of the 10th does not take the 9th's daily slot"
        );
        assert_eq!(
            kept(&backups, 0, 0, now),
            kept(&backups, 1, 0, now),
            "the newest stays whatever the settings"
        );
        assert!(prunable(&[], 7, 4, now).is_empty());
    }

    #[test]
    fn backup_names_round_trip() {
        let named = parse_name("caredesk-20261122-020304-before-restore.sqlite").unwrap();
        assert_eq!(named.taken_at, Utc.with_ymd_and_hms(2026, 11, 22, 2, 3, 4).unwrap());
        assert_eq!((named.kind, named.sequence), (BackupKind::BeforeRestore, 1));
        let named = parse_name("caredesk-20261122-020304-manual-12.sqlite").unwrap();
        assert_eq!((named.kind, named.sequence), (BackupKind::Manual, 12));
        for kind in KINDS {
            let name = format!("caredesk-20260101-000000-{}.sqlite", kind_name(kind));
            assert_eq!(parse_name(&name).unwrap().kind, kind);
        }
        let named = parse_name("caredesk-20261122-020304-automatic-2.dump").unwrap();
        assert_eq!(
            (named.kind, named.format, named.sequence),
            (BackupKind::Automatic, BackupFormat::ServerDump, 2)
        );
        assert_eq!(parse_name("caredesk-20261122-020304-manual.sqlite").unwrap().format, BackupFormat::File);
        for other in [
            "caredesk.sqlite",
            "caredesk-20261122-020304-weekly.sqlite",
            "caredesk-20261122-020304-manual-.sqlite",
            "caredesk-20261122-020304-manualx.sqlite",
            "caredesk-20261322-020304-manual.sqlite",
            "caredesk-20261122-020304-manual.sqlite-wal",
            ".caredesk-20261122-020304-manual.sqlite.partial",
            ".caredesk-20261122-020304-manual.dump.partial",
            "caredesk-20261122-020304-manual.sql",
            "caredesk-2026年1122-020304-manual.sqlite",
        ] {
            assert!(parse_name(other).is_none(), "{other}");
        }
    }

    #[test]
    fn uris_encode_what_sqlite_would_read_as_syntax() {
        let uri = immutable_uri(Path::new("/tmp/备份 #1?/a%b.sqlite")).unwrap();
        assert_eq!(uri, "file:/tmp/%E5%A4%87%E4%BB%BD%20%231%3F/a%25b.sqlite?mode=ro&immutable=1");
    }

    #[test]
    fn a_copy_that_writes_keep_restarting_still_finishes_consistent() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::{Arc, mpsc};

        use caredesk_domain::Actor;

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("caredesk.sqlite");
        let mut db = Db::open(&path).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let now = crate::Now::at(at(2026, 11, 22, 2), 8);
        let mut records = caredesk_demo::synthetic(3, 1_000_000, today);
        db.write(|tx| {
            records
                .by_ref()
                .take(300)
                .try_for_each(|r| crate::customers::create(tx, &Actor::system(), &r, now).map(drop))
        })
        .unwrap();

        let stop = Arc::new(AtomicBool::new(false));
        let (first_commit, committed) = mpsc::channel();
        let writer = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut db = Db::open(&path).unwrap();
                for record in records {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    db.write(|tx| crate::customers::create(tx, &Actor::system(), &record, now)).unwrap();
                    let _ = first_commit.send(());
                }
            })
        };
        committed.recv().unwrap();
        // One page per step: every commit of the writer restarts the copy, until
        // the rest is copied in one step.
        // Copies are taken until one is restarted by the writer, however busy the
        // machine is (the writer commits less often when the tests share the cores).
        let mut restarted = false;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            let mut copy = Connection::open_in_memory().unwrap();
            let restarts = copy_in_steps(db.conn(), &mut copy, 1).unwrap();
            assert!(restarts <= RESTARTS_BEFORE_ONE_STEP);
            assert!(integrity_problems(&copy).unwrap().is_empty());
            let counts: (i64, i64, i64) = copy
                .query_row(
                    "SELECT (SELECT count(*) FROM customers) AS customers, (SELECT max(id) FROM customers) AS max_id,
                            (SELECT count(*) FROM customer_search) AS indexed",
                    [],
                    |r| Ok((r.get("customers")?, r.get("max_id")?, r.get("indexed")?)),
                )
                .unwrap();
            assert_eq!(counts, (counts.0, counts.0, counts.0), "whole customers only");
            if restarts == RESTARTS_BEFORE_ONE_STEP {
                restarted = true;
                break;
            }
        }
        stop.store(true, Ordering::SeqCst);
        writer.join().unwrap();
        assert!(restarted, "the writer's commits restarted the copy");
    }

    #[test]
    fn a_backup_is_one_file_with_a_rollback_journal() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("caredesk.sqlite")).unwrap();
        let backups = dir.path().join("backups");
        let info = take(db.conn(), &backups, BackupKind::Manual, at(2026, 5, 1, 8)).unwrap();
        let bytes = std::fs::read(&info.path).unwrap();
        assert_eq!((bytes[18], bytes[19]), (1, 1), "file format 1 = rollback journal, not WAL");
        inspect(Path::new(&info.path)).unwrap();
        let names: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["caredesk-20260501-080000-manual.sqlite"]);
    }
}
