// Remember wording in the team's vocabulary, one per kind or relationship wording (key: what and folded text);
// saving the same reading again changes nothing (its who and when stay), a different one replaces it.
// params: rows (list of {key, what, text, maps_to, reverse}), by, at (ISO timestamp)
// columns: text, changed
UNWIND $rows AS row
MERGE (w:Wording {key: row.key})
WITH w, row, coalesce(w.maps_to <> row.maps_to OR w.reverse <> row.reverse, true) AS changed
SET w.what = row.what,
    w.text = CASE WHEN changed THEN row.text ELSE w.text END,
    w.maps_to = row.maps_to,
    w.reverse = row.reverse,
    w.by = CASE WHEN changed THEN $by ELSE w.by END,
    w.at = CASE WHEN changed THEN $at ELSE w.at END
RETURN w.text AS text, changed
