"""Content signatures: what a sentence is about, robust to spelling and to tokenized text.

Two reports of one event rarely share their wording, and news about the Middle East spells
the same place several ways ("Deir al-Zor", "Deir Ezzour", "deir al-zor" in lower-cased,
tokenized wire copy). Merging and dateline inference both need to ask "do these two
sentences tell the same thing?", so they share one notion of content here:

* a sentence becomes a set of *keys*, one per content word, after folding case, accents,
  transliterated Arabic articles (al-/el-/ez- and the doubled letter they leave behind),
  light English suffixes and vowels (so "Zor", "Zour" and "Zawr" meet, and so do "broke"
  and "break");
* irregular English forms and a few plain synonyms of news reporting are first mapped to
  one word ("broke" -> "break", "troops" -> "army"), a table kept here as data;
* keys are weighted by how many *articles* use them, so the words every report of a story
  shares ("Syria", "army") count for less than the action and the particulars. The weight
  of a key depends on its own article count only, never on the size of the corpus, so an
  added article changes only the weights of the words it uses: an unrelated article leaves
  every decision about the others as it was;
* :func:`overlap` scores two key sets by the weight they share.

The word lists below are data, kept together so they can be read and extended in one place.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Keys = frozenset[str]

# Function words and reporting verbs: they say nothing about which event a sentence tells.
STOPWORDS = frozenset(
    """
    a an the and or but nor of in on at to for by with from as into onto over under about
    after before since until during than then that this these those there here which who whom
    whose what when where while is are was were be been being has have had having do does did
    it its it's they them their he him his she her we our you your i me my not no yes also
    so such very more most much many some any all both each other another own same just only
    still even yet already now again further once off out up down s t d ll re ve
    said says say saying told tells added adds reported reports according stated statement
    would could should will shall may might must can cannot
    """.split()
)

# Transliterated Arabic definite articles, written as their own token ("al-Zor", "ez Zor").
ARTICLE_TOKENS = frozenset("al el ul ad ed as es az ez an en ar er at et ash esh".split())

# Irregular English forms and plain synonyms of news reporting, mapped to one word before the
# suffixes are stripped: "broke" and "breaking", "troops" and "army" then make one key.
SAME_WORD: Mapping[str, str] = {
    **dict.fromkeys(["broke", "broken"], "break"),
    **dict.fromkeys(["lost", "losing", "loses"], "lose"),
    **dict.fromkeys(["took", "taken"], "take"),
    **dict.fromkeys(["fought"], "fight"),
    **dict.fromkeys(["won"], "win"),
    **dict.fromkeys(["began", "begun"], "begin"),
    **dict.fromkeys(["fell", "fallen"], "fall"),
    **dict.fromkeys(["drove", "driven"], "drive"),
    **dict.fromkeys(["struck"], "strike"),
    **dict.fromkeys(["held"], "hold"),
    **dict.fromkeys(["met"], "meet"),
    **dict.fromkeys(["shot"], "shoot"),
    **dict.fromkeys(["sent"], "send"),
    **dict.fromkeys(["led"], "lead"),
    **dict.fromkeys(["overran", "overrun"], "overrun"),
    **dict.fromkeys(["troops", "troop", "soldiers", "soldier"], "army"),
    **dict.fromkeys(["besieged", "besieging"], "siege"),
}

# English inflections stripped before keys are made, longest first.
SUFFIXES = ("ings", "ing", "ed", "es", "s")

# Letters dropped after the first one of a key; "y" and "w" stand for vowels in
# transliterations ("Dayr", "Zawr").
_VOWELS = frozenset("aeiouyw")

_WORD = re.compile(r"[^\W\d_]+|\d+")
_VOWEL_START_DOUBLE = re.compile(r"^[aeiou]([b-df-hj-np-tv-z])\1")

# Words that put a date expression in the background of its sentence: the event the sentence
# tells is not the one that expression dates ("besieged since 2014", "a day after ...").
BACKGROUND_BEFORE = frozenset("since after before until following amid during".split())
# Words just before an expression that make it the start of a state that still holds.
ONGOING_BEFORE = frozenset(["since"])

# Attribution wrapped around a report ("..., the army said." / "State media said ...").
_REPORTING = (
    r"(?:said|says|added|adds|reported|reports|told\s+[\w\-]+(?:\s+[\w\-]+)?|announced|stated|claimed)"
)
TRAILING_ATTRIBUTION = re.compile(
    r"\s*,\s*(?:(?:[\w'\-.]+\s+){0,9}?" + _REPORTING + r"|according\s+to\s+[^,.;]{1,80}?)\s*([.!?])?\s*$",
    re.IGNORECASE,
)
LEADING_ATTRIBUTION = re.compile(
    r"^(?:[\w'\-.]+\s+){1,9}?(?:said|says|told\s+[\w\-]+)\s+(?:that\s+)?", re.IGNORECASE
)
# A wire dateline opening the lead ("BEIRUT (Reuters) -", "beirut ( reuters ) -").
WIRE_DATELINE = re.compile(r"^[^\W\d_][\w .,'\-]{0,60}?\(\s*[\w .&]{2,30}?\s*\)\s*[-–—_]+\s*")


def fold(text: str) -> str:
    """Lower case without accents or apostrophes, so spelling variants compare equal."""
    if text.isascii():  # most news text: nothing to decompose (the same result, faster)
        return text.lower().replace("'", "")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "").replace("’", "")


@functools.lru_cache(maxsize=1 << 16)
def key(word: str) -> str | None:
    """The comparison key of one folded word, or None for a word that carries no content."""
    if word in STOPWORDS or word in ARTICLE_TOKENS:
        return None
    word = SAME_WORD.get(word, word)
    if word.isdigit():
        return word
    if len(word) > 4 and _VOWEL_START_DOUBLE.match(word):
        word = word[2:]  # "ezzour" -> "zour": an article assimilated into the name
    for suffix in SUFFIXES:
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    skeleton = [word[0]]
    for c in word[1:]:
        if c not in _VOWELS and c != skeleton[-1]:
            skeleton.append(c)
    result = "".join(skeleton)
    return result if len(result) >= 2 else None


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return _WORD.findall(fold(text))


def keys(text: str) -> Keys:
    """The content keys of ``text``."""
    return frozenset(k for w in words(text) if (k := key(w)) is not None)


def trim_wire_dateline(text: str) -> str:
    """``text`` without a leading wire dateline such as "BEIRUT (Reuters) -"."""
    return WIRE_DATELINE.sub("", text, count=1)


def trim_attribution(text: str) -> str:
    """``text`` without the attribution around it, when what remains still reads as a sentence.

    "Forces reached the city on Tuesday, the army said." -> "Forces reached the city on
    Tuesday." The citation keeps the whole sentence; this is only the event's short text.
    """
    trimmed = TRAILING_ATTRIBUTION.sub("", text).rstrip()
    if trimmed == text.rstrip():
        lead = LEADING_ATTRIBUTION.match(text)
        rest_words = words(text[lead.end() :])[:1] if lead else []
        # "X said in August it ..." dates the saying: the attribution is the event, keep it
        opens_with_function_word = bool(rest_words) and rest_words[0] in STOPWORDS
        if lead and len(text) - lead.end() >= 30 and not opens_with_function_word:
            rest = text[lead.end() :]
            trimmed = rest[0].upper() + rest[1:] if text[:1].isupper() else rest
    if len(keys(trimmed)) < 3:
        return text
    ending = text.rstrip()[-1:]
    if ending in (".", "!", "?") and trimmed[-1:] not in (".", "!", "?"):
        tokenized = text.rstrip()[-2:-1] == " "
        trimmed = trimmed.rstrip(" ,;") + (" " if tokenized else "") + ending
    return trimmed


@dataclass(frozen=True)
class Weights:
    """How much each key counts: keys fewer articles use say more about which event is meant.

    A key used by ``n`` articles weighs ``1 / (1 + ln m)``, ``m`` the largest power of two not
    above ``n``: 1 for a word one article uses, 0.59 for two or three, 0.42 for four to seven,
    0.26 for 16 to 31. The weight depends on that count alone (no corpus size), so adding an
    article changes the weights of its own words only, and of those only the few whose count
    reaches the next power of two: a merge replayed after one edit (:mod:`timeline.merge`) finds
    almost every weight as it was.

    Weights are held as integers (:data:`SCALE` units), so the weight of a set of keys is the same
    number whatever order the set is walked in: a float sum over a set would depend on Python's
    per-process string hashing, and ties between equally good groups would then fall differently
    from one run to the next.
    """

    df: Mapping[str, int]
    table: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, documents: Iterable[Keys]) -> Weights:
        """Weights from the key sets of whole articles (each article counts once per key)."""
        counts = Counter(itertools.chain.from_iterable(documents))
        units = {n: _units(n) for n in set(counts.values())}  # a few distinct counts among many keys
        return cls(dict(counts), dict(zip(counts, map(units.__getitem__, counts.values()), strict=True)))

    def weight(self, k: str) -> float:
        return self.table.get(k, SCALE) / SCALE

    def mass(self, signature: Keys) -> float:
        table = self.table
        try:
            units = sum(map(table.__getitem__, signature))
        except KeyError:  # a key no counted article has: it weighs 1
            units = sum(table.get(k, SCALE) for k in signature)
        return units / SCALE

    def rarest(self, signature: Keys, n: int) -> list[str]:
        """The ``n`` keys of ``signature`` that say most: used to look candidates up."""
        return sorted(signature, key=lambda k: (-self.table.get(k, SCALE), k))[:n]


class WeightsMemo:
    """:meth:`Weights.of`, for a long-lived process that counts nearly the same articles again
    and again (``mkdocs serve``): the key sets that are the same objects as last time are not
    counted again; the counts of the others are taken out or put in. The weights are the ones
    :meth:`Weights.of` gives."""

    def __init__(self) -> None:
        self.documents: list[Keys] = []
        self.weights = Weights({}, {})

    def of(self, documents: Iterable[Keys]) -> Weights:
        before, now = self.documents, list(documents)
        # by identity (both lists are alive here, so no two objects share an id); one object may
        # be there several times (the empty set of keys)
        old, new = Counter(map(id, before)), Counter(map(id, now))
        gone, came = old - new, new - old
        if sum(gone.values()) + sum(came.values()) > len(now) // 4 or not before:
            self.weights = Weights.of(now)
        elif gone or came:
            objects = dict(zip(map(id, before), before, strict=True))
            objects.update(zip(map(id, now), now, strict=True))
            counts, table = dict(self.weights.df), dict(self.weights.table)
            touched: set[str] = set()
            for changes, sign in ((gone, -1), (came, 1)):
                for i, n in changes.items():
                    keys = objects[i]
                    touched.update(keys)
                    for k in keys:
                        counts[k] = counts.get(k, 0) + sign * n
            for k in touched:
                if counts[k]:
                    table[k] = _units(counts[k])
                else:
                    del counts[k], table[k]
            self.weights = Weights(counts, table)
        self.documents = now
        return self.weights


SCALE = 1 << 20
"""Weight units: a weight of 1 is this many."""


@functools.lru_cache(maxsize=64)
def _units(n: int) -> int:
    """The weight of a key ``n`` articles use, in :data:`SCALE` units (see :class:`Weights`)."""
    return round(SCALE / (1.0 + math.log(1 << (n.bit_length() - 1))))


def overlap(a: Keys, b: Keys, weights: Weights) -> float:
    """Shared weight over the weight of the smaller signature: 1.0 when one says all the other does."""
    if not a or not b:
        return 0.0
    shared = weights.mass(a & b)
    return shared / min(weights.mass(a), weights.mass(b))
