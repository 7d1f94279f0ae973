// Keep one batch of what a load replaced (its before-state, for an exact undo), in the load's own transaction.
// params: load_id, part (0, 1, ...), rows (JSON text: see loaders.write)
// columns: none
CREATE (:LoadUndo {load_id: $load_id, part: $part, rows: $rows})
