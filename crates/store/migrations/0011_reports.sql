-- The manager's dashboard (issue 16) reads a year and more of visits, calls and
-- complaints for every figure, its previous period, a year earlier and a
-- twelve-month trend. These indexes hold every column those counts read, so a
-- count walks an index range and never the visits' wide rows: the dashboard of
-- a large dealership (100,000 visits a year) stays under 300 ms.
CREATE INDEX visits_handover_kpi ON visits (handed_over_local, imported, advisor_id, on_time, total_fen)
    WHERE handed_over_local IS NOT NULL;
CREATE INDEX visits_appointment_kpi ON visits (appointment_at, imported, advisor_id, state)
    WHERE appointment_at IS NOT NULL;
-- Each customer's handovers in order: who has been lost (no visit for 12 months) and who came back.
CREATE INDEX visits_customer_handover ON visits (customer_id, handed_over_local, imported)
    WHERE handed_over_local IS NOT NULL;
CREATE INDEX follow_up_calls_kpi ON follow_up_calls (due_from, visit_id, status, due_to, closed_on);
CREATE INDEX follow_up_surveys_kpi ON follow_up_surveys (surveyed_on, visit_id, advisor_id, csi);
CREATE INDEX care_calls_closed ON care_calls (closed_on, customer_id) WHERE status = 'completed';
CREATE INDEX campaigns_ends ON campaigns (ends_on);
