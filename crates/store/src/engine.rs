//! One store, two engines: what the store's functions are written against, so
//! that the same function — the same rule and, nearly always, the same SQL —
//! runs on the embedded SQLite file (one desk) and on PostgreSQL (team mode).
//!
//! - `Read` runs a query and hands back its rows; `Write` also changes data,
//!   and only a transaction is one (`Db::write` on SQLite, `Server::write` on
//!   PostgreSQL), so a write can never happen outside one.
//! - The SQL is written once, in the part of SQL both engines speak (SQLite
//!   3.39+ has `RETURNING`, `ON CONFLICT`, `IS DISTINCT FROM` and `FILTER`), with
//!   `?N` parameters; on PostgreSQL they become `$N`. Where the engines really
//!   differ (the search index, `group_concat`), the function asks `dialect()`.
//! - Values are SQLite's, on both engines: integers, reals, text and NULL;
//!   dates and times as the same ISO text, flags as 0/1 (the PostgreSQL schema
//!   mirrors this, see `migrations/postgres/`). Parameters are anything rusqlite
//!   binds (`params![…]`), and a row's columns are read by name into anything
//!   rusqlite reads — so both engines store and read exactly the same values.

use std::cell::RefCell;
use std::sync::Arc;

use rusqlite::types::{FromSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, ToSql, Transaction};

use crate::error::{Result, StoreError};

/// Which engine a function runs on, for the few places where the SQL differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The rows' values of `expr` joined by `separator` (`group_concat` / `string_agg`).
    pub fn group_concat(self, expr: &str, separator: &str) -> String {
        match self {
            Dialect::Sqlite => format!("group_concat({expr}, {separator})"),
            Dialect::Postgres => format!("string_agg({expr}, {separator})"),
        }
    }

    /// A newline, as an SQL expression.
    pub fn newline(self) -> &'static str {
        match self {
            Dialect::Sqlite => "char(10)",
            Dialect::Postgres => "chr(10)",
        }
    }

    /// `INDEXED BY index` after a table name on SQLite, whose planner needs the
    /// hint for a few queries; nothing on PostgreSQL, which plans from statistics.
    pub fn indexed_by(self, index: &str) -> String {
        match self {
            Dialect::Sqlite => format!("INDEXED BY {index}"),
            Dialect::Postgres => String::new(),
        }
    }

    /// ` FOR UPDATE` after a `SELECT` on PostgreSQL, so that the rows read stay
    /// locked until the transaction ends (a check-then-write that two desks could
    /// race); nothing on SQLite, whose single writer already serialises them.
    pub fn for_update(self) -> &'static str {
        match self {
            Dialect::Sqlite => "",
            Dialect::Postgres => " FOR UPDATE",
        }
    }

    /// `LIKE` that ignores the case of ASCII letters, as SQLite's `LIKE` does.
    pub fn like(self) -> &'static str {
        match self {
            Dialect::Sqlite => "LIKE",
            Dialect::Postgres => "ILIKE",
        }
    }
}

/// Parameters, as `rusqlite::params![…]` makes them.
pub type Params<'p> = &'p [&'p dyn ToSql];

/// One row of a result, its columns read by name.
#[derive(Debug, Clone)]
pub struct Row {
    names: Arc<[String]>,
    values: Vec<Value>,
}

impl Row {
    /// The column `name`, as `T`; a missing column or a value of the wrong kind is an error naming it.
    pub fn get<T: FromSql>(&self, name: &str) -> Result<T> {
        let index = self
            .names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| StoreError::Corrupt(format!("the query has no column {name:?}")))?;
        T::column_result(ValueRef::from(&self.values[index]))
            .map_err(|e| StoreError::Corrupt(format!("column {name:?}: {e}")))
    }
}

/// Reads.
pub trait Read {
    fn dialect(&self) -> Dialect;

    /// Every row of `sql`.
    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>>;

    /// Calls `f` with each row of `sql` in turn, without holding them all (large tables).
    fn each(&self, sql: &str, params: Params<'_>, f: &mut dyn FnMut(&Row) -> Result<()>) -> Result<()>;

    /// The first row of `sql`, if there is one.
    fn optional(&self, sql: &str, params: Params<'_>) -> Result<Option<Row>> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }

    /// The first row of `sql`; none is an error (`QueryReturnedNoRows`, as rusqlite's `query_row`).
    fn one(&self, sql: &str, params: Params<'_>) -> Result<Row> {
        self.optional(sql, params)?.ok_or(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }
}

/// Reads and writes: only a transaction is one.
pub trait Write: Read {
    /// Runs `sql`; the number of rows it changed.
    fn run(&self, sql: &str, params: Params<'_>) -> Result<u64>;
}

fn owned(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

fn value(param: &dyn ToSql) -> Result<Value> {
    Ok(match param.to_sql()? {
        ToSqlOutput::Borrowed(v) => owned(v),
        ToSqlOutput::Owned(v) => v,
        other => return Err(StoreError::Corrupt(format!("a parameter of an unsupported kind: {other:?}"))),
    })
}

// ---------- SQLite ----------

fn sqlite_each(
    conn: &Connection,
    sql: &str,
    params: Params<'_>,
    f: &mut dyn FnMut(&Row) -> Result<()>,
) -> Result<()> {
    let mut statement = conn.prepare_cached(sql)?;
    let names: Arc<[String]> = statement.column_names().into_iter().map(String::from).collect();
    let width = names.len();
    let mut rows = statement.query(params)?;
    while let Some(row) = rows.next()? {
        let values = (0..width).map(|i| row.get_ref(i).map(owned)).collect::<rusqlite::Result<_>>()?;
        f(&Row { names: Arc::clone(&names), values })?;
    }
    Ok(())
}

fn sqlite_rows(conn: &Connection, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    sqlite_each(conn, sql, params, &mut |row| {
        out.push(row.clone());
        Ok(())
    })?;
    Ok(out)
}

impl Read for Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        sqlite_rows(self, sql, params)
    }

    fn each(&self, sql: &str, params: Params<'_>, f: &mut dyn FnMut(&Row) -> Result<()>) -> Result<()> {
        sqlite_each(self, sql, params, f)
    }
}

impl Read for Transaction<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        sqlite_rows(self, sql, params)
    }

    fn each(&self, sql: &str, params: Params<'_>, f: &mut dyn FnMut(&Row) -> Result<()>) -> Result<()> {
        sqlite_each(self, sql, params, f)
    }
}

impl Write for Transaction<'_> {
    fn run(&self, sql: &str, params: Params<'_>) -> Result<u64> {
        Ok(self.prepare_cached(sql)?.execute(params)? as u64)
    }
}

// ---------- PostgreSQL ----------

/// A value bound to a PostgreSQL parameter of whatever type the server inferred.
#[derive(Debug)]
struct Bound(Value);

impl postgres::types::ToSql for Bound {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, ToSql as PgToSql, Type};
        let text = [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME, Type::UNKNOWN].contains(ty);
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) if *ty == Type::INT8 => PgToSql::to_sql(&i, ty, out),
            Value::Integer(i) if *ty == Type::INT4 => PgToSql::to_sql(&i32::try_from(*i)?, ty, out),
            Value::Integer(i) if *ty == Type::INT2 => PgToSql::to_sql(&i16::try_from(*i)?, ty, out),
            Value::Integer(i) if *ty == Type::BOOL => PgToSql::to_sql(&(*i != 0), ty, out),
            Value::Integer(i) if *ty == Type::FLOAT8 => PgToSql::to_sql(&(*i as f64), ty, out),
            Value::Integer(i) if text => PgToSql::to_sql(&i.to_string(), ty, out),
            Value::Real(r) if *ty == Type::FLOAT8 => PgToSql::to_sql(&r, ty, out),
            Value::Real(r) if *ty == Type::FLOAT4 => PgToSql::to_sql(&(*r as f32), ty, out),
            Value::Text(s) if text => PgToSql::to_sql(&s.as_str(), ty, out),
            Value::Blob(b) if *ty == Type::BYTEA => PgToSql::to_sql(&b.as_slice(), ty, out),
            value => Err(format!("a {value:?} cannot be bound to a parameter of type {ty}").into()),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// `?N` and `?` parameters as PostgreSQL's `$N`, outside quoted text.
pub fn postgres_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 1;
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), _) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '?') => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                if digits.is_empty() {
                    digits = next.to_string();
                    next += 1;
                }
                out.push('$');
                out.push_str(&digits);
            }
            (None, _) => out.push(c),
        }
    }
    out
}

fn pg_value(row: &postgres::Row, index: usize) -> Result<Value> {
    use postgres::types::Type;
    let column = &row.columns()[index];
    let ty = column.type_();
    let value = if *ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(index)?.map(Value::Integer)
    } else if *ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(index)?.map(|i| Value::Integer(i.into()))
    } else if *ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(index)?.map(|i| Value::Integer(i.into()))
    } else if *ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(index)?.map(|b| Value::Integer(b.into()))
    } else if *ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(index)?.map(Value::Real)
    } else if *ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(index)?.map(|r| Value::Real(r.into()))
    } else if *ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(index)?.map(Value::Blob)
    } else if [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME].contains(ty) {
        row.try_get::<_, Option<String>>(index)?.map(Value::Text)
    } else {
        return Err(StoreError::Corrupt(format!(
            "column {:?} is a PostgreSQL {ty}: cast it to one of SQLite's kinds (bigint, double precision, text)",
            column.name()
        )));
    };
    Ok(value.unwrap_or(Value::Null))
}

/// The parameters as values bound to whatever type the server infers.
fn bind(params: Params<'_>) -> Result<Vec<Bound>> {
    params.iter().map(|p| value(*p).map(Bound)).collect()
}

fn as_params(bound: &[Bound]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    bound.iter().map(|b| b as &(dyn postgres::types::ToSql + Sync)).collect()
}

fn pg_rows<C: postgres::GenericClient>(client: &mut C, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    pg_each(client, sql, params, &mut |row| {
        out.push(row.clone());
        Ok(())
    })?;
    Ok(out)
}

fn pg_each<C: postgres::GenericClient>(
    client: &mut C,
    sql: &str,
    params: Params<'_>,
    f: &mut dyn FnMut(&Row) -> Result<()>,
) -> Result<()> {
    use postgres::fallible_iterator::FallibleIterator;
    let bound = bind(params)?;
    let statement = client.prepare(&postgres_sql(sql))?;
    let names: Arc<[String]> = statement.columns().iter().map(|c| c.name().to_owned()).collect();
    let mut rows = client.query_raw(&statement, as_params(&bound))?;
    while let Some(row) = rows.next()? {
        let values = (0..names.len()).map(|i| pg_value(&row, i)).collect::<Result<_>>()?;
        f(&Row { names: Arc::clone(&names), values })?;
    }
    Ok(())
}

fn pg_run<C: postgres::GenericClient>(client: &mut C, sql: &str, params: Params<'_>) -> Result<u64> {
    let bound = bind(params)?;
    Ok(client.execute(postgres_sql(sql).as_str(), &as_params(&bound))?)
}

/// Reads on a PostgreSQL connection, outside a transaction.
pub struct PgRead<'c> {
    client: RefCell<&'c mut postgres::Client>,
}

impl<'c> PgRead<'c> {
    pub fn new(client: &'c mut postgres::Client) -> PgRead<'c> {
        PgRead { client: RefCell::new(client) }
    }
}

impl Read for PgRead<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        pg_rows(&mut **self.client.borrow_mut(), sql, params)
    }

    fn each(&self, sql: &str, params: Params<'_>, f: &mut dyn FnMut(&Row) -> Result<()>) -> Result<()> {
        pg_each(&mut **self.client.borrow_mut(), sql, params, f)
    }
}

/// A PostgreSQL transaction: reads and writes.
pub struct PgWrite<'c> {
    tx: RefCell<postgres::Transaction<'c>>,
}

impl<'c> PgWrite<'c> {
    pub fn new(tx: postgres::Transaction<'c>) -> PgWrite<'c> {
        PgWrite { tx: RefCell::new(tx) }
    }

    pub fn commit(self) -> Result<()> {
        Ok(self.tx.into_inner().commit()?)
    }

    /// `COPY … FROM STDIN`: `fill` writes the data in COPY's format; the rows copied.
    pub fn copy_in(
        &self,
        sql: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
    ) -> Result<u64> {
        let mut tx = self.tx.borrow_mut();
        let mut writer = tx.copy_in(sql)?;
        fill(&mut writer)?;
        Ok(writer.finish()?)
    }
}

impl Read for PgWrite<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        pg_rows(&mut *self.tx.borrow_mut(), sql, params)
    }

    fn each(&self, sql: &str, params: Params<'_>, f: &mut dyn FnMut(&Row) -> Result<()>) -> Result<()> {
        pg_each(&mut *self.tx.borrow_mut(), sql, params, f)
    }
}

impl Write for PgWrite<'_> {
    fn run(&self, sql: &str, params: Params<'_>) -> Result<u64> {
        pg_run(&mut *self.tx.borrow_mut(), sql, params)
    }
}

#[cfg(test)]
mod tests {
    use super::postgres_sql;

    #[test]
    fn parameters_become_numbered_outside_quotes() {
        assert_eq!(postgres_sql("SELECT ?1, ?2, ?1"), "SELECT $1, $2, $1");
        assert_eq!(postgres_sql("a = ? AND b = ?"), "a = $1 AND b = $2");
        assert_eq!(
            postgres_sql("x = '?1' AND y = ?1 AND \"q?\" = ?2"),
            "x = '?1' AND y = $1 AND \"q?\" = $2"
        );
        assert_eq!(postgres_sql("name = 'it''s ?' OR n = ?3"), "name = 'it''s ?' OR n = $3");
    }
}
