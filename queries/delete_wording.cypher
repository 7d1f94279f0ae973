// Forget one wording of the team's vocabulary (key: what and folded text).
// params: key
// columns: text
MATCH (w:Wording {key: $key})
WITH w, w.text AS text
DELETE w
RETURN text
