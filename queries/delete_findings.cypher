// Delete findings by id (a deleted entity's: its change record keeps them, and its undo creates them again).
// params: rows (list of {id})
// columns: deleted
UNWIND $rows AS row
MATCH (f:Finding {id: row.id})
DELETE f
RETURN count(*) AS deleted
