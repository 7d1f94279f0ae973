// Saved network views, by name.
// params: none
// columns: name, state, focus, as_of, filters, saved_at, layout (JSON {id: [x, y]} or null)
MATCH (v:SavedView)
RETURN v.name AS name, v.state AS state, v.focus AS focus, v.as_of AS as_of, v.filters AS filters,
       v.saved_at AS saved_at, v.layout AS layout ORDER BY name
