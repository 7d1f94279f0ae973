// Delete a saved network view.
// params: name
// columns: deleted
MATCH (v:SavedView {name: $name}) DETACH DELETE v
RETURN count(*) AS deleted
