"""Profiles and briefing packs: the document model, its sections, assembly from the graph, and DOCX/Markdown/PDF.

May import `analyses`, `render`, `queries` and `graph`.
"""
