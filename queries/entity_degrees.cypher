// Entities with the given ids: name, kind, how many links each has and where it was loaded from (to choose which
// of a likely duplicate pair to keep).
// params: ids (list)
// columns: id, name, kind, links, loaded_from
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, COUNT { (n)--() } AS links,
       n.loaded_from AS loaded_from
