"""Interactive charts for the pages, as Altair specifications drawn by Streamlit's bundled Vega (nothing from a CDN).

Names and notes reach Vega as data fields, which it draws as text, never as markup.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from graph.vocabulary import reading

SCORE_MEANS = "score = kinds of direct link + 1 if they engaged + agreements both are party to"
LABEL_WIDTH = 30  # characters per line of a home entity's name on the axis; longer names wrap, never cut
LINES = "split(datum.label, '\\n')"  # a constant expression: names stay data, never code


def coverage_cells(rows: list[dict]) -> pd.DataFrame:
    """The `graph.gaps.coverage` rows as chart cells, with list fields joined into words for the tooltip."""
    cells = pd.DataFrame(
        [
            {
                "home": r["home_name"],
                "home_label": "\n".join(textwrap.wrap(r["home_name"], LABEL_WIDTH)) or " ",
                "target": r["target_name"],
                "score": int(r["score"]),
                "links": ", ".join(reading(t) for t in r["direct_links"]),
                "last engagement": r["last_engagement"] or "",
                "through": ", ".join(r["via"]),
                "home units": ", ".join(r["home_via"]),
                "shared agreements": ", ".join(r["shared_agreements"]),
            }
            for r in rows
        ]
    )
    return cells


def coverage_heatmap(rows: list[dict]) -> alt.Chart:
    """Home entities (rows) by targets (columns), filled by score, full names on both axes.

    Empty pairs are white; the legend counts in whole numbers; the tooltip
    says which links, the last engagement and the units they came through.
    """
    cells = coverage_cells(rows)
    homes = list(dict.fromkeys(cells["home_label"]))
    targets = list(dict.fromkeys(cells["target"]))
    top = max(1, int(cells["score"].max()))
    return (
        alt.Chart(cells)
        .mark_rect(stroke="#dddddd")
        .encode(
            x=alt.X(
                "target:N",
                title="Target",
                sort=targets,
                axis=alt.Axis(labelAngle=-40, labelLimit=0, labelOverlap=False),
            ),
            y=alt.Y(
                "home_label:N",
                title="Home",
                sort=homes,
                axis=alt.Axis(labelLimit=0, labelOverlap=False, labelExpr=LINES, labelFontSize=11, labelLineHeight=13),
            ),
            color=alt.condition(
                alt.datum.score == 0,
                alt.value("#ffffff"),
                alt.Color(
                    "score:Q",
                    title="Score",
                    scale=alt.Scale(scheme="blues", domain=[0, top]),
                    legend=alt.Legend(format="d", tickMinStep=1, values=list(range(1, top + 1))),
                ),
            ),
            tooltip=[
                alt.Tooltip(name, type="quantitative" if name == "score" else "nominal")
                for name in ("home", "target", "score", "links", "last engagement", "through", "home units")
            ]
            + [alt.Tooltip("shared agreements:N")],
        )
        .properties(height=alt.Step(34))  # room for a name on two lines
    )
