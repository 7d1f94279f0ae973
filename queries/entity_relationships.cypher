// Every relationship of one entity, either direction, with its ends (a loop may come twice: same rid).
// params: id
// columns: rid, type, source, target, props
MATCH (:Entity {id: $id})-[r]-()
RETURN elementId(r) AS rid, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS props
