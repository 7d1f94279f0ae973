// Changes recorded after sequence number seq that touched any of ids and still stand (no undos, no undone merges).
// params: seq, ids (list)
// columns: id, kind, at, by, what
MATCH (c:Change) WHERE c.seq > $seq AND any(x IN c.entities WHERE x IN $ids)
  AND c.kind <> 'undo' AND c.undone_by IS NULL
RETURN c.id AS id, c.kind AS kind, c.at AS at, c.by AS by, c.what AS what
ORDER BY c.seq
