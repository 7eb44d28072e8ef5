-- Search as Chinese users type (search::customers).
--
-- The pinyin keys of each customer's name: for each reading of the name (曾 is
-- zeng or ceng, 单 dan or shan), the full pinyin without tones (`zhangwei`) and
-- its initials (`zw`), lower-case, at most 16 keys a name. A fragment of
-- letters finds the keys it begins. SQL cannot spell pinyin: `search::reindex`
-- writes a customer's keys, and the store fills those of the customers already
-- here when it opens the database (`search::fill_pinyin`).
CREATE TABLE customer_pinyin (
    key         TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (key, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_pinyin_customer ON customer_pinyin (customer_id, key);

-- A customer whose name is exactly what was typed is listed first.
CREATE INDEX customers_name ON customers (name);
