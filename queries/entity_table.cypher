// Every entity with the properties that filters and analyses use.
// params: none
// columns: id, name, kind, country, region, priority, tags, aliases, date, sources, themes
MATCH (n:Entity)
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, n.country AS country,
       n.region AS region, n.priority AS priority, coalesce(n.tags, []) AS tags, coalesce(n.aliases, []) AS aliases,
       n.date AS date, coalesce(n.sources, []) AS sources, coalesce(n.themes, []) AS themes
