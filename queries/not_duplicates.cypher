// Every pair of entities remembered as not duplicates (a is the smaller id), with who said so and when.
// params: none
// columns: a, b, by, at
MATCH (d:NotDuplicate)
RETURN d.a AS a, d.b AS b, d.by AS by, d.at AS at ORDER BY a, b
