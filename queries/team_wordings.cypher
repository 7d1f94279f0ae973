// The team's vocabulary: kind and relationship wording users mapped to a kind or relationship type.
// params: none
// columns: what (kind or relationship), text, maps_to, reverse (read backwards), by, at (ISO timestamp)
MATCH (w:Wording)
RETURN w.what AS what, w.text AS text, w.maps_to AS maps_to, coalesce(w.reverse, false) AS reverse,
       w.by AS by, w.at AS at
ORDER BY what, toLower(text)
