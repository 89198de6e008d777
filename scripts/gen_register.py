#!/usr/bin/env python3
"""Deterministic synthetic person-register generator with ground truth.

Usage:  python3 gen_register.py N OUTDIR [--seed S]

Writes OUTDIR/contacts.csv (exactly N records) with columns
  rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id
and OUTDIR/truth.csv (rec_id,person_id), plus OUTDIR/meta.json (counts), and
prints the meta JSON on stdout.  Same N + seed -> byte-identical output (pure
stdlib `random.Random`; name pools are imported from
../../shared/bench/gen_contacts.py when present, small built-in pools
otherwise, so the bytes also depend on which pools were used).

Purpose: test record linkage WITHOUT e-mail or phone.  The only identifying
fields are names, birth date, postal address and a national id.

Model: people live in Spain (60%: given name + two surnames, `Calle Mayor 12,
3º B`, 5-digit postal codes, DNI `12345678Z` with a valid check letter; ~4%
are foreign residents with an NIE `X1234567L` and an English name) or in the
UK / US (20% + 20%: one surname, `12 High Street` / `1234 North Oak Street,
Apt 4B`, UK postcodes `SW1A 1AA` / US ZIPs, a 9-digit SSN-like id
`123-45-6789`).  Each person yields 1..4 records (mean ~1.62).

Every record: birth date in one of `1985-03-07`, `07/03/1985`, `7/3/1985`;
national id in one of several layouts (`12345678Z`, `12345678-Z`,
`12.345.678-Z`, `12345678 z`, `1234567L` without the leading zero;
`123-45-6789`, `123456789`, `123 45 6789`); missing birth date 10%, missing
national id 40%, small rates of missing street / postal code / city.

The first record of a person is the clean source; the duplicates (records
2..4) carry corruption: dropped accents (record-level ASCII-fication), case
noise (UPPER, lower, Title, surnames in capitals), name typos (8%), only one of
the two Spanish surnames (30%) or hyphenated surnames, swapped given/family
(3%), nicknames (10%, NICK table), `Mª`/`Fco.` abbreviations, compound given
names shortened, middle names/initials (UK/US), birth date day/month swap or a
one-digit typo (3%), street-type abbreviations (`Calle`->`C/`,
`Avenida`->`Avda.`, `Street`->`St`, `Road`->`Rd`, ...), dropped `de`, other
house-number / floor / flat layouts, postal codes without the leading zero or
without the space, ZIP+4, city variants (`València`, `Donostia`, `NYC`,
`Boston, MA`), moving house (15% per duplicate: different street, postal code
and often city), national id with one typo (2%).

Confounders: Zipf-weighted names (many García / Smith / José / John), shared
birth dates (incl. a 1 January spike), twins (0.5% of people: same surnames,
address and birth date, different given name, national id +1), families at
the same address (~5% of people: same surname and address, different given
name and birth date; siblings, parents/children, UK/US spouses).
"""
import bisect
import csv
import datetime
import importlib.util
import json
import os
import random
import sys
import unicodedata
from collections import Counter, deque

# ------------------------------------------------------------------ pools
_FALLBACK = dict(
    ES_GIVEN_M=["José", "Francisco", "Manuel", "Antonio", "Juan", "Javier", "Carlos", "Jesús", "Alejandro",
                "Miguel", "Rafael", "Pedro", "Ángel", "Pablo", "Fernando", "Luis", "Sergio", "Jorge",
                "Alberto", "Álvaro", "Diego", "Adrián", "Raúl", "Enrique", "Ignacio", "Rubén", "Óscar"],
    ES_GIVEN_F=["María", "Carmen", "Ana", "Isabel", "Laura", "Cristina", "Marta", "Lucía", "Dolores",
                "Pilar", "Elena", "Raquel", "Sara", "Paula", "Rosario", "Beatriz", "Nuria", "Silvia",
                "Concepción", "Mercedes", "Teresa", "María José", "María Luisa", "Begoña", "Inés"],
    EN_GIVEN_M=["Robert", "William", "James", "Richard", "Michael", "Thomas", "Christopher", "Daniel",
                "Anthony", "Edward", "Joseph", "David", "John", "Steven", "Charles", "Peter", "George"],
    EN_GIVEN_F=["Elizabeth", "Katherine", "Margaret", "Jennifer", "Patricia", "Susan", "Rebecca",
                "Victoria", "Jessica", "Emily", "Sarah", "Deborah", "Amanda", "Alice", "Laura", "Emma"],
    NICK={"José": ["Pepe"], "Francisco": ["Paco", "Curro"], "Manuel": ["Manolo"], "Antonio": ["Toño", "Toni"],
          "Jesús": ["Chus"], "Alejandro": ["Álex"], "Ignacio": ["Nacho"], "Enrique": ["Quique"],
          "Javier": ["Javi"], "Dolores": ["Lola"], "Concepción": ["Concha", "Conchi"], "Rosario": ["Charo"],
          "María José": ["Majo"], "María Luisa": ["Marisa"], "Mercedes": ["Merche"], "Cristina": ["Cris"],
          "Robert": ["Bob", "Rob"], "William": ["Bill", "Will"], "James": ["Jim"], "Richard": ["Rick"],
          "Michael": ["Mike"], "Thomas": ["Tom"], "Christopher": ["Chris"], "Daniel": ["Dan"],
          "Anthony": ["Tony"], "Edward": ["Ed", "Ted"], "Joseph": ["Joe"], "David": ["Dave"],
          "John": ["Jack"], "Steven": ["Steve"], "Charles": ["Charlie"], "Elizabeth": ["Liz", "Beth"],
          "Katherine": ["Kate", "Kathy"], "Margaret": ["Maggie", "Peggy"], "Jennifer": ["Jen"],
          "Susan": ["Sue"], "Rebecca": ["Becky"], "Victoria": ["Vicky"], "Jessica": ["Jess"],
          "Patricia": ["Patri", "Pat"]},
    ES_SUR=["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
            "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso",
            "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano",
            "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín",
            "Sanz", "Núñez", "Iglesias", "Medina", "de la Fuente", "del Río", "Echeverría", "Goicoechea"],
    EN_SUR=["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
            "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
            "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "O'Brien",
            "McDonald", "MacLeod", "Patel", "Nguyen", "Smith-Jones"],
    EN_TAIL=[a + b for a in ["Ash", "Black", "Brad", "Fair", "Gold", "Hart", "Kings", "Mill", "Red", "Whit"]
             for b in ["ford", "ton", "ley", "wood", "field", "well", "ham", "wick"]],
    ES_TAIL=[a + b for a in ["Alba", "Bel", "Cal", "Esc", "Gal", "Mar", "Sal", "Tor", "Val", "Vill"]
             for b in ["ardo", "edo", "era", "illo", "ona", "uela", "ero", "ares"]],
)


def _load_pools():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench", "gen_contacts.py")
    saved = sys.dont_write_bytecode
    try:
        sys.dont_write_bytecode = True  # leave no __pycache__ next to the shared file
        spec = importlib.util.spec_from_file_location("_gen_contacts_pools", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        pools = {k: getattr(mod, k) for k in _FALLBACK}
        if all(pools.values()):
            return pools
    except Exception:  # missing or changed file: fall back to the small built-in pools
        pass
    finally:
        sys.dont_write_bytecode = saved
    return _FALLBACK


_P = _load_pools()
ES_GIVEN_M, ES_GIVEN_F = list(_P["ES_GIVEN_M"]), list(_P["ES_GIVEN_F"])
EN_GIVEN_M, EN_GIVEN_F = list(_P["EN_GIVEN_M"]), list(_P["EN_GIVEN_F"])
NICK = dict(_P["NICK"])
ES_SUR, EN_SUR = list(_P["ES_SUR"]), list(_P["EN_SUR"])
ES_TAIL, EN_TAIL = list(_P["ES_TAIL"]), list(_P["EN_TAIL"])

# abbreviations of the first part of a given name; only used alone for Francisco, else only in
# compound names ("Mª José", "J. Antonio" style registers)
GIVEN_ABBR = {"María": ["Mª", "M.ª", "M."], "José": ["J."], "Francisco": ["Fco.", "Fco"], "Juan": ["J."]}

# --- Spain: (spellings, postal lo, postal hi, weight)
ES_CITIES = [
    (["Madrid"], 28001, 28055, 20), (["Barcelona"], 8001, 8042, 12), (["Valencia", "València"], 46001, 46026, 6),
    (["Sevilla"], 41001, 41020, 5), (["Zaragoza"], 50001, 50021, 4), (["Málaga"], 29001, 29018, 4),
    (["Murcia"], 30001, 30012, 3), (["Palma", "Palma de Mallorca"], 7001, 7015, 3),
    (["Las Palmas de Gran Canaria", "Las Palmas"], 35001, 35019, 3), (["Bilbao", "Bilbo"], 48001, 48015, 3),
    (["Alicante", "Alacant"], 3001, 3016, 3), (["Córdoba"], 14001, 14014, 2), (["Valladolid"], 47001, 47017, 2),
    (["Vigo"], 36201, 36216, 2), (["Gijón", "Xixón"], 33201, 33213, 2),
    (["A Coruña", "La Coruña", "Coruña"], 15001, 15011, 2), (["Granada"], 18001, 18015, 2),
    (["Vitoria-Gasteiz", "Vitoria", "Gasteiz"], 1001, 1015, 2), (["Pamplona", "Iruña"], 31001, 31016, 2),
    (["San Sebastián", "Donostia", "Donostia-San Sebastián"], 20001, 20018, 2), (["Santander"], 39001, 39012, 1),
    (["Salamanca"], 37001, 37008, 1), (["Getafe"], 28901, 28909, 1), (["Móstoles"], 28931, 28938, 1),
    (["L'Hospitalet de Llobregat", "Hospitalet de Llobregat", "L'Hospitalet"], 8901, 8908, 1),
]
ES_STYPE = [("Calle", 60), ("Avenida", 15), ("Plaza", 6), ("Paseo", 5), ("Camino", 3), ("Ronda", 3),
            ("Travesía", 2), ("Carretera", 2)]
ES_STYPE_ABBR = {"Calle": ["C/", "C/", "C/", "c/", "C.", "Cl."], "Avenida": ["Avda.", "Avda.", "Av.", "Avda"],
                 "Plaza": ["Pza.", "Pl.", "Plza."], "Paseo": ["Pº", "P.º", "Pso."], "Camino": ["Cno.", "Cmno."],
                 "Ronda": ["Rda."], "Travesía": ["Trva.", "Trav."], "Carretera": ["Ctra."]}
ES_STREETS = ["Mayor", "Real", "de Alcalá", "Gran Vía", "del Sol", "de San Juan", "de Cervantes", "de Colón",
              "de la Constitución", "de Andalucía", "de España", "del Carmen", "de la Paz", "Nueva",
              "de la Iglesia", "del Mar", "de los Reyes Católicos", "de Goya", "de Velázquez", "del Príncipe",
              "de Toledo", "de Valencia", "de Aragón", "de la Libertad", "de Santa María", "del Doctor Fleming",
              "de Ramón y Cajal", "de Blasco Ibáñez", "de García Lorca", "de Juan Carlos I", "de la Estación",
              "del Pilar", "de San Francisco", "de Pablo Picasso", "de Castilla", "del Río", "de la Castellana",
              "Diagonal", "de Gràcia", "de Miguel Hernández", "de Antonio Machado", "de la Rioja", "de Galicia",
              "de los Olivos", "de las Flores", "del Generalísimo", "de Hernán Cortés", "de Pío XII",
              "de la Reina Victoria", "de Sagasta", "de Serrano", "de Argüelles", "de Núñez de Balboa"]
ES_FLOORS = ["Bajo", "Entresuelo", "1º", "1º", "2º", "2º", "3º", "3º", "4º", "4º", "5º", "6º", "7º", "8º", "Ático"]
ES_DOORS = ["A", "A", "B", "B", "C", "D", "Izq.", "Dcha.", "1ª", "2ª", "3ª", "4ª"]
ES_DOOR_VAR = {"Izq.": ["Izq.", "Izda.", "Izquierda", "izq", "Izq"], "Dcha.": ["Dcha.", "Dcha", "Dr.", "Derecha", "dcha"]}
ES_FLOOR_VAR = {"Bajo": ["Bajo", "Bj.", "bajo", "Bº"], "Ático": ["Ático", "At.", "Atico"], "Entresuelo": ["Entlo.", "Entresuelo", "Entl."]}

# --- UK: (spellings, outward codes, weight)
UK_CITIES = [
    (["London"], ["SW1A", "SW3", "SW11", "SE1", "SE15", "E1", "E8", "E14", "N1", "N7", "NW1", "NW3", "W1",
                  "W2", "W11", "EC1V", "WC1N"], 10),
    (["Manchester"], ["M1", "M4", "M14", "M20", "M21"], 3), (["Birmingham"], ["B1", "B5", "B15", "B29"], 3),
    (["Leeds"], ["LS1", "LS6", "LS8"], 2), (["Glasgow"], ["G1", "G3", "G12"], 2),
    (["Edinburgh"], ["EH1", "EH3", "EH10"], 2), (["Liverpool"], ["L1", "L8", "L17"], 2),
    (["Bristol"], ["BS1", "BS6", "BS8"], 2), (["Cambridge"], ["CB1", "CB2", "CB4"], 1),
    (["Oxford"], ["OX1", "OX2", "OX4"], 1), (["Cardiff", "Caerdydd"], ["CF10", "CF11", "CF24"], 1),
    (["Newcastle upon Tyne", "Newcastle"], ["NE1", "NE2", "NE6"], 1),
]
UK_INWARD = "ABDEFGHJLNPQRSTUWXYZ"
UK_STREETS = ["High", "Station", "Church", "Park", "Victoria", "Green", "Manor", "Kings", "Queens", "Mill",
              "Albert", "London", "New", "Grange", "Springfield", "Chester", "Windsor", "York", "Oxford",
              "George", "Main", "North", "South", "West", "Mount Pleasant", "Nelson", "St John's", "Elm", "Oak",
              "Beech", "Orchard", "Meadow", "Highfield", "Stanley", "Alexandra", "Richmond", "Castle", "Bridge"]
UK_STYPE = [("Street", 30), ("Road", 30), ("Lane", 8), ("Avenue", 8), ("Close", 5), ("Drive", 5), ("Way", 3),
            ("Crescent", 3), ("Gardens", 3), ("Place", 2), ("Terrace", 2), ("Grove", 2)]

# --- US: (spellings, state, zip lo, zip hi, weight)
US_CITIES = [
    (["New York", "New York City", "NYC", "Manhattan"], "NY", 10001, 10282, 8),
    (["Los Angeles", "LA"], "CA", 90001, 90089, 5), (["Chicago"], "IL", 60601, 60661, 4),
    (["Houston"], "TX", 77001, 77099, 3), (["Phoenix"], "AZ", 85001, 85054, 2),
    (["Philadelphia", "Philly"], "PA", 19102, 19154, 2), (["San Antonio"], "TX", 78201, 78266, 2),
    (["San Diego"], "CA", 92101, 92199, 2), (["Dallas"], "TX", 75201, 75287, 2),
    (["San Francisco", "SF"], "CA", 94102, 94134, 2), (["Boston"], "MA", 2108, 2137, 2),
    (["Seattle"], "WA", 98101, 98199, 2), (["Miami"], "FL", 33101, 33199, 2), (["Denver"], "CO", 80201, 80239, 1),
    (["Hartford"], "CT", 6101, 6120, 1), (["Newark"], "NJ", 7101, 7114, 1),
]
US_STREETS = ["Main", "Oak", "Maple", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Sunset",
              "Lincoln", "Jackson", "Franklin", "Madison", "Jefferson", "Highland", "Church", "Spring", "Center",
              "1st", "2nd", "3rd", "5th", "Walnut", "Willow", "Chestnut", "Ridge", "Meadow", "River", "Forest",
              "Adams", "Grand", "Lakeview", "Cherry"]
US_STYPE = [("Street", 35), ("Avenue", 20), ("Road", 10), ("Boulevard", 6), ("Drive", 12), ("Lane", 7),
            ("Court", 5), ("Place", 3), ("Way", 2)]
US_DIRS = {"North": ["N", "N."], "South": ["S", "S."], "East": ["E", "E."], "West": ["W", "W."]}
EN_ABBR = {"Street": ["St", "St", "St."], "Road": ["Rd", "Rd", "Rd."], "Avenue": ["Ave", "Ave.", "Av."],
           "Lane": ["Ln", "Ln."], "Drive": ["Dr", "Dr."], "Close": ["Cl"], "Crescent": ["Cres", "Cres."],
           "Gardens": ["Gdns"], "Place": ["Pl", "Pl."], "Terrace": ["Terr", "Ter."], "Grove": ["Gr", "Gro"],
           "Boulevard": ["Blvd", "Blvd."], "Court": ["Ct", "Ct."], "Way": ["Wy"]}

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
LOCALES = [("es", 0.60), ("uk", 0.20), ("us", 0.20)]
DUPS = [(1, 0.56), (2, 0.30), (3, 0.10), (4, 0.04)]  # mean 1.62
P_TWIN = 0.0025      # per independent person -> ~0.5% of people are twins
P_FAMILY = 0.022     # per independent person -> ~5% of people share an address with a relative
BIRTH_LO = datetime.date(1935, 1, 1).toordinal()
BIRTH_HI = datetime.date(2006, 12, 31).toordinal()
LETTERS = "abcdefghijklmnopqrstuvwxyz"

# ------------------------------------------------------------------ helpers
_DEACC = {}


def deaccent(s):
    """Drop combining marks (NFD, so º and ª survive)."""
    v = _DEACC.get(s)
    if v is None:
        v = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
        _DEACC[s] = v
    return v


class Weighted:
    """Weighted choice with precomputed cumulative weights (own bisect: stable across Python versions)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum, acc = [], 0.0
        for w in weights:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def pick(self, r):
        i = bisect.bisect_right(self.cum, r.random() * self.total)
        return self.items[min(i, len(self.items) - 1)]


def zipf(items, s):
    return Weighted(items, [1.0 / (i + 1) ** s for i in range(len(items))])


def wpairs(pairs):
    return Weighted([a for a, _ in pairs], [w for _, w in pairs])


def typo(r, s):
    if len(s) < 3:
        return s
    i = r.randrange(1, len(s) - 1)
    op = r.randrange(4)
    if op == 0:
        return s[:i] + s[i + 1:]
    if op == 1:
        return s[:i] + r.choice(LETTERS) + s[i:]
    if op == 2:
        return s[:i] + r.choice(LETTERS) + s[i + 1:]
    return s[:i - 1] + s[i] + s[i - 1] + s[i + 1:]


def digit_typo(r, d):
    """One substituted digit (70%) or two adjacent digits transposed (30%)."""
    if len(d) >= 2 and r.random() < 0.3:
        for _ in range(5):
            i = r.randrange(len(d) - 1)
            if d[i] != d[i + 1]:
                return d[:i] + d[i + 1] + d[i] + d[i + 2:]
    i = r.randrange(len(d))
    return d[:i] + r.choice([c for c in "0123456789" if c != d[i]]) + d[i + 1:]


def dni_letter(num):
    return DNI_LETTERS[num % 23]


# ------------------------------------------------------------ generator
class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.loc = wpairs(LOCALES)
        self.es_m, self.es_f = zipf(ES_GIVEN_M, 0.8), zipf(ES_GIVEN_F, 0.8)
        self.en_m, self.en_f = zipf(EN_GIVEN_M, 0.8), zipf(EN_GIVEN_F, 0.8)
        self.es_sur, self.en_sur = zipf(ES_SUR, 0.9), zipf(EN_SUR, 0.9)
        self.es_city = Weighted(range(len(ES_CITIES)), [c[3] for c in ES_CITIES])
        self.uk_city = Weighted(range(len(UK_CITIES)), [c[2] for c in UK_CITIES])
        self.us_city = Weighted(range(len(US_CITIES)), [c[4] for c in US_CITIES])
        self.es_stype, self.uk_stype, self.us_stype = wpairs(ES_STYPE), wpairs(UK_STYPE), wpairs(US_STYPE)
        self.es_street = zipf(ES_STREETS, 0.5)
        self.uk_street = zipf(UK_STREETS, 0.5)
        self.us_street = zipf(US_STREETS, 0.5)
        self.pending = deque()

    # ---------------------------------------------------------- people
    def given(self, style, female, avoid=()):
        r = self.rng
        pool = (self.es_f if female else self.es_m) if style == "es" else (self.en_f if female else self.en_m)
        for _ in range(20):
            g = pool.pick(r)
            if g not in avoid:
                return g
        return g

    def surname(self, style):
        r = self.rng
        if style == "es":
            return r.choice(ES_TAIL) if r.random() < 0.25 else self.es_sur.pick(r)
        return r.choice(EN_TAIL) if r.random() < 0.40 else self.en_sur.pick(r)

    def birth(self):
        r = self.rng
        o = r.randint(BIRTH_LO, BIRTH_HI)
        if r.random() < 0.01:  # "born 1 January" spike (unknown exact date)
            o = datetime.date(datetime.date.fromordinal(o).year, 1, 1).toordinal()
        return o

    def national_id(self, kind):
        r = self.rng
        if kind == "dni":
            return r.randint(1000000, 79999999)
        if kind == "nie":
            return r.randrange(3) * 10000000 + r.randint(0, 9999999)
        while True:  # SSN-like: area 001-899 except 666, group 01-99, serial 0001-9999
            area = r.randint(1, 899)
            if area != 666:
                return area * 1000000 + r.randint(1, 99) * 10000 + r.randint(1, 9999)

    def address(self, loc, city=None):
        r = self.rng
        if loc == "es":
            c = self.es_city.pick(r) if city is None else city
            lo, hi = ES_CITIES[c][1], ES_CITIES[c][2]
            has_floor = r.random() < 0.75
            return dict(loc="es", city=c, pc=r.randint(lo, hi), stype=self.es_stype.pick(r),
                        sname=self.es_street.pick(r), num=r.randint(1, 120) if r.random() < 0.8 else r.randint(1, 350),
                        floor=r.choice(ES_FLOORS) if has_floor else None,
                        door=r.choice(ES_DOORS) if has_floor and r.random() < 0.9 else None)
        if loc == "uk":
            c = self.uk_city.pick(r) if city is None else city
            outward = r.choice(UK_CITIES[c][1])
            inward = str(r.randint(1, 9)) + r.choice(UK_INWARD) + r.choice(UK_INWARD)
            return dict(loc="uk", city=c, pc=(outward, inward), stype=self.uk_stype.pick(r),
                        sname=self.uk_street.pick(r), num=r.randint(1, 220),
                        flat=r.randint(1, 24) if r.random() < 0.25 else None)
        c = self.us_city.pick(r) if city is None else city
        lo, hi = US_CITIES[c][2], US_CITIES[c][3]
        return dict(loc="us", city=c, pc=r.randint(lo, hi), plus4=r.randint(1, 9999), stype=self.us_stype.pick(r),
                    sname=self.us_street.pick(r), num=r.randint(1, 9999) if r.random() < 0.6 else r.randint(1, 999),
                    dir=r.choice(list(US_DIRS)) if r.random() < 0.15 else None,
                    unit=(str(r.randint(1, 30)) + (r.choice("ABCDEF") if r.random() < 0.4 else ""))
                    if r.random() < 0.35 else None,
                    unit_kind="Apt" if r.random() < 0.8 else "Unit")

    def moved(self, a):
        """New address in the same country: 50% same city, otherwise another (weighted) city."""
        r = self.rng
        return self.address(a["loc"], a["city"] if r.random() < 0.5 else None)

    def new_person(self):
        r = self.rng
        loc = self.loc.pick(r)
        female = r.random() < 0.5
        if loc == "es" and r.random() < 0.04:  # foreign resident: English name, NIE
            style, kind = "en", "nie"
        elif loc == "es":
            style, kind = "es", "dni"
        elif loc == "us" and r.random() < 0.10:  # Hispanic American: Spanish given name, one surname
            style, kind = "es1", "ssn"
        else:
            style, kind = "en", "ssn"
        p = dict(loc=loc, style=style, kind=kind, female=female, birth=self.birth(), nid=self.national_id(kind),
                 address=self.address(loc))
        gstyle = "es" if style in ("es", "es1") else "en"
        p["given"] = self.given(gstyle, female)
        p["surnames"] = [self.surname("es"), self.surname("es")] if style == "es" else \
            [self.surname("es" if style == "es1" else "en")]
        p["middle"] = self.given("en", female, (p["given"],)) if gstyle == "en" and r.random() < 0.5 else None
        # confounders: twins and relatives at the same address
        if r.random() < P_TWIN:
            self.pending.append(self.relative(p, "twin"))
        if r.random() < P_FAMILY:
            for _ in range(1 if r.random() < 0.7 else 2):
                rel = r.choice(["sibling", "parent"] + (["spouse"] if style != "es" else []))
                self.pending.append(self.relative(p, rel))
        return p

    def relative(self, p, rel):
        r = self.rng
        female = r.random() < 0.5
        q = dict(loc=p["loc"], style=p["style"], kind=p["kind"], female=female, address=p["address"])
        gstyle = "es" if p["style"] in ("es", "es1") else "en"
        q["given"] = self.given(gstyle, female, (p["given"],))
        q["middle"] = self.given("en", female, (q["given"],)) if gstyle == "en" and r.random() < 0.5 else None
        if rel == "twin":
            q["birth"] = p["birth"]
            q["surnames"] = list(p["surnames"])
            # consecutive registration numbers (stay inside the NIE prefix block / 9 digits)
            q["nid"] = p["nid"] - 1 if p["nid"] % 10000000 == 9999999 or p["nid"] >= 899999999 else p["nid"] + 1
        else:
            if rel == "sibling":
                off = r.randint(365, 12 * 365)
            elif rel == "parent":
                off = r.randint(20 * 365, 40 * 365)
            else:  # spouse
                off = r.randint(0, 8 * 365)
            off = max(off, 30)  # never the same birth date as p (twins are the only ones)
            b = p["birth"] + off * r.choice((-1, 1))
            q["birth"] = b if b <= BIRTH_HI else p["birth"] - off
            if p["style"] == "es" and rel == "parent":  # parent/child share one surname
                q["surnames"] = [p["surnames"][0], self.surname("es")]
            else:
                q["surnames"] = list(p["surnames"])
            q["nid"] = self.national_id(p["kind"])
        return q

    def next_person(self):
        return self.pending.popleft() if self.pending else self.new_person()

    # ---------------------------------------------------------- records
    def records(self, p, k):
        r = self.rng
        addr = p["address"]
        out = []
        for j in range(k):
            dup = j > 0
            if dup and r.random() < 0.15:
                addr = self.moved(addr)
            out.append(self.record(p, addr, dup))
        return out

    def record(self, p, a, dup):
        r = self.rng
        given, family = self.names(p, dup)
        birth = self.fmt_birth(p["birth"], dup) if r.random() >= 0.10 else ""
        street = self.fmt_street(a, dup) if r.random() >= 0.02 else ""
        postal = self.fmt_postal(a, dup) if r.random() >= 0.03 else ""
        city = self.fmt_city(a, dup) if r.random() >= 0.03 else ""
        nid = self.fmt_nid(p["kind"], p["nid"], dup) if r.random() >= 0.40 else ""
        if dup:
            x = r.random()
            if x < 0.25:  # ASCII-only source system
                given, family, street, city = deaccent(given), deaccent(family), deaccent(street), deaccent(city)
                if r.random() < 0.5:
                    street = street.replace("º", "").replace("ª", "")
            elif x < 0.32:
                given, family = deaccent(given), deaccent(family)
            x = r.random()
            if x < 0.05:  # everything upper case
                given, family, street, city = given.upper(), family.upper(), street.upper(), city.upper()
            elif x < 0.09:
                given, family = given.upper(), family.upper()
            elif x < 0.13:
                family = family.upper()
            elif x < 0.16:
                given, family = given.lower(), family.lower()
            elif x < 0.19:
                given, family = given.title(), family.title()
            if r.random() < 0.03:
                street = typo(r, street)
            if r.random() < 0.02:
                city = typo(r, city)
        return [given, family, birth, street, postal, city, nid]

    def names(self, p, dup):
        r = self.rng
        given = p["given"]
        surn = list(p["surnames"])
        if not dup:
            return given, " ".join(surn)
        nicks = NICK.get(given)
        if nicks and r.random() < 0.10:
            given = r.choice(nicks)
        elif " " in given and r.random() < 0.25:  # "María José" -> "María" / "José"
            given = given.split(" ")[0 if r.random() < 0.85 else 1]
        elif r.random() < 0.06:
            first = given.split(" ")[0]
            if first in GIVEN_ABBR and (" " in given or first == "Francisco"):  # "Mª José", "Fco."
                given = r.choice(GIVEN_ABBR[first]) + given[len(first):]
        if p["middle"] and r.random() < 0.12:
            given = given + " " + (p["middle"] if r.random() < 0.3 else p["middle"][0] + ("." if r.random() < 0.6 else ""))
        if len(surn) == 2:
            x = r.random()
            if x < 0.30:
                surn = [surn[0] if r.random() < 0.85 else surn[1]]
            elif x < 0.33:
                surn = ["-".join(surn)]
        family = " ".join(surn)
        if r.random() < 0.08:
            if r.random() < 0.4:
                given = typo(r, given)
            else:
                family = typo(r, family)
        if r.random() < 0.03:
            given, family = family, given
        return given, family

    def fmt_birth(self, o, dup):
        r = self.rng
        d = datetime.date.fromordinal(o)
        y, m, dd = d.year, d.month, d.day
        if dup and r.random() < 0.03:
            if r.random() < 0.5 and dd <= 12 and dd != m:
                m, dd = dd, m
            else:
                for _ in range(10):
                    s = digit_typo(r, f"{y:04d}{m:02d}{dd:02d}")
                    if s[:2] != f"{y:04d}"[:2]:
                        continue  # keep the century
                    try:
                        datetime.date(int(s[:4]), int(s[4:6]), int(s[6:]))
                    except ValueError:
                        continue
                    y, m, dd = int(s[:4]), int(s[4:6]), int(s[6:])
                    break
        x = r.random()
        if x < 0.40:
            return f"{y:04d}-{m:02d}-{dd:02d}"
        if x < 0.75:
            return f"{dd:02d}/{m:02d}/{y:04d}"
        return f"{dd}/{m}/{y:04d}"

    def fmt_nid(self, kind, num, dup):
        r = self.rng
        if kind == "ssn":
            d = f"{num:09d}"
            if dup and r.random() < 0.02:
                d = digit_typo(r, d)
            x = r.random()
            if x < 0.50:
                return f"{d[:3]}-{d[3:5]}-{d[5:]}"
            if x < 0.75:
                return d.lstrip("0") if r.random() < 0.2 else d  # spreadsheet drops leading zeros
            if x < 0.92:
                return f"{d[:3]} {d[3:5]} {d[5:]}"
            return f"{d[:3]}.{d[3:5]}.{d[5:]}"
        if kind == "nie":
            prefix, d = "XYZ"[num // 10000000], f"{num % 10000000:07d}"
            letter = dni_letter(num)
            if dup and r.random() < 0.02:
                d = digit_typo(r, d)
            x = r.random()
            if x < 0.55:
                s = f"{prefix}{d}{letter}"
            elif x < 0.75:
                s = f"{prefix}-{d}-{letter}"
            elif x < 0.90:
                s = f"{prefix}{d}-{letter}"
            else:
                s = f"{prefix} {d} {letter}"
            return s.lower() if r.random() < 0.05 else s
        d, letter = f"{num:08d}", dni_letter(num)
        if dup and r.random() < 0.02:
            d = digit_typo(r, d)
        if r.random() < 0.08:
            letter = letter.lower()
        if num < 10000000 and r.random() < 0.5:
            d = d[1:]  # 1234567L instead of 01234567L
        x = r.random()
        if x < 0.50:
            return f"{d}{letter}"
        if x < 0.68:
            return f"{d}-{letter}"
        if x < 0.82:
            return f"{d} {letter}"
        if x < 0.94:
            n = int(d)
            return f"{n:,}".replace(",", ".") + "-" + letter
        return f"DNI {d}{letter}"

    def fmt_street(self, a, dup):
        r = self.rng
        loc = a["loc"]
        if loc == "es":
            st, name = a["stype"], a["sname"]
            if dup:
                if r.random() < 0.35:
                    st = r.choice(ES_STYPE_ABBR[st])
                elif r.random() < 0.03:
                    st = ""
                if name.startswith("de ") and name[3:4].isupper() and r.random() < 0.3:
                    name = name[3:]
            floor, door = a["floor"], a["door"]
            if dup and floor and r.random() < 0.10:
                floor = door = None
            if dup and floor in ES_FLOOR_VAR and r.random() < 0.5:
                floor = r.choice(ES_FLOOR_VAR[floor])
            if dup and door in ES_DOOR_VAR:
                door = r.choice(ES_DOOR_VAR[door])
            lay = r.randrange(6) if dup else 0
            head = f"{st} {name}".strip()
            num = a["num"]
            if lay == 0:
                base = f"{head} {num}"
            elif lay in (1, 4):
                base = f"{head}, {num}"
            elif lay == 2:
                base = f"{head}, nº {num}"
            else:
                base = f"{head} {num}"
            if not floor:
                return base
            fd = floor + (" " + door if door else "")
            if lay == 3:
                fd = floor + (door or "")
            elif lay == 5 and floor[0].isdigit():
                fd = floor.rstrip("º") + ("-" + door.rstrip("ª") if door else "")
            return f"{base}, {fd}" if lay != 3 else f"{base} {fd}"
        st = a["stype"]
        if dup and r.random() < 0.40:
            st = r.choice(EN_ABBR[st])
        if loc == "uk":
            core = f"{a['num']} {a['sname']} {st}"
            if dup and r.random() < 0.05:
                core = f"{a['num']}, {a['sname']} {st}"
            if not a["flat"] or (dup and r.random() < 0.15):
                return core
            lay = r.randrange(3) if dup else 0
            if lay == 0:
                return f"Flat {a['flat']}, {core}"
            if lay == 1:
                return f"{core}, Flat {a['flat']}"
            return f"Flat {a['flat']} {core}"
        dr = a["dir"]
        if dr and dup and r.random() < 0.5:
            dr = r.choice(US_DIRS[dr])
        core = f"{a['num']} {dr + ' ' if dr else ''}{a['sname']} {st}"
        if not a["unit"] or (dup and r.random() < 0.15):
            return core
        if not dup:
            return f"{core}, {a['unit_kind']} {a['unit']}"
        u = r.choice([f"{a['unit_kind']} {a['unit']}", f"{a['unit_kind']}. {a['unit']}", f"#{a['unit']}",
                      f"# {a['unit']}"])
        return f"{core}{', ' if r.random() < 0.5 else ' '}{u}"

    def fmt_postal(self, a, dup):
        r = self.rng
        loc = a["loc"]
        if loc == "es":
            s = f"{a['pc']:05d}"
            return s.lstrip("0") if dup and r.random() < 0.08 else s
        if loc == "uk":
            o, i = a["pc"]
            s = f"{o} {i}"
            if dup:
                if r.random() < 0.15:
                    s = o + i
                if r.random() < 0.05:
                    s = s.lower()
            return s
        s = f"{a['pc']:05d}"
        if r.random() < 0.12:
            s += f"-{a['plus4']:04d}"
        return s.lstrip("0") if dup and r.random() < 0.10 else s

    def fmt_city(self, a, dup):
        r = self.rng
        loc = a["loc"]
        if loc == "es":
            names = ES_CITIES[a["city"]][0]
        elif loc == "uk":
            names = UK_CITIES[a["city"]][0]
        else:
            names = US_CITIES[a["city"]][0]
        c = r.choice(names) if dup and r.random() < 0.3 else names[0]
        if loc == "us" and r.random() < 0.15:
            c += (", " if r.random() < 0.6 else " ") + US_CITIES[a["city"]][1]
        return c


def main(argv):
    argv = list(argv)
    seed = 42
    if "--seed" in argv:
        i = argv.index("--seed")
        seed = int(argv[i + 1])
        del argv[i:i + 2]
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    n = int(args[0])
    out = args[1]
    os.makedirs(out, exist_ok=True)
    g = Gen(seed)
    dups = wpairs(DUPS)
    rows, truth = [], []
    pid = 0
    while len(rows) < n:
        p = g.next_person()
        k = min(dups.pick(g.rng), n - len(rows))
        for rec in g.records(p, k):
            rows.append(rec)
            truth.append(f"p{pid:07d}")
        pid += 1
    order = list(range(n))
    g.rng.shuffle(order)
    header = ["rec_id", "given_name", "family_name", "birth_date", "street", "postal_code", "city", "national_id"]
    with open(os.path.join(out, "contacts.csv"), "w", newline="", encoding="utf-8") as f, \
            open(os.path.join(out, "truth.csv"), "w", newline="", encoding="utf-8") as ft:
        w, wt = csv.writer(f), csv.writer(ft)
        w.writerow(header)
        wt.writerow(["rec_id", "person_id"])
        for i, j in enumerate(order):
            rid = f"r{i:07d}"
            w.writerow([rid] + [v.strip() for v in rows[j]])
            wt.writerow([rid, truth[j]])
    sizes = Counter(Counter(truth).values())
    meta = dict(records=n, persons=pid, seed=seed,
                true_pairs=sum(c * s * (s - 1) // 2 for s, c in sizes.items()),
                cluster_size_hist={str(k): v for k, v in sorted(sizes.items())})
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
