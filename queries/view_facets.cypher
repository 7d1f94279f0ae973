// What the network filters offer: regions, tags, and the earliest and latest link dates in the data.
// params: none
// columns: regions, tags, first, last
CALL () { MATCH (n:Entity) WHERE n.region IS NOT NULL RETURN collect(DISTINCT n.region) AS regions }
CALL () { MATCH (n:Entity) UNWIND coalesce(n.tags, []) AS tag RETURN collect(DISTINCT tag) AS tags }
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  UNWIND [d IN [r.since, r.until] WHERE d IS NOT NULL] AS d
  RETURN min(d) AS first, max(d) AS last
}
RETURN regions, tags, first, last
