"""Named analyses: the pure analytics of `graph`, run by name on the graph that `queries` reads for a date.

May import `graph` and `queries`; pages, packs and commands call it.
"""
