// Entities with the given ids, every label and every property (the state a merge keeps for its undo).
// params: ids (list)
// columns: id, labels, props
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
