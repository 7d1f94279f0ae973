"""Likely duplicates: blocked candidates against judging every pair, measured in one run.

    .venv/bin/python -m bench.duplicates [--sizes 10000 100000] [--sample 2000]

Builds seeded synthetic entities shaped like a stakeholder list (several kinds,
names of three to five words from a shared vocabulary, acronym aliases, an own
website and a few citations of common publishers, countries) with about 2% of
them entered again with a variation: other case and punctuation, the acronym
alone, a typo, "Dept" for "Department", or "Inc." added.  Prints seconds, the
pairs found and how many of the planted duplicates were found at each size;
on the sample, the all-pairs time, the ratio, and whether the blocked answer
holds every pair the all-pairs answer lists.  Never fails on a time.
"""

from __future__ import annotations

import argparse
import random
import string
import time
from typing import Any

from graph.duplicates import all_pairs_duplicates, likely_duplicates

KINDS = {"Agency": 0.3, "NGO": 0.2, "Company": 0.25, "Forum": 0.1, "Program": 0.1, "InternationalOrganisation": 0.05}
HEADS = {
    "Agency": ["Department", "Agency", "Commission", "Police", "Authority", "Office", "Bureau", "Service"],
    "NGO": ["Foundation", "Trust", "Alliance", "Society", "Association", "Network", "Centre"],
    "Company": ["Systems", "Technologies", "Platforms", "Labs", "Media", "Networks", "Software"],
    "Forum": ["Forum", "Council", "Taskforce", "Coalition", "Dialogue", "Partnership"],
    "Program": ["Program", "Initiative", "Project", "Fund", "Scheme"],
    "InternationalOrganisation": ["Organisation", "Office", "Agency", "Bank", "Union"],
}
PUBLISHERS = [f"news{i}.example.com" for i in range(40)] + ["en.wikipedia.org", "www.gov.uk"]


def _word(rng: random.Random) -> str:
    syllables = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 3))) for _ in range(rng.randint(2, 3))]
    return "".join(syllables).capitalize()


def synthetic(n: int, *, seed: int = 7, duplicated: float = 0.02) -> tuple[list[dict], set[frozenset[str]]]:
    """`n` entities (plus about `duplicated` of them entered again) and the planted duplicate pairs."""
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(max(400, n // 20))]
    countries = [f"C{i:02d}" for i in range(60)]
    kinds, weights = list(KINDS), list(KINDS.values())
    entities: list[dict] = []
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        name_words = rng.sample(vocabulary, rng.randint(2, 4))
        name = " ".join([*name_words, rng.choice(HEADS[kind])])
        if kind == "Agency" and rng.random() < 0.5:
            name = f"{name.split()[-1]} of {' '.join(name.split()[:-1])}"
        initials = "".join(w[0] for w in name.split() if w != "of").upper()
        site = f"https://www.{''.join(name_words).lower()[:20]}.org/"
        sources = [site, *(f"https://{p}/item/{rng.randint(1, 10**6)}" for p in rng.sample(PUBLISHERS, 2))]
        entities.append(
            {
                "id": f"e{i}",
                "name": name,
                "aliases": [initials] if rng.random() < 0.5 else [],
                "kind": kind,
                "country": rng.choice(countries) if rng.random() < 0.8 else None,
                "sources": sources,
            }
        )
    planted: set[frozenset[str]] = set()
    for original in rng.sample(entities, round(n * duplicated)):
        copy = dict(original, id=f"{original['id']}-again", aliases=[])
        variation = rng.choice(["punctuation", "acronym", "typo", "dept", "inc", "site"])
        name = original["name"]
        if variation == "punctuation":
            copy["name"] = name.upper().replace(" ", " - ", 1)
        elif variation == "acronym":
            copy["name"] = "".join(w[0] for w in name.split() if w != "of").upper()
        elif variation == "typo":
            at = rng.randrange(1, len(name) - 2)
            copy["name"] = name[:at] + name[at + 1] + name[at] + name[at + 2 :]
        elif variation == "dept":
            copy["name"] = name.replace("Department", "Dept") if "Department" in name else name + " Inc."
        elif variation == "inc":
            copy["name"] = name + " Ltd"
        else:
            copy["name"] = " ".join(name.split()[:-1]) + " " + rng.choice(HEADS[original["kind"]])
        copy["sources"] = original["sources"][:1] if variation == "site" else []
        entities.append(copy)
        planted.add(frozenset((original["id"], copy["id"])))
    rng.shuffle(entities)
    return entities, planted


def timed(fn, *args, **kwargs) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def found(rows: list[dict], planted: set[frozenset[str]]) -> str:
    hits = len(planted & {frozenset((r["a"], r["b"])) for r in rows})
    return f"{hits}/{len(planted)} planted duplicates found"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sample", type=int, default=2000, help="size that the all-pairs way also runs on")
    args = parser.parse_args()

    entities, planted = synthetic(args.sample)
    sample_pairs = len(entities) * (len(entities) - 1) // 2
    naive_s, naive = timed(all_pairs_duplicates, entities)
    blocked_s, blocked = timed(likely_duplicates, entities)
    missed = [r for r in naive if r not in blocked]
    extra = [r for r in blocked if r not in naive]
    print(
        f"{len(entities):,} entities: all pairs {naive_s:.2f} s ({len(naive)} pairs, {found(naive, planted)}); "
        f"blocked {blocked_s:.2f} s ({len(blocked)} pairs, {found(blocked, planted)}); "
        f"ratio {naive_s / blocked_s:.0f}x"
    )
    print(
        f"  blocked misses {len(missed)} of the all-pairs answer"
        + (f" (similarity alone: {sum(1 for r in missed if len(r['reasons']) == 1)})" if missed else "")
        + f" and adds {len(extra)}"
    )
    for size in args.sizes:
        entities, planted = synthetic(size)
        seconds, rows = timed(likely_duplicates, entities)
        pairs = len(entities) * (len(entities) - 1) // 2
        print(
            f"{len(entities):,} entities: blocked {seconds:.2f} s, {len(rows)} pairs listed, {found(rows, planted)} "
            f"(all pairs would judge {pairs:,} pairs: about {naive_s * pairs / sample_pairs:,.0f} s at the "
            "sample's rate)"
        )


if __name__ == "__main__":
    main()
