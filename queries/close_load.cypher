// End the record of a load once every batch is written: what it changed, its problems, the entities it wrote or
// linked, and parts, the number of :LoadUndo batches that hold what it replaced (or null with note saying why it
// cannot be undone); and, for a reload of the same files to compare with (loaders.unchanged), its fingerprint, the
// day it counts on (null: any day) and its problems as JSON (each null when it keeps none).
// params: id, summary (JSON text), problems (list of text), entities (list of ids), parts (or null), note (or null),
//         fingerprint, fingerprint_day, problem_list (JSON text) (each or null)
// columns: id
MATCH (l:Load {id: $id})
SET l.summary = $summary, l.problems = $problems, l.entities = $entities, l.undo_parts = $parts,
    l.undo_note = $note, l.fingerprint = $fingerprint,
    l.fingerprint_day = $fingerprint_day, l.problem_list = $problem_list
REMOVE l.state, l.owner, l.beat
RETURN l.id AS id
