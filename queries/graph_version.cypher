// What changes whenever the graph does through the app or the loaders: counts from the count store and the
// newest load record (a reload that only updates properties writes a new one). Cheap: no label scan of entities.
// params: none
// columns: entities, links, latest_load
CALL () {
  MATCH (l:Load)
  RETURN max(l.at) AS latest_load
}
RETURN COUNT { (:Entity) } AS entities, COUNT { ()-[]->() } AS links, latest_load
