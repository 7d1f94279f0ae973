// Take the write lock on entities at the start of a transaction, so nobody changes them until it ends.
// params: ids (list)
// columns: id
MATCH (n:Entity) WHERE n.id IN $ids
SET n.id = n.id
RETURN n.id AS id
