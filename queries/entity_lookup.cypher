// Every entity's id, name, aliases and kind, for resolving names in a load.
// params: none
// columns: id, name, aliases, kind
MATCH (n:Entity)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind
