// Create or update a batch of entities of one kind; the kind labels listed in a row's drop are removed.
// KIND_LABEL is the batch's kind, placed by queries.labelled after checking it against the schema's kinds: a label
// written in the query is set by the plan itself (a label from a parameter is looked up and set row by row).
// params: rows (list of {id, drop, props, loaded_from}), load_id, loaded_at
// columns: written
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.loaded_at = $loaded_at
SET n += row.props,
    n.aliases_text = reduce(s = '', a IN coalesce(row.props.aliases, []) | s + ' ' + a),
    n.loaded_from = row.loaded_from, n.load_id = $load_id, n.updated_at = $loaded_at
REMOVE n:$(row.drop)
SET n:KIND_LABEL
RETURN count(n) AS written
