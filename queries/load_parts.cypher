// The before-state batches of a load, in the order they were written (see loaders.write).
// params: load_id
// columns: part, rows (JSON text)
MATCH (p:LoadUndo {load_id: $load_id})
RETURN p.part AS part, p.rows AS rows
ORDER BY p.part
