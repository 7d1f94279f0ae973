// Save (or replace) a named network view: its URL state, focus, date, filters and arrangement.
// params: name, state (URL query string), focus, as_of, filters, saved_at, layout (JSON {id: [x, y]} or null), by
// columns: name
MERGE (v:SavedView {name: $name})
SET v.state = $state, v.focus = $focus, v.as_of = $as_of, v.filters = $filters, v.saved_at = $saved_at,
    v.layout = $layout, v.saved_by = $by
RETURN v.name AS name
