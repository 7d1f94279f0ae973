// Delete one entity and its relationships (a merged duplicate, once its links have moved).
// params: id
// columns: deleted
MATCH (n:Entity {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
