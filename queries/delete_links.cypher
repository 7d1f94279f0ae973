// Delete relationships found by type, ends and their exact properties (one per row).
// params: rows (list of {type, source, target, props})
// columns: deleted
UNWIND $rows AS row
CALL (row) {
  MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target})
  WHERE type(r) = row.type AND properties(r) = row.props
  RETURN r LIMIT 1
}
DELETE r
RETURN count(*) AS deleted
