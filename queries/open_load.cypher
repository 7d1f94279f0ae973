// Open the record of a load before its first batch: its place in the change order, who, when, which files, and
// state 'writing' with the process that writes it (owner), until close_load ends it; a record still 'writing'
// whose owner is gone is a load that stopped half-way (loaders.recover takes its batches back).
// params: id, at, by, files, owner, kind ('load', or 'edit' for a form in the app), what, title (null: 'loaded'
//         and the files)
// columns: id, seq
MERGE (k:ChangeCounter {name: 'changes'})
SET k.last = coalesce(k.last, 0) + 1
CREATE (l:Load:Change {id: $id, seq: k.last, kind: $kind, at: $at, by: $by, files: $files, state: 'writing',
                       owner: $owner, beat: $at, undo_parts: 0,
                       what: coalesce($what, 'loaded ' + reduce(s = '', f IN $files |
                                                                 s + CASE s WHEN '' THEN '' ELSE ', ' END + f)),
                       title: $title})
RETURN l.id AS id, l.seq AS seq
