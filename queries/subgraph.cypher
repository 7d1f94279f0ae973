// The given entities and the active links among them, for drawing.
// params: ids (list), as_of (ISO date or null), types (list or null for all)
// columns: nodes (list of maps), links (list of maps)
MATCH (n:Entity) WHERE n.id IN $ids
  AND ($as_of IS NULL OR coalesce(n.date, '') <= $as_of)
WITH collect(n) AS ns
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r]->(b:Entity) WHERE b IN ns
    AND ($types IS NULL OR type(r) IN $types)
    AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
         AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))))
  RETURN collect({source: a.id, target: b.id, type: type(r), kind: r.kind, role: r.role, since: r.since,
                  until: r.until, sources: r.sources, notes: r.notes, confidence: r.confidence}) AS links
}
RETURN [n IN ns | {id: n.id, name: n.name, kind: [l IN labels(n) WHERE l <> 'Entity'][0], country: n.country,
        region: n.region, description: n.description, sources: n.sources, priority: n.priority, date: n.date,
        tags: n.tags}] AS nodes, links
