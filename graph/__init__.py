"""The stakeholder graph as pure Python: vocabulary, dates, filters and every analytic, as functions of networkx graphs.

Imports nothing of the project's other packages, nor neo4j, streamlit or pandas:
everything here runs and is tested without a database.
"""
