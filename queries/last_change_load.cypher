// The graph's newest change when it is a load (nothing otherwise): what a reload of the same files compares its
// fingerprint with (loaders.unchanged). An index seek on the change order, no scan.
// params: none
// columns: id, at, by, state, fingerprint, fingerprint_day, summary, problem_list
MATCH (k:ChangeCounter {name: 'changes'})
MATCH (l:Load:Change {seq: k.last})
WHERE l.kind = 'load'
RETURN l.id AS id, l.at AS at, l.by AS by, l.state AS state, l.fingerprint AS fingerprint,
       l.fingerprint_day AS fingerprint_day, l.summary AS summary,
       l.problem_list AS problem_list
