// Move findings to another entity (a merge moves the duplicate's to the kept entity; its undo moves them back).
// params: rows (list of {id, about})
// columns: moved
UNWIND $rows AS row
MATCH (f:Finding {id: row.id})
SET f.about = row.about
RETURN count(f) AS moved
