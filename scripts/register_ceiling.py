#!/usr/bin/env python3
"""Usage: register_ceiling.py DATADIR [PRECISION]

Upper bound on pairwise recall at a given precision for register data.

An oracle that knows, for every comparison pattern, how many of the pairs showing it are one
person, merges patterns in order of their match rate until precision would fall under the target.
Patterns are what any comparator can see: how names, birth dates, id numbers, streets, postcodes
and cities compare, and how many records carry the name. Last, the true pairs that nothing but
names and places join, even through the person's other records.
"""
import csv, sys, re, unicodedata
from collections import Counter, defaultdict
from itertools import combinations


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s.lower().replace("-", " ")).strip()


def date(s):
    s = s.strip()
    if not s:
        return None
    if "-" in s:
        y, m, d = s.split("-")
    else:
        d, m, y = s.split("/")
    return (int(y), int(m), int(d))


def date_level(a, b):
    if a is None or b is None:
        return "none"
    if a == b:
        return "same"
    if a[0] == b[0] and a[1] == b[2] and a[2] == b[1]:
        return "near"
    sa, sb = "%04d%02d%02d" % a, "%04d%02d%02d" % b
    if sum(x != y for x, y in zip(sa, sb)) == 1:
        return "near"
    return "diff"


def nid(s):
    s = re.sub(r"[^0-9A-Za-z]", "", s).upper().lstrip("0")
    return s or None


def nid_level(a, b):
    if a is None or b is None:
        return "none"
    if a == b:
        return "same"
    if len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1:
        return "near"
    return "diff"


STOP = {"calle", "c", "avenida", "avda", "av", "plaza", "pza", "pl", "paseo", "po", "de", "del",
        "la", "el", "los", "las", "street", "st", "road", "rd", "avenue", "ave", "flat", "apt",
        "n", "no", "nº", "º", "b", "a", "c", "d", "izq", "dcha", "bajo", "entresuelo", "piso",
        "north", "south", "east", "west", "n", "s", "e", "w", "lane", "ln", "drive", "dr",
        "court", "ct", "boulevard", "blvd", "place", "way", "close", "gardens", "square", "sq"}


def street(s):
    t = [w for w in re.findall(r"[0-9a-z]+", fold(s)) if w not in STOP]
    return frozenset(t) if t else None


def street_level(a, b):
    if a is None or b is None:
        return "none"
    j = len(a & b) / len(a | b)
    return "same" if j >= 0.5 else ("part" if a & b else "diff")


def postal(s):
    s = re.sub(r"\s+", "", s).upper()
    if not s:
        return None
    if re.fullmatch(r"\d+(-\d{4})?", s):
        return s.split("-")[0].lstrip("0")
    return s


def simple_level(a, b):
    if a is None or b is None:
        return "none"
    return "same" if a == b else "diff"


CITY = {"xixon": "gijon", "valencia": "valencia", "donostia": "san sebastian", "nyc": "new york",
        "new york city": "new york", "la coruna": "a coruna", "coruna": "a coruna"}


def city(s):
    c = fold(s).split(",")[0].strip()
    return CITY.get(c, c) or None


def main(directory, target=0.99):
    recs = {}
    with open(f"{directory}/contacts.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            recs[row["rec_id"]] = dict(
                name=fold(row["given_name"] + " " + row["family_name"]),
                given=fold(row["given_name"]),
                family=fold(row["family_name"]),
                bd=date(row["birth_date"]), id=nid(row["national_id"]),
                street=street(row["street"]), pc=postal(row["postal_code"]), city=city(row["city"]))
    person = {}
    with open(f"{directory}/truth.csv", newline="") as f:
        for row in csv.DictReader(f):
            person[row["rec_id"]] = row["person_id"]
    namecount = Counter(r["name"] for r in recs.values())

    def levels(ra, rb):
        return (date_level(ra["bd"], rb["bd"]), nid_level(ra["id"], rb["id"]),
                street_level(ra["street"], rb["street"]), simple_level(ra["pc"], rb["pc"]),
                simple_level(ra["city"], rb["city"]))

    def signature(a, b):
        ra, rb = recs[a], recs[b]
        exact = ra["name"] == rb["name"]
        if exact:
            n = (min(namecount[ra["name"]], 12),)
        else:
            n = tuple(sorted((min(namecount[ra["name"]], 12), min(namecount[rb["name"]], 12))))
        return (exact, n, len(ra["family"].split()) >= 2) + levels(ra, rb)

    true_by = Counter()
    members = defaultdict(list)
    for r, p in person.items():
        members[p].append(r)
    total_true = 0
    for rs in members.values():
        for a, b in combinations(sorted(rs), 2):
            true_by[signature(a, b)] += 1
            total_true += 1
    false_by = Counter()
    byname = defaultdict(list)
    for r, v in recs.items():
        byname[v["name"]].append(r)
    for rs in byname.values():
        for a, b in combinations(sorted(rs), 2):
            if person[a] != person[b]:
                false_by[signature(a, b)] += 1
    # Pairs whose names differ: each namesake C of B that is not A's person and compares with A
    # as B does shows the same pattern, so it is a false pair of the same group (a lower bound).
    false_sets = defaultdict(set)
    for rs in members.values():
        for a, b in combinations(sorted(rs), 2):
            ra, rb = recs[a], recs[b]
            if ra["name"] == rb["name"]:
                continue
            sig = signature(a, b)
            lv = sig[3:]
            for x, y in ((a, b), (b, a)):
                rx = recs[x]
                for c in byname[recs[y]["name"]]:
                    if person[c] != person[x] and levels(rx, recs[c]) == lv:
                        false_sets[sig].add((min(x, c), max(x, c)))
    for sig, fs in false_sets.items():
        false_by[sig] += len(fs)
    # Pairs a cluster joins through a third record count as found (union-find over the true pairs
    # merged); false pairs are counted one by one (a lower bound: clusters join more).
    parent = {r: r for r in recs}
    size = {r: 1 for r in recs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    found = 0

    def join(a, b):
        nonlocal found
        a, b = find(a), find(b)
        if a != b:
            found += size[a] * size[b]
            if size[a] < size[b]:
                a, b = b, a
            parent[b] = a
            size[a] += size[b]

    edges = defaultdict(list)
    for rs in members.values():
        for a, b in combinations(sorted(rs), 2):
            edges[signature(a, b)].append((a, b))
    groups = sorted(((true_by[s], false_by[s], s) for s in set(true_by) | set(false_by) ),
                    key=lambda g: -(g[0] / (g[0] + g[1])))
    fp = 0
    best = (found / total_true, found, fp)
    for t, fpc, s in groups:
        for a, b in edges.get(s, ()):
            join(a, b)
        fp += fpc
        if found / (found + fp) >= target:
            best = (found / total_true, found, fp)
    print(f"true pairs {total_true}; false pairs with equal names or a namesake's pattern {sum(false_by.values())}")
    print(f"ceiling at precision >= {target}: recall {best[0]:.4f} ({best[1]} true, {best[2]} false)")
    hard = [(t, fpc, s) for t, fpc, s in groups
            if s[3] in ("none", "diff") and s[4] in ("none", "diff") and s[5] != "same"]
    ht, hf = sum(g[0] for g in hard), sum(g[1] for g in hard)
    print(f"nothing but the name agreeing: {ht} true pairs beside {hf} false pairs")
    # The same, through the person's other records: pairs that no chain of a shared birth date,
    # id number or street (each exact or one slip off) joins. Only names and places can join
    # them, to a matcher or to anyone.
    apart = 0
    for rs in members.values():
        root = {r: r for r in rs}

        def top(x):
            while root[x] != x:
                x = root[x]
            return x

        for a, b in combinations(rs, 2):
            lv = levels(recs[a], recs[b])
            if lv[0] in ("same", "near") or lv[1] in ("same", "near") or lv[2] == "same":
                root[top(a)] = top(b)
        apart += sum(1 for a, b in combinations(rs, 2) if top(a) != top(b))
    print(f"joined by nothing but names and places, even through the person's other records: {apart} true pairs"
          f" ({apart / total_true:.2%}); recall {1 - apart / total_true:.4f} without them")

if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.99)
