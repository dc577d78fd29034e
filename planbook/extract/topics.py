"""Which chapter of the book a quantity belongs to, from the keyword taxonomy in ``data/taxonomy.csv``.

A report announces its topics in headings, in short headline sentences ("农业经济有新举措。") and
in list items ("三是绿色发展初显成效"). The innermost clear topic wins; a quantity whose own name
carries a strong keyword (weight 3: 空气, 失业 …) leaves a general (overview) topic for its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from planbook.model import Heading, Segmented, Sentence
from planbook.vocabulary import pattern, vocabulary

STRONG = 3
_UNSET = "unset"  # a topic not yet worked out (None is a topic: no clear one)
_ITEM_DIGITS = "一二三四五六七八九十"
_ITEM_RE = pattern(rf"^[{_ITEM_DIGITS}]{{1,2}}(?:⟨item_verb⟩)")
# A sentence that states a quantity is not a headline ("新增两家高新技术企业。").
_QUANTITY_RE = pattern(r"\d|[两二三四五六七八九十百千万]+(?:⟨headline_count_unit⟩)|第[一二三四五六七八九十]")


@lru_cache(maxsize=8192)
def classify(text: str) -> tuple[str, int] | None:
    """Best chapter of a text by keyword weights, with the weight of its strongest keyword."""
    scores = _scores(text)
    if not scores:
        return None
    if len(scores) == 1:  # no need to rank
        ch, (_, strongest, _) = next(iter(scores.items()))
        return ch, strongest
    best = max(scores, key=lambda ch: (scores[ch][0], -scores[ch][2]))
    return best, scores[best][1]


@lru_cache(maxsize=4096)
def heading_topic(title: str) -> tuple[str, int] | None:
    """A heading's chapter: as ``classify``, but a heading that names several chapters with strong words
    (资源、环境和安全生产) is no strong topic: a figure's own strong name words (细颗粒物) choose among them."""
    found = classify(title)
    if found is None or found[1] < STRONG:
        return found
    others = [v for ch, v in _scores(title).items() if ch != found[0] and ch != "overview"]
    return (found[0], STRONG - 1) if any(strongest >= STRONG - 1 for _, strongest, _ in others) else found


def _scores(text: str) -> dict[str, list[int]]:
    """chapter → [score, strongest weight, first position] of the taxonomy's keywords in ``text``."""
    voc = vocabulary()
    keyword_chapter = voc.keyword_chapter
    # chapter → [score, strongest weight, first position]: one record per chapter (most texts name one or two)
    scores: dict[str, list[int]] = {}
    for m in voc.taxonomy_re.finditer(text):
        ch, w = keyword_chapter[m.group()]
        score = scores.get(ch)
        if score is None:
            scores[ch] = [w, w, m.start()]
        else:
            score[0] += w
            if w > score[1]:
                score[1] = w
    return scores


_SPAN, _ITEM, _HEADLINE = "span", "item", "headline"
_TOP_WEIGHT = max((w for _, _, w in vocabulary().taxonomy), default=0)  # the heaviest keyword's weight

Topic = tuple[str, int]  # a chapter and the weight of its strongest keyword


@dataclass(slots=True)
class _Clue:
    """A sentence that may set the topic of those after it in its paragraph, classified only when one of them
    has a figure (most paragraphs have none: their clues are never read)."""

    kind: str  # _SPAN: a five-year opening; _ITEM: a list item (三是…); _HEADLINE: a short headline sentence
    text: str  # the words classified
    before: _Clue | None  # the clue before it in the paragraph
    # worked out once (a long paragraph of list items is read in linear time)
    _headline: Topic | None | str = _UNSET
    _item: Topic | None | str = _UNSET

    def headline(self) -> Topic | None:
        """The headline topic in force after this clue (list items leave it as it was)."""
        return self._in_force("_headline", _Clue._own_headline)

    def item(self) -> Topic | None:
        """The list-item topic in force after this clue (a headline after the item ends it)."""
        return self._in_force("_item", _Clue._own_item)

    def _own_headline(self) -> Topic | None | str:
        """The headline this clue sets, or _UNSET when it leaves the one before in force."""
        if self.kind == _ITEM:
            return _UNSET
        found = classify(self.text)
        if self.kind == _SPAN:
            # only a field named by the opening counts (在治理污染中…); a general one leaves the names theirs
            # …and is weaker than a heading: a figure's own strong word still wins over it
            return (found[0], min(found[1], STRONG - 1)) if found and found[0] != "overview" else None
        return found if found is not None else _UNSET

    def _own_item(self) -> Topic | None | str:
        """The list item this clue sets (None: it ends the one before), or _UNSET when it leaves that in force."""
        if self.kind == _ITEM:
            return classify(self.text)
        return None if self.kind == _SPAN or classify(self.text) is not None else _UNSET

    def _in_force(self, slot: str, own: Callable[[_Clue], Topic | None | str]) -> Topic | None:
        """The value of ``slot`` after this clue: walk back to the clue that sets it, and remember it on the way
        (a loop, not a recursion: a paragraph may hold thousands of list items)."""
        chain: list[_Clue] = []
        clue: _Clue | None = self
        while clue is not None and getattr(clue, slot) is _UNSET:
            value = own(clue)
            if value is not _UNSET:
                setattr(clue, slot, value)
                break
            chain.append(clue)
            clue = clue.before
        found = getattr(clue, slot) if clue is not None else None
        for c in chain:
            setattr(c, slot, found)
        return getattr(self, slot)


class Topics:
    """Topic of every sentence of a segmented report, computed once."""

    def __init__(
        self,
        seg: Segmented,
        openings: set[int] | frozenset[int] = frozenset(),
        spans: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        """``openings``: paragraphs that open a new passage (这五年…, 刚刚过去的2022年…): the section
        above them no longer gives their topic. ``spans``: those that open a five-year passage; each
        such paragraph names its field in its first sentence (这五年，…在治理污染中…)."""
        self._text = seg.report.text
        self._closed: set[int] = set()  # sentences after an opening, until the next heading
        self._heading: dict[int, tuple[str, int] | None] = {}
        self._clue: dict[int, _Clue | None] = {}  # the last clue before each sentence in its paragraph
        self._topics: dict[int, tuple[str, int] | None] = {}  # topic() of each sentence asked for, by start
        para = -1
        clue: _Clue | None = None
        closed = False
        for sent in seg.sentences:
            first = sent.paragraph != para
            part, section = sent.part, sent.section
            is_heading = (part is not None and part.start == sent.start) or (
                section is not None and section.start == sent.start
            )
            if is_heading:
                closed = False
            if first:
                para, clue = sent.paragraph, None
                if sent.paragraph in openings:
                    closed = True
                if sent.paragraph in spans:
                    clue = _Clue(_SPAN, _first_clause(self._text[sent.start : sent.end]), None)
            if closed:
                self._closed.add(sent.start)
            self._clue[sent.start] = clue = self._clue_of(sent, is_heading, first, clue)

    def _clue_of(self, sent: Sentence, is_heading: bool, first: bool, clue: _Clue | None) -> _Clue | None:
        """The clue in force after a sentence: a new one when it is a list item or a headline."""
        text, a, b = self._text, sent.start, sent.end
        limit = 30 if first else 14
        if is_heading or a >= b:
            return clue
        if not text[a].isspace() and not text[b - 1].isspace() and text[a] not in _ITEM_DIGITS:
            if b - a > limit or text[b - 1] != "。":
                return clue  # no item, no headline: the sentence is not even copied (strip() would change nothing)
        body = text[a:b].strip()
        if body[:1] in _ITEM_DIGITS and _ITEM_RE.match(body):
            return _Clue(_ITEM, _first_clause(body[2:]), clue)
        if len(body) <= limit and body.endswith("。") and not _QUANTITY_RE.search(body):
            return _Clue(_HEADLINE, body, clue)
        return clue

    def _heading_topic(self, h: Heading) -> Topic | None:
        """A heading's topic, classified the first time a figure under it asks."""
        if h.start not in self._heading:
            self._heading[h.start] = heading_topic(h.title)
        return self._heading[h.start]

    def chapter(self, sent: Sentence, name: str) -> str:
        """Chapter of a quantity named ``name`` in sentence ``sent``."""
        return self.chapter_of(sent, self.sentence_topic(sent), name)

    def sentence_topic(self, sent: Sentence) -> tuple[str, int] | None:
        """``topic(sent)``, computed once per sentence (a reader asks it once for all the sentence's figures)."""
        topic = self._topics.get(sent.start, _UNSET)
        if topic is _UNSET:
            topic = self._topics[sent.start] = self.topic(sent)
        return topic

    def topic(self, sent: Sentence) -> tuple[str, int] | None:
        """The topic a sentence's place gives its quantities (heading, headline or list item), before their names."""
        closed = sent.start in self._closed
        clue = self._clue.get(sent.start)
        # A headline sentence inside a section (农村面貌明显改善。) is the narrower topic: it wins.
        topic = clue.headline() if clue is not None else None
        if topic is None and sent.section and not closed:
            topic = self._heading_topic(sent.section)
        if topic is None and sent.part and not closed:
            topic = self._heading_topic(sent.part)
        # an item outweighs a topic only by a heavier keyword: none is heavier than the heaviest (spares classifying it)
        settled = topic is not None and topic[0] != "overview" and topic[1] >= _TOP_WEIGHT
        item = clue.item() if clue is not None and not settled else None
        if item is not None and (topic is None or topic[0] == "overview" or item[1] >= STRONG):
            if topic is None or topic[0] == "overview" or item[1] > topic[1]:
                topic = item
        return topic

    def chapter_of(self, sent: Sentence, topic: tuple[str, int] | None, name: str) -> str:
        """Chapter of a quantity named ``name`` under ``topic``."""
        if topic is not None and topic[1] >= STRONG and topic[0] != "overview":
            return topic[0]  # a strong topic of its own: the name's words cannot outweigh it (spares classifying it)
        own = classify(name) if name else None
        # A name with a strong word of its own (污水处理率 under 基础设施) keeps it against a weaker topic.
        if own is not None and own[1] >= STRONG and (topic is None or topic[1] < STRONG):
            return own[0]
        if topic is not None and topic[0] != "overview":
            return topic[0]
        if own is not None and (own[1] >= STRONG or topic is None):
            return own[0]
        if topic is not None:
            return topic[0]
        sentence = classify(self._text[sent.start : sent.end])
        return sentence[0] if sentence is not None else "overview"


def _first_clause(text: str) -> str:
    m = re.search(r"[。；;]", text)
    return text[: m.start()] if m else text
