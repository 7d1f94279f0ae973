// One entity: its kind and every property.
// params: id
// columns: id, kind, props
MATCH (n:Entity {id: $id})
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, properties(n) AS props
