// Saved sets: a name and the filter line that defines it.
// params: none
// columns: name, filter, description, saved_at
MATCH (s:SavedSet)
RETURN s.name AS name, s.filter AS filter, s.description AS description, s.saved_at AS saved_at ORDER BY name
