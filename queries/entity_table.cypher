// Every entity with the properties that filters and analyses use, and the risks recorded about it (findings of
// kind risk, sought on the Finding.about index: loaders.findings), as {level, theme, date, closed}.
// params: none
// columns: id, name, kind, country, region, priority, tags, aliases, date, sources, themes, risks
MATCH (n:Entity)
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, n.country AS country,
       n.region AS region, n.priority AS priority, coalesce(n.tags, []) AS tags, coalesce(n.aliases, []) AS aliases,
       n.date AS date, coalesce(n.sources, []) AS sources, coalesce(n.themes, []) AS themes,
       COLLECT {
         MATCH (f:Finding {about: n.id}) WHERE f.kind = 'risk'
         RETURN {level: f.level, theme: f.theme, date: f.date, closed: f.closed}
       } AS risks
