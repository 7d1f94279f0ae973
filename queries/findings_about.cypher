// The findings about the given entities, newest first, with the name of the entity each is about.
// params: ids (list of strings)
// columns: id, about, about_name, kind, theme, level, text, date, closed, sources, loaded_from, load_id
MATCH (f:Finding) WHERE f.about IN $ids
MATCH (e:Entity {id: f.about})
RETURN f.id AS id, f.about AS about, e.name AS about_name, f.kind AS kind, f.theme AS theme, f.level AS level,
       f.text AS text, f.date AS date, f.closed AS closed, coalesce(f.sources, []) AS sources, f.loaded_from AS loaded_from,
       f.load_id AS load_id
ORDER BY coalesce(f.date, '') DESC, f.kind DESC, f.theme, f.id
