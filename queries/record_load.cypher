// Record one load as a change: who, when, which files, what it changed, and the entities it wrote or linked;
// parts is the number of :LoadUndo batches that hold what it replaced (record_load_part), so it can be undone, or
// null with note saying why it cannot.
// params: id, at, by, files, summary (JSON text), problems (list of text), parts (or null), note (or null)
// columns: id
MERGE (k:ChangeCounter {name: 'changes'})
SET k.last = coalesce(k.last, 0) + 1
CREATE (l:Load:Change {id: $id, seq: k.last, kind: 'load', at: $at, by: $by, files: $files, summary: $summary,
                       problems: $problems, undo_parts: $parts, undo_note: $note,
                       what: 'loaded ' + reduce(s = '', f IN $files | s + CASE s WHEN '' THEN '' ELSE ', ' END + f)})
SET l.entities = COLLECT {
  MATCH (n:Entity) WHERE n.load_id = $id RETURN n.id AS id
  UNION
  MATCH (n:Entity)-[r]-(:Entity) WHERE r.load_id = $id RETURN n.id AS id
}
RETURN l.id AS id
