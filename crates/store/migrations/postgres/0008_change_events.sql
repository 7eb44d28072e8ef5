-- PostgreSQL 15 version of migrations/0008_change_events.sql.
-- Every committed write tells the desks which kinds of record it changed: a
-- statement's trigger sends its table's name on the channel `caredesk_changes`,
-- which each desk LISTENs to on a connection of its own (postgres/listen.rs).
-- NOTIFY belongs to the transaction: sent at commit, never for a rollback, and
-- the same table twice in one transaction is sent once — a statement that
-- writes 5,000 rows sends one notification, not 5,000. The tables are those
-- `ChangeKind::of_table` names (a test checks the two agree).
CREATE FUNCTION caredesk_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('caredesk_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_changed AFTER INSERT OR UPDATE OR DELETE ON customers
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER customer_phones_changed AFTER INSERT OR UPDATE OR DELETE ON customer_phones
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER vehicles_changed AFTER INSERT OR UPDATE OR DELETE ON vehicles
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER vehicle_owners_changed AFTER INSERT OR UPDATE OR DELETE ON vehicle_owners
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER staff_changed AFTER INSERT OR UPDATE OR DELETE ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER preferences_changed AFTER INSERT OR UPDATE OR DELETE ON preferences
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER visits_changed AFTER INSERT OR UPDATE OR DELETE ON visits
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER visit_steps_changed AFTER INSERT OR UPDATE OR DELETE ON visit_steps
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER extra_work_changed AFTER INSERT OR UPDATE OR DELETE ON extra_work
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER order_lines_changed AFTER INSERT OR UPDATE OR DELETE ON order_lines
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER qc_checks_changed AFTER INSERT OR UPDATE OR DELETE ON qc_checks
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER follow_up_calls_changed AFTER INSERT OR UPDATE OR DELETE ON follow_up_calls
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER complaints_changed AFTER INSERT OR UPDATE OR DELETE ON complaints
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER complaint_events_changed AFTER INSERT OR UPDATE OR DELETE ON complaint_events
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER complaint_recovery_changed AFTER INSERT OR UPDATE OR DELETE ON complaint_recovery
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER complaint_escalations_changed AFTER INSERT OR UPDATE OR DELETE ON complaint_escalations
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER follow_up_attempts_changed AFTER INSERT OR UPDATE OR DELETE ON follow_up_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER questionnaires_changed AFTER INSERT OR UPDATE OR DELETE ON questionnaires
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER follow_up_surveys_changed AFTER INSERT OR UPDATE OR DELETE ON follow_up_surveys
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER campaigns_changed AFTER INSERT OR UPDATE OR DELETE ON campaigns
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER campaign_prizes_changed AFTER INSERT OR UPDATE OR DELETE ON campaign_prizes
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER campaign_budget_changed AFTER INSERT OR UPDATE OR DELETE ON campaign_budget
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER campaign_invitations_changed AFTER INSERT OR UPDATE OR DELETE ON campaign_invitations
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER campaign_draws_changed AFTER INSERT OR UPDATE OR DELETE ON campaign_draws
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER care_calls_changed AFTER INSERT OR UPDATE OR DELETE ON care_calls
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
CREATE TRIGGER care_attempts_changed AFTER INSERT OR UPDATE OR DELETE ON care_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION caredesk_changed();
