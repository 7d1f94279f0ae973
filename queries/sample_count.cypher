// Number of entities tagged as sample data.
// params: none
// columns: sample
MATCH (n:Entity) WHERE 'sample' IN coalesce(n.tags, [])
RETURN count(n) AS sample
