"""Streamlit pages (thin layouts, no Cypher) and the widgets they share; the only package that imports streamlit."""
