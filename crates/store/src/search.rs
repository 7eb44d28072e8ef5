//! Search-as-you-type over the archive: fragments of a name, a phone, a plate
//! or a VIN, all of which must match; newest customers first.
//!
//! - three or more characters: the FTS5 trigram index over name, phones,
//!   plates and VINs;
//! - one or two characters with a Chinese (non-ASCII) character: the index of
//!   name pieces (`customer_name_grams`), since two-character names like 张伟
//!   are what people type;
//! - one or two ASCII characters: LIKE over the trigram table's text, which
//!   scans, newest first, until the limit is reached.
//!
//! On PostgreSQL the trigram table is an ordinary table, its text also kept
//! lower-cased with a `pg_trgm` GIN index on it, and fragments are `LIKE`
//! patterns: the newest rows are read in order first, then the index (see
//! `customers`).

use std::collections::HashMap;

use caredesk_domain::archive::{CustomerQuery, CustomerSummary, VehicleBrief};
use caredesk_domain::{CustomerId, VehicleId};
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

/// Rewrites a customer's line in the index: name, phones, and the plates and
/// VINs of the vehicles they own now. Called by every write that changes them.
pub fn reindex(tx: &(impl Write + ?Sized), id: CustomerId) -> Result<()> {
    reindex_text(tx, id)?;
    let name: Option<String> = tx
        .optional("SELECT name FROM customers WHERE id = ?1", params![id.0])?
        .map(|r| r.get("name"))
        .transpose()?;
    tx.run("DELETE FROM customer_name_grams WHERE customer_id = ?1", params![id.0])?;
    if let Some(name) = name {
        for gram in name_grams(&name) {
            tx.run(
                "INSERT INTO customer_name_grams (gram, customer_id) VALUES (?1, ?2)",
                params![gram, id.0],
            )?;
        }
    }
    Ok(())
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

/// The customers matching the query, newest first.
pub fn customers(conn: &(impl Read + ?Sized), query: &CustomerQuery) -> Result<Vec<CustomerSummary>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let dialect = conn.dialect();
    let mut filters = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let fragments: Vec<String> = query.text.split_whitespace().map(str::to_lowercase).collect();
    let mut long = Vec::new();
    let mut name_pieces = Vec::new();
    let mut short_ascii = Vec::new();
    for fragment in &fragments {
        if fragment.chars().count() >= 3 {
            long.push(fragment.clone());
        } else if fragment.is_ascii() {
            short_ascii.push(like_pattern(fragment));
        } else {
            name_pieces.push(fragment.clone());
        }
    }
    // The most selective index drives the query; the others filter its rows.
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
    } else if let Some(first) = name_pieces.first() {
        filters.push("g.gram = ?".to_owned());
        args.push(first.clone());
        ("customer_name_grams g JOIN customers c ON c.id = g.customer_id", "g.customer_id")
    } else if !short_ascii.is_empty() {
        ("customer_search s JOIN customers c ON c.id = s.rowid", "s.rowid")
    } else {
        ("customers c", "c.id")
    };
    let skip = usize::from(long.is_empty() && !name_pieces.is_empty());
    for piece in name_pieces.into_iter().skip(skip) {
        filters.push("c.id IN (SELECT customer_id FROM customer_name_grams WHERE gram = ?)".to_owned());
        args.push(piece);
    }
    let on_search_table = from.starts_with("customer_search");
    for pattern in short_ascii {
        if on_search_table {
            filters.push(contains(dialect).to_owned());
        } else {
            filters
                .push(format!("c.id IN (SELECT s.rowid FROM customer_search s WHERE {})", contains(dialect)));
        }
        args.push(pattern);
    }
    if !query.include_archived {
        filters.push("c.archived_at IS NULL".to_owned());
    }
    if query.leads_only {
        filters.push("c.lead_grade IS NOT NULL".to_owned());
    }
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a as &dyn ToSql).collect();
    let select = |extra: Option<String>, text: &str, order: &str, limit: i64| -> Result<Vec<SummaryRow>> {
        let all: Vec<&str> = filters.iter().map(String::as_str).chain(extra.as_deref()).collect();
        let filter = if all.is_empty() { String::new() } else { format!("WHERE {}", all.join(" AND ")) };
        let sql = format!(
            "SELECT c.id, c.name, c.mobile, c.grade, c.lead_grade, c.archived_at IS NOT NULL AS archived
             FROM {from} {filter} ORDER BY {order} DESC LIMIT {limit}"
        )
        .replace("{text}", text);
        conn.rows(&sql, &params)?.iter().map(SummaryRow::from_row).collect()
    };
    let limit = i64::from(limit);
    let rows = if dialect == Dialect::Postgres && on_search_table {
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
        rows
    } else {
        select(None, TEXT, order, limit)?
    };
    let mut vehicles = vehicles_of(conn, rows.iter().map(|r| r.id))?;
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
    fn user_text_is_never_query_syntax() {
        assert_eq!(fts_phrase("京A1\"23 OR x"), "\"京A1\"\"23 OR x\"");
        assert_eq!(like_pattern("5%_\\"), "%5\\%\\_\\\\%");
    }
}
