"""Words that say what a number counts: stop words, units of measure and of time, plurals.

`singular` and `looks_plural` read a word's number; the sets are the vocabulary that
counted.py, scope.py and statements.py read a figure's words with.
"""

import re

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+s\b|[^\sA-Za-z]")
STOP_WORDS = frozenset(
    """
    a an the and or but nor if than then that which who whom whose what where when while
    whereas as at by for from in into of off on onto out over per since through throughout
    to toward towards under until up upon via with within without across after against along
    among amongst around before behind below beneath beside besides between beyond during
    except inside near outside past regarding round till is are was were be been being am
    have has had having do does did will would shall should can could may might must it its
    this these those they them their there here we our us you your he she his her him i me
    my not no so such also only just each every both all any some many much more most other
    less least very including include includes included who's whose worldwide nationwide
    globally nationally internationally annually respectively
    """.split()
)
#: Units of measure: "a 77 GHz radar" measures a frequency, it does not count radars.
MEASURE_UNITS = frozenset(
    """
    mg g kg km m cm mm nm um ml l litre liter tonne ton ha hectare acre mile metre meter foot
    feet inch sq degree k gbit mbit gb mb tb kb gbps mbps kw mw gw kwh mwh gwh twh w v kv mv
    hz khz mhz ghz thz db da kda mda mpa gpa kpa ppm ppb mph rpm ev kev mev gev tev
    kilotonne kiloton megatonne megaton gigatonne gigaton
    kilometre kilometer centimetre centimeter millimetre millimeter gram gramme kilogram
    kilogramme milligram kilo millilitre milliliter gallon yard ounce watt kilowatt megawatt
    gigawatt volt hertz joule calorie decibel byte megabyte gigabyte terabyte
    """.split()
)


#: Units written several ways, each read as one counted noun ("1M ha" and "2M hectares").
UNIT_SPELLINGS = {
    "ha": "hectare", "meter": "metre", "km": "kilometre", "kilometer": "kilometre",
    "cm": "centimetre", "centimeter": "centimetre", "mm": "millimetre",
    "millimeter": "millimetre", "kg": "kilogram", "kilogramme": "kilogram",
    "gramme": "gram", "ft": "foot", "feet": "foot", "liter": "litre", "hr": "hour",
    "hrs": "hour", "yr": "year", "yrs": "year", "min": "minute", "mins": "minute",
}

TIME_UNITS = frozenset(
    "second minute hour day week month year decade century annum".split()
)
_LETTERS = re.compile(r"[A-Za-z]+(?![A-Za-z0-9])")


def glued_unit(text, at):
    """The unit of measure written against a number's digits at `at` ("80mph", "6.5km",
    "20kg"), lower case, else "" (and for "100km2", a unit of its own). Single letters are left out: "5G", "3D", "13C", "1F"
    name things more often than they measure them."""
    m = _LETTERS.match(text, at)
    word = m.group(0).lower() if m else ""
    return word if len(word) > 1 and word in MEASURE_UNITS else ""


IRREGULAR = {
    "children": "child", "people": "person", "women": "woman", "men": "man",
    "data": "data", "criteria": "criterion", "media": "media", "feet": "foot",
    "analyses": "analysis", "theses": "thesis", "indices": "index", "staff": "staff",
    "series": "series", "species": "species", "news": "news", "personnel": "personnel",
    "cattle": "cattle", "livestock": "livestock", "sheep": "sheep", "deer": "deer",
    "fish": "fish", "aircraft": "aircraft", "police": "police",
    "consortia": "consortium", "curricula": "curriculum", "phenomena": "phenomenon",
    "bacteria": "bacterium", "strata": "stratum", "memoranda": "memorandum",
    "stimuli": "stimulus", "fungi": "fungus", "nuclei": "nucleus", "syllabi": "syllabus",
    "hypotheses": "hypothesis", "diagnoses": "diagnosis", "crises": "crisis",
    "geese": "goose", "teeth": "tooth", "mice": "mouse",
}


_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics")
#: Words that say where, not what: "25 overseas" and "40 abroad" count no overseas; in
#: "300 overseas students" the students are counted.
#: Ordinal words, in order: "first" is ORDINALS[0].
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
WHERE_WORDS = frozenset({"overseas", "abroad"})


CHANGE_VERB = re.compile(
    r"\b(?:rose|risen|rise|rising|rises|grew|grown|grow|grows|growing|increas\w*|decreas\w*|"
    r"fell|fallen|fall|falls|falling|declin\w*|dropp\w*|drop|drops|reduc\w*|cut|cuts|went|"
    r"gone|climb\w*|jump\w*|doubl\w*|tripl\w*|trebl\w*|quadrupl\w*|halv\w*|expand\w*|"
    r"shrank|shrunk|improv\w*|rais\w*|boost\w*|lower\w*|up|down|change\w*|moved|"
    r"increase|decrease|reduction|growth|rise|improvement|gain\w*)\b",
    re.IGNORECASE,
)


def singular(word):
    """A simple English singular, lower case: "countries" -> "country"."""
    w = word.lower().strip("'’")
    if word.isupper():  # acronyms keep their letters: "CAMHS"
        return w
    if word[:-1].isupper():  # "RCTs"
        return w[:-1] if w.endswith("s") else w
    if w in IRREGULAR:
        return IRREGULAR[w]
    if len(w) <= 3 or w.endswith(_NOT_PLURAL_ENDINGS) or w in WHERE_WORDS:
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return w[:-2]
    if w.endswith("zes"):  # "prizes", "sizes": the e is the word's own
        return w[:-1]
    if w.endswith("s"):
        return w[:-1]
    return w


def looks_plural(token, after_count=False):
    """Whether a word reads as a plural noun. Right after a count an "-ics" word is plural
    too ("four characteristics", "three topics"), though alone it is often a field
    ("economics")."""
    t = token.lower()
    if after_count and t.endswith("ics") and not token.isupper():
        return True
    if token.isupper():  # acronyms: "CAMHS", "NHS"
        return False
    if token[:-1].isupper():  # "RCTs"
        return token.endswith("s")
    return t in IRREGULAR or (len(t) > 3 and t.endswith("s") and not t.endswith(_NOT_PLURAL_ENDINGS)
                               and t not in WHERE_WORDS)


def plural_follows(text, pos, words=3):
    """Whether one of the next few words from `pos` (up to a stop word or punctuation)
    looks plural: what a count of 1800 to 2099 things needs ("2000 new jobs", "1200
    staff"), and a date lacks ("a 2008 monograph")."""
    for match in TOKEN.finditer(text, pos, min(len(text), pos + 60)):
        tok = match.group(0)
        if words == 0 or not tok[0].isalpha() or tok.lower() in STOP_WORDS:
            return False
        if looks_plural(tok.strip("'’")):
            return True
        words -= 1
    return False
