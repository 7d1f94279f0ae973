// How many entities the graph holds, from the database's count store (no scan): a load into a graph without any
// skips looking up what its rows would replace (loaders.write.plan).
// params: none
// columns: entities
MATCH (n:Entity)
RETURN count(n) AS entities
