// Changes whose id is, or starts with, the given text (the full id or its first characters).
// params: id
// columns: id, seq, kind, at, by, what, entities, undo, undone_by
MATCH (c) WHERE (c:Change OR c:Load) AND c.id STARTS WITH $id
RETURN c.id AS id, c.seq AS seq, coalesce(c.kind, 'load') AS kind, c.at AS at, c.by AS by, c.what AS what,
       c.entities AS entities, c.undo AS undo, c.undone_by AS undone_by
ORDER BY c.id LIMIT 10
