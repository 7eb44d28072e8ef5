//! Campaigns: the plan (`campaigns`, `campaign_prizes`, `campaign_budget`), the
//! segment over the archive (counted and listed here, in SQL, from the domain's
//! `SegmentBounds`), the invitation list with RSVP and check-in
//! (`campaign_invitations`), the lottery (`campaign_draws`) and the results.
//! The rules — status changes, check-in, the draw, the budget's arithmetic — are
//! the domain's; the random pick comes from the caller.
//!
//! Written against `crate::engine`, so it runs on SQLite and on PostgreSQL; the
//! writes that check a campaign and then write take its row first (`lock`), so
//! two desks at one event take turns there as they do on SQLite's single writer.

use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::campaign::{
    self, Activity, BudgetLineInput, Campaign, CampaignId, CampaignInput, CampaignStatus, CampaignSummary,
    Draw, InStock, Invitation, InvitationId, Prize, PrizeId, ResultFacts, Results, Rsvp, Segment,
    SegmentCount, SegmentMember, Turnout,
};
use caredesk_domain::{Action, Actor, CustomerId, ErrorKind, Fen, Issue, VehicleId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{ToSql, params};
use serde_json::json;

use crate::audit::{self, Change};
use crate::engine::{Dialect, Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum, parse_opt_enum};
use crate::{Now, customers, vehicles, versions};

// ---------------------------------------------------------------------------
// The segment

/// A segment as SQL: the conditions on the vehicle (alias `v`) and on the customer
/// (alias `c`), with their numbered parameters (each used where its text appears).
struct SegmentSql {
    vehicle: Vec<String>,
    customer: Vec<String>,
    values: Vec<Value>,
}

impl SegmentSql {
    fn new(segment: &Segment, today: NaiveDate) -> SegmentSql {
        let b = segment.bounds(today);
        let mut sql = SegmentSql {
            vehicle: vec!["v.archived_at IS NULL".to_owned()],
            customer: vec![],
            values: vec![],
        };
        let date = |d: NaiveDate| Value::Text(d.to_string());
        if !segment.models.is_empty() {
            let list: Vec<String> =
                segment.models.iter().map(|m| sql.param(Value::Text(m.clone()))).collect();
            sql.vehicle.push(format!("v.model IN ({})", list.join(", ")));
        }
        if let Some(y) = segment.model_year_from {
            let p = sql.param(Value::Integer(i64::from(y)));
            sql.vehicle.push(format!("v.model_year >= {p}"));
        }
        if let Some(y) = segment.model_year_to {
            let p = sql.param(Value::Integer(i64::from(y)));
            sql.vehicle.push(format!("v.model_year <= {p}"));
        }
        if let Some(d) = segment.purchased_from {
            let p = sql.param(date(d));
            sql.vehicle.push(format!("v.purchase_date >= {p}"));
        }
        if let Some(d) = segment.purchased_to {
            let p = sql.param(date(d));
            sql.vehicle.push(format!("v.purchase_date <= {p}"));
        }
        if let Some(d) = b.last_visit_before {
            let p = sql.param(date(d));
            sql.vehicle.push(format!("(v.last_visit_on IS NULL OR v.last_visit_on < {p})"));
        }
        if let Some(d) = b.service_due_by {
            let p = sql.param(date(d));
            sql.vehicle.push(format!("v.next_service_date <= {p}"));
        }
        for (column, by) in [
            ("v.warranty_end", b.warranty_by),
            ("v.insurance_expiry", b.insurance_by),
            ("v.annual_inspection_due", b.inspection_by),
        ] {
            if let Some(d) = by {
                let (from, to) = (sql.param(date(today)), sql.param(date(d)));
                sql.vehicle.push(format!("{column} >= {from} AND {column} <= {to}"));
            }
        }
        if segment.declined_work {
            sql.vehicle.push(
                "EXISTS (SELECT 1 FROM visits vi JOIN extra_work w ON w.visit_id = vi.id
                         WHERE vi.vehicle_id = v.id AND w.status = 'declined')"
                    .to_owned(),
            );
        }
        if let Some(m) = b.birthday_month {
            let p = sql.param(Value::Text(format!("{m:02}")));
            sql.customer.push(format!("substr(c.birthday, 6, 2) = {p}"));
        }
        if !segment.grades.is_empty() {
            let list: Vec<String> =
                segment.grades.iter().map(|g| sql.param(Value::Text(enum_text(g)))).collect();
            sql.customer.push(format!("c.grade IN ({})", list.join(", ")));
        }
        if !segment.lead_grades.is_empty() {
            let list: Vec<String> =
                segment.lead_grades.iter().map(|g| sql.param(Value::Text(enum_text(g)))).collect();
            sql.customer.push(format!("c.lead_grade IN ({})", list.join(", ")));
        }
        if !segment.on_vehicle() {
            // Without a filter on the vehicle, a customer needs none (leads have none).
            sql.vehicle.clear();
        }
        sql
    }

    fn param(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("?{}", self.values.len())
    }

    fn vehicles(&self) -> String {
        self.vehicle.join(" AND ")
    }

    /// The customers' WHERE: active, the customer conditions, and a matching vehicle.
    fn customers_where(&self, dialect: Dialect) -> String {
        let mut wheres = vec!["c.archived_at IS NULL".to_owned()];
        wheres.extend(self.customer.iter().cloned());
        if !self.vehicle.is_empty() {
            wheres.push(format!(
                "c.id IN (SELECT v.customer_id FROM vehicles v {} WHERE {})",
                dialect.indexed_by("vehicles_segment"),
                self.vehicles()
            ));
        }
        wheres.join(" AND ")
    }

    /// The parameters, in their numbers' order.
    fn params(&self) -> Vec<&dyn ToSql> {
        self.values.iter().map(|v| v as &dyn ToSql).collect()
    }
}

/// The live count: customers in the list, and those the filters match who gave no consent.
pub fn count(conn: &(impl Read + ?Sized), segment: &Segment, today: NaiveDate) -> Result<SegmentCount> {
    let segment = segment.validate()?;
    let sql = SegmentSql::new(&segment, today);
    let dialect = conn.dialect();
    let row = if sql.customer.is_empty() && !sql.vehicle.is_empty() {
        // Conditions on the vehicle only: each vehicle carries whether its owner is in
        // the archive and consents (migration 7), so the count is read from the
        // vehicles' index without looking up a customer. Both engines pick the index
        // (the model's, or the insurance date's) well on their own here.
        conn.one(
            &format!(
                "SELECT count(*) AS matching, CAST(coalesce(sum(m.consent), 0) AS BIGINT) AS consenting
                 FROM (SELECT max(v.owner_consent) AS consent
                       FROM vehicles v
                       WHERE v.owner_active = 1 AND {}
                       GROUP BY v.customer_id) m",
                sql.vehicles()
            ),
            &sql.params(),
        )?
    } else {
        conn.one(
            &format!(
                "SELECT count(*) AS matching, CAST(coalesce(sum(c.marketing_consent), 0) AS BIGINT) AS consenting
                 FROM customers c
                 WHERE {}",
                sql.customers_where(dialect)
            ),
            &sql.params(),
        )?
    };
    let (all, consent): (u32, u32) = (row.get("matching")?, row.get("consenting")?);
    Ok(SegmentCount { customers: consent, excluded_no_consent: all - consent })
}

fn member_from_row(r: &Row) -> Result<SegmentMember> {
    Ok(SegmentMember {
        customer_id: CustomerId(r.get("id")?),
        name: r.get("name")?,
        mobile: r.get("mobile")?,
        vehicle_id: r.get::<Option<i64>>("vehicle_id")?.map(VehicleId),
        plate: r.get("plate")?,
        vehicle_label: r.get("vehicle_label")?,
        grade: parse_enum(&r.get::<String>("grade")?)?,
        lead_grade: parse_opt_enum(r.get("lead_grade")?)?,
    })
}

/// The segment's customers with consent, by name; at most `limit`; each with the
/// first vehicle through which they match (or their first vehicle).
pub fn members(
    conn: &(impl Read + ?Sized),
    segment: &Segment,
    today: NaiveDate,
    limit: u32,
) -> Result<Vec<SegmentMember>> {
    let segment = segment.validate()?;
    let mut sql = SegmentSql::new(&segment, today);
    let limit = sql.param(Value::Integer(i64::from(limit)));
    let vehicle = if sql.vehicle.is_empty() {
        "SELECT min(x.id) FROM vehicles x WHERE x.customer_id = c.id AND x.archived_at IS NULL".to_owned()
    } else {
        format!("SELECT min(v.id) FROM vehicles v WHERE v.customer_id = c.id AND {}", sql.vehicles())
    };
    conn.rows(
        &format!(
            "SELECT c.id, c.name, c.mobile, c.grade, c.lead_grade, m.id AS vehicle_id, m.plate,
                    m.brand || ' ' || m.model AS vehicle_label
             FROM customers c LEFT JOIN vehicles m ON m.id = ({vehicle})
             WHERE {} AND c.marketing_consent = 1
             ORDER BY c.name, c.id LIMIT {limit}",
            sql.customers_where(conn.dialect())
        ),
        &sql.params(),
    )?
    .iter()
    .map(member_from_row)
    .collect()
}

// ---------------------------------------------------------------------------
// Reading

fn not_found(id: CampaignId) -> StoreError {
    StoreError::NotFound { what: "campaign", id: id.0 }
}

fn prize_from_row(r: &Row) -> Result<Prize> {
    Ok(Prize {
        id: PrizeId(r.get("id")?),
        name: r.get("name")?,
        stock: r.get("stock")?,
        unit_value: Fen(r.get("unit_value_fen")?),
        drawn: r.get("drawn")?,
    })
}

fn prizes(conn: &(impl Read + ?Sized), id: CampaignId) -> Result<Vec<Prize>> {
    conn.rows(
        "SELECT p.id, p.name, p.stock, p.unit_value_fen,
                (SELECT count(*) FROM campaign_draws d WHERE d.prize_id = p.id) AS drawn
         FROM campaign_prizes p WHERE p.campaign_id = ?1 ORDER BY p.position, p.id",
        params![id.0],
    )?
    .iter()
    .map(prize_from_row)
    .collect()
}

fn budget_line_from_row(r: &Row) -> Result<BudgetLineInput> {
    Ok(BudgetLineInput {
        item: r.get("item")?,
        quantity_centi: r.get("quantity_centi")?,
        unit_price: Fen(r.get("unit_price_fen")?),
        actual_quantity_centi: r.get("actual_quantity_centi")?,
        actual_unit_price: r.get::<Option<i64>>("actual_unit_price_fen")?.map(Fen),
        note: r.get("note")?,
    })
}

fn budget_lines(conn: &(impl Read + ?Sized), id: CampaignId) -> Result<Vec<BudgetLineInput>> {
    conn.rows(
        "SELECT item, quantity_centi, unit_price_fen, actual_quantity_centi, actual_unit_price_fen, note
         FROM campaign_budget WHERE campaign_id = ?1 ORDER BY position, id",
        params![id.0],
    )?
    .iter()
    .map(budget_line_from_row)
    .collect()
}

fn turnout_from_row(r: &Row) -> Result<Turnout> {
    Ok(Turnout {
        invited: r.get("invited")?,
        pending: r.get("pending")?,
        yes: r.get("said_yes")?,
        no: r.get("said_no")?,
        maybe: r.get("said_maybe")?,
        not_reached: r.get("not_reached")?,
        attended: r.get("attended")?,
        walk_ins: r.get("walk_ins")?,
        drawn: r.get("drawn")?,
    })
}

fn turnout(conn: &(impl Read + ?Sized), id: CampaignId) -> Result<Turnout> {
    turnout_from_row(&conn.one(
        "SELECT count(*) FILTER (WHERE arrival = 'invited') AS invited,
                count(*) FILTER (WHERE arrival = 'invited' AND rsvp = 'pending') AS pending,
                count(*) FILTER (WHERE rsvp = 'yes') AS said_yes,
                count(*) FILTER (WHERE rsvp = 'no') AS said_no,
                count(*) FILTER (WHERE rsvp = 'maybe') AS said_maybe,
                count(*) FILTER (WHERE rsvp = 'not_reached') AS not_reached,
                count(*) FILTER (WHERE checked_in_at IS NOT NULL) AS attended,
                count(*) FILTER (WHERE arrival = 'walk_in') AS walk_ins,
                (SELECT count(*) FROM campaign_draws d WHERE d.campaign_id = ?1) AS drawn
         FROM campaign_invitations WHERE campaign_id = ?1",
        params![id.0],
    )?)
}

fn parse_json<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("campaign {what}: {e}")))
}

/// A `campaigns` row as read, before its status and JSON columns are parsed.
struct CampaignRow {
    theme: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    venue: String,
    background: String,
    objectives: String,
    status: String,
    activities: String,
    segment: String,
    attribution_days: u32,
    created_by: String,
    updated_at: chrono::DateTime<chrono::Utc>,
}

impl CampaignRow {
    fn from_row(r: &Row) -> Result<CampaignRow> {
        Ok(CampaignRow {
            theme: r.get("theme")?,
            starts_on: r.get("starts_on")?,
            ends_on: r.get("ends_on")?,
            venue: r.get("venue")?,
            background: r.get("background")?,
            objectives: r.get("objectives")?,
            status: r.get("status")?,
            activities: r.get("activities")?,
            segment: r.get("segment")?,
            attribution_days: r.get("attribution_days")?,
            created_by: r.get("created_by")?,
            updated_at: r.get("updated_at")?,
        })
    }
}

/// A campaign with its prizes, budget, segment and turnout.
pub fn get(conn: &(impl Read + ?Sized), id: CampaignId) -> Result<Campaign> {
    let row = conn
        .optional(
            "SELECT theme, starts_on, ends_on, venue, background, objectives, status, activities, segment,
                    attribution_days, created_by, updated_at
             FROM campaigns WHERE id = ?1",
            params![id.0],
        )?
        .ok_or_else(|| not_found(id))?;
    let row = CampaignRow::from_row(&row)?;
    let CampaignRow {
        theme,
        starts_on,
        ends_on,
        venue,
        background,
        objectives,
        status,
        activities,
        segment,
        attribution_days,
        created_by,
        updated_at,
    } = row;
    let budget_lines = budget_lines(conn, id)?;
    let status: CampaignStatus = parse_enum(&status)?;
    Ok(Campaign {
        id,
        theme,
        starts_on,
        ends_on,
        venue,
        background,
        objectives,
        status,
        next_statuses: status.next(),
        activities: parse_json::<Vec<Activity>>("activities", &activities)?,
        prizes: prizes(conn, id)?,
        budget: campaign::budget(&budget_lines),
        budget_lines,
        segment: parse_json("segment", &segment)?,
        attribution_days,
        created_by,
        turnout: turnout(conn, id)?,
        updated_at,
    })
}

/// Every campaign, the newest first.
pub fn list(conn: &(impl Read + ?Sized)) -> Result<Vec<CampaignSummary>> {
    let ids: Vec<i64> = conn
        .rows("SELECT id FROM campaigns ORDER BY starts_on DESC, id DESC", params![])?
        .iter()
        .map(|r| r.get("id"))
        .collect::<Result<_>>()?;
    ids.into_iter()
        .map(|id| {
            let c = get(conn, CampaignId(id))?;
            Ok(CampaignSummary {
                id: c.id,
                theme: c.theme,
                starts_on: c.starts_on,
                ends_on: c.ends_on,
                status: c.status,
                invited: c.turnout.invited,
                attended: c.turnout.attended,
                planned_budget: c.budget.planned,
            })
        })
        .collect()
}

/// An invitation as read; `row` is its number in the list.
fn invitation_from_row(r: &Row, row: u32) -> Result<Invitation> {
    Ok(Invitation {
        id: InvitationId(r.get("id")?),
        row,
        customer_id: CustomerId(r.get("customer_id")?),
        customer_name: r.get("customer_name")?,
        mobile: r.get("mobile")?,
        vehicle_id: r.get::<Option<i64>>("vehicle_id")?.map(VehicleId),
        plate: r.get("plate")?,
        vehicle_label: r.get("vehicle_label")?,
        arrival: parse_enum(&r.get::<String>("arrival")?)?,
        rsvp: parse_enum(&r.get::<String>("rsvp")?)?,
        rsvp_by: r.get("rsvp_by")?,
        rsvp_at: r.get("rsvp_at")?,
        rsvp_note: r.get("rsvp_note")?,
        checked_in_at: r.get("checked_in_at")?,
        checked_in_by: r.get("checked_in_by")?,
        prize: r.get("prize_name")?,
    })
}

/// The guests, numbered: invited ones first in the order invited, then walk-ins.
pub fn invitations(conn: &(impl Read + ?Sized), id: CampaignId) -> Result<Vec<Invitation>> {
    conn.rows(
        "SELECT i.id, i.customer_id, c.name AS customer_name, c.mobile, i.vehicle_id, v.plate,
                v.brand || ' ' || v.model AS vehicle_label, i.arrival, i.rsvp, i.rsvp_by, i.rsvp_at, i.rsvp_note,
                i.checked_in_at, i.checked_in_by, p.name AS prize_name
         FROM campaign_invitations i
         JOIN customers c ON c.id = i.customer_id
         LEFT JOIN vehicles v ON v.id = i.vehicle_id
         LEFT JOIN campaign_draws d ON d.invitation_id = i.id
         LEFT JOIN campaign_prizes p ON p.id = d.prize_id
         WHERE i.campaign_id = ?1
         ORDER BY i.arrival = 'walk_in', i.id",
        params![id.0],
    )?
    .iter()
    .zip(1u32..)
    .map(|(r, row)| invitation_from_row(r, row))
    .collect()
}

fn draw_from_row(r: &Row) -> Result<Draw> {
    Ok(Draw {
        id: r.get("id")?,
        at: r.get("at")?,
        invitation_id: InvitationId(r.get("invitation_id")?),
        customer_name: r.get("customer_name")?,
        prize_id: PrizeId(r.get("prize_id")?),
        prize_name: r.get("prize_name")?,
        operator: r.get("operator_name")?,
    })
}

/// Every draw, in the order drawn.
pub fn draws(conn: &(impl Read + ?Sized), id: CampaignId) -> Result<Vec<Draw>> {
    conn.rows(
        "SELECT d.id, d.at, d.invitation_id, c.name AS customer_name, d.prize_id, p.name AS prize_name,
                d.operator_name
         FROM campaign_draws d
         JOIN campaign_invitations i ON i.id = d.invitation_id
         JOIN customers c ON c.id = i.customer_id
         JOIN campaign_prizes p ON p.id = d.prize_id
         WHERE d.campaign_id = ?1 ORDER BY d.id",
        params![id.0],
    )?
    .iter()
    .map(draw_from_row)
    .collect()
}

/// What the campaign brought back: turnout, and the repair orders and revenue
/// of its guests from the first day to `attribution_days` after the last.
/// Past visits imported from the old system were not brought back by it.
pub fn results(conn: &(impl Read + ?Sized), id: CampaignId) -> Result<Results> {
    let c = get(conn, id)?;
    let (from, until) = campaign::attribution_window(c.starts_on, c.ends_on, c.attribution_days);
    let row = conn.one(
        "SELECT count(*) AS orders, CAST(coalesce(sum(v.total_fen), 0) AS BIGINT) AS revenue FROM visits v
         WHERE v.customer_id IN (SELECT customer_id FROM campaign_invitations
                                 WHERE campaign_id = ?1 AND (arrival = 'invited' OR checked_in_at IS NOT NULL))
           AND v.handed_over_local >= ?2 AND v.handed_over_local < ?3 AND v.imported = 0",
        params![id.0, format!("{from}T00:00:00"), format!("{}T00:00:00", until + chrono::Days::new(1))],
    )?;
    let (orders, revenue): (u32, i64) = (row.get("orders")?, row.get("revenue")?);
    let prizes_given = c.prizes.iter().map(|p| p.unit_value.0 * i64::from(p.drawn)).sum();
    let facts = ResultFacts {
        invited: c.turnout.invited,
        confirmed: c.turnout.yes,
        attended: c.turnout.attended,
        walk_ins: c.turnout.walk_ins,
        repair_orders: orders,
        revenue: Fen(revenue),
        budget: c.budget.actual,
        prizes_given: Fen(prizes_given),
    };
    Ok(campaign::results(&facts, until))
}

// ---------------------------------------------------------------------------
// Writing

fn log(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    id: CampaignId,
    action: AuditAction,
    changes: Vec<FieldChange>,
) -> Result<()> {
    audit::record(
        tx,
        actor,
        now,
        Change { entity: AuditEntity::Campaign, entity_id: Some(id.0), customer_id: None, action, changes },
    )
}

fn change(field: &str, before: serde_json::Value, after: serde_json::Value) -> FieldChange {
    FieldChange { field: field.into(), before, after }
}

/// The campaign's status, its row locked until the transaction ends. Every write
/// that checks the campaign and then writes takes it first, so that two desks
/// working on one campaign at once take turns: the draw (a prize never drawn over
/// its stock, a guest never drawn twice), the check-in (a guest checked in once),
/// the invitations, the plan (a stock never below what was drawn), the status and
/// the segment. SQLite's single writer does this by itself; on PostgreSQL it is
/// `SELECT … FOR UPDATE`.
fn lock(tx: &(impl Write + ?Sized), id: CampaignId) -> Result<CampaignStatus> {
    let text: String = tx
        .optional(
            &format!("SELECT status FROM campaigns WHERE id = ?1{}", tx.dialect().for_update()),
            params![id.0],
        )?
        .ok_or_else(|| not_found(id))?
        .get("status")?;
    parse_enum(&text)
}

fn write_plan(tx: &(impl Write + ?Sized), id: CampaignId, input: &CampaignInput) -> Result<()> {
    // Prizes: existing ones are updated in place (their draws point at them), new ones added,
    // removed ones (never drawn: the domain checked) deleted.
    let keep: Vec<i64> = input.prizes.iter().filter_map(|p| p.id.map(|id| id.0)).collect();
    for existing in prizes(tx, id)? {
        if !keep.contains(&existing.id.0) {
            tx.run("DELETE FROM campaign_prizes WHERE id = ?1", params![existing.id.0])?;
        }
    }
    for (position, prize) in (0i64..).zip(&input.prizes) {
        match prize.id {
            Some(prize_id) => {
                let updated = tx.run(
                    "UPDATE campaign_prizes SET position = ?3, name = ?4, stock = ?5, unit_value_fen = ?6
                     WHERE id = ?1 AND campaign_id = ?2",
                    params![prize_id.0, id.0, position, prize.name, prize.stock, prize.unit_value.0],
                )?;
                if updated != 1 {
                    return Err(Issue::new(
                        ErrorKind::NotFound,
                        format!("prizes.{position}.id"),
                        "no such prize in this campaign",
                    )
                    .into());
                }
            }
            None => {
                tx.run(
                    "INSERT INTO campaign_prizes (campaign_id, position, name, stock, unit_value_fen)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id.0, position, prize.name, prize.stock, prize.unit_value.0],
                )?;
            }
        }
    }
    tx.run("DELETE FROM campaign_budget WHERE campaign_id = ?1", params![id.0])?;
    for (position, line) in (0i64..).zip(&input.budget) {
        tx.run(
            "INSERT INTO campaign_budget (campaign_id, position, item, quantity_centi, unit_price_fen,
                                          actual_quantity_centi, actual_unit_price_fen, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id.0,
                position,
                line.item,
                line.quantity_centi,
                line.unit_price.0,
                line.actual_quantity_centi,
                line.actual_unit_price.map(|p| p.0),
                line.note
            ],
        )?;
    }
    Ok(())
}

/// A new campaign, as a draft.
pub fn create(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    input: &CampaignInput,
    now: Now,
) -> Result<CampaignId> {
    actor.require(Action::PlanCampaigns)?;
    let input = input.validate(&[])?;
    let row = tx.one(
        "INSERT INTO campaigns (theme, starts_on, ends_on, venue, background, objectives, status, activities,
                                attribution_days, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, ?8, ?9, ?10, ?10) RETURNING id",
        params![
            input.theme,
            input.starts_on,
            input.ends_on,
            input.venue,
            input.background,
            input.objectives,
            audit::json(&input.activities)?.to_string(),
            input.attribution_days,
            actor.name,
            now.instant,
        ],
    )?;
    let id = CampaignId(row.get("id")?);
    write_plan(tx, id, &input)?;
    log(tx, actor, now, id, AuditAction::Created, vec![change("theme", json!(null), json!(input.theme))])?;
    Ok(id)
}

/// Rewrites the plan. A prize's stock may not fall below what was drawn, nor a drawn prize go.
pub fn update(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CampaignId,
    input: &CampaignInput,
    now: Now,
) -> Result<()> {
    actor.require(Action::PlanCampaigns)?;
    // No draw between reading what was drawn and writing the stock; nobody's
    // change since the form was read undone.
    lock(tx, id)?;
    let stamp = versions::lock_and_check(
        tx,
        "campaigns",
        AuditEntity::Campaign,
        "campaign",
        id.0,
        input.version,
        now.instant,
    )?;
    let before = get(tx, id)?;
    let drawn: Vec<(PrizeId, u32)> = before.prizes.iter().map(|p| (p.id, p.drawn)).collect();
    let input = input.validate(&drawn)?;
    tx.run(
        "UPDATE campaigns SET theme = ?2, starts_on = ?3, ends_on = ?4, venue = ?5, background = ?6,
                              objectives = ?7, activities = ?8, attribution_days = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id.0,
            input.theme,
            input.starts_on,
            input.ends_on,
            input.venue,
            input.background,
            input.objectives,
            audit::json(&input.activities)?.to_string(),
            input.attribution_days,
            stamp,
        ],
    )?;
    write_plan(tx, id, &input)?;
    let after = get(tx, id)?;
    let mut changes = caredesk_domain::audit::diff(
        &json!({ "theme": before.theme, "startsOn": before.starts_on, "endsOn": before.ends_on, "venue": before.venue,
                 "plannedBudget": before.budget.planned, "actualBudget": before.budget.actual }),
        &json!({ "theme": after.theme, "startsOn": after.starts_on, "endsOn": after.ends_on, "venue": after.venue,
                 "plannedBudget": after.budget.planned, "actualBudget": after.budget.actual }),
        &[],
    );
    if before.prizes != after.prizes {
        changes.push(change("prizes", json!(before.prizes.len()), json!(after.prizes.len())));
    }
    if before.activities != after.activities {
        changes.push(change("activities", json!(before.activities.len()), json!(after.activities.len())));
    }
    log(tx, actor, now, id, AuditAction::Updated, changes)
}

/// Moves the campaign along draft → planned → running → finished.
pub fn set_status(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CampaignId,
    to: CampaignStatus,
    now: Now,
) -> Result<()> {
    actor.require(Action::PlanCampaigns)?;
    let from = lock(tx, id)?;
    campaign::status_change(from, to)?;
    let stamp = versions::lock_and_check(
        tx,
        "campaigns",
        AuditEntity::Campaign,
        "campaign",
        id.0,
        None,
        now.instant,
    )?;
    tx.run(
        "UPDATE campaigns SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, enum_text(&to), stamp],
    )?;
    log(tx, actor, now, id, AuditAction::StatusChanged, vec![change("status", json!(from), json!(to))])
}

/// Saves the target segment with the campaign.
pub fn set_segment(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CampaignId,
    segment: &Segment,
    now: Now,
) -> Result<()> {
    actor.require(Action::PlanCampaigns)?;
    lock(tx, id)?;
    let stamp = versions::lock_and_check(
        tx,
        "campaigns",
        AuditEntity::Campaign,
        "campaign",
        id.0,
        None,
        now.instant,
    )?;
    let before = get(tx, id)?.segment;
    let segment = segment.validate()?;
    tx.run(
        "UPDATE campaigns SET segment = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, audit::json(&segment)?.to_string(), stamp],
    )?;
    log(tx, actor, now, id, AuditAction::Updated, vec![change("segment", json!(before), json!(segment))])
}

/// Invites every customer of the saved segment not invited yet; returns how many were added.
pub fn invite(tx: &(impl Write + ?Sized), actor: &Actor, id: CampaignId, now: Now) -> Result<u32> {
    actor.require(Action::PlanCampaigns)?;
    lock(tx, id)?;
    let c = get(tx, id)?;
    campaign::invite(c.status)?;
    let members = members(tx, &c.segment, now.today, 100_000)?;
    let mut added = 0;
    for m in &members {
        added += tx.run(
            "INSERT INTO campaign_invitations (campaign_id, customer_id, vehicle_id, arrival, created_at)
             VALUES (?1, ?2, ?3, 'invited', ?4) ON CONFLICT DO NOTHING",
            params![id.0, m.customer_id.0, m.vehicle_id.map(|v| v.0), now.instant],
        )? as u32;
    }
    log(
        tx,
        actor,
        now,
        id,
        AuditAction::Invited,
        vec![change("invited", json!(c.turnout.invited), json!(c.turnout.invited + added))],
    )?;
    Ok(added)
}

fn invitation_row(
    conn: &(impl Read + ?Sized),
    invitation: InvitationId,
) -> Result<(CampaignId, CustomerId, Option<DateTime<Utc>>)> {
    let r = conn
        .optional(
            "SELECT campaign_id, customer_id, checked_in_at FROM campaign_invitations WHERE id = ?1",
            params![invitation.0],
        )?
        .ok_or(StoreError::NotFound { what: "invitation", id: invitation.0 })?;
    Ok((CampaignId(r.get("campaign_id")?), CustomerId(r.get("customer_id")?), r.get("checked_in_at")?))
}

/// The invited customer's answer, with who took it.
pub fn record_rsvp(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    invitation: InvitationId,
    rsvp: Rsvp,
    note: &str,
    now: Now,
) -> Result<CampaignId> {
    actor.require(Action::WorkCampaigns)?;
    let (id, customer, _) = invitation_row(tx, invitation)?;
    campaign::record_rsvp(lock(tx, id)?, rsvp)?;
    let note = caredesk_domain::validate::optional_text("note", note, 300)?;
    tx.run(
        "UPDATE campaign_invitations SET rsvp = ?2, rsvp_note = ?3, rsvp_by = ?4, rsvp_at = ?5 WHERE id = ?1",
        params![invitation.0, enum_text(&rsvp), note, actor.name, now.instant],
    )?;
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Campaign,
            entity_id: Some(id.0),
            customer_id: Some(customer),
            action: AuditAction::Updated,
            changes: vec![change("rsvp", json!(null), json!(rsvp))],
        },
    )?;
    Ok(id)
}

/// Checks a guest in at the door: an invited customer, or (asked for) a walk-in guest.
pub fn check_in(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CampaignId,
    customer: CustomerId,
    as_walk_in: bool,
    now: Now,
) -> Result<InvitationId> {
    actor.require(Action::WorkCampaigns)?;
    // Two desks checking the same guest in: one after the other, the second refused.
    let status = lock(tx, id)?;
    customers::get(tx, customer)?;
    let existing: Option<(i64, Option<DateTime<Utc>>)> = tx
        .optional(
            "SELECT id, checked_in_at FROM campaign_invitations WHERE campaign_id = ?1 AND customer_id = ?2",
            params![id.0, customer.0],
        )?
        .map(|r| Ok::<_, StoreError>((r.get("id")?, r.get("checked_in_at")?)))
        .transpose()?;
    let arrival = campaign::check_in(
        status,
        existing.is_some(),
        existing.as_ref().is_some_and(|(_, at)| at.is_some()),
        as_walk_in,
    )?;
    let invitation = match existing {
        Some((invitation, _)) => {
            tx.run(
                "UPDATE campaign_invitations SET checked_in_at = ?2, checked_in_by = ?3 WHERE id = ?1",
                params![invitation, now.instant, actor.name],
            )?;
            InvitationId(invitation)
        }
        None => {
            let vehicle = vehicles::of_customer(tx, customer)?.first().map(|v| v.id.0);
            let row = tx.one(
                "INSERT INTO campaign_invitations (campaign_id, customer_id, vehicle_id, arrival, rsvp, checked_in_at,
                                                   checked_in_by, created_at)
                 VALUES (?1, ?2, ?3, 'walk_in', 'pending', ?4, ?5, ?4) RETURNING id",
                params![id.0, customer.0, vehicle, now.instant, actor.name],
            )?;
            InvitationId(row.get("id")?)
        }
    };
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Campaign,
            entity_id: Some(id.0),
            customer_id: Some(customer),
            action: AuditAction::CheckedIn,
            changes: vec![change("arrival", json!(null), json!(arrival))],
        },
    )?;
    Ok(invitation)
}

/// One lottery draw for a checked-in attendee. `pick(n)` must return a uniformly
/// random number below `n` (or fail): the shell passes the operating system's secure source.
pub fn draw(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    invitation: InvitationId,
    now: Now,
    pick: impl FnOnce(u32) -> Result<u32, Issue>,
) -> Result<Draw> {
    actor.require(Action::WorkCampaigns)?;
    let (id, customer, checked_in_at) = invitation_row(tx, invitation)?;
    // Two desks drawing at once take turns: what is left in stock, and whether
    // this guest has drawn, are read only once the other draw is in.
    let status = lock(tx, id)?;
    let already: bool = tx
        .one(
            "SELECT EXISTS (SELECT 1 FROM campaign_draws WHERE invitation_id = ?1) AS already",
            params![invitation.0],
        )?
        .get("already")?;
    let stock: Vec<InStock> = prizes(tx, id)?
        .into_iter()
        .map(|p| InStock { prize: p.id, left: p.stock.saturating_sub(p.drawn) })
        .collect();
    let prize = campaign::draw(status, checked_in_at.is_some(), already, &stock, pick)?;
    let draw_id: i64 = tx
        .one(
            "INSERT INTO campaign_draws (campaign_id, invitation_id, prize_id, at, operator_id, operator_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            params![id.0, invitation.0, prize.0, now.instant, actor.id.0, actor.name],
        )?
        .get("id")?;
    let drawn = draws(tx, id)?
        .into_iter()
        .find(|d| d.id == draw_id)
        .ok_or_else(|| StoreError::Corrupt("the draw vanished".into()))?;
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Campaign,
            entity_id: Some(id.0),
            customer_id: Some(customer),
            action: AuditAction::PrizeDrawn,
            changes: vec![change("prize", json!(null), json!(drawn.prize_name))],
        },
    )?;
    Ok(drawn)
}

/// The campaign a guest list belongs to, to read it back after a write.
pub fn of_invitation(conn: &(impl Read + ?Sized), invitation: InvitationId) -> Result<CampaignId> {
    Ok(invitation_row(conn, invitation)?.0)
}

/// Whether `customer` is a guest of the campaign: for the check-in search.
pub fn guest_of(
    conn: &(impl Read + ?Sized),
    id: CampaignId,
    customer: CustomerId,
) -> Result<Option<InvitationId>> {
    conn.optional(
        "SELECT id FROM campaign_invitations WHERE campaign_id = ?1 AND customer_id = ?2",
        params![id.0, customer.0],
    )?
    .map(|r| Ok(InvitationId(r.get("id")?)))
    .transpose()
}
