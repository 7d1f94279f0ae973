// Remove the nodes the bulk importer's catch-up made (loaders.bulk).
// params: none
// columns: none
MATCH (t:ImportCatchUp)
DELETE t
