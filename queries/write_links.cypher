// Create or update a batch of relationships, merged on their key (type, ends, since, kind).
// params: rows (list of {type, source, target, key, props, loaded_from}), load_id, loaded_at
// columns: written
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
ON CREATE SET r.loaded_at = $loaded_at
SET r += row.props, r.loaded_from = row.loaded_from, r.load_id = $load_id, r.updated_at = $loaded_at
RETURN count(r) AS written
