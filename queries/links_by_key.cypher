// Relationships with the given keys, found from their indexed endpoints.
// params: rows (list of {key, source, target})
// columns: key, type, props
UNWIND $rows AS row
MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target})
WHERE r.key = row.key
RETURN r.key AS key, type(r) AS type, properties(r) AS props
