// A shared network arrangement by its key (see save_arrangement.cypher).
// params: key
// columns: layout (JSON {id: [x, y]})
MATCH (a:Arrangement {key: $key})
RETURN a.layout AS layout
