// What changes whenever the graph does through the app or the loaders: counts from the count store, the
// newest load record (a reload that only updates properties writes a new one) and the number of the latest change
// (every load, merge and undo takes the next one: an undo that restores the counts still changes it).
// Cheap: no label scan of entities.
// params: none
// columns: entities, links, latest_load, latest_change
CALL () {
  MATCH (l:Load)
  RETURN max(l.at) AS latest_load
}
CALL () {
  OPTIONAL MATCH (k:ChangeCounter {name: 'changes'})
  RETURN k.last AS latest_change
}
RETURN COUNT { (:Entity) } AS entities, COUNT { ()-[]->() } AS links, latest_load, latest_change
