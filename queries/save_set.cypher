// Save (or replace) a named set, with who saved it.
// params: name, filter, description, saved_at, by
// columns: name
MERGE (s:SavedSet {name: $name})
SET s.filter = $filter, s.description = $description, s.saved_at = $saved_at, s.saved_by = $by
RETURN s.name AS name
