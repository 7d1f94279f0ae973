// Delete links a load created, found by type, ends and key, only while the load is still the last to write them.
// params: rows (list of {type, source, target, key}), load_id
// columns: deleted
UNWIND $rows AS row
CALL (row) {
  MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target})
  WHERE type(r) = row.type AND r.key = row.key AND r.load_id = $load_id
  RETURN r LIMIT 1
}
DELETE r
RETURN count(*) AS deleted
