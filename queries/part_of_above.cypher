// The open part-of links above the given entities, up to 8 links up: what a load's part-of links could close a
// cycle with (loaders.cycles). Bounded by depth and by $limit rows, so a large graph is not read whole.
// params: ids (list of entity ids, the parents a load names), today (YYYY-MM-DD), limit (int)
// columns: source, source_name, target, target_name
MATCH (start:Entity) WHERE start.id IN $ids
MATCH (start)-[up:PART_OF*0..7]->(x:Entity)
WHERE all(link IN up WHERE link.until IS NULL OR link.until >= left($today, size(link.until)))
MATCH (x)-[r:PART_OF]->(y:Entity)
WHERE x <> y AND (r.until IS NULL OR r.until >= left($today, size(r.until)))
RETURN DISTINCT x.id AS source, x.name AS source_name, y.id AS target, y.name AS target_name
LIMIT $limit
