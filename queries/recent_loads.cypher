// The most recent loads, newest first.
// params: limit
// columns: id, at, by, files, summary, problems
MATCH (l:Load)
RETURN l.id AS id, l.at AS at, l.by AS by, l.files AS files, l.summary AS summary, l.problems AS problems
ORDER BY l.at DESC LIMIT $limit
