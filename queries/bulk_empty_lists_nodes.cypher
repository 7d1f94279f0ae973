// Set back to an empty list every node property the bulk importer wrote as the one-item marker list (it cannot
// write an empty list: loaders.bulk); run outside a transaction, in transactions of 10,000 nodes.
// params: prop (the property), marker (the one-item list), empty ({prop: []})
// columns: none
MATCH (n)
WHERE n[$prop] = $marker
CALL (n) {
  SET n += $empty
} IN TRANSACTIONS OF 10000 ROWS
