// How many links of type REL_TYPE (queries.typed) the graph holds, from the database's count store (no scan): a
// load's links of a type the graph has none of skip looking up what they would replace (loaders.write.plan).
// params: none
// columns: links
MATCH ()-[r:REL_TYPE]->()
RETURN count(r) AS links
