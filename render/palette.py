"""The colours every output shares: one per kind, communities, links gained and lost, the home set."""

from __future__ import annotations

from typing import TypedDict

#: Paul Tol's "muted" qualitative palette (colour-blind safe), one per kind.
KIND_COLOURS: dict[str, str] = {
    "Agency": "#332288",
    "NGO": "#117733",
    "Company": "#CC6677",
    "InternationalOrganisation": "#88CCEE",
    "Forum": "#DDCC77",
    "Program": "#44AA99",
    "Country": "#AA4499",
    "Agreement": "#999933",
    "Engagement": "#882255",
}
UNKNOWN_COLOUR = "#BBBBBB"
#: Okabe-Ito colours (colour-blind safe), cycled for ``colour_by="community"``.
COMMUNITY_COLOURS = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)


class ChangeStyle(TypedDict):
    """How links gained or lost are drawn: vis-network edge colour, width and dashes, and the legend text."""

    color: str
    width: int
    dashes: bool
    legend: str


#: How a link gained or lost between two dates is drawn (Okabe-Ito green and vermilion).
CHANGE_STYLES: dict[str, ChangeStyle] = {
    "gained": {"color": "#009E73", "width": 3, "dashes": False, "legend": "Link gained"},
    "lost": {"color": "#D55E00", "width": 3, "dashes": True, "legend": "Link lost"},
}
#: Engagements with the home set and without, in timelines (the Agency colour for "ours").
HOME_COLOUR = KIND_COLOURS["Agency"]
OTHER_COLOUR = UNKNOWN_COLOUR
