// Record one load: who, when, which files and what it changed.
// params: id, at, by, files, summary (JSON text), problems (list of text)
// columns: id
CREATE (l:Load {id: $id, at: $at, by: $by, files: $files, summary: $summary, problems: $problems})
RETURN l.id AS id
