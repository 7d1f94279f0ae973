// Remember column mappings, one per header set; saving the same mapping again changes nothing (its who and when
// stay), a different one replaces it.
// params: rows (list of {headers_key, mapping (JSON text)}), by, at (ISO timestamp)
// columns: headers_key, changed
UNWIND $rows AS row
MERGE (m:ColumnMapping {headers_key: row.headers_key})
WITH m, row, coalesce(m.mapping <> row.mapping, true) AS changed
SET m.mapping = row.mapping,
    m.by = CASE WHEN changed THEN $by ELSE m.by END,
    m.at = CASE WHEN changed THEN $at ELSE m.at END
RETURN m.headers_key AS headers_key, changed
