// Engagements that any of a set of entities took part in (an entity and what it stands for by roll-up), oldest
// first, one row per entity and engagement, each with every participant and the provenance of both facts.
// params: ids
// columns: id, title, date, kind, summary, sources, loaded_from, load_id, through (the id among $ids that took
//          part), role, link_sources, link_loaded_from, link_load_id, participants (list of {id, name, kind, role})
MATCH (n:Entity)-[p:PARTICIPATED_IN]->(e:Engagement)
WHERE n.id IN $ids
CALL (e) {
  MATCH (o:Entity)-[q:PARTICIPATED_IN]->(e)
  RETURN collect({id: o.id, name: o.name, kind: [l IN labels(o) WHERE l <> 'Entity'][0], role: q.role}) AS participants
}
RETURN e.id AS id, coalesce(e.title, e.name) AS title, e.date AS date, e.kind AS kind, e.summary AS summary,
       coalesce(e.sources, []) AS sources, e.loaded_from AS loaded_from, e.load_id AS load_id, n.id AS through,
       p.role AS role, coalesce(p.sources, []) AS link_sources, p.loaded_from AS link_loaded_from,
       p.load_id AS link_load_id, participants
ORDER BY coalesce(e.date, ''), title
