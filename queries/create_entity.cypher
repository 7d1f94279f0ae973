// Create one node with the given labels and properties (an undo recreating a merged duplicate).
// params: labels (list), props
// columns: id
CREATE (n)
SET n = $props, n:$($labels)
RETURN n.id AS id
