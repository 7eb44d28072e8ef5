-- The segment count's short cut. A segment on the vehicle alone (a model, the
-- last visit, the insurance date…) counts the customers who own a matching
-- vehicle, are in the archive and consent to marketing. Each vehicle carries
-- those two facts about its owner, kept by the triggers below on every path
-- that changes them, so such a count reads the vehicles' index and never looks
-- up a customer (see `campaigns::count`).
ALTER TABLE vehicles ADD COLUMN owner_active INTEGER NOT NULL DEFAULT 1 CHECK (owner_active IN (0, 1));
ALTER TABLE vehicles ADD COLUMN owner_consent INTEGER NOT NULL DEFAULT 0 CHECK (owner_consent IN (0, 1));
UPDATE vehicles SET (owner_active, owner_consent) =
    (SELECT c.archived_at IS NULL, c.marketing_consent FROM customers c WHERE c.id = vehicles.customer_id);

-- A new vehicle, or one that changed hands, takes its owner's facts.
CREATE TRIGGER vehicles_owner_on_insert AFTER INSERT ON vehicles
BEGIN
    UPDATE vehicles SET (owner_active, owner_consent) =
        (SELECT c.archived_at IS NULL, c.marketing_consent FROM customers c WHERE c.id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER vehicles_owner_on_transfer AFTER UPDATE OF customer_id ON vehicles
BEGIN
    UPDATE vehicles SET (owner_active, owner_consent) =
        (SELECT c.archived_at IS NULL, c.marketing_consent FROM customers c WHERE c.id = NEW.customer_id)
    WHERE id = NEW.id;
END;
-- An owner archived, restored, or changing their consent: their vehicles follow.
CREATE TRIGGER customers_owner_facts AFTER UPDATE OF archived_at, marketing_consent ON customers
WHEN OLD.archived_at IS NOT NEW.archived_at OR OLD.marketing_consent IS NOT NEW.marketing_consent
BEGIN
    UPDATE vehicles SET owner_active = NEW.archived_at IS NULL, owner_consent = NEW.marketing_consent
    WHERE customer_id = NEW.id;
END;

-- The segment builder's index, now with the owner's facts, so the count is read
-- from it alone.
DROP INDEX vehicles_segment;
CREATE INDEX vehicles_segment ON vehicles (model, last_visit_on, customer_id, archived_at, owner_active,
    owner_consent, model_year, next_service_date, purchase_date, insurance_expiry, warranty_end,
    annual_inspection_due);
-- Insurance due soon, the other common campaign: counted from this index alone.
DROP INDEX vehicles_insurance;
CREATE INDEX vehicles_insurance ON vehicles (insurance_expiry, purchase_date, customer_id, archived_at,
    owner_active, owner_consent) WHERE insurance_expiry IS NOT NULL;
