// Data-quality checks over the whole graph: each check, how many facts fail it, and a few examples.
// params: none
// columns: check, count, examples (names; a link as [from name, type, to name])
CALL () {
  MATCH (n:Entity) WHERE size(coalesce(n.sources, [])) = 0
  RETURN 'entities without a source' AS check, count(n) AS count, collect(n.name)[..5] AS examples
  UNION ALL
  MATCH (a:Entity)-[r]->(b:Entity) WHERE size(coalesce(r.sources, [])) = 0
  RETURN 'links without a source' AS check, count(r) AS count,
         collect([a.name, type(r), b.name])[..5] AS examples
  UNION ALL
  MATCH (a:Entity)-[r:RELATED_TO]->(b:Entity)
  RETURN 'links with wording the vocabulary does not know (RELATED_TO)' AS check, count(r) AS count,
         collect(a.name + ' ' + coalesce(r.kind, '?') + ' ' + b.name)[..5] AS examples
  UNION ALL
  MATCH (n:Entity) WHERE NOT (n)--()
  RETURN 'entities with no links' AS check, count(n) AS count, collect(n.name)[..5] AS examples
  UNION ALL
  MATCH (n:Entity) WHERE n.country_as_written IS NOT NULL
  RETURN 'country not recognised' AS check, count(n) AS count,
         collect(n.name + ' (' + n.country_as_written + ')')[..5] AS examples
  UNION ALL
  MATCH (n:Engagement) WHERE n.date IS NULL
  RETURN 'engagements without a date' AS check, count(n) AS count, collect(n.name)[..5] AS examples
}
RETURN check, count, examples
