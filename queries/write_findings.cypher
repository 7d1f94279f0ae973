// Create or update a batch of findings (risks and opportunities about an entity: loaders.findings).
// A row whose entity is gone (deleted or merged since the load was checked) writes nothing, so the count falls
// short and the batch is refused (loaders.write.ShortBatch); the entity is locked so that it cannot go meanwhile.
// params: rows (list of {id, props (with about), loaded_from}), load_id, loaded_at
// columns: written
UNWIND $rows AS row
MATCH (e:Entity {id: row.props.about})
SET e.id = e.id
MERGE (f:Finding {id: row.id})
ON CREATE SET f.loaded_at = $loaded_at
SET f += row.props, f.loaded_from = row.loaded_from, f.load_id = $load_id, f.updated_at = $loaded_at
RETURN count(f) AS written
