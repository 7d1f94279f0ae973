// The given entities with every stored property, and the active links among them, for exports.
// params: ids (list), as_of (ISO date or null), types (list or null for all)
// columns: nodes (list of {id, kind, props}), links (list of {source, target, type, props})
MATCH (n:Entity) WHERE n.id IN $ids
  AND ($as_of IS NULL OR coalesce(n.date, '') <= $as_of)
WITH collect(n) AS ns
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r]->(b:Entity) WHERE b IN ns
    AND ($types IS NULL OR type(r) IN $types)
    AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of)
         AND (r.until IS NULL OR r.until >= left($as_of, size(r.until)))))
  RETURN collect({source: a.id, target: b.id, type: type(r), props: properties(r)}) AS links
}
RETURN [n IN ns | {id: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0], props: properties(n)}] AS nodes, links
