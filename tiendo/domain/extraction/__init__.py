"""Tasks proposed from the text of a meeting conclusion (thông báo kết luận) or a news report of a meeting.

An officer pastes or uploads the text; we propose who must do what by when, and the officer confirms. So the
rules aim at a short list an officer can check, not at a parse of every sentence. They are transparent on
purpose: a wrong proposal must be explainable by a rule someone can read and change.

Who: agencies are found by a gazetteer of provincial departments (with their abbreviations: "Sở KH&ĐT"), by the
head nouns agencies' names start with ("Ban Quản lý ...", "Công an tỉnh"), by the names the caller's database
knows, and by the plural groups conclusions address ("các sở, ngành, địa phương"). An agency is an assignee only
where the sentence assigns it work: after "yêu cầu", "đề nghị", "giao", or as the subject of "cần", "phải",
"chủ trì", "phối hợp"...; the leader who speaks and the body a report goes to are not. Sentences without an
assignee of their own inherit the previous one ("Trước mắt cần tiếp tục ...") or the heading of their list item
("2. Sở Tài chính:"), and are marked implicit.

What: the verb phrase after the assignee, without the deadline. underthesea's part-of-speech tagger decides
whether a sentence without a subject starts with a verb, which is what makes it a continued task rather than a
description ("Tập trung nghiệm thu ..." versus "Phương án xử lý phải ...").

When: `tiendo.domain.deadlines`, on the task's own words, resolved from the document's date.

The package, in the order a text is read: `records` (what is given and given back, the JSON shape), `names`
(agencies' names, abbreviations, the caller's known bodies), `verbs` (whether words open an action; the tagger),
`mentions` (the bodies a sentence names), `sentences` (blocks and sentences), `assignments` (who is assigned what
in a sentence) and `reader` (the document read with its context into tasks: `extract`). Everything public is
importable from `tiendo.domain.extraction`.
"""

from __future__ import annotations

from tiendo.domain.extraction.names import body_key, expand_abbreviations, match_known
from tiendo.domain.extraction.reader import extract
from tiendo.domain.extraction.records import Extraction, KnownBody, ProposedTask, to_json

__all__ = [
    "Extraction",
    "KnownBody",
    "ProposedTask",
    "body_key",
    "expand_abbreviations",
    "extract",
    "match_known",
    "to_json",
]
