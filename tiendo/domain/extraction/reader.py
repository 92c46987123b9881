"""Task assembly: the document read block by block and sentence by sentence, with the context later sentences
lean on (the previous assignee, a list item's heading, "sở" for the department last named), into proposed
tasks (`extract`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tiendo.domain.deadlines import Deadline, find_deadline
from tiendo.domain.deadlines import document_date as guess_document_date
from tiendo.domain.extraction.assignments import (
    _ADDITIVE,
    _ASSIGN,
    _ELABORATION,
    _LIST_INTRO,
    _NOT_TASK,
    _QUOTE_END,
    _action,
    _Assignment,
    _assignments,
    _cooperating,
    _do_chair,
    _inside_quote,
    _mentions_from,
    _parse_list,
    _split_double,
)
from tiendo.domain.extraction.mentions import _find_mentions, _Mention
from tiendo.domain.extraction.names import _TITLE, _Lexicon, _lexicon
from tiendo.domain.extraction.records import Extraction, KnownBody, ProposedTask
from tiendo.domain.extraction.sentences import (
    _CLOSERS,
    _DIRECTIVE_INTRO,
    _SKIP_SENTENCE,
    _STOP_LINE,
    _TERMINAL,
    _Block,
    _blocks,
    _sentences,
)
from tiendo.domain.extraction.verbs import _starts_with_verb
from tiendo.domain.text import normalize, search_key


@dataclass
class _Draft:
    assignee: _Mention
    cooperating: list[str]
    action: str
    deadline: Deadline | None
    start: int
    end: int
    implicit: bool


class _Reader:
    """Reads a document sentence by sentence, carrying the context that later sentences lean on."""

    def __init__(self, text: str, reference: date | None, lexicon: _Lexicon) -> None:
        self.text = text
        self.reference = reference
        self.lexicon = lexicon
        self.last: dict[str, str] = {}
        self.previous: list[_Draft] = []
        # The assignees of a list heading, its list level, and whether unmarked paragraphs may continue it.
        self.heading: tuple[list[_Mention], int | None, bool] | None = None
        self.directive = False  # after "... kết luận như sau:" a body that opens a sentence is being assigned
        self.drafts: list[_Draft] = []
        self.captions = True

    def read(self) -> list[_Draft]:
        stop = _STOP_LINE.search(self.text)
        blocks = _blocks(self.text, stop.start() if stop else len(self.text))
        # Lines without a final stop are titles and captions, unless no line has one (a pasted sentence).
        self.captions = any(self._last_character(block) in _TERMINAL for block in blocks)
        for block in blocks:
            self.read_block(block)
        return self.drafts

    def _last_character(self, block: _Block) -> str:
        return self.text[block.start : block.end].rstrip().rstrip(_CLOSERS)[-1:]

    def read_block(self, block: _Block) -> None:
        text = self.text
        self.previous = []
        last = self._last_character(block)
        if self.heading is not None:
            _, level, plain_continues = self.heading
            if block.level is not None and level is not None and block.level <= level:
                self.heading = None
            elif block.level is None and not (plain_continues and _starts_with_verb(text[block.start : block.end])):
                self.heading = None
        if block.level is None and last not in _TERMINAL and self.captions:
            self.scan_names(block.start, block.end)  # a caption or a title: no task, but names for "sở"
            return
        body_start = self.read_heading(block)
        inline_heading = body_start != block.start
        first_in_item = block.level is not None or inline_heading
        for start, end in _sentences(text, body_start, block.end):
            opens_item = first_in_item and start == body_start
            self.read_sentence(start, end, opens_item or self.directive, inline_heading and start == body_start)
            if _DIRECTIVE_INTRO.search(text[start:end]):
                self.directive = True

    def scan_names(self, start: int, end: int) -> None:
        _, self.last = _find_mentions(self.text[start:end], self.lexicon, self.last)

    def read_heading(self, block: _Block) -> int:
        """ "2. Sở Tài chính:" or "- Giao UBND các huyện, thị xã:" makes the bodies the item's assignees."""
        text = self.text[block.start : block.end]
        opener = re.match(r"\s*(?:(?:giao|đề\s+nghị|yêu\s+cầu|đối\s+với)\s+)?", text, re.IGNORECASE)
        position = opener.end() if opener else 0
        mentions, last = _find_mentions(text, self.lexicon, self.last)
        assignees, end = _parse_list(text, position, mentions)
        colon = re.match(r"\s*(?:\([^)]*\))?\s*:", text[end:]) if assignees else None
        if colon is None:
            if text.rstrip().endswith(":"):
                # "Chủ tịch UBND tỉnh giao Sở Y tế:" introduces the items that follow; a topic heading
                # ("1. Về công tác giải phóng mặt bằng:") ends the previous one.
                cues = list(_ASSIGN.finditer(text))
                listed, end = _parse_list(text, cues[-1].end(), mentions) if cues else ([], 0)
                if listed and not text[end:].strip(" :\t"):
                    self.heading = ([m for m in listed if m.kind != "leader"], block.level, False)
                elif block.level is not None:
                    self.heading = None
            return block.start
        self.last = last
        self.heading = ([m for m in assignees if m.kind != "leader"], block.level, True)
        return block.start + end + colon.end()

    def read_sentence(self, start: int, end: int, lenient: bool, inline_heading: bool) -> None:
        sentence = self.text[start:end]
        if _SKIP_SENTENCE.search(sentence):
            self.scan_names(start, end)
            self.previous = []
            return
        mentions, self.last = _find_mentions(sentence, self.lexicon, self.last)
        # Right after an assignment, "Công an tỉnh xây dựng phương án ..." goes on assigning, verb alone.
        assignments = _assignments(sentence, mentions, lenient or bool(self.previous))
        if not assignments:
            elaboration = _ELABORATION.match(sentence)
            if elaboration and self.previous:
                self.merge(self.previous, sentence, elaboration.end(), len(sentence), start, end, mentions)
                return
            title = _TITLE.match(sentence.lstrip())
            opening = (len(sentence) - len(sentence.lstrip())) + (title.end() if title else 0)
            opens_with_body = any(m.start <= opening + 2 and m.kind != "pronoun" for m in mentions)
            if not opens_with_body and _starts_with_verb(sentence):
                assignments = [_Assignment(0, 0, [], implicit=True)]
        drafts: list[_Draft] = []
        for index, assignment in enumerate(assignments):
            if not assignment.assignees:
                chair = _do_chair(sentence, mentions)
                assignment.assignees = [chair] if chair else self.inherited()
                assignment.implicit = not (inline_heading and not self.previous and self.heading is not None)
                if not assignment.assignees:
                    continue
            segment_end = assignments[index + 1].start if index + 1 < len(assignments) else len(sentence)
            if (
                assignment.pronoun_only
                and len(self.previous) == 1
                and self.previous[0].assignee.name == assignment.assignees[0].name
                and not _ADDITIVE.match(sentence)
                and find_deadline(sentence[assignment.action_start : segment_end], self.reference) is None
            ):
                self.merge(self.previous, sentence, assignment.action_start, segment_end, start, end, mentions)
                return
            prefix = sentence[: assignment.start] if index == 0 else ""
            drafts.extend(self.drafts_for(assignment, sentence, segment_end, prefix, start, end, mentions))
        self.previous = drafts
        self.drafts.extend(drafts)

    def inherited(self) -> list[_Mention]:
        if self.previous:
            seen: dict[str, _Mention] = {}
            for draft in self.previous:
                seen.setdefault(draft.assignee.name, draft.assignee)
            return list(seen.values())
        if self.heading is not None:
            return list(self.heading[0])
        return []

    def merge(
        self,
        drafts: list[_Draft],
        sentence: str,
        begin: int,
        finish: int,
        start: int,
        end: int,
        mentions: list[_Mention],
    ) -> None:
        """A sentence that details the previous task ("Trong đó, cần ...") adds to it rather than making one."""
        words = sentence[begin:finish]
        deadline = find_deadline(words, self.reference)
        action = _action(words, deadline)
        cooperating = _cooperating(words, _mentions_from(mentions, begin))
        for draft in drafts:
            if action and not _NOT_TASK.match(search_key(action)):
                draft.action = f"{draft.action}; {action}" if draft.action else action
            draft.cooperating.extend(name for name in cooperating if name not in draft.cooperating)
            if draft.deadline is None and deadline is not None:
                draft.deadline = deadline
            draft.end = end

    def drafts_for(
        self,
        assignment: _Assignment,
        sentence: str,
        segment_end: int,
        prefix: str,
        start: int,
        end: int,
        mentions: list[_Mention],
    ) -> list[_Draft]:
        pieces = _split_double(sentence, assignment.action_start, segment_end)
        drafts: list[_Draft] = []
        for piece_start, piece_end in pieces:
            words = sentence[piece_start:piece_end]
            quote = _QUOTE_END.search(words)
            if quote is not None and _inside_quote(sentence, piece_start):
                words = words[: quote.start()]
            if sentence.rstrip().endswith(":") and _LIST_INTRO.search(words):
                continue
            deadline = find_deadline(words, self.reference)
            if deadline is None and prefix:
                early = find_deadline(prefix, self.reference)
                if early is not None and early.due is not None and early.start <= 2:
                    deadline = early
            action = _action(words, deadline)
            if not action or _NOT_TASK.match(search_key(action)):
                continue
            cooperating = list(assignment.cooperating)
            for name in _cooperating(words, _mentions_from(mentions, piece_start)):
                if name not in cooperating:
                    cooperating.append(name)
            for assignee in assignment.assignees:
                if assignee.kind == "leader":
                    continue
                others = [name for name in cooperating if name != assignee.name]
                drafts.append(_Draft(assignee, others, action, deadline, start, end, assignment.implicit))
        return drafts


def _task(draft: _Draft, text: str, lexicon: _Lexicon) -> ProposedTask:
    deadline = draft.deadline
    return ProposedTask(
        assignee=draft.assignee.name,
        cooperating=tuple(draft.cooperating),
        action=draft.action,
        deadline_text=deadline.text if deadline else None,
        deadline=deadline.due if deadline else None,
        standing=deadline.standing if deadline else False,
        sentence=" ".join(text[draft.start : draft.end].split()),
        start=draft.start,
        end=draft.end,
        agency=lexicon.agency(draft.assignee.name) if draft.assignee.kind != "group" else None,
        implicit=draft.implicit,
    )


def extract(text: str, document_date: date | None = None, known: Sequence[KnownBody] = ()) -> Extraction:
    """Propose tasks from a conclusion's text; offsets refer to `normalize(text)`.

    Without `document_date` the date is guessed from the text, and deadlines without a year are resolved from
    it; a wrong or missing guess only leaves such deadlines undated.
    """
    normal = normalize(text or "")
    reference = document_date or guess_document_date(normal)
    lexicon = _lexicon(tuple(known))
    drafts = _Reader(normal, reference, lexicon).read()
    tasks: list[ProposedTask] = []
    seen: set[tuple[str, str, int]] = set()
    for draft in drafts:
        task = _task(draft, normal, lexicon)
        identity = (search_key(task.assignee), search_key(task.action), task.start)
        if identity not in seen:
            seen.add(identity)
            tasks.append(task)
    return Extraction(reference, tuple(tasks))
