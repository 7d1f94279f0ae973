// The set a briefing pack can cover with an entity: a country's agencies, a forum's members, an agreement's parties.
// params: id, as_of (ISO date or null)
// columns: id, name, kind, how
MATCH (s:Entity {id: $id})
CALL (s) {
  MATCH (m:Agency) WHERE s:Country AND (m.country = s.id OR (m)-[:BASED_IN]->(s))
  RETURN m, 'agency' AS how
  UNION
  MATCH (m:Entity)-[r:MEMBER_OF|PARTY_TO]->(s)
  WHERE $as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= left($as_of, size(r.until))))
  RETURN m, toLower(coalesce(r.role, replace(type(r), '_', ' '))) AS how
}
RETURN DISTINCT m.id AS id, m.name AS name, [l IN labels(m) WHERE l <> 'Entity'][0] AS kind, how
ORDER BY name
