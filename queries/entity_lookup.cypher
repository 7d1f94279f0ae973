// Every entity's id, name, aliases and kind, for resolving names in a load, and the ids merged into it with
// their trail (loaders.identity: a merged duplicate's id finds the entity it was merged into); country and
// sources tell a load's likely duplicates apart (loaders.new_duplicates).
// params: none
// columns: id, name, aliases, kind, merged_ids, merged_from, country, sources
MATCH (n:Entity)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       coalesce(n.merged_ids, []) AS merged_ids, coalesce(n.merged_from, []) AS merged_from,
       n.country AS country, coalesce(n.sources, []) AS sources
