"""Outputs that do not need a database: the offline network drawing, static pictures, tables and view exports.

May import `graph` only.
"""
