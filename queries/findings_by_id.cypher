// Findings with the given ids and all their properties (what a load compares and replaces).
// params: ids (list of strings)
// columns: id, props
MATCH (f:Finding) WHERE f.id IN $ids
RETURN f.id AS id, properties(f) AS props
