// Entities whose name, alias or id matches a full-text query, best first.
// params: query (Lucene text), limit
// columns: id, name, kind, score
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
RETURN node.id AS id, node.name AS name, [l IN labels(node) WHERE l <> 'Entity'][0] AS kind, score
ORDER BY score DESC, name LIMIT $limit
