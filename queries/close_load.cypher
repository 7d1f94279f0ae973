// End the record of a load once every batch is written: what it changed, its problems, the entities it wrote or
// linked, and parts, the number of :LoadUndo batches that hold what it replaced (or null with note saying why it
// cannot be undone).
// params: id, summary (JSON text), problems (list of text), entities (list of ids), parts (or null), note (or null)
// columns: id
MATCH (l:Load {id: $id})
SET l.summary = $summary, l.problems = $problems, l.entities = $entities, l.undo_parts = $parts,
    l.undo_note = $note
REMOVE l.state, l.owner, l.beat
RETURN l.id AS id
