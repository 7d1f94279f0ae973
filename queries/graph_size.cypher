// Number of entities and of links between entities.
// params: none
// columns: entities, links
RETURN COUNT { (:Entity) } AS entities, COUNT { (:Entity)-[]->(:Entity) } AS links
