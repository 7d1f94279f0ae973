// Number of entities of each kind.
// params: none
// columns: kind, entities
MATCH (n:Entity)
WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, count(*) AS entities
RETURN kind, entities ORDER BY entities DESC, kind
