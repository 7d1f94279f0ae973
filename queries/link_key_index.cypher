// An index on the key of one relationship type (REL_TYPE: queries.typed), so a load finds a link by its key.
// params: none
// columns: none
CREATE INDEX link_key_index_name IF NOT EXISTS FOR ()-[r:REL_TYPE]-() ON (r.key)
