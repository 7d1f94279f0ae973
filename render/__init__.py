"""Rendering helpers for the Stakeholder Graph Explorer."""
