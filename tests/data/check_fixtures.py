"""Self-check of the loader fixtures against expected.json.

Over 400 lines on purpose: an independent second reading of the loading rules, kept in one file so that it
shares no code with the loader it checks.

    .venv/bin/python tests/data/check_fixtures.py

A small, independent reading of the loading rules (not the project's loader):
it parses every fixture with the csv module / openpyxl, re-derives entities,
links, warnings and errors, and compares them with expected.json. It also
checks the warts the fixtures are meant to carry (BOM, CRLF, multi-line cells,
date and number cells in the workbook). Exit status 0 = all good.
"""

import csv
import datetime as dt
import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

KINDS = {
    "Agency": ["government agency", "department", "police", "law enforcement", "regulator", "ministry", "unit"],
    "NGO": ["ngo", "not-for-profit", "non-profit", "charity", "civil society", "foundation"],
    "Company": ["company", "tech company", "digital platform", "industry", "private sector"],
    "InternationalOrganisation": [
        "international organisation",
        "international organization",
        "igo",
        "un agency",
        "multilateral organisation",
    ],
    "Forum": ["forum", "alliance", "taskforce", "council", "coalition", "network"],
    "Program": ["program", "programme", "initiative", "project"],
    "Country": ["country", "territory", "nation"],
    "Agreement": ["agreement", "treaty", "mou", "principles", "joint statement", "code", "declaration"],
    "Engagement": ["engagement", "meeting", "dialogue", "workshop", "visit", "event", "conference"],
}
KIND_OF = {w: k for k, ws in KINDS.items() for w in ws}

RELS = {
    "MEMBER_OF": ["member of", "member", "joined", "is member"],
    "PARTY_TO": ["signed", "endorsed", "party to", "signatory", "signatory to"],
    "PARTNERS_WITH": ["partner", "partners with", "works with", "collaborates with", "partnership"],
    "FUNDS": ["funds", "funder of"],
    "PART_OF": ["part of", "unit of", "within", "sits within"],
    "LEADS": ["leads", "runs"],
    "OPERATES_IN": ["operates in", "works in", "active in"],
    "BASED_IN": ["based in", "headquartered in", "hq in"],
    "CHAIRS": ["chairs", "chair of"],
    "SECRETARIAT_FOR": ["secretariat for", "secretariat of"],
    "PARTICIPATED_IN": ["attended", "participated in", "took part in"],
}
REL_OF = {w: t for t, ws in RELS.items() for w in ws}
REVERSED = {"funded by": "FUNDS", "led by": "LEADS"}

# Country names used by the fixtures (the rules' aliases plus plain names).
COUNTRY = {
    "usa": "USA",
    "united states": "USA",
    "united states of america": "USA",
    "us": "USA",
    "u.s.": "USA",
    "uk": "GBR",
    "united kingdom": "GBR",
    "britain": "GBR",
    "australia": "AUS",
    "fiji": "FJI",
    "papua new guinea": "PNG",
    "samoa": "WSM",
    "new zealand": "NZL",
    "france": "FRA",
    "philippines": "PHL",
    "vanuatu": "VUT",
}

MONTHS = {
    m.lower(): i
    for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)
}
MONTHS.update(
    {
        m.lower(): i
        for i, m in enumerate(
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
            1,
        )
    }
)

ELEMENT_REQUIRED = ["label", "type"]
CONNECTION_REQUIRED = ["from", "to", "type"]
SINCE_HEADERS = ("since", "start date")
UNTIL_HEADERS = ("until", "end date")


def slug(text):
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def split_list(cell):
    return [p.strip() for p in re.split(r"[|;]", cell) if p.strip()]


class BadDate(ValueError):
    pass


def parse_date(text):
    """Return (value, ambiguous). Raise BadDate."""
    t = text.strip()
    try:
        if re.fullmatch(r"\d{4}", t):
            return t, False
        m = re.fullmatch(r"(\d{4})-(\d{2})", t)
        if m:
            dt.date(int(m[1]), int(m[2]), 1)
            return t, False
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), False
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
        if m:
            d, mo, y = int(m[1]), int(m[2]), int(m[3])
            return dt.date(y, mo, d).isoformat(), (d <= 12 and mo <= 12)
        m = re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", t)
        if m and m[1].lower() in MONTHS:
            return f"{int(m[2]):04d}-{MONTHS[m[1].lower()]:02d}", False
    except ValueError as exc:
        raise BadDate(t) from exc
    raise BadDate(t)


def cell_text(value):
    """How a loader should see an xlsx cell as text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        assert value.time() == dt.time(0), value
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_csv(path):
    raw = path.read_bytes()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return raw, rows


def read_sheet(path, sheet):
    from openpyxl import load_workbook

    ws = load_workbook(path)[sheet]
    return [[cell_text(c.value) for c in row] for row in ws.iter_rows()]


def load(el_rows, co_rows, el_file, co_file, sheet_el=None, sheet_co=None):
    """Apply the rules. Returns dict(entities, links, related, warnings, errors)."""
    warnings, errors = [], []

    def problem(bucket, file, sheet, row, column, contains, what, **extra):
        item = {"file": file, "row": row, "column": column, "contains": contains, "what": what, **extra}
        if sheet:
            item["sheet"] = sheet
        bucket.append(item)

    def columns(rows, required, file, sheet):
        header = rows[0]
        idx = {h.strip().lower(): i for i, h in enumerate(header)}
        names = {h.strip().lower(): h.strip() for h in header}
        for req in required:
            if req not in idx:
                name = {"to": "To"}.get(req, req.capitalize())
                problem(errors, file, sheet, 1, name, name, "missing_column")
        return idx, names

    def get(row, idx, name):
        i = idx.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    # ---- elements
    eidx, enames = columns(el_rows, ELEMENT_REQUIRED, el_file, sheet_el)
    entities, keys = {}, {}
    seen = {}
    for rn, row in enumerate(el_rows[1:], start=2):
        if tuple(row) in seen:
            problem(
                warnings, el_file, sheet_el, rn, None, "duplicate", "duplicate_row", duplicate_of_row=seen[tuple(row)]
            )
            continue
        seen[tuple(row)] = rn
        if errors and any(e["what"] == "missing_column" and e["file"] == el_file for e in errors):
            break
        label, type_ = get(row, eidx, "label"), get(row, eidx, "type")
        kind = KIND_OF.get(type_.lower())
        if kind is None:
            problem(errors, el_file, sheet_el, rn, enames["type"], type_, "unknown_kind")
            continue
        if get(row, eidx, "id"):
            eid = get(row, eidx, "id")
        elif kind == "Country":
            eid = COUNTRY[label.lower()]
        else:
            eid = slug(label)
        assert eid not in entities, f"two element rows give id {eid}"
        ent = {"id": eid, "kind": kind, "name": label}
        if get(row, eidx, "country"):
            ent["country"] = COUNTRY[get(row, eidx, "country").lower()]
        if get(row, eidx, "description"):
            ent["description"] = get(row, eidx, "description")
        ent["aliases"] = split_list(get(row, eidx, "aliases"))
        ent["tags"] = split_list(get(row, eidx, "tags"))
        if kind == "Engagement" and get(row, eidx, "date"):
            ent["date"], amb = parse_date(get(row, eidx, "date"))
            assert not amb
        entities[eid] = ent
        for key in [eid, label, *ent["aliases"]]:
            k = key.strip().lower()
            assert keys.get(k, eid) == eid, f"key {key!r} names both {keys[k]} and {eid}"
            keys[k] = eid
    for k, eid in keys.items():
        assert COUNTRY.get(k, eid) == eid, f"key {k!r} is also a country name"

    # ---- connections
    cidx, cnames = columns(co_rows, CONNECTION_REQUIRED, co_file, sheet_co)
    links, related = [], []
    if any(e["what"] == "missing_column" for e in errors):
        return {"entities": entities, "links": links, "related": related, "warnings": warnings, "errors": errors}
    since_h = next(h for h in SINCE_HEADERS if h in cidx)
    until_h = next((h for h in UNTIL_HEADERS if h in cidx), None)
    labels = {e["name"]: e["id"] for e in entities.values()}
    seen = {}
    for rn, row in enumerate(co_rows[1:], start=2):
        if tuple(row) in seen:
            problem(
                warnings, co_file, sheet_co, rn, None, "duplicate", "duplicate_row", duplicate_of_row=seen[tuple(row)]
            )
            continue
        seen[tuple(row)] = rn
        ends = []
        for h in ("from", "to"):
            val = get(row, cidx, h)
            if not val:
                problem(errors, co_file, sheet_co, rn, cnames[h], None, "missing_endpoint")
                ends.append(None)
                continue
            eid = keys.get(val.lower()) or COUNTRY.get(val.lower())
            if eid is None:
                sugg = difflib.get_close_matches(val, list(labels), n=3, cutoff=0.6)
                problem(
                    errors,
                    co_file,
                    sheet_co,
                    rn,
                    cnames[h],
                    val,
                    "unresolved_endpoint",
                    suggests=sugg[0] if sugg else None,
                )
            elif eid not in entities:
                entities[eid] = {"id": eid, "kind": "Country", "name": val, "aliases": [], "tags": []}
            ends.append(eid)
        dates = {}
        for h in (since_h, until_h):
            if h and get(row, cidx, h):
                try:
                    dates[h], amb = parse_date(get(row, cidx, h))
                except BadDate:
                    problem(errors, co_file, sheet_co, rn, cnames[h], get(row, cidx, h), "bad_date")
                    continue
                if amb:
                    problem(
                        warnings,
                        co_file,
                        sheet_co,
                        rn,
                        cnames[h],
                        get(row, cidx, h),
                        "ambiguous_date",
                        loaded_as=dates[h],
                    )
        wording = get(row, cidx, "type").lower()
        if None in ends:
            continue
        src, dst = ends
        if wording in REVERSED:
            rtype, src, dst = REVERSED[wording], dst, src
        elif wording in REL_OF:
            rtype = REL_OF[wording]
        else:
            rtype = "RELATED_TO"
            related.append([src, dst, wording])
            problem(warnings, co_file, sheet_co, rn, cnames["type"], wording, "unknown_relationship")
        links.append([rtype, src, dst, dates.get(since_h)])
    return {"entities": entities, "links": links, "related": related, "warnings": warnings, "errors": errors}


FAILS = []


def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg)
    if not cond:
        FAILS.append(msg)


def same_problems(got, want, label):
    def key(p):
        return (p["file"], p.get("sheet"), p["row"], p["column"], (p["contains"] or "").lower(), p["what"])

    g, w = sorted(map(key, got)), sorted(map(key, want))
    check(g == w, f"{label}: {len(w)} expected, derived {len(g)}" + ("" if g == w else f"\n  got  {g}\n  want {w}"))
    for p in want:
        if "suggests" in p:
            match = [q for q in got if key(q) == key(p)]
            check(
                bool(match) and match[0].get("suggests") == p["suggests"],
                f"{label}: row {p['row']} suggestion {p['suggests']!r} is the closest label",
            )


def warts_of_csv(folder, raw_el, raw_co, bom=True, crlf=True):
    for name, raw in (("Elements.csv", raw_el), ("Connections.csv", raw_co)):
        check(raw.startswith(b"\xef\xbb\xbf") == bom, f"{folder}/{name}: BOM {'present' if bom else 'absent'}")
        body = raw.replace(b"\r\n", b"")
        if crlf:
            check(b"\r\n" in raw and b"\r" not in body, f"{folder}/{name}: CRLF row endings")
        else:
            check(b"\r" not in raw, f"{folder}/{name}: LF row endings")


def main():
    exp = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))

    # ---- kumu_warts (CSV)
    e = exp["kumu_warts"]
    raw_el, el = read_csv(HERE / "kumu_warts" / "Elements.csv")
    raw_co, co = read_csv(HERE / "kumu_warts" / "Connections.csv")
    warts_of_csv("kumu_warts", raw_el, raw_co)
    check(
        len(el) - 1 == e["element_rows"] and len(co) - 1 == e["connection_rows"],
        f"kumu_warts: {len(el) - 1} element rows, {len(co) - 1} connection rows",
    )
    check(
        any("\n" in c for r in el for c in r) and any("\n" in c for r in co for c in r),
        "kumu_warts: multi-line cells in both files",
    )
    check(
        raw_el.count(b"\n") > len(el) and raw_co.count(b"\n") > len(co),
        "kumu_warts: physical lines outnumber spreadsheet rows (row numbers must count records)",
    )
    check(
        all(len(r) == len(el[0]) for r in el) and all(len(r) == len(co[0]) for r in co),
        "kumu_warts: every row as wide as its header",
    )
    res = load(el, co, "Elements.csv", "Connections.csv")
    check(res["errors"] == [], f"kumu_warts: no errors ({res['errors']})")
    want_ents = {x["id"]: x for x in e["entities"]}
    check(set(res["entities"]) == set(want_ents), "kumu_warts: entity ids")
    for eid, ent in res["entities"].items():
        if want_ents.get(eid) != ent:
            check(False, f"kumu_warts: entity {eid}: derived {ent} expected {want_ents.get(eid)}")
    check(len(res["entities"]) == e["entity_count"], f"kumu_warts: {e['entity_count']} entities")
    got_links = sorted(map(tuple, res["links"]))
    check(got_links == sorted(map(tuple, e["links"])), f"kumu_warts: {e['link_count']} links")
    check(len(set(got_links)) == len(got_links) == e["link_count"], "kumu_warts: no link twice")
    check(sorted(res["related"]) == sorted(e["related_to_kinds"]), "kumu_warts: RELATED_TO kinds")
    same_problems(res["warnings"], e["warnings"], "kumu_warts warnings")

    # ---- workbook
    x = exp["kumu_warts_xlsx"]
    from openpyxl import load_workbook

    wb = load_workbook(HERE / "kumu_warts" / "workbook.xlsx")
    check(wb.sheetnames == x["sheets"], f"workbook: sheets {wb.sheetnames}")
    n_dates = sum(isinstance(c.value, dt.datetime) for ws in wb for r in ws.iter_rows() for c in r)
    n_nums = sum(isinstance(c.value, (int, float)) for ws in wb for r in ws.iter_rows() for c in r)
    check(n_dates >= 5 and n_nums >= 4, f"workbook: {n_dates} date cells, {n_nums} number cells")
    xel, xco = (
        read_sheet(HERE / "kumu_warts" / "workbook.xlsx", "Elements"),
        read_sheet(HERE / "kumu_warts" / "workbook.xlsx", "Connections"),
    )
    check(len(xel) == len(el) and len(xco) == len(co), "workbook: same row counts as the CSVs")
    xres = load(xel, xco, "workbook.xlsx", "workbook.xlsx", "Elements", "Connections")
    check(xres["errors"] == [], "workbook: no errors")
    check(xres["entities"] == res["entities"], "workbook: same entities as the CSVs")
    check(sorted(map(tuple, xres["links"])) == got_links, "workbook: same links as the CSVs")
    check(sorted(xres["related"]) == sorted(res["related"]), "workbook: same RELATED_TO kinds")
    same_problems(xres["warnings"], x["warnings"], "workbook warnings")

    # ---- kumu_broken
    b = exp["kumu_broken"]
    raw_el, el = read_csv(HERE / "kumu_broken" / "Elements.csv")
    raw_co, co = read_csv(HERE / "kumu_broken" / "Connections.csv")
    warts_of_csv("kumu_broken", raw_el, raw_co)
    res = load(el, co, "Elements.csv", "Connections.csv")
    same_problems(res["errors"], b["errors"], "kumu_broken errors")
    same_problems(res["warnings"], b["warnings"], "kumu_broken warnings")
    referenced = {eid for link in res["links"] for eid in link[1:3]}
    check(
        "pacific-policy-institute" not in referenced,
        "kumu_broken: the unknown-kind element is not referenced by any connection",
    )

    # ---- missing_column
    m = exp["missing_column"]
    raw_el, el = read_csv(HERE / "missing_column" / "Elements.csv")
    raw_co, co = read_csv(HERE / "missing_column" / "Connections.csv")
    warts_of_csv("missing_column", raw_el, raw_co, bom=False, crlf=False)
    res = load(el, co, "Elements.csv", "Connections.csv")
    same_problems(res["errors"], m["errors"], "missing_column errors")
    check(
        all(keys_resolve(v, el) for v in (r[0] for r in co[1:])),
        "missing_column: every From resolves (the missing To is the only problem)",
    )

    # ---- countries agree with pycountry, where it is installed
    try:
        import pycountry
    except ImportError:
        print("skip pycountry cross-check (not installed)")
    else:
        for name, iso in COUNTRY.items():
            if "." in name or name in ("us", "uk", "britain"):
                continue
            check(pycountry.countries.lookup(name).alpha_3 == iso, f"pycountry: {name} -> {iso}")

    print("\n" + ("ALL GOOD" if not FAILS else f"{len(FAILS)} FAILED"))
    return 1 if FAILS else 0


def keys_resolve(value, el_rows):
    idx = {h.strip().lower(): i for i, h in enumerate(el_rows[0])}
    names = set()
    for r in el_rows[1:]:
        names.add(r[idx["label"]].strip().lower())
        names.update(a.lower() for a in split_list(r[idx["aliases"]]))
    return value.strip().lower() in names or value.strip().lower() in COUNTRY


if __name__ == "__main__":
    sys.exit(main())
