"""Searches near a figure that read a text once, not once for each figure in it.

The parser asks of every figure whether a word stands just before it ("over", "each",
"total", "between"): a regex search over a window that ends where the figure starts.
Done for each of thousands of figures, those searches were most of the time the parser
took on text dense with figures. `Near` finds, once per text, every place where a match
of such a pattern can open (one `finditer` of the pattern's opening words), and for a
window searches only from the first of them in it, or not at all when there is none.
A match opens at one of those places, so the answer is the one the plain search gives.

On text dense with figures and short of words ("(1(1(1...", "5% 5% ..."), that one scan
was the cost: fifty words tried at each of 10,000 places. A `Near` told that its
matches open only at letters and a few symbols it names scans only from those.
"""

import bisect
import re
import string
import weakref


#: A text shorter than this is searched directly: finding its openings first costs more
#: than the search, which cannot take long in it.
SHORT = 300
#: Where a match that opens at a letter cannot open: no letter matches one of these,
#: whatever the case (re.IGNORECASE folds letters to letters only).
_NOT_LETTERS = string.digits + string.whitespace + string.punctuation


#: Every Near made, so that forget() can empty them all.
_EVERY = weakref.WeakSet()


def forget():
    """Drop what every Near keeps of the last text it read: the next search of any text
    starts cold (for timing a text more than once, as the fuzz does)."""
    for near in list(_EVERY):
        near._last = (None, [])


class Near:
    """`pattern`, searched only from where `opening` matches.

    `opening` must match wherever a match of `pattern` starts (it may match in more
    places); it is given as a pattern string and compiled as a lookahead, so every
    start is found, overlapping ones included ("well over" gives the starts of "well
    over" and "over"), and with `flags` (those of `pattern` unless given). The openings
    of the last text searched are kept: the parser asks about one sentence at a time.

    `symbols`, if given, says that `opening` matches only where a letter or one of
    `symbols` stands: the scan then tries it only there (at a character that is not an
    ASCII digit, space or punctuation mark other than those symbols), which a regex
    finds in C. Without it, the scan tries every place.
    """

    def __init__(self, pattern, opening, flags=None, symbols=None):
        self.pattern = pattern
        flags = pattern.flags if flags is None else flags
        self.source, self.flags = opening, flags
        if symbols is None:
            self.opening = re.compile(f"(?=(?:{opening}))", flags)
        else:  # a character from the class, then the opening tried from before it
            skip = re.escape("".join(c for c in _NOT_LETTERS if c not in symbols))
            self.opening = re.compile(f"(?-i:[^{skip}])(?<=(?=(?:{opening}))(?s:.))", flags)
        self._last = (None, [])  # (text, its openings), replaced whole: safe across threads
        _EVERY.add(self)

    def openings(self, text):
        """Where a match can start in `text`, in order."""
        last = self._last
        if last[0] is not text:
            last = self._last = (text, [m.start() for m in self.opening.finditer(text)])
        return last[1]

    def search(self, text, pos, endpos):
        """`self.pattern.search(text, pos, endpos)`, found by looking from the first
        opening at or after `pos` that is before `endpos`."""
        if len(text) < SHORT:
            return self.pattern.search(text, pos, endpos)
        starts = self.openings(text)
        if not starts:
            return None
        i = bisect.bisect_left(starts, pos)
        if i == len(starts) or starts[i] >= endpos:
            return None
        return self.pattern.search(text, starts[i], endpos)

    def opens_in(self, text, pos, endpos):
        """Whether any opening stands in text[pos:endpos]."""
        starts = self.openings(text)
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] < endpos
