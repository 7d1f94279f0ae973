// Engagements with a follow-up not marked done, the earliest due first, with who took part (names).
// params: limit
// columns: id, title, date, due, owner, with (list of names, in order)
MATCH (e:Engagement) WHERE e.follow_up_due IS NOT NULL AND e.follow_up_done IS NULL
OPTIONAL MATCH (p:Entity)-[:PARTICIPATED_IN]->(e)
WITH e, p ORDER BY p.name
WITH e, collect(p.name) AS names
RETURN e.id AS id, coalesce(e.title, e.name) AS title, e.date AS date, e.follow_up_due AS due,
       e.follow_up_owner AS owner, names AS with
ORDER BY due, title LIMIT $limit
