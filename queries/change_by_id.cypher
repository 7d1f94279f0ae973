// Changes whose id is, or starts with, the given text (the full id or its first characters).
// params: id
// columns: id, seq, kind, at, by, what, title, entities, undo, undone_by, parts (a load's before-state batches, or
//          null for a load recorded without one), note (why a load has none), files, summary, state ('writing' for
//          a load not finished: being written, or stopped half-way)
MATCH (c) WHERE (c:Change OR c:Load) AND c.id STARTS WITH $id
RETURN c.id AS id, c.seq AS seq, coalesce(c.kind, 'load') AS kind, c.at AS at, c.by AS by, c.what AS what,
       coalesce(c.title, c.what) AS title, c.entities AS entities, c.undo AS undo, c.undone_by AS undone_by,
       c.undo_parts AS parts, c.undo_note AS note, c.files AS files, c.summary AS summary, c.state AS state
ORDER BY c.id LIMIT 10
