// Changes (loads, merges, undos) newest first; with entity, only those that touched it; with kinds, only those.
// params: entity (id or null), limit, kinds (list of 'load', 'merge', 'undo', or null)
// columns: id, seq, kind, at, by, what, title, files, counts, summary, undone_by, undoes
MATCH (c) WHERE (c:Change OR c:Load) AND ($entity IS NULL OR $entity IN c.entities)
  AND ($kinds IS NULL OR coalesce(c.kind, 'load') IN $kinds)
RETURN c.id AS id, c.seq AS seq, coalesce(c.kind, 'load') AS kind, c.at AS at, c.by AS by,
       c.what AS what, c.title AS title, c.files AS files,
       c.counts AS counts, c.summary AS summary, c.undone_by AS undone_by, c.undoes AS undoes
ORDER BY coalesce(c.seq, 0) DESC, c.at DESC
LIMIT $limit
