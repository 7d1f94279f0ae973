// Drop the record of a load whose batches were all taken back (its before-state first: delete_load_parts).
// params: load_id
// columns: deleted
MATCH (l:Load {id: $load_id})
DETACH DELETE l
RETURN count(*) AS deleted
