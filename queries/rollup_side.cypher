// The roll-up side of one entity: what it stands for on the as-of date, with the links that tie each unit to it.
// The rule of graph.rollup.unit_map (the caller runs it on these rows for each unit's chain): a Country stands
// for every Agency whose `country` is its id or with a BASED_IN link to it, and any entity for the entities
// with a PART_OF link into it, at any depth; a link counts while active on the as-of date, an entity dated after
// it (an engagement that had not happened) not at all. Forums, NGOs, companies and programs in a country are not
// the country. Reads only the side: the `country` index, the focus's BASED_IN links, the PART_OF trees below.
// params: id, as_of (ISO date or null)
// columns: nodes (list of {id, name, kind, country}, the entity first),
//          links (list of {source, target, type, kind, role, since, until, sources, notes, confidence})
MATCH (f:Entity {id: $id})
WHERE $as_of IS NULL OR coalesce(f.date, '') <= $as_of
CALL (f) {
  MATCH (a:Entity {country: f.id})
  WHERE f:Country AND a:Agency AND ($as_of IS NULL OR coalesce(a.date, '') <= $as_of)
  RETURN a
  UNION
  MATCH (a:Agency)-[r:BASED_IN]->(f)
  WHERE f:Country
    AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
         AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))
         AND coalesce(a.date, '') <= $as_of))
  RETURN a
  UNION
  RETURN f AS a
}
WITH f, collect(a) AS tops
CALL (tops) {
  // Breadth first from each top (SHORTEST), so a unit is read once however many ways lead to it.
  UNWIND tops AS top
  MATCH ANY SHORTEST (u:Entity)
    ((x:Entity)-[p:PART_OF]->(:Entity)
      WHERE $as_of IS NULL OR ((p.since IS NULL OR p.since <= $as_of)
            AND (p.until IS NULL OR p.until >= left($as_of, size(p.until)))
            AND coalesce(x.date, '') <= $as_of))+
    (top)
  RETURN collect(DISTINCT u) AS below
}
UNWIND [f] + tops + below AS n
WITH f, collect(DISTINCT n) AS side
CALL (f, side) {
  UNWIND side AS b
  MATCH (u:Entity)-[r:PART_OF|BASED_IN]->(b)
  WHERE u IN side AND u <> b
    AND (type(r) = 'PART_OF' OR (b = f AND f:Country AND u:Agency))
    AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
         AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))))
  RETURN collect({source: u.id, target: b.id, type: type(r), kind: r.kind, role: r.role, since: r.since,
                  until: r.until, sources: r.sources, notes: r.notes, confidence: r.confidence}) AS links
}
RETURN [n IN side | {id: n.id, name: n.name, kind: [l IN labels(n) WHERE l <> 'Entity'][0], country: n.country}]
       AS nodes, links
