"""What a rule's pattern tells the engine, read from the pattern itself, not declared.

*Trigger words.* The engine runs a rule only near its trigger words, so a rule's triggers must
be a *cover*: every text the pattern can match holds one of them as a whole word (a maximal
``\\w+`` run, compared lower-cased), or holds a word that starts with a digit (:data:`DIGIT`).
A part of the pattern every match goes through (a mandatory part) gives such a cover when its
own matches are whole words: ``@month`` in ``\\b@month\\.?\\s+@day`` (a month name between a
word boundary and a full stop or a space), or ``quarter`` in ``...[\\s-]+quarter\\b``. Of the
covers found, the cheapest is used: a word is cheaper than "any number", and far cheaper than
a word the grammar calls too common ("the", "a"); words the rule declares as ``triggers`` cost
nothing, so the author can steer the choice. The reading is conservative: where it cannot tell
whether a piece of text is a whole word (it may be glued to a letter the pattern allows before
it), that piece gives no cover. A pattern with no cover at all must declare its ``triggers``.

*First characters* (:func:`first_characters`): a class holding the first character of every
match, so that scanning skips the positions where none can start.

*Case* (:func:`caseless`): whether the pattern finds the same in lower-cased text, case not
ignored, as in the text with case ignored (the regex engine is faster without case folding).

The analysis walks the parse tree of the pattern (``re._parser``, the parser ``re.compile``
itself uses), and knows nothing of English.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Any

try:  # Python >= 3.11
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Repetitions, and atomic groups (possessive and atomic come with Python 3.11).
_REPEATS = tuple(
    getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name)
)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())

#: The key of every word that starts with a digit, as ``\\d`` has them ("1998", "5th", "80s").
DIGIT = "<digit>"

# The cost of a cover is the sum of its keys' costs; the cheapest cover wins.
_WORD_COST = 1
_SHORT_WORD_COST = 60  # "s" of "it's", "U.S.": one or two letters are everywhere
_DIGIT_COST = 50
_STOP_WORD_COST = 1000

# What one character of a match can be, for telling where words begin and end.
# A matched string is read as a str of these and of lower-case letters, one per character (no
# word character is one of these four).
_SEP = "\x00"  # non-word characters (one or more: how many does not matter here)
_NUM = "\x01"  # digits
_WORDISH = "\x02"  # word characters not known one by one ([A-Z], \w)
_ANY = "\x03"  # word or non-word
_PLAIN = re.compile("[^\x00-\x03]+")  # letters known one by one

# Contexts: what can stand just before (or after) a piece of a match. "B" is a word boundary:
# the opposite of the piece's own first (or last) character.
_W, _N, _B = "W", "N", "B"
_UNKNOWN = frozenset({_W, _N})

# A finite language is kept as a set of symbol strings while it is this small.
_MAX_STRINGS = 256
# How many covers of a part are kept to choose from.
_KEEP = 8

Lang = frozenset[str]
Ctx = frozenset[str]


class _Cost:
    def __init__(self, stop_words: Collection[str], free: frozenset[str]) -> None:
        self.stop_words = stop_words
        self.free = free

    def key(self, key: str) -> int:
        if key in self.free:
            return 0
        if key == DIGIT:
            return _DIGIT_COST
        if key in self.stop_words:
            return _STOP_WORD_COST
        return _SHORT_WORD_COST if len(key) <= 2 else _WORD_COST

    def of(self, keys: Iterable[str]) -> int:
        return sum(self.key(k) for k in keys)


class PatternReader:
    """Reads the covers of many patterns; parts they share (a table's alternation) are read once."""

    def __init__(self, stop_words: Collection[str] = ()) -> None:
        self.stop_words = stop_words
        self._analysis = _Analysis()

    def cover(self, tree: Tree, free: Collection[str] = ()) -> frozenset[str] | None:
        """The cheapest set of trigger keys every match of a pattern holds one of; None if none is found.

        ``tree`` is the pattern parsed (:func:`parse`). Keys are lower-cased words and
        :data:`DIGIT`. ``free`` words cost nothing (a rule's declared triggers); the reader's stop
        words cost the most.
        """
        analysis = self._analysis
        analysis.start(tree, not (tree.state.flags & (re.ASCII | re.LOCALE)))
        analysis.cost = _Cost(self.stop_words, frozenset(free))
        return analysis.cover(list(tree), _UNKNOWN, _UNKNOWN)


Tree = Any  # a parsed pattern: re._parser.SubPattern


def parse(source: str, flags: int = 0) -> Tree:
    """A pattern parsed as ``re.compile`` parses it; raises :class:`re.error` as it does."""
    return _parser.parse(source, flags)


def cover(
    regex: re.Pattern[str], stop_words: Collection[str] = (), free: Collection[str] = ()
) -> frozenset[str] | None:
    """:meth:`PatternReader.cover` for one compiled pattern."""
    return PatternReader(stop_words).cover(parse(regex.pattern, regex.flags), free)


def caseless(tree: Tree) -> bool:
    """Whether matching the pattern with case ignored is matching it, as it is, on lower-cased text.

    So it is when it holds no upper-case letter (nor one that has no case of its own to match:
    only uncased characters and the letters a-z), and no group turns case-ignoring on or off.
    """
    for op, av in tree:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if not _caseless_char(av):
                return False
        elif op is _c.IN:
            for item, value in av:
                if item is _c.LITERAL and not _caseless_char(value):
                    return False
                if item is _c.RANGE and (
                    value[1] - value[0] > 4096 or not all(map(_caseless_char, range(value[0], value[1] + 1)))
                ):
                    return False
        elif op is _c.SUBPATTERN:
            if (av[1] | av[2]) & _c.SRE_FLAG_IGNORECASE or not caseless(av[3]):
                return False
        elif not all(caseless(child) for child in _subpatterns(node=(op, av))):
            return False
    return True


def _caseless_char(code: int) -> bool:
    ch = chr(code)
    return "a" <= ch <= "z" or ch == ch.lower() == ch.upper()


def _subpatterns(node: tuple[Any, Any]) -> list[Any]:
    op, av = node
    if op is _c.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is _ATOMIC:
        return [av]
    if op is _c.GROUPREF_EXISTS:
        return [av[1]] + ([av[2]] if av[2] else [])
    return []


def can_be_empty(tree: Tree) -> bool:
    """Whether the pattern can match an empty string somewhere (its lookarounds taken as passing)."""
    return tree.getwidth()[0] == 0


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=4096)
def _char_symbol(code: int) -> str:
    ch = chr(code)
    if not _is_word(ch):
        return _SEP
    if ch.isdecimal():
        return _NUM
    lower = ch.lower()
    return lower if len(lower) == 1 else _WORDISH  # "İ" lower-cases to two characters


def _symbol_wordness(symbol: str) -> Ctx:
    if symbol == _SEP:
        return frozenset({_N})
    if symbol == _ANY:
        return _UNKNOWN
    return frozenset({_W})


_RUNS = frozenset({_SEP, _NUM, _WORDISH, _ANY})


def _joined(x: str, y: str) -> str:
    """``x + y``, where a run of separators, of digits or of unknown word characters counts once."""
    if x and y and x[-1] == y[0] and y[0] in _RUNS:
        return x + y[1:]
    return x + y


def _concat(a: Lang | None, b: Lang | None) -> Lang | None:
    if a is None or b is None or len(a) * len(b) > _MAX_STRINGS:
        return None
    return frozenset(_joined(x, y) for x in a for y in b)


_EMPTY: Lang = frozenset({""})


class _Analysis:
    def __init__(self) -> None:
        self.cost = _Cost((), frozenset())
        self.unicode_words = True
        # Memos. A node is known by its shape, so that the same alternation in two rules is read
        # once; shapes are numbered, and nodes are numbered by identity (their trees are kept).
        self._trees: list[Any] = []
        self._by_id: dict[int, int] = {}
        self._shapes: dict[tuple[Any, ...], int] = {}
        self._langs: dict[tuple[int, bool], Lang | None] = {}
        self._sides: dict[tuple[int, bool, bool], tuple[Ctx, bool]] = {}
        self._covers: dict[tuple[Any, ...], list[frozenset[str]]] = {}
        self._asserts: dict[int, bool] = {}

    def start(self, tree: Any, unicode_words: bool) -> None:
        self._trees.append(tree)
        self.unicode_words = unicode_words

    def shape(self, node: Any) -> int:
        """A number for the shape of a node or a sequence: equal shapes, equal numbers."""
        known = self._by_id.get(id(node))
        if known is not None:
            return known
        number = self._shapes.setdefault(self._shape_key(node), len(self._shapes))
        self._by_id[id(node)] = number
        return number

    def _shape_key(self, node: Any) -> tuple[Any, ...]:
        if not isinstance(node, tuple):
            return ("seq", *(self.shape(n) for n in node))
        op, av = node
        if op is _c.IN:
            return (op, tuple(av))
        if op is _c.SUBPATTERN:  # the group's number does not change what it matches
            return (op, av[1], av[2], self.shape(av[3]))
        if op is _c.BRANCH:
            return (op, tuple(self.shape(alternative) for alternative in av[1]))
        if op in _REPEATS:
            return (op, av[0], av[1], self.shape(av[2]))
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return (op, av[0], self.shape(av[1]))
        if op is _ATOMIC:
            return (op, self.shape(av))
        if op is _c.GROUPREF_EXISTS:
            return (op, av[0], self.shape(av[1]), self.shape(av[2]) if av[2] else None)
        return (op, av)

    # ------------------------------------------------------------ one character

    def _class_symbol(self, items: list[tuple[Any, Any]]) -> str:
        negate = False
        kinds: set[str] = set()
        for op, av in items:
            if op is _c.NEGATE:
                negate = True
            elif op is _c.LITERAL:
                kinds.add(_char_symbol(av))
            elif op is _c.RANGE:
                lo, hi = av
                if hi - lo > 4096:
                    return _ANY
                kinds.update(_char_symbol(c) for c in range(lo, hi + 1))
            elif op is _c.CATEGORY:
                kinds.add(self._category_symbol(av))
            else:
                return _ANY
        if negate:
            # what is left once every non-word character is taken out is word characters, and back
            if (_c.CATEGORY, _c.CATEGORY_NOT_WORD) in items and self.unicode_words:
                return _WORDISH
            if (_c.CATEGORY, _c.CATEGORY_WORD) in items:
                return _SEP
            return _ANY
        if len(kinds) == 1:
            return kinds.pop()
        if _SEP in kinds or _ANY in kinds:
            return _ANY
        if kinds == {_NUM}:
            return _NUM
        return _WORDISH

    def _category_symbol(self, category: Any) -> str:
        if category is _c.CATEGORY_DIGIT:
            return _NUM
        if category is _c.CATEGORY_WORD:
            return _WORDISH
        if category in (_c.CATEGORY_SPACE, _c.CATEGORY_LINEBREAK):
            return _SEP
        if category is _c.CATEGORY_NOT_WORD and self.unicode_words:
            return _SEP
        return _ANY

    # ------------------------------------------------------------ languages

    def lang(self, node: tuple[Any, Any]) -> Lang | None:
        """The strings (as symbols) a node can match, if few; None if too many or unbounded."""
        key = (self.shape(node), self.unicode_words)
        if key not in self._langs:
            self._langs[key] = self._lang(node)
        return self._langs[key]

    def _lang(self, node: tuple[Any, Any]) -> Lang | None:
        op, av = node
        if op is _c.LITERAL:
            return frozenset({_char_symbol(av)})
        if op is _c.IN:
            return frozenset({self._class_symbol(av)})
        if op in (_c.NOT_LITERAL, _c.ANY):
            return frozenset({_ANY})
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            return _EMPTY
        if op is _c.SUBPATTERN and not _own_words(av):
            return None
        if op is _c.SUBPATTERN:
            return self.seq_lang(av[-1])
        if op is _ATOMIC:
            return self.seq_lang(av)
        if op is _c.BRANCH:
            out: set[str] = set()
            for alternative in av[1]:
                sub = self.seq_lang(alternative)
                if sub is None:
                    return None
                out |= sub
                if len(out) > _MAX_STRINGS:
                    return None
            return frozenset(out)
        if op in _REPEATS:
            lo, hi, item = av
            sub = self.seq_lang(item)
            if sub is None:
                return None
            if len(sub) == 1 and next(iter(sub)) in _RUNS:
                # a run of one kind of character is one symbol, however long
                return sub | _EMPTY if lo == 0 else sub
            if hi > 4:
                return None
            result: Lang | None = _EMPTY
            options: set[str] = set(_EMPTY) if lo == 0 else set()
            for count in range(1, hi + 1):
                result = _concat(result, sub)
                if result is None:
                    return None
                if count >= lo:
                    options |= result
            return frozenset(options)
        return None

    def seq_lang(self, seq: list[tuple[Any, Any]]) -> Lang | None:
        result: Lang | None = _EMPTY
        for node in seq:
            result = _concat(result, self.lang(node))
            if result is None:
                return None
        return result

    # ------------------------------------------------------------ neighbouring characters

    def side(self, node: tuple[Any, Any], before: bool) -> tuple[Ctx, bool]:
        """What stands just before the end of ``node`` (``before``), or just after its start.

        That is the node's last (or first) character, or, for a zero-width node, what it asserts
        about its neighbour (``\\b``, ``^``, ``$``, a lookbehind before, a lookahead after). The
        flag says whether the node can let the question pass to what lies beyond it.
        """
        key = (self.shape(node), before, self.unicode_words)
        if key not in self._sides:
            self._sides[key] = self._side(node, before)
        return self._sides[key]

    def _side(self, node: tuple[Any, Any], before: bool) -> tuple[Ctx, bool]:
        op, av = node
        if op is _c.AT:
            if av is _c.AT_BOUNDARY:
                return (frozenset({_B}), False) if self.unicode_words else (_UNKNOWN, False)
            if av is _c.AT_NON_BOUNDARY:
                return _UNKNOWN, False
            ends = (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING) if before else (_c.AT_END, _c.AT_END_STRING)
            return (frozenset({_N}), False) if av in ends else (frozenset(), True)
        if op is _c.ASSERT and av[0] == (-1 if before else 1):
            return self.seq_side(av[1], before)
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return frozenset(), True
        if op in (_c.LITERAL, _c.IN, _c.NOT_LITERAL, _c.ANY):
            symbol = next(iter(self.lang(node) or {_ANY}))
            return _symbol_wordness(symbol), False
        if op is _c.SUBPATTERN and _own_words(av):
            return self.seq_side(av[-1], before)
        if op is _ATOMIC:
            return self.seq_side(av, before)
        if op is _c.BRANCH:
            kinds: set[str] = set()
            through = False
            for alternative in av[1]:
                k, t = self.seq_side(alternative, before)
                kinds |= k
                through = through or t
            return frozenset(kinds), through
        if op in _REPEATS:
            k, t = self.seq_side(av[2], before)
            return k, t or av[0] == 0
        return _UNKNOWN, True

    def seq_side(self, seq: list[tuple[Any, Any]], before: bool) -> tuple[Ctx, bool]:
        kinds: set[str] = set()
        for node in reversed(seq) if before else seq:
            k, through = self.side(node, before)
            kinds |= k
            if not through:
                return frozenset(kinds), False
        return frozenset(kinds), True

    def _contexts(self, seq: list[tuple[Any, Any]], outer: Ctx, before: bool) -> list[Ctx]:
        """What can stand just before (``before``) or after each element of ``seq``."""
        order = range(len(seq)) if before else range(len(seq) - 1, -1, -1)
        found: dict[int, Ctx] = {}
        ctx = outer
        for i in order:
            found[i] = ctx
            kinds, through = self.side(seq[i], before)
            ctx = kinds | ctx if through else kinds
        return [found[i] for i in range(len(seq))]

    # ------------------------------------------------------------ covers

    def cover(self, seq: list[tuple[Any, Any]], left: Ctx, right: Ctx) -> frozenset[str] | None:
        """The cheapest cover of a whole pattern."""
        found = self.covers(seq, left, right)
        return found[0] if found else None

    def covers(self, seq: list[tuple[Any, Any]], left: Ctx, right: Ctx) -> list[frozenset[str]]:
        """Covers of a sequence, cheapest first: that of one of its parts, or of a run of parts."""
        found: list[frozenset[str]] = []
        seq = list(seq)
        lefts = self._contexts(seq, left, before=True)
        rights = self._contexts(seq, right, before=False)
        # a run of parts read as one ("day" then "s?" is the word "day" or "days"); a run that
        # starts or ends inside a word of the pattern ("ay" of "day") tells nothing more
        inside = [_word_letter(a) and _word_letter(b) for a, b in pairwise(seq)]
        for i, node in enumerate(seq):
            if _zero_width(node) or (i > 0 and inside[i - 1]):
                continue
            if not (i < len(inside) and inside[i]):
                found += self.node_covers(node, lefts[i], rights[i])
            lang = self.lang(node)
            for j in range(i + 1, len(seq)):
                if rights[j - 1] <= {_N}:
                    break  # no word runs on past a non-word character
                lang = _concat(lang, self.lang(seq[j]))
                if lang is None:
                    break
                if not _zero_width(seq[j]) and not (j < len(inside) and inside[j]):
                    keys = self.lang_cover(lang, lefts[i], rights[j])
                    if keys is not None:
                        found.append(keys)
        return self._ranked(found)

    def asserts(self, node: tuple[Any, Any]) -> bool:
        """Whether a node holds a zero-width part (``\\b``, a lookaround), which its strings do not show."""
        key = self.shape(node)
        if key not in self._asserts:
            self._asserts[key] = _zero_width(node) or any(self.asserts(n) for n in _children(node))
        return self._asserts[key]

    def _ranked(self, found: Iterable[frozenset[str]]) -> list[frozenset[str]]:
        unique = set(found)
        return sorted(unique, key=lambda keys: (self.cost.of(keys), len(keys), sorted(keys)))[:_KEEP]

    def node_covers(self, node: tuple[Any, Any], left: Ctx, right: Ctx) -> list[frozenset[str]]:
        key = (self.shape(node), left, right, self.unicode_words, self.cost.free)
        if key not in self._covers:
            self._covers[key] = self._node_covers(node, left, right)
        return self._covers[key]

    def _node_covers(self, node: tuple[Any, Any], left: Ctx, right: Ctx) -> list[frozenset[str]]:
        found: list[frozenset[str]] = []
        lang = self.lang(node)
        if lang is not None:
            keys = self.lang_cover(lang, left, right)
            if keys is not None:
                found.append(keys)
            if not self.asserts(node):
                return found  # its strings tell all there is to tell
        # read inside too: a lookbehind or a \b within a group says where its words begin
        op, av = node
        if op is _c.SUBPATTERN and _own_words(av):
            found += self.covers(av[-1], left, right)
        elif op is _ATOMIC:
            found += self.covers(av, left, right)
        elif op is _c.BRANCH:
            found += self._branch_covers([self.covers(alt, left, right) for alt in av[1]])
        elif op in _REPEATS:
            lo, hi, item = av
            if lo > 0:
                if hi > 1:  # a repetition can stand next to itself
                    left = left | self.seq_side(item, before=True)[0]
                    right = right | self.seq_side(item, before=False)[0]
                found += self.covers(item, left, right)
        return self._ranked(found)

    def _branch_covers(self, options: list[list[frozenset[str]]]) -> list[frozenset[str]]:
        """One cover per alternative, chosen so that together they cost least (words shared count once)."""
        if not all(options):
            return []
        chosen = [alternatives[0] for alternatives in options]
        for _ in range(2):
            for i, alternatives in enumerate(options):
                others = frozenset().union(*(c for j, c in enumerate(chosen) if j != i))
                chosen[i] = min(alternatives, key=lambda keys: self.cost.of(keys - others))
        return [frozenset().union(*chosen)]

    def lang_cover(self, lang: Lang, left: Ctx, right: Ctx) -> frozenset[str] | None:
        """One whole word of each string, the set costing least; None if a string holds no whole word."""
        per_string = []
        for s in lang:
            keys = _whole_words(s, left, right)
            if not keys:
                return None
            per_string.append(keys)
        # a string with one whole word forces it; then the word covering most strings per cost
        chosen = {next(iter(keys)) for keys in per_string if len(keys) == 1}
        left_over = [keys for keys in per_string if not keys & chosen]
        while left_over:
            counts: dict[str, int] = {}
            for keys in left_over:
                for k in keys:
                    counts[k] = counts.get(k, 0) + 1
            best = min(counts, key=lambda k: (self.cost.key(k) / counts[k], k))
            chosen.add(best)
            left_over = [keys for keys in left_over if best not in keys]
        # then drop what the rest covers, dearest first ("after" once every "day after" has "day")
        for k in sorted(chosen, key=lambda k: (-self.cost.key(k), k)):
            if all(keys & (chosen - {k}) for keys in per_string):
                chosen.discard(k)
        return frozenset(chosen)


def _own_words(group: tuple[Any, ...]) -> bool:
    """Whether a group keeps the pattern's notion of a word (no local ``(?a:...)`` or ``(?L:...)``)."""
    _, add_flags, del_flags, _ = group
    return not ((add_flags | del_flags) & (_c.SRE_FLAG_ASCII | _c.SRE_FLAG_LOCALE | _c.SRE_FLAG_UNICODE))


def _children(node: tuple[Any, Any]) -> list[tuple[Any, Any]]:
    op, av = node
    if op is _c.SUBPATTERN:
        return list(av[-1])
    if op is _ATOMIC:
        return list(av)
    if op is _c.BRANCH:
        return [n for alternative in av[1] for n in alternative]
    if op in _REPEATS:
        return list(av[2])
    return []


def _word_letter(node: tuple[Any, Any]) -> bool:
    return node[0] is _c.LITERAL and _is_word(chr(node[1]))


def _zero_width(node: tuple[Any, Any]) -> bool:
    return node[0] in (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def _resolve(ctx: Ctx, symbol: str) -> Ctx:
    """A context with its word boundary made concrete next to ``symbol``."""
    if _B not in ctx:
        return ctx
    rest = set(ctx - {_B})
    wordness = _symbol_wordness(symbol)
    if wordness == frozenset({_W}):
        rest.add(_N)
    elif wordness == frozenset({_N}):
        rest.add(_W)
    else:
        rest |= _UNKNOWN
    return frozenset(rest)


@lru_cache(maxsize=65536)
def _whole_words(s: str, left: Ctx, right: Ctx) -> frozenset[str]:
    """The keys of the whole words in one matched string, given what can stand around it."""
    if not s:
        return frozenset()
    keys: set[str] = set()
    words = s.split(_SEP)
    start_bounded = _resolve(left, s[0]) <= {_N}
    end_bounded = _resolve(right, s[-1]) <= {_N}
    last = len(words) - 1
    for i, word in enumerate(words):
        if not word:
            continue
        bounded_left = i > 0 or start_bounded
        if bounded_left and word[0] == _NUM:
            keys.add(DIGIT)
        elif bounded_left and (i < last or end_bounded) and _PLAIN.fullmatch(word):
            keys.add(word)
    return frozenset(keys)


# ---------------------------------------------------------------- first characters

_CATEGORY_CLASSES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}


def first_characters(tree: Tree) -> str | None:
    """A character class (``[...]``) holding the first character of every match; None if any can be.

    Scanning a text, the regex engine tries the whole pattern at every position; a lookahead
    for this class in front of it turns most positions away at the cost of one test.
    """
    found = _first(tree)
    if found is None or found[1] or not found[0]:
        return None
    parts = []
    for op, av in found[0]:
        if op is _c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORY_CLASSES:
            parts.append(_CATEGORY_CLASSES[av])
        else:
            return None
    return "[" + "".join(sorted(set(parts))) + "]"


def _first(seq: Any) -> tuple[list[tuple[Any, Any]], bool] | None:
    """The items of a class holding every first character of ``seq``, and whether it can match empty."""
    items: list[tuple[Any, Any]] = []
    for node in seq:
        found = _first_of(node)
        if found is None:
            return None
        items += found[0]
        if not found[1]:
            return items, False
    return items, True


def _first_of(node: tuple[Any, Any]) -> tuple[list[tuple[Any, Any]], bool] | None:
    op, av = node
    if op is _c.LITERAL:
        return [node], False
    if op is _c.IN:
        return None if any(item[0] is _c.NEGATE for item in av) else (list(av), False)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return [], True
    if op is _c.SUBPATTERN:
        return _first(av[-1])
    if op is _ATOMIC:
        return _first(av)
    if op is _c.BRANCH:
        items: list[tuple[Any, Any]] = []
        empty = False
        for alternative in av[1]:
            found = _first(alternative)
            if found is None:
                return None
            items += found[0]
            empty = empty or found[1]
        return items, empty
    if op in _REPEATS:
        found = _first(av[2])
        return None if found is None else (found[0], found[1] or av[0] == 0)
    return None
