// Create or update a batch of entities; the kind label replaces the earlier kind labels listed in drop.
// params: rows (list of {id, kind, drop, props, loaded_from}), load_id, loaded_at
// columns: written
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.loaded_at = $loaded_at
SET n += row.props,
    n.aliases_text = reduce(s = '', a IN coalesce(row.props.aliases, []) | s + ' ' + a),
    n.loaded_from = row.loaded_from, n.load_id = $load_id, n.updated_at = $loaded_at
REMOVE n:$(row.drop)
SET n:$(row.kind)
RETURN count(n) AS written
