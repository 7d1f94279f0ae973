// Keep one batch of what a load replaced (its before-state, for an exact undo), in the batch's own transaction,
// and count it on the load's record (with the time, so a load still writing is seen to be alive).
// params: load_id, part (0, 1, ...), rows (JSON text: see loaders.write), at
// columns: none
CREATE (:LoadUndo {load_id: $load_id, part: $part, rows: $rows})
WITH 1 AS done
MATCH (l:Load {id: $load_id})
SET l.undo_parts = $part + 1, l.beat = $at
