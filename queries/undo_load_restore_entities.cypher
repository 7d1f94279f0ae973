// Give entities a load updated exactly their earlier properties and labels (a kind the load changed comes back),
// only while the load is still the last to write them.
// params: rows (list of {id, labels, props}), load_id
// columns: restored
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.load_id = $load_id
WITH n, row, [l IN labels(n) WHERE NOT l IN row.labels] AS extra
SET n = row.props
REMOVE n:$(extra)
SET n:$(row.labels)
RETURN count(n) AS restored
