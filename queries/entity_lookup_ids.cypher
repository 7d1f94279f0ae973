// The entity_lookup columns for the given ids only (an edit in the app resolves the few entities it names).
// params: ids (list)
// columns: id, name, aliases, kind, merged_ids, merged_from, country, sources
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       coalesce(n.merged_ids, []) AS merged_ids, coalesce(n.merged_from, []) AS merged_from,
       n.country AS country, coalesce(n.sources, []) AS sources
