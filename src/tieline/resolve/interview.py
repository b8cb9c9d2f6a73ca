"""Question-and-answer interviews: who "we" and "you" are in "A:" and "Q:" paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from tieline.resolve.gazetteer import Gazetteer
from tieline.resolve.mentions import OrgMention
from tieline.resolve.pronouns import PLURAL_PRONOUNS, WE, YOU

if TYPE_CHECKING:
    from tieline.resolve.coref import _History


@dataclass(frozen=True, slots=True)
class Interview:
    """A question-and-answer interview: "A:" paragraphs speak for the interviewee's
    organization ("we", "our"), and "Q:" paragraphs address it ("you", "your")."""

    org: str
    answers: tuple[tuple[int, int], ...]  # character spans of "A:" paragraphs
    questions: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, doc: Doc, named: list[OrgMention], gaz: Gazetteer) -> Interview | None:
        if not any(t.text == "A" and t.nbor(1).text == ":" for t in doc[:-1]):
            return None  # the common case, decided without building the text
        text = doc.text  # built anew from the tokens on every access
        if "\nA:" not in text:
            return None
        spans: dict[str, list[tuple[int, int]]] = {"A": [], "Q": []}
        at = 0
        for para in text.split("\n"):
            mark = para[:2]
            if mark in ("A:", "Q:"):
                spans[mark[0]].append((at, at + len(para)))
            at += len(para) + 1
        if len(spans["A"]) < 2 or not spans["Q"]:
            return None
        lede = text.find("\nQ:")
        # the interviewee: the organization of an officer introduced before the first
        # question, else the first organization named there
        first = [m for m in named if doc[m.start].idx < lede and len(m.orgs) == 1]
        officers = [m for m in first if m.method == "person"]
        orgs = officers or [m for m in first if gaz.kind(m.org) != "outlet"]
        if not orgs:
            return None
        return cls(orgs[0].org, tuple(spans["A"]), tuple(spans["Q"]))

    def answers_at(self, char: int) -> bool:
        """Whether a character offset lies in one of the interviewee's answers."""
        return any(a <= char < b for a, b in self.answers)

    def pronoun(self, tok: Token, sent: int, history: _History) -> OrgMention | None:
        low = tok.lower_
        if tok.pos_ != "PRON" or low not in WE | YOU | PLURAL_PRONOUNS:
            return None
        spans = self.questions if low in YOU else self.answers
        if not any(a <= tok.idx < b for a, b in spans):
            return None
        if low in PLURAL_PRONOUNS:
            # spoken "they" is one company as often as two: "Velatra has been fantastic.
            # They renewed our agreement" -- the last one named, if just before
            last = next((h for h in history.recent(sent, tok.i) if h.org != self.org), None)
            if last is None or sent - last.sent > 1:
                return None
            return OrgMention((last.org,), tok.i, tok.i + 1, tok.i, "pronoun")
        return OrgMention((self.org,), tok.i, tok.i + 1, tok.i, "pronoun")
