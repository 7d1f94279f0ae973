// Remember that two entities are not duplicates of each other, with who and when; one record per unordered pair, so
// saying it again changes nothing (the first who and when are kept). No row when either entity does not exist.
// params: a, b (entity ids), by, at (ISO timestamp)
// columns: a, b, by, at, created
MATCH (x:Entity {id: $a}), (y:Entity {id: $b})
WHERE x <> y
WITH CASE WHEN x.id < y.id THEN [x.id, y.id] ELSE [y.id, x.id] END AS ids
WITH ids, ids[0] + '\u001f' + ids[1] AS pair
OPTIONAL MATCH (old:NotDuplicate {pair: pair})
WITH ids, pair, old IS NULL AS created
MERGE (d:NotDuplicate {pair: pair})
ON CREATE SET d.a = ids[0], d.b = ids[1], d.by = $by, d.at = $at
RETURN d.a AS a, d.b AS b, d.by AS by, d.at AS at, created
