// Relationships of one type with the given keys, found from their indexed endpoints (REL_TYPE: queries.typed).
// params: rows (list of {key, source, target})
// columns: key, type, props
UNWIND $rows AS row
MATCH (:Entity {id: row.source})-[r:REL_TYPE {key: row.key}]->(:Entity {id: row.target})
RETURN r.key AS key, type(r) AS type, properties(r) AS props
