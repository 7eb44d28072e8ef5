-- PostgreSQL 15 version of migrations/0009_pinyin_search.sql.
-- The pinyin keys of each customer's name (`zhangwei`, `zw`, for every reading
-- of the name, at most 16), filled by the store: SQL cannot spell pinyin. A
-- search index as customer_name_grams is: no screen shows it, so no change
-- trigger (0008).
CREATE TABLE customer_pinyin (
    key         TEXT NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (key, customer_id)
);
CREATE INDEX customer_pinyin_customer ON customer_pinyin (customer_id, key);

-- A customer whose name is exactly what was typed is listed first.
CREATE INDEX customers_name ON customers (name);
