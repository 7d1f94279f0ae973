// Create or update a batch of relationships of one type, merged on their key (type, ends, since, kind).
// REL_TYPE is the batch's type, placed by queries.typed after checking it: a type written in the query lets the
// planner expand only that type (a type from a parameter reads every relationship of both ends).
// params: rows (list of {source, target, key, props, loaded_from}), load_id, loaded_at
// columns: written
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:REL_TYPE {key: row.key}]->(b)
ON CREATE SET r.loaded_at = $loaded_at
SET r += row.props, r.loaded_from = row.loaded_from, r.load_id = $load_id, r.updated_at = $loaded_at
RETURN count(r) AS written
