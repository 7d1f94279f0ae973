// Every link between entities that is active on the as-of date, of the allowed types, with its facts.
// params: as_of (ISO date or null), types (list or null for all)
// columns: source, target, type, kind, role, since, until, confidence, sources, notes, loaded_from
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
       AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))
       AND coalesce(a.date, '') <= $as_of AND coalesce(b.date, '') <= $as_of))
RETURN a.id AS source, b.id AS target, type(r) AS type, r.kind AS kind, r.role AS role, r.since AS since,
       r.until AS until, r.confidence AS confidence, coalesce(r.sources, []) AS sources, r.notes AS notes,
       r.loaded_from AS loaded_from
