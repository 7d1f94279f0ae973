// Create or update a batch of relationships of one type, found by their key (type, ends, since, kind).
// REL_TYPE is the batch's type, placed by queries.typed after checking it: a type written in the query lets the
// planner expand only that type (a type from a parameter reads every relationship of both ends).
// Each row's link is looked for by expanding from its two ends, sought on Entity.id: the key is compared through
// coalesce so that the planner cannot seek the relationship key index instead, whose seeks inside a transaction
// that creates relationships of that type go over everything it created so far (quadratic in a batch).  Like a
// MERGE, both ends are locked before the look, so two loads cannot both create the same link.
// params: rows (list of {source, target, key, props, loaded_from}), load_id, loaded_at
// columns: written
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
SET a.id = a.id, b.id = b.id
WITH a, b, row
OPTIONAL MATCH (a)-[found:REL_TYPE]->(b) WHERE coalesce(found.key, '') = row.key
CALL (a, b, row, found) {
  WITH * WHERE found IS NULL
  CREATE (a)-[r:REL_TYPE {key: row.key}]->(b)
  SET r.loaded_at = $loaded_at
  RETURN r
  UNION ALL
  WITH * WHERE found IS NOT NULL
  RETURN found AS r
}
SET r += row.props, r.loaded_from = row.loaded_from, r.load_id = $load_id, r.updated_at = $loaded_at
RETURN count(r) AS written
