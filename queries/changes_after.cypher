// Changes recorded after sequence number seq that touched any of ids and still stand (no undos, nothing undone).
// params: seq, ids (list)
// columns: id, kind, at, by, what, title (what with names only)
MATCH (c:Change) WHERE c.seq > $seq AND any(x IN c.entities WHERE x IN $ids)
  AND c.kind <> 'undo' AND c.undone_by IS NULL
RETURN c.id AS id, c.kind AS kind, c.at AS at, c.by AS by, c.what AS what, coalesce(c.title, c.what) AS title
ORDER BY c.seq
