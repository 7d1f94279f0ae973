// Replace the properties of relationships found by type, ends and their exact current properties (one per row).
// params: rows (list of {type, source, target, before, after})
// columns: updated
UNWIND $rows AS row
CALL (row) {
  MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target})
  WHERE type(r) = row.type AND properties(r) = row.before
  RETURN r LIMIT 1
}
SET r = row.after
RETURN count(r) AS updated
