"""Files to graph writes: read spreadsheets and exports, normalise, validate, plan, then write to Neo4j.

May import `graph` and `queries`; nothing that draws or serves pages.
"""
