// Replace every property of one entity (a merge filling the kept entity, an undo restoring it).
// params: id, props (the full map, id included)
// columns: id
MATCH (n:Entity {id: $id})
SET n = $props
RETURN n.id AS id
