// One small transaction of the bulk importer's catch-up (loaders.bulk: the new store's transaction ids carried on
// from the old one's, so that drivers' bookmarks hold); each makes its own node, so no lock is shared.
// params: none
// columns: none
CREATE (:ImportCatchUp)
