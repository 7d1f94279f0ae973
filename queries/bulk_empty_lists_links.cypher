// Set back to an empty list every REL_TYPE property the bulk importer wrote as the one-item marker list (it
// cannot write an empty list: loaders.bulk); run outside a transaction, in transactions of 10,000 links.
// params: prop (the property), marker (the one-item list), empty ({prop: []})
// columns: none
MATCH ()-[r:REL_TYPE]->()
WHERE r[$prop] = $marker
CALL (r) {
  SET r += $empty
} IN TRANSACTIONS OF 10000 ROWS
