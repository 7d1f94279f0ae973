// The entities linked to any of the given entities by links active on the as-of date, of the allowed types.
// One row per neighbour, not per link: an ego read needs only who is one link further (a forum's view at
// three hops reads about 2,800 rows, not 10,000 links).
// params: ids (list), as_of (ISO date or null), types (list or null for all)
// columns: id
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
       AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))
       AND coalesce(b.date, '') <= $as_of))
RETURN DISTINCT b.id AS id
