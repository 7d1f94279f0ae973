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


MAP_CELLS = 4_000  # cells the coverage map draws at most: 686 home entities x 200 targets would be 23,000 px tall


def mapped(rows: list[dict]) -> tuple[list[dict], int, int]:
    """The `graph.gaps.coverage` rows the map draws, how many home entities it draws and how many there are.

    Every row when there are at most `MAP_CELLS`; else the home entities with the most coverage (the highest total
    score, then the most targets with any, then by name), as many as fit with every target, in the rows' order.
    """
    homes: dict[str, list[float]] = {}
    for r in rows:
        total = homes.setdefault(_home(r), [0.0, 0.0])
        total[0] += r["score"]
        total[1] += r["score"] > 0
    if len(rows) <= MAP_CELLS:
        return rows, len(homes), len(homes)
    names = {_home(r): r["home_name"] for r in rows}
    fit = max(1, MAP_CELLS * len(homes) // len(rows))
    kept = set(sorted(homes, key=lambda h: (-homes[h][0], -homes[h][1], names[h]))[:fit])
    return [r for r in rows if _home(r) in kept], len(kept), len(homes)


def _home(row: dict) -> str:
    """The home entity of a coverage row: its id, or its name in rows that carry none."""
    return row.get("home", row["home_name"])


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


GRID_POINT = "grid-point"  # the selection a click on a point of the priority grid sets


def grid_points(rows: list[dict]) -> pd.DataFrame:
    """The `graph.priority_grid` rows as points; names are data fields (drawn as text)."""
    return pd.DataFrame(
        [
            {
                "id": r["target"],
                "name": r["target_name"],
                "x": float(r["x"]),
                "y": float(r["y"]),
                "quadrant": r["quadrant"],
                "advice": r["advice"],
                "before_x": None if r.get("before_x") is None else float(r["before_x"]),
                "before_y": None if r.get("before_y") is None else float(r["before_y"]),
                "then": r.get("before_quadrant") or "",
            }
            for r in rows
        ]
    )


SPOT_NAMES = 2  # names a point standing for several targets shows beside it, then "+N"


def grid_spots(points: pd.DataFrame) -> pd.DataFrame:
    """The points of the grid, one per place: targets at the same (x, y) share one point (drawn larger) whose label
    names the first `SPOT_NAMES` by name and counts the rest, and whose tooltip names them all; a click on it
    opens the first."""
    spots = []
    for (x, y), here in points.sort_values("name", key=lambda s: s.str.casefold()).groupby(["x", "y"], sort=False):
        names = here["name"].tolist()
        more = len(names) - SPOT_NAMES
        spots.append(
            {
                "id": here["id"].iloc[0],
                "x": x,
                "y": y,
                "name": ", ".join(names[:SPOT_NAMES]) + (f" +{more}" if more > 0 else ""),
                "names": ", ".join(names),
                "targets": len(names),
                "quadrant": here["quadrant"].iloc[0],  # one place is in one quadrant
                "advice": here["advice"].iloc[0],
            }
        )
    return pd.DataFrame(spots)


def _spread(values: list[float]) -> tuple[float, float]:
    """The lowest and highest of `values`, one apart at least when they are all the same (every target with no
    betweenness, say): the quadrant labels then sit at two ends instead of on top of each other."""
    low, high = min(values), max(values)
    if low == high:
        low, high = (max(0.0, low - 1) if low >= 0 else low - 1), high + 1
    return low, high


def priority_grid(rows: list[dict], x_title: str, y_title: str) -> alt.LayerChart:
    """Targets as points on the two axes, the splits as rules, each quadrant labelled with its advice.

    With earlier positions (``before_x``), a grey line runs from each earlier
    point (hollow) to the current one.  A click on a point selects its ``id``
    (selection `GRID_POINT`).
    """
    points = grid_points(rows)
    x_cut, y_cut = float(rows[0]["x_split"]), float(rows[0]["y_split"])
    fewer_y = rows[0]["y_axis"] == "recency"  # fewer days is more engaged: high engagement is at the bottom
    x_all = [*points["x"], *points["before_x"].dropna(), x_cut]
    y_all = [*points["y"], *points["before_y"].dropna(), y_cut]
    (x_lo, x_hi), (y_lo, y_hi) = _spread(x_all), _spread(y_all)
    pick = alt.selection_point(name=GRID_POINT, fields=["id"], on="click")
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(nice=True, zero=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(nice=True, zero=False))
    tooltip = [
        alt.Tooltip("names:N", title="Targets"),
        alt.Tooltip("targets:Q", title="How many"),
        alt.Tooltip("quadrant:N", title="Quadrant"),
        alt.Tooltip("advice:N", title="Advice"),
        alt.Tooltip("x:Q", title=x_title),
        alt.Tooltip("y:Q", title=y_title),
    ]
    layers: list[alt.Chart] = []
    earlier = points.dropna(subset=["before_x", "before_y"])
    if not earlier.empty:
        base = alt.Chart(earlier)
        layers += [
            base.mark_rule(color="#aaaaaa").encode(x="before_x:Q", y="before_y:Q", x2="x:Q", y2="y:Q"),
            base.mark_point(color="#888888", filled=False, size=50).encode(
                x="before_x:Q", y="before_y:Q", tooltip=[alt.Tooltip("name:N", title="Target"), "then:N"]
            ),
        ]
    lines = pd.DataFrame([{"x": x_cut, "y": y_cut}])
    layers += [
        alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#999999").encode(x="x:Q"),
        alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#999999").encode(y="y:Q"),
    ]
    top, bottom = (y_lo, y_hi) if fewer_y else (y_hi, y_lo)
    labels = pd.DataFrame(
        [
            {"x": x_hi, "y": bottom, "label": "Build", "align": "right"},
            {"x": x_hi, "y": top, "label": "Maintain", "align": "right"},
            {"x": x_lo, "y": top, "label": "Review", "align": "left"},
            {"x": x_lo, "y": bottom, "label": "Watch", "align": "left"},
        ]
    )
    for align in ("left", "right"):
        layers.append(
            alt.Chart(labels[labels["align"] == align])
            .mark_text(align=align, fontWeight="bold", color="#666666", dy=-8)
            .encode(x="x:Q", y="y:Q", text="label:N")
        )
    spots = grid_spots(points)
    layers.append(
        alt.Chart(spots)
        .mark_circle()
        .encode(
            x=x_enc,
            y=y_enc,
            size=alt.Size("targets:Q", scale=alt.Scale(range=[120, 480]), legend=None),
            color=alt.Color("quadrant:N", title="Quadrant", sort=["Build", "Maintain", "Review", "Watch"]),
            tooltip=tooltip,
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.5)),
        )
        .add_params(pick)
    )
    layers.append(alt.Chart(spots).mark_text(align="left", dx=10, fontSize=11).encode(x="x:Q", y="y:Q", text="name:N"))
    return alt.LayerChart(layer=layers, height=480)


def picked(event: object) -> str | None:
    """The id a click on the priority grid chose, from ``st.altair_chart(..., on_select="rerun")``'s answer."""
    chosen = ((getattr(event, "selection", None) or {}).get(GRID_POINT) or [{}]) if event else [{}]
    first = chosen[0] if isinstance(chosen, list) and chosen else {}
    return first.get("id") if isinstance(first, dict) else None
