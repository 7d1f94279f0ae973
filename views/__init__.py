"""Streamlit pages: thin layouts over named queries and pure analytics."""
