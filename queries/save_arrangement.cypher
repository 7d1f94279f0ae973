// Keep a network drawing's arrangement under a short key made from its content, for a shared link (network?xy=KEY).
// Saving the same arrangement again changes nothing but when it was last shared.
// params: key (12 hex digits of the layout's SHA-1), layout (JSON {id: [x, y]}), at (ISO timestamp), by
// columns: key
MERGE (a:Arrangement {key: $key})
ON CREATE SET a.layout = $layout, a.created_at = $at, a.created_by = $by
SET a.shared_at = $at
RETURN a.key AS key
