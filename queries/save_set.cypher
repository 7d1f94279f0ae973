// Save (or replace) a named set.
// params: name, filter, description, saved_at
// columns: name
MERGE (s:SavedSet {name: $name})
SET s.filter = $filter, s.description = $description, s.saved_at = $saved_at
RETURN s.name AS name
