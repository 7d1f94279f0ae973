// Agreements and forums that one entity and members of the home set are both party to or members of, on the as-of date.
// params: id, home (list of ids), as_of (ISO date or null)
// columns: group_id, group_name, group_kind, type, role, since, until, sources, loaded_from, load_id,
//          home (list of {id, name, type, role, since, until, sources, loaded_from, load_id})
MATCH (n:Entity {id: $id})-[r:PARTY_TO|MEMBER_OF]->(g:Entity)<-[h:PARTY_TO|MEMBER_OF]-(m:Entity)
WHERE m.id IN $home AND m <> n AND (g:Agreement OR g:Forum OR g:InternationalOrganisation)
  AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))
       AND (h.since IS NULL OR h.since <= $as_of) AND (h.until IS NULL OR h.until >= left($as_of, size(h.until)))))
WITH g, r, collect({id: m.id, name: m.name, type: type(h), role: h.role, since: h.since, until: h.until,
                    sources: coalesce(h.sources, []), loaded_from: h.loaded_from, load_id: h.load_id}) AS home
RETURN g.id AS group_id, g.name AS group_name, [l IN labels(g) WHERE l <> 'Entity'][0] AS group_kind, type(r) AS type,
       r.role AS role, r.since AS since, r.until AS until, coalesce(r.sources, []) AS sources,
       r.loaded_from AS loaded_from, r.load_id AS load_id, home
ORDER BY group_kind, group_name
