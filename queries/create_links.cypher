// Create relationships with exactly the given properties between existing entities.
// params: rows (list of {type, source, target, props})
// columns: created
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
