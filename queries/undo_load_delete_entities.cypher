// Delete entities a load created, once their links are gone, only while the load is still the last to write them
// (an entity that still has a link is left, and not counted).
// params: rows (list of {id}), load_id
// columns: deleted
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.load_id = $load_id AND NOT EXISTS { (n)--() }
DELETE n
RETURN count(*) AS deleted
