"""Realistic, seeded stakeholder files in the loader's own Elements/Connections CSV format, written as a stream.

    .venv/bin/python -m bench generate --entities 2000 --links 10000 --seed 7 OUT/

The shape follows a strategy team's spreadsheets, heavy-tailed on purpose: countries from the ISO 3166 list (the
ids the sample uses), government agencies under their countries with units ``part of`` them (the home country,
Australia, has the most), NGOs, companies, international organisations, forums (a few with thousands of members),
programs, agreements, and dated engagements over 15 years with their participants.  Every name is unique once
folded, every ``From``/``To`` is the ID of a generated element, every relationship wording is in
``graph/vocabulary.toml`` and fits the kinds its type expects, and no two connections have the same key, so
``python -m loaders load OUT/`` loads it without errors and without merging rows.

Entities are held in memory (links need their ends); links are yielded one at a time, so memory does not grow
with the number of links.  The same arguments give the same rows, byte for byte.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from graph.vocabulary import country_name

ELEMENT_HEADERS = [
    "ID",
    "Label",
    "Type",
    "Aliases",
    "Country",
    "Region",
    "Description",
    "Tags",
    "Priority",
    "Date",
    "Engagement Kind",
    "Sources",
]
CONNECTION_HEADERS = [
    "From",
    "To",
    "Type",
    "Since",
    "Until",
    "Role",
    "Amount",
    "Currency",
    "Confidence",
    "Notes",
    "Sources",
]
ELEMENTS_FILE, CONNECTIONS_FILE = "Elements.csv", "Connections.csv"
HOME = "AUS"  # the home country of the default home set (``kind:Agency country:AUS``)
FIRST_DAY, LAST_DAY = dt.date(2012, 1, 1), dt.date(2026, 10, 31)  # engagements over 15 years
KIND_WORDS = {"InternationalOrganisation": "International Organisation"}  # the Type cell as the sample writes it

# Shares of the non-country entities; countries are a fixed share of the ISO list (`_country_count`).
KIND_SHARES = {
    "Agency": 0.30,
    "NGO": 0.10,
    "Company": 0.12,
    "InternationalOrganisation": 0.01,
    "Forum": 0.02,
    "Program": 0.04,
    "Agreement": 0.02,
    "Engagement": 0.39,
}
MINIMUM = {kind: 2 for kind in KIND_SHARES} | {"Forum": 3, "Agency": 6}
ORGS = ("Agency", "NGO", "Company", "InternationalOrganisation", "Program")

REGIONS = {
    "Pacific": "AUS NZL FJI PNG SLB VUT WSM TON KIR TUV NRU PLW MHL FSM COK NIU NCL PYF",
    "Southeast Asia": "IDN PHL VNM THA MYS SGP KHM LAO MMR TLS BRN",
    "East Asia": "JPN KOR CHN MNG TWN",
    "South Asia": "IND PAK BGD LKA NPL BTN MDV AFG",
    "North America": "USA CAN MEX",
    "Europe": "GBR IRL FRA DEU NLD BEL ITA ESP PRT AUT CHE SWE NOR DNK FIN POL CZE HUN ROU GRC EST LVA LTU UKR",
    "Middle East": "ARE SAU QAT ISR JOR OMN KWT BHR",
    "Africa": "ZAF KEN NGA GHA ETH RWA UGA TZA EGY MAR SEN",
    "Latin America": "BRA ARG CHL COL PER URY ECU BOL PRY",
}
REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes.split()}
FIVE_COUNTRY = ("AUS", "NZL", "CAN", "GBR", "USA")  # tagged as the sample tags them, for peer analyses
CURRENCY = {"AUS": "AUD", "NZL": "NZD", "GBR": "GBP", "CAN": "CAD", "JPN": "JPY"}

TOPICS = [
    "Online Safety",
    "Cybercrime",
    "Child Protection",
    "Digital Economy",
    "Telecommunications",
    "Foreign Affairs",
    "Home Affairs",
    "Justice",
    "Education",
    "Social Services",
    "Communications",
    "Trade",
    "Border Protection",
    "Financial Intelligence",
    "Human Rights",
    "Youth Affairs",
    "Women and Children",
    "Information Technology",
    "Data Protection",
    "Privacy",
    "Counter-Terrorism",
    "Transnational Crime",
    "Internal Affairs",
    "Community Safety",
    "Victim Support",
    "Public Prosecutions",
    "Corrections",
    "Health",
    "Family Services",
    "Media Regulation",
    "Digital Government",
    "Statistics",
    "Customs",
    "Immigration",
    "Gender Equality",
    "Public Security",
    "Criminal Investigation",
    "Security Intelligence",
    "Legal Affairs",
    "Consumer Protection",
]
AGENCY_FORMS = [
    "Ministry of {t}",
    "Department of {t}",
    "{t} Commission",
    "{t} Authority",
    "Office of the {t} Commissioner",
    "National {t} Agency",
    "{t} Regulator",
    "Bureau of {t}",
    "{t} Directorate",
    "{t} Service",
]
POLICE_FORMS = ["{c} Police Force", "{c} National Police", "{c} Federal Police", "{c} Police Service"]
UNIT_TOPICS = [
    "Child Exploitation",
    "Cyber Operations",
    "Victim Identification",
    "Digital Forensics",
    "International Engagement",
    "Policy",
    "Legal",
    "Strategy",
    "Intelligence",
    "Outreach",
    "Research",
    "Operations",
    "Prevention",
    "Training",
    "Capability",
    "Partnerships",
    "Investigations",
    "Compliance",
    "Enforcement",
    "Online Harms",
    "Industry Liaison",
    "Pacific Engagement",
    "Regional Cooperation",
    "Financial Crime",
]
UNIT_HEADS = ["Unit", "Branch", "Division", "Section", "Taskforce", "Team", "Centre", "Group"]
NGO_ADJECTIVES = [
    "Pacific",
    "Global",
    "Safe",
    "Bright",
    "Open",
    "United",
    "Southern",
    "Northern",
    "Island",
    "Coastal",
    "Young",
    "Future",
    "Common",
    "Hope",
    "Unity",
    "Harbour",
    "Horizon",
    "Blue",
    "Green",
    "Red Cross",
    "Kind",
    "First",
    "Free",
    "Shared",
    "Digital",
    "Rural",
    "Urban",
    "Coral",
    "Lantern",
    "Compass",
]
NGO_CAUSES = [
    "Child Safety",
    "Children's Rights",
    "Online Wellbeing",
    "Family Support",
    "Youth Futures",
    "Digital Rights",
    "Survivor Support",
    "Safer Internet",
    "Community Action",
    "Education Access",
    "Women's Rights",
    "Media Literacy",
    "Child Helpline",
    "Protection Network",
    "Tech for Good",
    "Human Dignity",
    "Anti-Trafficking",
    "Legal Aid",
    "Parenting",
    "Mental Health",
]
NGO_HEADS = ["Foundation", "Trust", "Alliance", "Society", "Association", "Network", "Centre", "Institute", "Coalition"]
COMPANY_SUFFIXES = ["Systems", "Technologies", "Platforms", "Labs", "Media", "Networks", "Software", "Digital", "Cloud"]
COMPANY_ENDINGS = {"AUS": "Pty Ltd", "USA": "Inc.", "GBR": "Ltd", "NZL": "Limited", "DEU": "GmbH", "FRA": "SA"}
SYLLABLES = ["ka", "lo", "ra", "ve", "ni", "zu", "ta", "mi", "so", "pe", "qua", "ri", "no", "xa", "be", "lu", "fi"]
IO_NAMES = [
    "International Child Protection Organisation",
    "Global Cybercrime Office",
    "International Telecommunication Union Regional Office",
    "United Nations Office on Online Harms",
    "Asia-Pacific Development Bank",
    "Regional Police Cooperation Organisation",
    "International Organisation for Digital Rights",
    "Commonwealth Online Safety Secretariat",
]
FORUM_FORMS = [
    "{r} {t} Forum",
    "{r} {t} Working Group",
    "Global Alliance on {t}",
    "{r} {t} Taskforce",
    "{r} Ministerial Council on {t}",
    "{t} Coalition of {r}",
    "{r} {t} Network",
    "International {t} Dialogue",
]
PROGRAM_FORMS = [
    "{r} {t} Program",
    "{t} Capacity Building Initiative",
    "{c} {t} Partnership Program",
    "{t} Support Project",
    "{r} {t} Fund",
]
AGREEMENT_FORMS = [
    "Memorandum of Understanding on {t} ({c})",
    "{r} Declaration on {t}",
    "Voluntary Principles on {t}",
    "Joint Statement on {t} ({c})",
    "{r} Framework for {t}",
    "Code of Practice on {t}",
]
ENGAGEMENT_FORMATS = {
    "dialogue": "Bilateral dialogue on {t}",
    "meeting": "Meeting on {t}",
    "workshop": "Workshop on {t}",
    "visit": "Study visit on {t}",
    "conference": "Conference on {t}",
    "summit": "Summit on {t}",
    "roundtable": "Industry roundtable on {t}",
    "ministerial": "Ministerial meeting on {t}",
}
DISTRICTS = ["Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Highlands", "Capital", "Island"]
PUBLISHERS = [
    "news.example.org",
    "gov-gazette.example.net",
    "policy-review.example.com",
    "pacific-times.example.org",
    "digital-affairs.example.net",
    "safety-monitor.example.org",
    "ministerial-record.example.gov",
]
NOTES = {
    "MEMBER_OF": ["Joined at the {y} plenary", "Founding member", "Membership confirmed in the {y} annual report"],
    "PARTY_TO": ["Signed at the {y} ministerial", "Endorsed with reservations", "Party since the {y} review"],
    "PARTNERS_WITH": ["Information-sharing arrangement", "Joint operations since {y}", "Referral partnership"],
    "FUNDS": ["Grant for FY{y}-{z}", "Multi-year funding announced in {y}", "Seed funding"],
    "LEADS": ["Lead agency since {y}", "Coordinates delivery", "Leads the steering committee"],
    "OPERATES_IN": ["Country office opened in {y}", "Delivers through local partners", "Field presence"],
    "CHAIRS": ["Rotating chair for {y}", "Co-chair with a regional partner", "Elected chair"],
    "SECRETARIAT_FOR": ["Hosts the secretariat", "Secretariat functions since {y}", "Interim secretariat"],
    "PARTICIPATED_IN": ["Delegation at deputy level", "Presented on {t}", "Attended as observer"],
    "RELATED_TO": ["Informal relationship", "Mentioned together in the {y} review", "Shared board members"],
    "PART_OF": ["Moved in the {y} machinery-of-government changes", "Reports to the agency head", "Unit since {y}"],
    "BASED_IN": ["Head office", "Regional headquarters", "Registered office since {y}"],
}

# Each link type a generator writes from its shares of the links: (type, share, owner kinds, pool kinds, how).
# The owner draws its partners from the pool; "to": the owner is the link's target; "pair": undirected, any two of
# the owner kinds.  The kinds follow [directions] in graph/vocabulary.toml, so no row is warned about.
LINK_TYPES: list[tuple[str, float, tuple[str, ...], tuple[str, ...], str]] = [
    ("PARTICIPATED_IN", 0.34, ("Engagement",), (*ORGS, "Forum", "Country"), "to"),
    ("MEMBER_OF", 0.20, (*ORGS, "Forum", "Country"), ("Forum", "InternationalOrganisation"), "from"),
    ("PARTNERS_WITH", 0.14, ORGS, ORGS, "pair"),
    ("PARTY_TO", 0.08, ("Agency", "NGO", "Company", "InternationalOrganisation", "Country"), ("Agreement",), "from"),
    ("OPERATES_IN", 0.07, ("NGO", "Company", "InternationalOrganisation", "Program"), ("Country",), "from"),
    (
        "FUNDS",
        0.05,
        ("Agency", "InternationalOrganisation", "Company", "NGO"),
        ("Program", "NGO", "Engagement"),
        "from",
    ),
    ("LEADS", 0.03, ("Agency", "InternationalOrganisation", "NGO"), ("Program", "Forum", "Agreement"), "from"),
    ("CHAIRS", 0.02, ("Agency", "Country", "InternationalOrganisation"), ("Forum",), "from"),
    ("RELATED_TO", 0.02, (*ORGS, "Forum"), (*ORGS, "Forum"), "pair"),
    (
        "SECRETARIAT_FOR",
        0.01,
        ("InternationalOrganisation", "Agency", "NGO"),
        ("Forum", "Agreement", "Program"),
        "from",
    ),
]
BASED_IN_SHARE = {
    "NGO": 0.6,
    "Company": 0.6,
    "InternationalOrganisation": 0.6,
    "Forum": 0.6,
    "Program": 0.6,
    "Agency": 0.05,
}
STRUCTURAL = ("PART_OF", "BASED_IN")  # one per unit, organisation or engagement series, before the shares
WORDING = {
    "PARTICIPATED_IN": ["participated in", "attended"],
    "MEMBER_OF": ["member of"],
    "PARTNERS_WITH": ["partners with", "works with"],
    "PARTY_TO": ["party to", "signed", "endorsed", "observer to"],
    "OPERATES_IN": ["operates in"],
    "FUNDS": ["funds"],
    "LEADS": ["leads"],
    "CHAIRS": ["chairs"],
    "RELATED_TO": ["related to"],
    "SECRETARIAT_FOR": ["secretariat for"],
    "PART_OF": ["part of"],
    "BASED_IN": ["based in"],
}
ROLES = {"party to": "party", "signed": "signatory", "endorsed": "endorser", "observer to": "observer"}


@dataclass(slots=True)
class Entity:
    """One generated element: what its row says and how much it is linked (`weight`)."""

    id: str
    name: str
    kind: str
    country: str | None
    weight: float
    date: str | None = None
    parent: int | None = None  # index of the agency it is a unit of, or the forum an engagement belongs to
    row: dict = field(default_factory=dict)


@dataclass
class Dataset:
    """The generated elements, by index, and where each kind's are."""

    entities: list[Entity]
    seed: int
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    def top(self, kind: str, country: str | None = None) -> Entity:
        """The most linked entity of `kind` (in `country`): a forum with thousands of members, a busy agency."""
        found = [self.entities[i] for i in self.by_kind[kind] if country is None or self.entities[i].country == country]
        return max(found, key=lambda e: (e.weight, e.id))


def _fold(text: str) -> str:
    """A name as the loader compares them (case, accents and punctuation aside), for uniqueness."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _slug(text: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().encode("ascii", "ignore").decode())[:limit].strip("-")


class _Names:
    """Unique names and ids: a taken name gets a district, then a number, as real lists tell offices apart."""

    def __init__(self, rng: random.Random):
        self.rng, self.names, self.ids = rng, set[str](), set[str]()

    def take(self, candidates: Sequence[str], id_prefix: str = "") -> tuple[str, str]:
        name = next((c for c in candidates if _fold(c) not in self.names), None)
        base = candidates[0]
        for number in itertools.count(2):
            if name is not None:
                break
            extra = f"{self.rng.choice(DISTRICTS)} Region" + (f" {number}" if number > 2 else "")
            tried = f"{base}, {extra}"
            name = tried if _fold(tried) not in self.names else None
        assert name is not None
        self.names.add(_fold(name))
        entity_id = _slug(id_prefix + name) or "entity"
        if entity_id in self.ids:
            entity_id = next(f"{entity_id}-{n}" for n in itertools.count(2) if f"{entity_id}-{n}" not in self.ids)
        self.ids.add(entity_id)
        return name, entity_id


def _alpha2(code: str) -> str:
    """The two-letter code of ISO3 `code`, lower case, as in a government's web address."""
    found = pycountry.countries.get(alpha_3=code)
    return found.alpha_2.lower() if found else "int"


def _country_count(entities: int) -> int:
    return min(len(pycountry.countries), max(12, round(entities * 0.02)))


def _countries(count: int) -> list[str]:
    """ISO3 codes: the home country, the regions above in order, then the rest of ISO 3166 alphabetically."""
    ordered = [HOME, *(c for c in REGION_OF if c != HOME)]
    ordered += sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in REGION_OF)
    return ordered[:count]


def _kind_counts(entities: int) -> dict[str, int]:
    countries = _country_count(entities)
    rest = max(0, entities - countries)
    counts = {kind: max(MINIMUM[kind], int(rest * share)) for kind, share in KIND_SHARES.items()}
    counts["Engagement"] += rest - sum(counts.values())  # the remainder: engagements are the most numerous
    counts["Engagement"] = max(MINIMUM["Engagement"], counts["Engagement"])
    return {"Country": countries, **counts}


def _weight(rng: random.Random, alpha: float = 1.16) -> float:
    """A heavy-tailed activity level (Pareto, the 80/20 shape), capped so one entity cannot own everything."""
    return min(rng.paretovariate(alpha), 2000.0)


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _pick(rng: random.Random, cum: list[float], low: float = 0.0) -> int:
    """An index drawn by weight, among those whose cumulative weight is above `low`."""
    at = bisect.bisect_right(cum, low + rng.random() * (cum[-1] - low))
    return min(at, len(cum) - 1)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper() and w not in {"of", "on"})


def _date(rng: random.Random) -> str:
    return (FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))).isoformat()


def plan(entities: int, seed: int = 7) -> Dataset:
    """Generate the elements: `entities` of them (at least about 30), seeded.

    Returns
    -------
    Dataset
        Every element with its row (`ELEMENT_HEADERS`), its kind, country and weight.
    """
    rng = random.Random(seed)
    names = _Names(rng)
    counts = _kind_counts(entities)
    out: list[Entity] = []
    by_kind: dict[str, list[int]] = {kind: [] for kind in counts}

    def add(entity: Entity, row: dict) -> int:
        entity.row = {"ID": entity.id, "Label": entity.name, "Type": KIND_WORDS.get(entity.kind, entity.kind)} | row
        out.append(entity)
        by_kind[entity.kind].append(len(out) - 1)
        return len(out) - 1

    codes = _countries(counts["Country"])
    # Countries: the home country and the Pacific first, then by a Zipf law of their rank.
    country_weight = {code: 60.0 / (rank + 1) ** 0.9 for rank, code in enumerate(codes)}
    for code in codes:
        region = REGION_OF.get(code, "")
        tags = ["bench", "country", *(["five-country"] if code in FIVE_COUNTRY else [])]
        tags += [_slug(region)] if region else []
        priority = rng.choices(["", "high", "medium", "low"], [0.55, 0.15, 0.15, 0.15])[0] if code != HOME else ""
        name = country_name(code)
        names.names.add(_fold(name))
        names.ids.add(code)
        row = {"Country": code, "Region": region, "Tags": "|".join(tags), "Priority": priority}
        row["Sources"] = f"https://www.iso.org/obp/ui/#iso:code:3166:{_alpha2(code).upper()}"
        add(Entity(code, name, "Country", code, country_weight[code] * _weight(rng, 2.5)), row)
    country_cum = _cumulative([country_weight[c] for c in codes])

    def country(home_share: float = 0.0) -> str:
        return HOME if rng.random() < home_share else codes[_pick(rng, country_cum)]

    def sources(domain: str, *, extra: bool = True) -> str:
        found = [f"https://www.{domain}/about"]
        if extra and rng.random() < 0.4:
            found.append(f"https://{rng.choice(PUBLISHERS)}/{rng.randint(2012, 2026)}/{rng.randint(1000, 99999)}")
        return "|".join(found)

    def short(code: str) -> str:
        return country_name(code).split(",")[0]

    # Agencies: top-level ones first, then units part of an agency of their country (a unit of a unit too).
    agencies_of: dict[str, list[int]] = {}
    for _ in range(counts["Agency"]):
        code = country(home_share=0.12)
        within = agencies_of.setdefault(code, [])
        cc2 = _alpha2(code)
        if within and rng.random() < 0.45:
            parent = rng.choice(within)
            top = parent
            while (up := out[top].parent) is not None:
                top = up
            # Named after the agency at the top, as org charts name units ("... Team, Federal Police").
            units = [f"{rng.choice(UNIT_TOPICS)} {rng.choice(UNIT_HEADS)}, {out[top].name}" for _ in range(4)]
            name, entity_id = names.take(units, f"{code}-")
            entity = Entity(entity_id, name, "Agency", code, _weight(rng) * (3 if code == HOME else 1), parent=parent)
        else:
            forms = [rng.choice(AGENCY_FORMS).format(t=rng.choice(TOPICS)) for _ in range(6)]
            forms = [f"{f} ({short(code)})" if code != HOME else f for f in forms]
            if rng.random() < 0.08:
                forms.insert(0, rng.choice(POLICE_FORMS).format(c=short(code)))
            name, entity_id = names.take(forms, f"{code}-")
            entity = Entity(entity_id, name, "Agency", code, _weight(rng) * (3 if code == HOME else 1))
        aliases = _acronym(name.split(",")[0].split(" (")[0]) if entity.parent is None and rng.random() < 0.1 else ""
        row = {
            "Aliases": aliases if len(aliases) > 2 else "",
            "Country": code,
            "Region": REGION_OF.get(code, ""),
            "Description": f"Government agency of {short(code)} working on {rng.choice(TOPICS).lower()}."
            if rng.random() < 0.5
            else "",
            "Tags": "bench|agency",
            "Sources": sources(f"{_slug(name, 24)}.gov.{cc2}"),
        }
        within.append(add(entity, row))

    def simple(kind: str, make, *, home_share: float = 0.05, weight_alpha: float = 1.16) -> None:
        for _ in range(counts[kind]):
            code = country(home_share)
            name, entity_id, row = make(code)
            row = {"Country": code, "Region": REGION_OF.get(code, ""), "Tags": f"bench|{kind.lower()}"} | row
            add(Entity(entity_id, name, kind, code, _weight(rng, weight_alpha)), row)

    def ngo(code: str):
        pairs = [(rng.choice(NGO_ADJECTIVES), rng.choice(NGO_CAUSES)) for _ in range(6)]
        forms = [f"{a} {c} {rng.choice(NGO_HEADS)}" for a, c in pairs if not c.startswith(a)][:4] or ["Open Society"]
        forms += [f"{f} {short(code)}" for f in forms]
        name, entity_id = names.take(forms)
        return name, entity_id, {"Sources": sources(f"{_slug(name, 24)}.org")}

    def company(code: str):
        brand = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()  # noqa: E731
        ending = COMPANY_ENDINGS.get(code, "Ltd")
        forms = [f"{brand()} {rng.choice(COMPANY_SUFFIXES)} {ending}" for _ in range(6)]
        name, entity_id = names.take(forms)
        priority = rng.choices(["", "high", "medium"], [0.8, 0.1, 0.1])[0]
        return name, entity_id, {"Priority": priority, "Sources": sources(f"{_slug(name, 20)}.com")}

    io_names = iter(IO_NAMES)

    def io(code: str):
        known = next(io_names, None)
        forms = [known] if known else []
        forms += [f"{rng.choice(list(REGIONS))} {rng.choice(TOPICS)} Organisation" for _ in range(4)]
        name, entity_id = names.take(forms)
        return name, entity_id, {"Aliases": _acronym(name), "Sources": sources(f"{_slug(name, 20)}.int")}

    def from_forms(forms_list: list[str]):
        def make(code: str):
            forms = [
                rng.choice(forms_list).format(t=rng.choice(TOPICS), r=rng.choice(list(REGIONS)), c=short(code))
                for _ in range(6)
            ]
            name, entity_id = names.take(forms)
            return name, entity_id, {"Sources": sources(f"{_slug(name, 20)}.org", extra=False)}

        return make

    simple("NGO", ngo)
    simple("Company", company, home_share=0.1)
    simple("InternationalOrganisation", io, home_share=0.0, weight_alpha=1.0)
    simple("Forum", from_forms(FORUM_FORMS), weight_alpha=1.0)  # heavier tail: a few forums with thousands
    simple("Program", from_forms(PROGRAM_FORMS), home_share=0.2)
    simple("Agreement", from_forms(AGREEMENT_FORMS))
    forums = by_kind["Forum"]
    forum_cum = _cumulative([out[i].weight for i in forums])
    for _ in range(counts["Engagement"]):
        code, day = country(home_share=0.1), _date(rng)
        form = rng.choice(list(ENGAGEMENT_FORMATS))
        topic = rng.choice(TOPICS).lower()
        when = dt.date.fromisoformat(day).strftime("%b %Y")
        forms = [f"{ENGAGEMENT_FORMATS[form].format(t=topic)} ({short(code)}, {when})"]
        forms.append(f"{ENGAGEMENT_FORMATS[form].format(t=topic)} ({short(code)}, {day})")
        name, entity_id = names.take(forms, "eng-")
        entity = Entity(entity_id, name, "Engagement", code, _weight(rng, 1.5), date=day)
        if rng.random() < 0.2:  # a meeting of a forum's series: part of it
            entity.parent = forums[_pick(rng, forum_cum)]
        row = {
            "Country": code,
            "Region": REGION_OF.get(code, ""),
            "Description": f"{form.title()} held in {short(code)} on {topic}." if rng.random() < 0.6 else "",
            "Tags": "bench|engagement",
            "Date": day,
            "Engagement Kind": form,
            "Sources": sources(f"{_slug(name, 20)}.example.org", extra=False),
        }
        add(entity, row)
    return Dataset(out, seed, by_kind)


def element_rows(dataset: Dataset) -> Iterator[dict]:
    """The Elements rows, every header of `ELEMENT_HEADERS` present (blank as ``""``)."""
    for entity in dataset.entities:
        yield {h: entity.row.get(h, "") for h in ELEMENT_HEADERS}


def _allocate(weights: Sequence[float], total: int, caps: Sequence[int]) -> list[int]:
    """Split `total` over owners in proportion to `weights` (largest remainders), none above its cap.

    Exact unless the caps run out; an owner at its cap hands its share to the others in the next round.
    """
    degrees = [0] * len(weights)
    left = total
    active = [i for i, cap in enumerate(caps) if cap > 0]
    while left > 0 and active:
        share = sum(weights[i] for i in active)
        fractions = []
        given = 0
        for i in active:
            exact = left * weights[i] / share
            extra = min(caps[i] - degrees[i], int(exact))
            degrees[i] += extra
            given += extra
            if degrees[i] < caps[i]:
                fractions.append((exact - int(exact), i))
        fractions.sort(key=lambda f: (-f[0], f[1]))
        for _, i in fractions[: left - given]:
            degrees[i] += 1
            given += 1
        left -= given
        active = [i for i in active if degrees[i] < caps[i]]
    return degrees


def _partners(rng: random.Random, degree: int, cum: list[float], *, start: int = 0, skip: int = -1) -> list[int]:
    """`degree` distinct indices of the pool drawn by weight, from `start` on (undirected pairs), never `skip`."""
    low = cum[start - 1] if start else 0.0
    chosen: list[int] = []
    seen = {skip}
    for _ in range(3 * degree + 10):
        if len(chosen) == degree:
            return chosen
        at = _pick(rng, cum, low)
        if at >= start and at not in seen:
            seen.add(at)
            chosen.append(at)
    # The heaviest are taken: fill in order from a random place, as a long tail would be reached.
    span = len(cum) - start
    offset = rng.randrange(span)
    for step in range(span):
        if len(chosen) == degree:
            break
        at = start + (offset + step) % span
        if at not in seen:
            seen.add(at)
            chosen.append(at)
    return chosen


def _structural(dataset: Dataset, rng: random.Random) -> list[tuple[str, int, int]]:
    """Units part of their agency, organisations based in their country, engagements part of a forum's series."""
    entities, found = dataset.entities, []
    country_index = {dataset.entities[i].id: i for i in dataset.by_kind["Country"]}
    for i, entity in enumerate(entities):
        if entity.parent is not None:
            found.append(("PART_OF", i, entity.parent))
        elif rng.random() < BASED_IN_SHARE.get(entity.kind, 0.0):
            found.append(("BASED_IN", i, country_index[entity.country or HOME]))
    return found


def _since(rng: random.Random) -> tuple[str, str]:
    """A link's start (blank for one in five) and, for one in four, its end; each as precise as people write."""
    if rng.random() < 0.2:
        return "", ""
    year, month, day = 2008 + int(rng.random() * 18), 1 + int(rng.random() * 12), 1 + int(rng.random() * 28)
    precision = rng.random()
    since = (
        str(year)
        if precision < 0.34
        else f"{year}-{month:02d}"
        if precision < 0.67
        else f"{year}-{month:02d}-{day:02d}"
    )
    if rng.random() >= 0.25:
        return since, ""
    end = year + 1 + int(rng.random() * (2027 - year))
    return since, (str(end) if rng.random() < 0.5 else f"{end}-06")


def _level(rng: random.Random) -> str:
    x = rng.random()
    return "high" if x < 0.45 else "medium" if x < 0.75 else "low" if x < 0.85 else ""


def _link_row(rng: random.Random, dataset: Dataset, rel_type: str, source: int, target: int) -> dict:
    entities = dataset.entities
    a, b = entities[source], entities[target]
    wording = rng.choice(WORDING[rel_type])
    since, until = _since(rng)
    row = {"From": a.id, "To": b.id, "Type": wording, "Since": since, "Until": until}
    if a.date or b.date:  # a link to or from an engagement starts on its day
        row["Since"], row["Until"] = a.date or b.date or "", ""
    if rel_type == "PARTICIPATED_IN":
        x = rng.random()
        row["Role"] = "participant" if x < 0.8 else "speaker" if x < 0.9 else "host" if x < 0.95 else "observer"
    elif rel_type == "PARTY_TO":
        row["Role"] = ROLES[wording]
    elif rel_type == "CHAIRS" and since:
        row["Until"] = str(int(since[:4]) + rng.randint(1, 2))
    elif rel_type == "FUNDS":
        row["Amount"] = str(rng.choice([5, 10, 25, 50, 120, 250, 500, 1200, 2500]) * 10_000)
        row["Currency"] = CURRENCY.get(a.country or "", "USD")
    row["Confidence"] = _level(rng)
    if rng.random() < 0.25:
        year = int((row["Since"] or "2020")[:4])
        note = rng.choice(NOTES[rel_type])
        row["Notes"] = note.format(y=year, z=str(year + 1)[2:], t=rng.choice(TOPICS).lower())
    if rng.random() < 0.85:
        row["Sources"] = f"https://{rng.choice(PUBLISHERS)}/{(row['Since'] or '2020')[:4]}/{rng.randint(1000, 999999)}"
    return {h: row.get(h, "") for h in CONNECTION_HEADERS}


def link_rows(dataset: Dataset, links: int) -> Iterator[dict]:
    """`links` Connections rows (fewer only when the entities cannot hold that many distinct links), streamed.

    Structural links come first (units, bases, series), then each type of `LINK_TYPES` takes its share: every
    owner gets a heavy-tailed number of partners, drawn by weight without repeats, so no two rows share a key.
    """
    rng = random.Random(dataset.seed * 7919 + 1)
    structural = _structural(dataset, rng)[:links]
    for rel_type, source, target in structural:
        yield _link_row(rng, dataset, rel_type, source, target)
    budget = links - len(structural)
    kinds = dataset.by_kind
    plans = []
    for rel_type, share, owner_kinds, pool_kinds, how in LINK_TYPES:
        if how == "pair":
            members = sorted((i for k in owner_kinds for i in kinds[k]), key=lambda i: (-dataset.entities[i].weight, i))
            owners = pool = members
            caps = [len(members) - 1 - n for n in range(len(members))]
        else:
            owners = [i for k in owner_kinds for i in kinds[k]]
            pool = [i for k in pool_kinds for i in kinds[k]]
            overlap = bool(set(owner_kinds) & set(pool_kinds))
            caps = [len(pool) - (1 if overlap else 0)] * len(owners)
        plans.append((rel_type, share, owners, pool, how, caps))
    # Shares of what is left; a type that cannot hold its share hands the rest to the others.
    quotas = _allocate([p[1] for p in plans], budget, [sum(p[5]) for p in plans])
    for (rel_type, _, owners, pool, how, caps), quota in zip(plans, quotas, strict=True):
        if not quota:
            continue
        degrees = _allocate([dataset.entities[i].weight for i in owners], quota, caps)
        cum = _cumulative([dataset.entities[i].weight for i in pool])
        position = {entity: n for n, entity in enumerate(pool)}
        for n, owner in enumerate(owners):
            if not degrees[n]:
                continue
            if how == "pair":  # owners are the pool, heaviest first: pair each only with those after it
                chosen = _partners(rng, degrees[n], cum, start=n + 1)
            else:
                chosen = _partners(rng, degrees[n], cum, skip=position.get(owner, -1))
            for p in chosen:
                source, target = (pool[p], owner) if how == "to" else (owner, pool[p])
                yield _link_row(rng, dataset, rel_type, source, target)


def generate(entities: int, links: int, seed: int = 7) -> Iterator[tuple[str, dict]]:
    """Every row of a generated dataset: ``("Elements", row)`` for each element, then ``("Connections", row)``.

    Parameters
    ----------
    entities, links : int
        How many of each (links: fewer only if the entities cannot hold that many distinct ones).
    seed : int
        The same seed gives the same rows.
    """
    dataset = plan(entities, seed)
    for row in element_rows(dataset):
        yield "Elements", row
    for row in link_rows(dataset, links):
        yield "Connections", row


def write(folder: str | Path, entities: int, links: int, seed: int = 7) -> dict[str, int]:
    """Write ``Elements.csv`` and ``Connections.csv`` into `folder` (created), streaming; rows written of each."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = {"Elements": 0, "Connections": 0}
    with (
        (out / ELEMENTS_FILE).open("w", newline="", encoding="utf-8") as elements,
        (out / CONNECTIONS_FILE).open("w", newline="", encoding="utf-8") as connections,
    ):
        writers = {
            "Elements": csv.DictWriter(elements, ELEMENT_HEADERS),
            "Connections": csv.DictWriter(connections, CONNECTION_HEADERS),
        }
        for writer in writers.values():
            writer.writeheader()
        for table, row in generate(entities, links, seed):
            writers[table].writerow(row)
            written[table] += 1
    return written
