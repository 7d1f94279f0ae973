// Entities with their number of links, most connected first (for pickers and default focus).
// params: limit
// columns: id, name, kind, links
MATCH (n:Entity)
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, COUNT { (n)--() } AS links
ORDER BY links DESC, name LIMIT $limit
