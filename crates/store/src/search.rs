//! Search-as-you-type over the archive: fragments of a name, a phone, a plate
//! or a VIN, all of which must match; a customer whose name is exactly what was
//! typed first, then newest customers first. Full-width letters and digits are
//! read as ASCII ones (`京Ａ１２３４５` is 京A12345).
//!
//! - three or more characters: the FTS5 trigram index over name, phones,
//!   plates and VINs;
//! - one or two characters with a Chinese (non-ASCII) character: the index of
//!   name pieces (`customer_name_grams`), since two-character names like 张伟
//!   are what people type;
//! - one or two ASCII characters: LIKE over the trigram table's text, which
//!   scans, newest first, until the limit is reached;
//! - two or more letters may also be pinyin: the beginning of a key of
//!   `customer_pinyin` (`zhangwei`, or the initials `zw`, of every reading of
//!   the name). The most selective such fragment is searched twice — first as
//!   pinyin, through that index, then as text, as above, only among customers
//!   newer than the last of a full list of pinyin matches — and the two lists
//!   are merged; any other fragment of letters matches either way. One letter
//!   is text only.
//!
//! On PostgreSQL the trigram table is an ordinary table, its text also kept
//! lower-cased with a `pg_trgm` GIN index on it, and fragments are `LIKE`
//! patterns: the newest rows are read in order first, then the index (see
//! `customers`).

use std::collections::HashMap;

use caredesk_domain::archive::{CustomerQuery, CustomerSummary, VehicleBrief};
use caredesk_domain::validate::fold_width;
use caredesk_domain::{CustomerId, VehicleId};
use pinyin::ToPinyinMulti;
use rusqlite::{ToSql, params};

use crate::engine::{Dialect, Read, Row, Write};
use crate::error::Result;
use crate::sql::{parse_enum, parse_opt_enum};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

/// The one- and two-character pieces of a name, lower-cased, without repeats.
pub fn name_grams(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    let mut grams: Vec<String> = chars
        .iter()
        .map(|c| c.to_string())
        .chain(chars.windows(2).map(|pair| pair.iter().collect()))
        .collect();
    grams.sort();
    grams.dedup();
    grams
}

/// How many readings of a name are indexed at most, the usual ones first: each
/// gives two keys, so a name has at most 16 (a name of many heteronyms would
/// otherwise have hundreds).
pub const MAX_READINGS: usize = 8;

/// The pinyin keys of a name, without repeats: for each of its readings (曾 is
/// zeng or ceng), the syllables joined without tones (`zhangwei`) and their
/// initials (`zw`), lower-case, ü as `v` (as pinyin keyboards type it). Runs of
/// ASCII letters and digits are syllables of their own (`Li Na` gives `lina`
/// and `ln`); other characters are left out. The readings kept are those with
/// the fewest unusual choices, a character's usual reading counting 0, its next
/// 1, and so on.
pub fn pinyin_keys(name: &str) -> Vec<String> {
    let mut syllables: Vec<Vec<String>> = Vec::new();
    let mut word = String::new();
    for c in fold_width(name).chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            syllables.push(vec![std::mem::take(&mut word)]);
        }
        if let Some(readings) = c.to_pinyin_multi() {
            let readings: Vec<String> = readings
                .into_iter()
                .map(|p| p.plain().chars().map(|c| if c == 'ü' { 'v' } else { c }).collect::<String>())
                .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
                .collect();
            if !readings.is_empty() {
                syllables.push(readings);
            }
        }
    }
    if !word.is_empty() {
        syllables.push(vec![word]);
    }
    if syllables.is_empty() {
        return Vec::new();
    }
    // (unusualness, full, initials), the least unusual kept at each step: a
    // reading among the first MAX_READINGS of the whole name begins with one
    // among the first MAX_READINGS of its beginning.
    let mut readings = vec![(0, String::new(), String::new())];
    for choices in &syllables {
        let mut longer = Vec::with_capacity(readings.len() * choices.len());
        for (unusual, full, initials) in &readings {
            for (rank, choice) in choices.iter().enumerate() {
                let initial = &choice[..1];
                longer.push((unusual + rank, format!("{full}{choice}"), format!("{initials}{initial}")));
            }
        }
        longer.sort_by_key(|(unusual, _, _)| *unusual);
        longer.truncate(MAX_READINGS);
        readings = longer;
    }
    let mut keys: Vec<String> =
        readings.into_iter().flat_map(|(_, full, initials)| [full, initials]).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Rewrites a customer's line in the index: name, phones, and the plates and
/// VINs of the vehicles they own now. Called by every write that changes them.
pub fn reindex(tx: &(impl Write + ?Sized), id: CustomerId) -> Result<()> {
    reindex_text(tx, id)?;
    let name: Option<String> = tx
        .optional("SELECT name FROM customers WHERE id = ?1", params![id.0])?
        .map(|r| r.get("name"))
        .transpose()?;
    tx.run("DELETE FROM customer_name_grams WHERE customer_id = ?1", params![id.0])?;
    tx.run("DELETE FROM customer_pinyin WHERE customer_id = ?1", params![id.0])?;
    if let Some(name) = name {
        for gram in name_grams(&name) {
            tx.run(
                "INSERT INTO customer_name_grams (gram, customer_id) VALUES (?1, ?2)",
                params![gram, id.0],
            )?;
        }
        insert_pinyin(tx, &[(id.0, name)])?;
    }
    Ok(())
}

/// How many keys one statement inserts (two parameters each; well under both
/// engines' limits on parameters).
const KEYS_PER_INSERT: usize = 500;

/// Inserts the pinyin keys of these customers' names, `KEYS_PER_INSERT` a
/// statement (one statement a key would take minutes on a server for a large
/// archive), the rest one by one — so there are two statements to prepare, not
/// one per count of keys. A key already there is left alone, so two desks
/// filling at once do no harm.
fn insert_pinyin(tx: &(impl Write + ?Sized), names: &[(i64, String)]) -> Result<()> {
    let keys: Vec<(String, i64)> =
        names.iter().flat_map(|(id, name)| pinyin_keys(name).into_iter().map(|key| (key, *id))).collect();
    let insert = |values: &str, chunk: &[(String, i64)]| -> Result<u64> {
        let params: Vec<&dyn ToSql> =
            chunk.iter().flat_map(|(key, id)| [key as &dyn ToSql, id as &dyn ToSql]).collect();
        tx.run(
            &format!("INSERT INTO customer_pinyin (key, customer_id) VALUES {values} ON CONFLICT DO NOTHING"),
            &params,
        )
    };
    let many = vec!["(?, ?)"; KEYS_PER_INSERT].join(", ");
    let mut chunks = keys.chunks_exact(KEYS_PER_INSERT);
    for chunk in chunks.by_ref() {
        insert(&many, chunk)?;
    }
    for key in chunks.remainder().chunks(1) {
        insert("(?, ?)", key)?;
    }
    Ok(())
}

/// How many customers' names `fill_pinyin` reads at a time.
const NAMES_PER_READ: i64 = 10_000;

/// Writes the pinyin keys of every customer (`rebuild`, and a database from
/// before the keys: see `fill_pinyin_if_missing`).
pub fn fill_pinyin(tx: &(impl Write + ?Sized)) -> Result<()> {
    let mut after = 0_i64;
    loop {
        let names: Vec<(i64, String)> = tx
            .rows(
                "SELECT id, name FROM customers WHERE id > ?1 ORDER BY id LIMIT ?2",
                params![after, NAMES_PER_READ],
            )?
            .iter()
            .map(|r| Ok((r.get("id")?, r.get("name")?)))
            .collect::<Result<_>>()?;
        let Some((last, _)) = names.last() else { return Ok(()) };
        after = *last;
        insert_pinyin(tx, &names)?;
    }
}

/// Whether the customers have no pinyin keys: a database written before
/// migration 9 (SQL cannot spell pinyin, so the migration leaves the table
/// empty), or restored from a backup of one. Every name with a Chinese
/// character, a letter or a digit has keys, so once filled this is false for
/// good; asking costs two index lookups.
pub fn pinyin_missing(conn: &(impl Read + ?Sized)) -> Result<bool> {
    conn.one(
        "SELECT EXISTS (SELECT 1 FROM customers) AND NOT EXISTS (SELECT 1 FROM customer_pinyin) AS missing",
        params![],
    )?
    .get("missing")
}

/// Fills the pinyin keys when they are missing (see `pinyin_missing`), and
/// says whether it did. Run when a database is opened and migrated, on either
/// engine, and after a server restore.
pub fn fill_pinyin_if_missing(tx: &(impl Write + ?Sized)) -> Result<bool> {
    let missing = pinyin_missing(tx)?;
    if missing {
        fill_pinyin(tx)?;
    }
    Ok(missing)
}

/// A customer's line of the index: name, phones, and plates and VINs, one per line.
fn search_text(dialect: Dialect) -> String {
    let nl = dialect.newline();
    let phones = dialect.group_concat("phone", "' '");
    let vehicles = dialect.group_concat("coalesce(plate, '') || ' ' || vin", nl);
    format!(
        "c.name
             || {nl} || (SELECT {phones} FROM customer_phones WHERE customer_id = c.id)
             || {nl} || coalesce((SELECT {vehicles} FROM vehicles WHERE customer_id = c.id), '')"
    )
}

fn reindex_text(tx: &(impl Write + ?Sized), id: CustomerId) -> Result<()> {
    let text: Option<String> = tx
        .optional(
            &format!("SELECT {} AS text FROM customers c WHERE c.id = ?1", search_text(tx.dialect())),
            params![id.0],
        )?
        .map(|r| r.get("text"))
        .transpose()?
        .flatten();
    tx.run("DELETE FROM customer_search WHERE rowid = ?1", params![id.0])?;
    if let Some(text) = text {
        tx.run("INSERT INTO customer_search (rowid, text) VALUES (?1, ?2)", params![id.0, text])?;
    }
    Ok(())
}

/// Builds the whole index again (after a bulk import).
pub fn rebuild(tx: &(impl Write + ?Sized)) -> Result<()> {
    tx.run("DELETE FROM customer_pinyin", params![])?;
    fill_pinyin(tx)?;
    tx.run("DELETE FROM customer_name_grams", params![])?;
    for row in tx.rows("SELECT id, name FROM customers", params![])? {
        let (id, name): (i64, String) = (row.get("id")?, row.get("name")?);
        for gram in name_grams(&name) {
            tx.run("INSERT INTO customer_name_grams (gram, customer_id) VALUES (?1, ?2)", params![gram, id])?;
        }
    }
    tx.run("DELETE FROM customer_search", params![])?;
    tx.run(
        &format!(
            "INSERT INTO customer_search (rowid, text) SELECT c.id, {} FROM customers c",
            search_text(tx.dialect())
        ),
        params![],
    )?;
    Ok(())
}

/// An FTS5 string literal: the fragment in double quotes, inner quotes doubled,
/// so nothing the user types is read as query syntax.
fn fts_phrase(fragment: &str) -> String {
    format!("\"{}\"", fragment.replace('"', "\"\""))
}

/// A LIKE pattern that matches the fragment anywhere, `%` and `_` taken literally.
fn like_pattern(fragment: &str) -> String {
    let mut pattern = String::with_capacity(fragment.len() + 2);
    pattern.push('%');
    for c in fragment.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A customer of the results as read, before the grades are parsed.
struct SummaryRow {
    id: i64,
    name: String,
    mobile: String,
    grade: String,
    lead_grade: Option<String>,
    archived: bool,
}

impl SummaryRow {
    fn from_row(r: &Row) -> Result<SummaryRow> {
        Ok(SummaryRow {
            id: r.get("id")?,
            name: r.get("name")?,
            mobile: r.get("mobile")?,
            grade: r.get("grade")?,
            lead_grade: r.get("lead_grade")?,
            archived: r.get("archived")?,
        })
    }
}

/// How many of the newest index rows a PostgreSQL search reads in order before
/// it turns to the trigram index, per customer asked for.
const NEWEST_WINDOW_PER_RESULT: i64 = 400;

/// A condition that the index text (`{text}`, see `TEXT`) contains `pattern`
/// (a lower-cased LIKE pattern). PostgreSQL keeps the text lower-cased in
/// `text_lower`, so its `LIKE` need not fold the case of every row as `ILIKE`
/// would; SQLite's `LIKE` ignores ASCII case by itself.
fn contains(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "s.text LIKE ? ESCAPE '\\'",
        Dialect::Postgres => "{text} LIKE ? ESCAPE '\\'",
    }
}

/// The index text on PostgreSQL, as the trigram index serves it.
const TEXT: &str = "s.text_lower";
/// The same text, as only a read of the rows in order can test it: the newest
/// rows are read from the covering index, never through the trigram index.
const TEXT_IN_ORDER: &str = "(s.text_lower || '')";

/// Whether a fragment may be pinyin as well as text: two or more letters. One
/// letter is the first key typed, and begins the keys of a fifth of an archive
/// (every 张, 赵, 周 and 郑): its text matches come back at once, and reading
/// those keys would cost more than the list is worth.
fn spelled(fragment: &str) -> bool {
    fragment.len() >= 2 && fragment.bytes().all(|b| b.is_ascii_lowercase())
}

/// The keys that begin with `prefix` (ASCII letters), as a range of the index:
/// from `prefix` up to `prefix{` (`{` follows `z`; keys hold letters and digits).
fn key_range(prefix: &str) -> [String; 2] {
    [prefix.to_owned(), format!("{prefix}{{")]
}

/// What one fragment of the query asks of a customer.
enum Condition {
    /// Their text (name, phones, plates, VINs) contains it.
    Text(String),
    /// Their name has this one- or two-character piece (a Chinese fragment).
    NamePiece(String),
    /// A pinyin key of their name begins with it.
    Pinyin(String),
    /// Either of those two.
    PinyinOrText(String),
}

/// The customers matching the query: one whose name is exactly the query's
/// text first, then newest first.
pub fn customers(conn: &(impl Read + ?Sized), query: &CustomerQuery) -> Result<Vec<CustomerSummary>> {
    let limit = i64::from(query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT));
    let rows = matching_rows(conn, query, limit)?;
    summaries(conn, rows)
}

/// Every customer matching the query, in the list's order, however many: the
/// customer list's export (the screen shows the first `MAX_LIMIT` at most).
pub fn all_customers(conn: &(impl Read + ?Sized), query: &CustomerQuery) -> Result<Vec<CustomerSummary>> {
    let total: i64 = conn.one("SELECT count(*) AS total FROM customers", params![])?.get("total")?;
    let rows = matching_rows(conn, query, total.max(1))?;
    summaries(conn, rows)
}

/// The newest `limit` customers matching the query, one named exactly as asked first.
fn matching_rows(conn: &(impl Read + ?Sized), query: &CustomerQuery, limit: i64) -> Result<Vec<SummaryRow>> {
    let text = fold_width(&query.text);
    let fragments: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    // Of the fragments that may be pinyin, the longest (the most selective) is
    // searched once as text and once as pinyin; the others match either way.
    let split =
        fragments.iter().enumerate().filter(|(_, f)| spelled(f)).max_by_key(|(_, f)| f.len()).map(|(i, _)| i);
    let conditions = |as_pinyin: bool| -> Vec<Condition> {
        fragments
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let f = f.clone();
                if Some(i) == split {
                    if as_pinyin { Condition::Pinyin(f) } else { Condition::Text(f) }
                } else if spelled(&f) {
                    Condition::PinyinOrText(f)
                } else if f.chars().count() >= 3 || f.is_ascii() {
                    Condition::Text(f)
                } else {
                    Condition::NamePiece(f)
                }
            })
            .collect()
    };
    let mut rows = match split {
        None => matching(conn, query, conditions(false), limit, None)?,
        Some(_) => {
            let mut rows = matching(conn, query, conditions(true), limit, None)?;
            // Of the text's matches, only those newer than the last of a full
            // list of pinyin matches can still make the list: a rare fragment of
            // two letters (`zw` in a plate) need not be looked for all the way
            // back. The newest `limit` of both lists are the newest of the union.
            let newer_than = if rows.len() as i64 == limit { rows.last().map(|r| r.id) } else { None };
            rows.extend(matching(conn, query, conditions(false), limit, newer_than)?);
            rows.sort_by_key(|r| std::cmp::Reverse(r.id));
            rows.dedup_by_key(|r| r.id);
            rows.truncate(limit as usize);
            rows
        }
    };
    let name = text.trim();
    if !name.is_empty() {
        let exact = exact_name(conn, query, name, limit)?;
        if !exact.is_empty() {
            rows.retain(|r| !exact.iter().any(|e| e.id == r.id));
            rows.splice(0..0, exact);
            rows.truncate(limit as usize);
        }
    }
    Ok(rows)
}

/// The lines of the list, each with its customer's vehicles (read a thousand customers at a time).
fn summaries(conn: &(impl Read + ?Sized), rows: Vec<SummaryRow>) -> Result<Vec<CustomerSummary>> {
    let mut vehicles = HashMap::new();
    for chunk in rows.chunks(1000) {
        vehicles.extend(vehicles_of(conn, chunk.iter().map(|r| r.id))?);
    }
    rows.into_iter()
        .map(|SummaryRow { id, name, mobile, grade, lead_grade, archived }| {
            Ok(CustomerSummary {
                id: CustomerId(id),
                name,
                mobile,
                grade: parse_enum(&grade)?,
                lead_grade: parse_opt_enum(lead_grade)?,
                archived,
                vehicles: vehicles.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

const SUMMARY_COLUMNS: &str =
    "c.id, c.name, c.mobile, c.grade, c.lead_grade, c.archived_at IS NOT NULL AS archived";

/// The filters every list of results has: archived customers only when asked
/// for, leads only when asked for.
fn query_filters(query: &CustomerQuery) -> Vec<String> {
    let mut filters = Vec::new();
    if !query.include_archived {
        filters.push("c.archived_at IS NULL".to_owned());
    }
    if query.leads_only {
        filters.push("c.lead_grade IS NOT NULL".to_owned());
    }
    filters
}

/// The customers named exactly `name`, newest first (the name's index).
fn exact_name(
    conn: &(impl Read + ?Sized),
    query: &CustomerQuery,
    name: &str,
    limit: i64,
) -> Result<Vec<SummaryRow>> {
    let mut filters = vec!["c.name = ?".to_owned()];
    filters.extend(query_filters(query));
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM customers c WHERE {} ORDER BY c.id DESC LIMIT {limit}",
        filters.join(" AND ")
    );
    conn.rows(&sql, params![name])?.iter().map(SummaryRow::from_row).collect()
}

/// The newest `limit` customers meeting every condition, newer than the
/// customer `newer_than` if given.
fn matching(
    conn: &(impl Read + ?Sized),
    query: &CustomerQuery,
    conditions: Vec<Condition>,
    limit: i64,
    newer_than: Option<i64>,
) -> Result<Vec<SummaryRow>> {
    let dialect = conn.dialect();
    let mut filters = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let mut long = Vec::new();
    let mut name_pieces = Vec::new();
    let mut short_ascii = Vec::new();
    let mut pinyin = Vec::new();
    let mut either = Vec::new();
    for condition in conditions {
        match condition {
            Condition::Text(f) if f.chars().count() >= 3 => long.push(f),
            Condition::Text(f) => short_ascii.push(like_pattern(&f)),
            Condition::NamePiece(f) => name_pieces.push(f),
            Condition::Pinyin(f) => pinyin.push(f),
            Condition::PinyinOrText(f) => either.push(f),
        }
    }
    // The most selective index drives the query; the others filter its rows.
    let in_pinyin = "c.id IN (SELECT customer_id FROM customer_pinyin WHERE key >= ? AND key < ?)";
    let (from, order) = if !long.is_empty() {
        match dialect {
            Dialect::Sqlite => {
                filters.push("s.customer_search MATCH ?".to_owned());
                args.push(long.iter().map(|f| fts_phrase(f)).collect::<Vec<_>>().join(" AND "));
            }
            Dialect::Postgres => {
                for fragment in &long {
                    filters.push(contains(dialect).to_owned());
                    args.push(like_pattern(fragment));
                }
            }
        }
        ("customer_search s JOIN customers c ON c.id = s.rowid", "s.rowid")
    } else if !pinyin.is_empty() {
        ("customers c", "c.id")
    } else if let Some(first) = name_pieces.first() {
        filters.push("g.gram = ?".to_owned());
        args.push(first.clone());
        ("customer_name_grams g JOIN customers c ON c.id = g.customer_id", "g.customer_id")
    } else if !short_ascii.is_empty() {
        ("customer_search s JOIN customers c ON c.id = s.rowid", "s.rowid")
    } else {
        ("customers c", "c.id")
    };
    for prefix in pinyin {
        filters.push(in_pinyin.to_owned());
        args.extend(key_range(&prefix));
    }
    let skip = usize::from(from.starts_with("customer_name_grams"));
    for piece in name_pieces.into_iter().skip(skip) {
        filters.push("c.id IN (SELECT customer_id FROM customer_name_grams WHERE gram = ?)".to_owned());
        args.push(piece);
    }
    let on_search_table = from.starts_with("customer_search");
    let text_contains = || -> String {
        if on_search_table {
            contains(dialect).to_owned()
        } else {
            let text = match dialect {
                Dialect::Sqlite => "t.text",
                Dialect::Postgres => "t.text_lower",
            };
            format!(
                "EXISTS (SELECT 1 FROM customer_search t WHERE t.rowid = c.id AND {text} LIKE ? ESCAPE '\\')"
            )
        }
    };
    for pattern in short_ascii {
        filters.push(text_contains());
        args.push(pattern);
    }
    for fragment in either {
        filters.push(format!(
            "(EXISTS (SELECT 1 FROM customer_pinyin p WHERE p.customer_id = c.id AND p.key >= ? AND p.key < ?) OR {})",
            text_contains()
        ));
        args.extend(key_range(&fragment));
        args.push(like_pattern(&fragment));
    }
    filters.extend(query_filters(query));
    if let Some(id) = newer_than {
        // On the driving table's id, so that its scan stops there.
        filters.push(format!("{order} > {id}"));
    }
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a as &dyn ToSql).collect();
    let select = |extra: Option<String>, text: &str, order: &str, limit: i64| -> Result<Vec<SummaryRow>> {
        let all: Vec<&str> = filters.iter().map(String::as_str).chain(extra.as_deref()).collect();
        let filter = if all.is_empty() { String::new() } else { format!("WHERE {}", all.join(" AND ")) };
        let sql =
            format!("SELECT {SUMMARY_COLUMNS} FROM {from} {filter} ORDER BY {order} DESC LIMIT {limit}")
                .replace("{text}", text);
        conn.rows(&sql, &params)?.iter().map(SummaryRow::from_row).collect()
    };
    if dialect == Dialect::Postgres && on_search_table {
        // The trigram index finds a rare fragment at once, but a common one (three
        // digits, a phone's last four) matches thousands of rows it would all read
        // and sort. So: the newest rows first, in order from the covering index,
        // stopping at the limit — which a common fragment reaches there (the text
        // as `TEXT_IN_ORDER`, which the trigram index cannot serve, so the planner
        // never reads all of a common fragment's matches instead); then, if the
        // limit is not reached, the older rows through the trigram index, which now
        // has few to read (`+ 0` keeps the planner off the in-order scan).
        let top: Option<i64> =
            conn.one("SELECT max(rowid) AS top FROM customer_search", params![])?.get("top")?;
        let edge = top.unwrap_or(0) - NEWEST_WINDOW_PER_RESULT * limit;
        let mut rows = select(Some(format!("s.rowid > {edge}")), TEXT_IN_ORDER, "s.rowid", limit)?;
        let left = limit - rows.len() as i64;
        if left > 0 {
            // One- and two-letter fragments have no trigrams: those are read in order too.
            let (text, older) =
                if long.is_empty() { (TEXT_IN_ORDER, "s.rowid") } else { (TEXT, "s.rowid + 0") };
            rows.extend(select(Some(format!("s.rowid + 0 <= {edge}")), text, older, left)?);
        }
        Ok(rows)
    } else {
        select(None, TEXT, order, limit)
    }
}

/// The vehicles of the listed customers, in one query.
fn vehicles_of(
    conn: &(impl Read + ?Sized),
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, Vec<VehicleBrief>>> {
    let ids: Vec<i64> = ids.collect();
    let mut by_customer: HashMap<i64, Vec<VehicleBrief>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_customer);
    }
    let placeholders = vec!["?"; ids.len()].join(",");
    let params: Vec<&dyn ToSql> = ids.iter().map(|id| id as &dyn ToSql).collect();
    let rows = conn.rows(
        &format!(
            "SELECT customer_id, id, plate, vin, brand, model FROM vehicles
             WHERE customer_id IN ({placeholders}) ORDER BY id DESC"
        ),
        &params,
    )?;
    for r in rows {
        let vehicle = VehicleBrief {
            id: VehicleId(r.get("id")?),
            plate: r.get("plate")?,
            vin: r.get("vin")?,
            brand: r.get("brand")?,
            model: r.get("model")?,
        };
        by_customer.entry(r.get::<i64>("customer_id")?).or_default().push(vehicle);
    }
    Ok(by_customer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_their_one_and_two_character_pieces() {
        assert_eq!(name_grams("王秀英"), ["王", "王秀", "秀", "秀英", "英"]);
        assert_eq!(name_grams("Li  Na"), ["a", "i", "in", "l", "li", "n", "na"]);
    }

    #[test]
    fn names_give_the_pinyin_and_initials_of_each_reading() {
        assert_eq!(pinyin_keys("张伟"), ["zhangwei", "zw"]);
        assert_eq!(pinyin_keys("张 伟"), ["zhangwei", "zw"], "spaces are left out");
        let ouyang = pinyin_keys("欧阳娜娜");
        for key in ["ouyangnana", "oynn", "ouyangnuonuo", "ouyangnanuo"] {
            assert!(ouyang.contains(&key.to_owned()), "{key} in {ouyang:?}");
        }
        let zeng = pinyin_keys("曾小明");
        for key in ["zengxiaoming", "cengxiaoming", "zxm", "cxm"] {
            assert!(zeng.contains(&key.to_owned()), "{key} in {zeng:?}");
        }
        let shan = pinyin_keys("单田芳");
        for key in ["shantianfang", "dantianfang", "stf", "dtf"] {
            assert!(shan.contains(&key.to_owned()), "{key} in {shan:?}");
        }
        assert_eq!(pinyin_keys("吕布"), ["lb", "lvbu"], "ü as v");
        assert_eq!(pinyin_keys("Li Na"), ["lina", "ln"]);
        assert_eq!(pinyin_keys("Ｔｏｍ李"), ["tl", "tomli"], "full-width letters as ASCII");
        assert_eq!(pinyin_keys("·"), Vec::<String>::new());
    }

    #[test]
    fn a_name_of_many_heteronyms_keeps_its_usual_readings() {
        // 朴 has five readings, 单 and 覃 three, 曾 and 翟 two: 180 readings in all.
        let keys = pinyin_keys("朴单覃曾翟");
        assert!(keys.len() <= 2 * MAX_READINGS, "{keys:?}");
        assert!(keys.contains(&"pudantancengdi".to_owned()), "the usual reading of each: {keys:?}");
        assert!(keys.contains(&"pdtcd".to_owned()), "{keys:?}");
    }

    #[test]
    fn fragments_of_two_or_more_letters_may_be_pinyin() {
        assert!(spelled("zw"));
        assert!(spelled("zhangwei"));
        assert!(!spelled("z"), "one letter is text only");
        assert!(!spelled("lfv2a"));
        assert!(!spelled("张伟"));
        assert_eq!(key_range("zw"), ["zw", "zw{"]);
    }

    #[test]
    fn user_text_is_never_query_syntax() {
        assert_eq!(fts_phrase("京A1\"23 OR x"), "\"京A1\"\"23 OR x\"");
        assert_eq!(like_pattern("5%_\\"), "%5\\%\\_\\\\%");
    }
}
