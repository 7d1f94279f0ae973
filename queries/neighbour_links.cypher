// Links touching any of the given entities that are active on the as-of date, of the allowed types.
// params: ids (list), as_of (ISO date or null), types (list or null for all)
// columns: source, target, type, key
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
       AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))
       AND coalesce(b.date, '') <= $as_of))
RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, r.key AS key
