"""Read spreadsheets and exports, normalise and validate them, then write them to Neo4j."""
