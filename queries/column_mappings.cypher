// Column mappings saved per header set: what a table with those headers holds and how each header reads.
// params: none
// columns: headers_key (JSON list of the folded headers), mapping (JSON text), by, at (ISO timestamp)
MATCH (m:ColumnMapping)
RETURN m.headers_key AS headers_key, m.mapping AS mapping, m.by AS by, m.at AS at
ORDER BY at DESC, headers_key
