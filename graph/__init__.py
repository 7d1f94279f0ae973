"""Configuration, schema vocabulary and pure analytics of the stakeholder graph."""
