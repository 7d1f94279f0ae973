// Give findings a load updated exactly their earlier properties, only while the load is still the last to write
// them.
// params: rows (list of {finding, props}), load_id
// columns: restored
UNWIND $rows AS row
MATCH (f:Finding {id: row.finding})
WHERE f.load_id = $load_id
SET f = row.props
RETURN count(f) AS restored
