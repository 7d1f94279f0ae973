// Whether the graph holds any node at all (a first load into an empty graph may use the bulk importer).
// params: none
// columns: holds
RETURN EXISTS { MATCH (n) } AS holds
