-- PostgreSQL 15 version of migrations/0012_report_days.sql.
-- The manager's dashboard (issue 16) counts each KPI family for all its
-- periods in one statement (reports::period_counts). These indexes keep each
-- count on an index, on both engines:
-- A follow-up call or a survey counts when its visit was not imported from
-- the old system: rather than join every record to its visit, the count asks
-- whether the visit is one of the imported ones, which this index holds alone.
CREATE INDEX visits_imported ON visits (id) WHERE imported = 1;
-- One advisor's visits, for their own figures and the league.
CREATE INDEX visits_advisor ON visits (advisor_id, id);
-- Declined work recovered: the vehicle's later handovers, and whether one's
-- order holds the work, without reading the visits' or the lines' rows.
CREATE INDEX visits_vehicle_handover ON visits (vehicle_id, handed_over_local, imported, id)
    WHERE handed_over_local IS NOT NULL;
CREATE INDEX order_lines_description ON order_lines (visit_id, description);
CREATE INDEX extra_work_status ON extra_work (visit_id, status);
-- Proactive care's bookings: the appointments of the customers called,
-- read from the index alone.
CREATE INDEX visits_customer_booked ON visits (customer_id, created_at, imported, advisor_id, state)
    WHERE appointment_at IS NOT NULL;
-- A campaign's orders: its guests' handovers and their amounts, from the index
-- alone. It holds every column of 0011's visits_customer_handover (who has been
-- lost, and who came back), which it replaces.
DROP INDEX visits_customer_handover;
CREATE INDEX visits_customer_revenue ON visits (customer_id, handed_over_local, imported, total_fen)
    WHERE handed_over_local IS NOT NULL;
