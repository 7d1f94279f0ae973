// The most recent loads of files (not the app's edits, :Load changes of kind 'edit'), newest first, and the
// undo that reverted each (or null).
// params: limit
// columns: id, at, by, files, summary, problems, undone_by, state ('writing': not finished, see loaders.write)
MATCH (l:Load) WHERE coalesce(l.kind, 'load') = 'load'
RETURN l.id AS id, l.at AS at, l.by AS by, l.files AS files, l.summary AS summary, l.problems AS problems,
       l.undone_by AS undone_by, l.state AS state
ORDER BY l.at DESC, coalesce(l.seq, 0) DESC LIMIT $limit
