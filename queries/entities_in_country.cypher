// Entities based in or operating in a country (by link), or whose country property names it, with how and provenance.
// params: code (ISO3 id of the country)
// columns: id, name, kind, how, since, until, sources, loaded_from, load_id
MATCH (c:Country {id: $code})
CALL (c) {
  MATCH (m:Entity)-[r:BASED_IN|OPERATES_IN]->(c)
  RETURN m, toLower(replace(type(r), '_', ' ')) AS how, r.since AS since, r.until AS until,
         coalesce(r.sources, []) AS sources, r.loaded_from AS loaded_from, r.load_id AS load_id
  UNION ALL
  MATCH (m:Entity {country: c.id}) WHERE m <> c
  RETURN m, 'country recorded' AS how, null AS since, null AS until, coalesce(m.sources, []) AS sources,
         m.loaded_from AS loaded_from, m.load_id AS load_id
}
RETURN m.id AS id, m.name AS name, [l IN labels(m) WHERE l <> 'Entity'][0] AS kind, how, since, until, sources,
       loaded_from, load_id
ORDER BY kind, name, how
