// Forget the before-state batches of a load (taken back, or one that cannot keep its before-state as JSON).
// params: load_id
// columns: deleted
MATCH (p:LoadUndo {load_id: $load_id})
DELETE p
RETURN count(*) AS deleted
