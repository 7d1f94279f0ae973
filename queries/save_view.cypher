// Save (or replace) a named network view: its URL state, focus, date and filters.
// params: name, state (URL query string), focus, as_of, filters, saved_at
// columns: name
MERGE (v:SavedView {name: $name})
SET v.state = $state, v.focus = $focus, v.as_of = $as_of, v.filters = $filters, v.saved_at = $saved_at
RETURN v.name AS name
