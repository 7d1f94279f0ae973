// Constraints and indexes, created idempotently; the one file of several statements (split on ";").
// params: none
// columns: none
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT load_id IF NOT EXISTS FOR (l:Load) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT saved_set_name IF NOT EXISTS FOR (s:SavedSet) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT not_duplicate_pair IF NOT EXISTS FOR (d:NotDuplicate) REQUIRE d.pair IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_country IF NOT EXISTS FOR (n:Entity) ON (n.country);
CREATE INDEX entity_priority IF NOT EXISTS FOR (n:Entity) ON (n.priority);
CREATE INDEX agency_id IF NOT EXISTS FOR (n:Agency) ON (n.id);
CREATE INDEX ngo_id IF NOT EXISTS FOR (n:NGO) ON (n.id);
CREATE INDEX company_id IF NOT EXISTS FOR (n:Company) ON (n.id);
CREATE INDEX international_organisation_id IF NOT EXISTS FOR (n:InternationalOrganisation) ON (n.id);
CREATE INDEX forum_id IF NOT EXISTS FOR (n:Forum) ON (n.id);
CREATE INDEX program_id IF NOT EXISTS FOR (n:Program) ON (n.id);
CREATE INDEX country_id IF NOT EXISTS FOR (n:Country) ON (n.id);
CREATE INDEX agreement_id IF NOT EXISTS FOR (n:Agreement) ON (n.id);
CREATE INDEX engagement_date IF NOT EXISTS FOR (n:Engagement) ON (n.date);
CREATE INDEX load_at IF NOT EXISTS FOR (l:Load) ON (l.at);
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT change_counter IF NOT EXISTS FOR (k:ChangeCounter) REQUIRE k.name IS UNIQUE;
CREATE INDEX change_seq IF NOT EXISTS FOR (c:Change) ON (c.seq);
CREATE INDEX load_undo_load IF NOT EXISTS FOR (p:LoadUndo) ON (p.load_id);
CREATE INDEX entity_load_id IF NOT EXISTS FOR (n:Entity) ON (n.load_id);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases_text, n.id];
CREATE CONSTRAINT saved_view_name IF NOT EXISTS FOR (v:SavedView) REQUIRE v.name IS UNIQUE;
CREATE CONSTRAINT arrangement_key IF NOT EXISTS FOR (a:Arrangement) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT column_mapping_key IF NOT EXISTS FOR (m:ColumnMapping) REQUIRE m.headers_key IS UNIQUE;
CREATE CONSTRAINT wording_key IF NOT EXISTS FOR (w:Wording) REQUIRE w.key IS UNIQUE;
CREATE CONSTRAINT finding_id IF NOT EXISTS FOR (f:Finding) REQUIRE f.id IS UNIQUE;
CREATE INDEX finding_about IF NOT EXISTS FOR (f:Finding) ON (f.about);
CREATE INDEX finding_load_id IF NOT EXISTS FOR (f:Finding) ON (f.load_id);
