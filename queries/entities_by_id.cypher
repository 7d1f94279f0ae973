// Entities with the given ids, their kind labels and all their properties.
// params: ids (list of strings)
// columns: id, kinds, props
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS kinds, properties(n) AS props
