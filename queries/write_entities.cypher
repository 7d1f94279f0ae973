// Create or update a batch of entities; the kind label replaces any earlier kind label.
// params: rows (list of {id, kind, props, loaded_from}), load_id, loaded_at
// columns: written
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.loaded_at = $loaded_at
SET n += row.props,
    n.aliases_text = reduce(s = '', a IN coalesce(row.props.aliases, []) | s + ' ' + a),
    n.loaded_from = row.loaded_from, n.load_id = $load_id, n.updated_at = $loaded_at
REMOVE n:Agency:NGO:Company:InternationalOrganisation:Forum:Program:Country:Agreement:Engagement
SET n:$(row.kind)
RETURN count(n) AS written
