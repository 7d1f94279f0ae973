// Relationships of one type with the given keys (REL_TYPE: queries.typed), sought on the type's key index.
// The hint keeps that plan (an index seek per row, measured faster than expanding between the two ends); a batch
// asks this before it writes, so no relationship created in its transaction is in the index's way.
// params: rows (list of {key, source, target})
// columns: key, type, props
UNWIND $rows AS row
MATCH (a:Entity)-[r:REL_TYPE {key: row.key}]->(b:Entity)
USING INDEX r:REL_TYPE(key)
WHERE a.id = row.source AND b.id = row.target
RETURN r.key AS key, type(r) AS type, properties(r) AS props
