// Ids of every entity (used to draw the whole graph when it is small).
// params: none
// columns: id
MATCH (n:Entity) RETURN n.id AS id
