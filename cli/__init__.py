"""Headless commands: ``python -m queries`` (analyses and briefing packs); may import every layer but the pages."""
