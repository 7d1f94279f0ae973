// Record one change (a merge or an undo) with the next sequence number; an undo marks the change it reverts.
// params: id, kind, at, by, what, title (what with names only), counts (JSON text), entities (list of ids), undo (JSON text or null), undoes (change id or null)
// columns: id, seq
MERGE (k:ChangeCounter {name: 'changes'})
SET k.last = coalesce(k.last, 0) + 1
CREATE (c:Change {id: $id, seq: k.last, kind: $kind, at: $at, by: $by, what: $what, title: $title,
                  counts: $counts,
                  entities: $entities, undo: $undo, undoes: $undoes})
WITH c
OPTIONAL MATCH (m:Change {id: $undoes})
SET m.undone_by = $id
RETURN c.id AS id, c.seq AS seq
