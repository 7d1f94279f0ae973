"""Merging what several rows, or a row and the database, say about one entity or link, losing nothing.

Rows of one load that describe the same entity (the same id, or a row that resolved to it) or the same link
(same type, ends, start date and kind) become one row:

- list cells (aliases, tags, sources) are united, in order;
- free text (a link's ``notes``, an entity's ``description`` and an engagement's ``summary``) keeps every row's
  text: one text stays as it is, different texts are joined with the row each came from,
  ``connections.csv:12: first note; connections.csv:40: second note`` (the same text twice is kept once);
- any other value: the later row's non-blank value wins, and the merge warning names the value it replaced
  (a replaced name that is not the same name written differently stays findable as an alias);
- ``loaded_from`` names every row (`loaders.model.EntityRow.loaded_from`).

A load that updates an entity or link already in the database (`merge_props`, `replaced_text`): blank cells
never erase a stored value, lists are united, and a new non-blank value replaces the stored one. Stored free
text is kept when the new row has none; when the new row's text differs, it replaces the stored text and the
report says so with the stored text, so that nothing is lost without a word.
"""

from __future__ import annotations

from loaders.identity import fold_name
from loaders.model import EntityRow, FindingRow, LinkRow, Problem, origin_label

JOINED = ("notes", "description", "summary")
TEXT_WORD = {"notes": "note", "description": "description"}  # free text whose replacement a load reports
FINDING_TEXT = {"text": "finding"}  # a finding's statement (`loaders.findings`), joined and reported as those are

Row = EntityRow | LinkRow | FindingRow


def _texts(row: Row) -> dict[str, str]:
    """The free texts of `row` that are joined and whose replacement is reported, each with its word."""
    return FINDING_TEXT if isinstance(row, FindingRow) else TEXT_WORD


def merge_props(old: dict, new: dict) -> dict:
    """Merge two property maps: lists are united in order, non-blank scalars of `new` win."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, list):
            merged[key] = list(dict.fromkeys([*(old.get(key) or []), *value]))
        elif value not in ("", None):
            merged[key] = value
    return merged


def _joined(parts: list[tuple[str, str]]) -> str:
    if len(parts) == 1:
        return parts[0][1]
    return "; ".join(f"{where}: {text}" for where, text in parts)


def merge_rows(earlier: Row, later: Row) -> list[str]:
    """Fold `later` into `earlier` in place, keeping every row's text, and say which values were replaced.

    Returns
    -------
    list of str
        ``"confidence 'high' replaced by 'low'"`` for each value of `earlier` that `later` replaced.
    """
    replaced = []
    joined = FINDING_TEXT if isinstance(earlier, FindingRow) else JOINED
    for key, value in later.props.items():
        old = earlier.props.get(key)
        if key in joined and isinstance(value, str):
            parts = earlier.texts.setdefault(key, [(origin_label(earlier.origin), old)] if old else [])
            if value not in (text for _, text in parts):
                parts.append((origin_label(later.origin), value))
            earlier.props[key] = _joined(parts)
        elif isinstance(value, list):
            earlier.props[key] = list(dict.fromkeys([*(old or []), *value]))
        elif value not in ("", None):
            if old not in ("", None) and old != value:
                replaced.append(f"{key} {old!r} replaced by {value!r}")
                if key == "name" and fold_name(old) != fold_name(value):
                    earlier.props["aliases"] = list(dict.fromkeys([*earlier.props.get("aliases", []), old]))
            earlier.props[key] = value
    if later.columns.keys() - earlier.columns.keys():  # a new dict: rows of one table share theirs (validation)
        earlier.columns = earlier.columns | {k: h for k, h in later.columns.items() if k not in earlier.columns}
    earlier.merged_from += [later.origin, *later.merged_from]
    return replaced


def replaced_text(row: Row, stored: dict | None) -> list[Problem]:
    """A warning for each stored free text (a note, a description, a finding) that `row` replaces with another."""
    problems = []
    for key, word in _texts(row).items():
        old, new = (stored or {}).get(key), row.props.get(key)
        if old and new and old != new:
            problems.append(
                Problem(
                    "warning",
                    row.origin[0],
                    row.origin[1],
                    row.columns.get(key, key),
                    f"{word} replaced; the stored {word} was: {old!r}",
                )
            )
    return problems
