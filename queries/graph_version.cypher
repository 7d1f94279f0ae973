// What changes whenever the graph does through the app or the loaders: counts from the count store, and the
// place of the newest change (every load, merge and undo takes the next number from the one counter, and the
// count of loads moves even when two loads fall in the same second), with that change's id (a database wiped
// and loaded again counts from 1 again, with other ids). Cheap: no scan of entities or links.
// params: none
// columns: entities, links, loads, last_change, last_id
CALL () {
  OPTIONAL MATCH (k:ChangeCounter {name: 'changes'})
  OPTIONAL MATCH (c:Change {seq: k.last})
  RETURN k.last AS last_change, c.id AS last_id
}
RETURN COUNT { (:Entity) } AS entities, COUNT { ()-[]->() } AS links, COUNT { (:Load) } AS loads, last_change,
       last_id
