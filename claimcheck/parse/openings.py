"""Searches near a figure that read a text once, not once for each figure in it.

The parser asks of every figure whether a word stands just before it ("over", "each",
"total", "between"): a regex search over a window that ends where the figure starts.
Done for each of thousands of figures, those searches were most of the time the parser
took on text dense with figures. `Near` finds, once per text, every place where a match
of such a pattern can open (one `finditer` of the pattern's opening words), and for a
window searches only from the first of them in it, or not at all when there is none.
A match opens at one of those places, so the answer is the one the plain search gives.
"""

import bisect
import functools
import re


@functools.lru_cache(maxsize=64)
def openings(opening, text):
    """Where a match of `opening` (a compiled pattern) starts in `text`, in order;
    overlapping starts included ("well over" gives the starts of "well over" and "over")."""
    return [m.start() for m in opening.finditer(text)]


#: A text shorter than this is searched directly: finding its openings first costs more
#: than the search, which cannot take long in it.
SHORT = 300


class Near:
    """`pattern`, searched only from where `opening` matches.

    `opening` must match wherever a match of `pattern` starts (it may match in more
    places); it is given as a pattern string and compiled as a lookahead, so every
    start is found, and with `flags` (those of `pattern` unless given).
    """

    def __init__(self, pattern, opening, flags=None):
        self.pattern = pattern
        flags = pattern.flags if flags is None else flags
        self.opening = re.compile(f"(?=(?:{opening}))", flags)

    def search(self, text, pos, endpos):
        """`self.pattern.search(text, pos, endpos)`, found by looking from the first
        opening at or after `pos` that is before `endpos`."""
        if len(text) < SHORT:
            return self.pattern.search(text, pos, endpos)
        starts = openings(self.opening, text)
        if not starts:
            return None
        pos = max(pos, 0)
        i = bisect.bisect_left(starts, pos)
        if i == len(starts) or starts[i] >= endpos:
            return None
        return self.pattern.search(text, starts[i], endpos)

    def opens_in(self, text, pos, endpos):
        """Whether any opening stands in text[pos:endpos]."""
        starts = openings(self.opening, text)
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] < endpos
