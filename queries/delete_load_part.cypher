// Drop one before-state batch of a load once it has been taken back (so taking a stopped load back can resume).
// params: load_id, part
// columns: none
MATCH (p:LoadUndo {load_id: $load_id, part: $part})
DELETE p
