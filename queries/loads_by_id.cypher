// The load records with the given ids (for citing where a fact came from).
// params: ids (list)
// columns: id, at, by, files
MATCH (l:Load) WHERE l.id IN $ids
RETURN l.id AS id, l.at AS at, l.by AS by, l.files AS files
