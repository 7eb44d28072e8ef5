-- PostgreSQL 15 version of migrations/0007_segment_owner.sql.
-- The segment count's short cut. A segment on the vehicle alone (a model, the
-- last visit, the insurance date…) counts the customers who own a matching
-- vehicle, are in the archive and consent to marketing. Each vehicle carries
-- those two facts about its owner, kept by the triggers below on every path
-- that changes them, so such a count reads the vehicles' index and never looks
-- up a customer (see `campaigns::count`).
ALTER TABLE vehicles ADD COLUMN owner_active BIGINT NOT NULL DEFAULT 1 CHECK (owner_active IN (0, 1));
ALTER TABLE vehicles ADD COLUMN owner_consent BIGINT NOT NULL DEFAULT 0 CHECK (owner_consent IN (0, 1));
UPDATE vehicles v SET owner_active = CASE WHEN c.archived_at IS NULL THEN 1 ELSE 0 END,
                      owner_consent = c.marketing_consent
FROM customers c WHERE c.id = v.customer_id;

-- A new vehicle, or one that changed hands, takes its owner's facts.
CREATE FUNCTION vehicles_owner_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT CASE WHEN c.archived_at IS NULL THEN 1 ELSE 0 END, c.marketing_consent
    INTO NEW.owner_active, NEW.owner_consent
    FROM customers c WHERE c.id = NEW.customer_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER vehicles_owner_facts BEFORE INSERT OR UPDATE OF customer_id ON vehicles
    FOR EACH ROW EXECUTE FUNCTION vehicles_owner_facts();
-- An owner archived, restored, or changing their consent: their vehicles follow.
CREATE FUNCTION customers_owner_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vehicles SET owner_active = CASE WHEN NEW.archived_at IS NULL THEN 1 ELSE 0 END,
                        owner_consent = NEW.marketing_consent
    WHERE customer_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_owner_facts AFTER UPDATE OF archived_at, marketing_consent ON customers
    FOR EACH ROW
    WHEN (OLD.archived_at IS DISTINCT FROM NEW.archived_at OR OLD.marketing_consent IS DISTINCT FROM NEW.marketing_consent)
    EXECUTE FUNCTION customers_owner_facts();

-- The segment builder's index, now with the owner's facts, so the count is read
-- from it alone.
DROP INDEX vehicles_segment;
CREATE INDEX vehicles_segment ON vehicles (model, last_visit_on, customer_id, archived_at, owner_active,
    owner_consent, model_year, next_service_date, purchase_date, insurance_expiry, warranty_end,
    annual_inspection_due);
-- Insurance due soon, the other common campaign: counted from this index alone.
DROP INDEX vehicles_insurance;
CREATE INDEX vehicles_insurance ON vehicles (insurance_expiry)
    INCLUDE (purchase_date, customer_id, archived_at, owner_active, owner_consent)
    WHERE insurance_expiry IS NOT NULL;
