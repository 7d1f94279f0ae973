// Give links a load updated exactly their earlier properties, only while the load is still the last to write them.
// params: rows (list of {type, source, target, key, props}), load_id
// columns: restored
UNWIND $rows AS row
CALL (row) {
  MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target})
  WHERE type(r) = row.type AND r.key = row.key AND r.load_id = $load_id
  RETURN r LIMIT 1
}
SET r = row.props
RETURN count(*) AS restored
