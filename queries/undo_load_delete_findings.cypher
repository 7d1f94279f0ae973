// Delete findings a load created, only while the load is still the last to write them.
// params: rows (list of {finding}), load_id
// columns: deleted
UNWIND $rows AS row
MATCH (f:Finding {id: row.finding})
WHERE f.load_id = $load_id
DELETE f
RETURN count(*) AS deleted
