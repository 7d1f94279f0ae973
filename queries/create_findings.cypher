// Create findings exactly as they were (the undo of a delete).
// params: rows (list of {id, props})
// columns: created
UNWIND $rows AS row
CREATE (f:Finding)
SET f = row.props
RETURN count(f) AS created
