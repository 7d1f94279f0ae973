// Changes (loads, edits, merges, deletes, undos) newest first, a page at a time; with entity, only those that
// touched it; with kinds, only those; with by, only those whose author contains it (any case).
// params: entity (id or null), limit, kinds (list of change kinds, or null), by (text or null), skip (default 0)
// columns: id, seq, kind, at, by, what, title, files, counts, summary, undone_by, undoes
MATCH (c) WHERE (c:Change OR c:Load) AND ($entity IS NULL OR $entity IN c.entities)
  AND ($kinds IS NULL OR coalesce(c.kind, 'load') IN $kinds)
  AND ($by IS NULL OR toLower(coalesce(c.by, '')) CONTAINS toLower($by))
RETURN c.id AS id, c.seq AS seq, coalesce(c.kind, 'load') AS kind, c.at AS at, c.by AS by,
       c.what AS what, c.title AS title, c.files AS files,
       c.counts AS counts, c.summary AS summary, c.undone_by AS undone_by, c.undoes AS undoes
ORDER BY coalesce(c.seq, 0) DESC, c.at DESC
SKIP $skip
LIMIT $limit
