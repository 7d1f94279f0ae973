// Entities whose name, alias or id matches a full-text query: exact names and aliases first, then
// organisations before engagements, then by score.
// params: query (Lucene text), text (what the user typed), limit
// columns: id, name, kind, score
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS kind,
     toLower(trim($text)) IN [toLower(node.name), toLower(node.id)] + [a IN coalesce(node.aliases, []) | toLower(a)]
       AS exact
RETURN node.id AS id, node.name AS name, kind, score
ORDER BY exact DESC, kind = 'Engagement', score DESC, name LIMIT $limit
