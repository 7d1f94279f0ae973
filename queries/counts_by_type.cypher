// Number of links of each relationship type.
// params: none
// columns: type, links
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS type, count(*) AS links ORDER BY links DESC, type
