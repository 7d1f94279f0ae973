// Every link of one entity, both directions, with dates, sources and whether it is active on the as-of date.
// params: id, as_of (ISO date or null)
// columns: direction, type, other_id, other_name, other_kind, since, until, role, kind, confidence, notes, sources,
//          amount, currency, loaded_from, load_id, active, key (the link's key, for an edit), props (every property)
MATCH (n:Entity {id: $id})-[r]-(o:Entity)
WITH n, r, o, startNode(r) = n AS outgoing
RETURN CASE WHEN outgoing THEN 'out' ELSE 'in' END AS direction, type(r) AS type, o.id AS other_id,
       o.name AS other_name, [l IN labels(o) WHERE l <> 'Entity'][0] AS other_kind, r.since AS since,
       r.until AS until, r.role AS role, r.kind AS kind, r.confidence AS confidence, r.notes AS notes,
       coalesce(r.sources, []) AS sources, r.amount AS amount, r.currency AS currency,
       r.loaded_from AS loaded_from, r.load_id AS load_id,
       ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
         AND (r.until IS NULL OR r.until >= left($as_of, size(r.until))))) AS active,
       r.key AS key, properties(r) AS props
ORDER BY type, other_name
