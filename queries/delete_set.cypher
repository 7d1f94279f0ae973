// Delete a named set.
// params: name
// columns: deleted
MATCH (s:SavedSet {name: $name}) DETACH DELETE s
RETURN count(*) AS deleted
