// Loads whose record is still 'writing': being written now, or stopped half-way (a lost database, a killed
// process); owner names the process (host:pid:token) and beat when it last wrote a batch.
// params: none
// columns: id, at, by, files, owner, beat, parts
MATCH (l:Load {state: 'writing'})
RETURN l.id AS id, l.at AS at, l.by AS by, l.files AS files, l.owner AS owner, l.beat AS beat,
       l.undo_parts AS parts
ORDER BY l.seq
