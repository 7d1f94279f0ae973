// The findings about the given entities with all their properties (what a delete keeps to restore them).
// params: ids (list of strings)
// columns: id, props
MATCH (f:Finding) WHERE f.about IN $ids
RETURN f.id AS id, properties(f) AS props
ORDER BY id
