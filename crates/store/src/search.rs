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

use std::collections::HashMap;

use caredesk_domain::archive::{CustomerQuery, CustomerSummary, VehicleBrief};
use caredesk_domain::{CustomerId, VehicleId};
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};

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
pub fn reindex(conn: &Connection, id: CustomerId) -> Result<()> {
    reindex_text(conn, id)?;
    let name: Option<String> =
        conn.query_row("SELECT name FROM customers WHERE id = ?1", [id.0], |r| r.get("name")).optional()?;
    conn.execute("DELETE FROM customer_name_grams WHERE customer_id = ?1", [id.0])?;
    if let Some(name) = name {
        let mut insert =
            conn.prepare_cached("INSERT INTO customer_name_grams (gram, customer_id) VALUES (?1, ?2)")?;
        for gram in name_grams(&name) {
            insert.execute(rusqlite::params![gram, id.0])?;
        }
    }
    Ok(())
}

fn reindex_text(conn: &Connection, id: CustomerId) -> Result<()> {
    let text: Option<String> = conn.query_row(
        "SELECT c.name
             || char(10) || (SELECT group_concat(phone, ' ') FROM customer_phones WHERE customer_id = c.id)
             || char(10) || coalesce((SELECT group_concat(coalesce(plate, '') || ' ' || vin, char(10))
                                      FROM vehicles WHERE customer_id = c.id), '') AS text
         FROM customers c WHERE c.id = ?1",
        [id.0],
        |r| r.get("text"),
    )?;
    conn.execute("DELETE FROM customer_search WHERE rowid = ?1", [id.0])?;
    if let Some(text) = text {
        conn.prepare_cached("INSERT INTO customer_search (rowid, text) VALUES (?1, ?2)")?
            .execute(rusqlite::params![id.0, text])?;
    }
    Ok(())
}

/// Builds the whole index again (after a bulk import).
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM customer_name_grams", [])?;
    let names: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM customers")?
        .query_map([], |r| Ok((r.get("id")?, r.get("name")?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = conn.prepare("INSERT INTO customer_name_grams (gram, customer_id) VALUES (?1, ?2)")?;
    for (id, name) in names {
        for gram in name_grams(&name) {
            insert.execute(rusqlite::params![gram, id])?;
        }
    }
    conn.execute("DELETE FROM customer_search", [])?;
    conn.execute(
        "INSERT INTO customer_search (rowid, text)
         SELECT c.id, c.name
             || char(10) || (SELECT group_concat(phone, ' ') FROM customer_phones WHERE customer_id = c.id)
             || char(10) || coalesce((SELECT group_concat(coalesce(plate, '') || ' ' || vin, char(10))
                                      FROM vehicles WHERE customer_id = c.id), '')
         FROM customers c",
        [],
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
    fn from_row(r: &Row<'_>) -> rusqlite::Result<SummaryRow> {
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

/// The customers matching the query, newest first.
pub fn customers(conn: &Connection, query: &CustomerQuery) -> Result<Vec<CustomerSummary>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let mut filters = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let fragments: Vec<String> = query.text.split_whitespace().map(str::to_lowercase).collect();
    let mut long = Vec::new();
    let mut name_pieces = Vec::new();
    let mut short_ascii = Vec::new();
    for fragment in &fragments {
        if fragment.chars().count() >= 3 {
            long.push(fts_phrase(fragment));
        } else if fragment.is_ascii() {
            short_ascii.push(like_pattern(fragment));
        } else {
            name_pieces.push(fragment.clone());
        }
    }
    // The most selective index drives the query; the others filter its rows.
    let (from, order) = if !long.is_empty() {
        filters.push("s.customer_search MATCH ?".to_owned());
        args.push(long.join(" AND "));
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
    for pattern in short_ascii {
        if from.starts_with("customer_search") {
            filters.push("s.text LIKE ? ESCAPE '\\'".to_owned());
        } else {
            filters
                .push("c.id IN (SELECT rowid FROM customer_search WHERE text LIKE ? ESCAPE '\\')".to_owned());
        }
        args.push(pattern);
    }
    if !query.include_archived {
        filters.push("c.archived_at IS NULL".to_owned());
    }
    if query.leads_only {
        filters.push("c.lead_grade IS NOT NULL".to_owned());
    }
    let filter = if filters.is_empty() { String::new() } else { format!("WHERE {}", filters.join(" AND ")) };
    let sql = format!(
        "SELECT c.id, c.name, c.mobile, c.grade, c.lead_grade, c.archived_at IS NOT NULL AS archived
         FROM {from} {filter} ORDER BY {order} DESC LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), SummaryRow::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
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
fn vehicles_of(conn: &Connection, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, Vec<VehicleBrief>>> {
    let ids: Vec<i64> = ids.collect();
    let mut by_customer: HashMap<i64, Vec<VehicleBrief>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_customer);
    }
    let placeholders = vec!["?"; ids.len()].join(",");
    let mut stmt = conn.prepare(&format!(
        "SELECT customer_id, id, plate, vin, brand, model FROM vehicles
         WHERE customer_id IN ({placeholders}) ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map(params_from_iter(ids.iter()), |r| {
        Ok((
            r.get::<_, i64>("customer_id")?,
            VehicleBrief {
                id: VehicleId(r.get("id")?),
                plate: r.get("plate")?,
                vin: r.get("vin")?,
                brand: r.get("brand")?,
                model: r.get("model")?,
            },
        ))
    })?;
    for row in rows {
        let (customer, vehicle) = row?;
        by_customer.entry(customer).or_default().push(vehicle);
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
