"""Whether words open an action: the modals ("cần", "khẩn trương"), the verbs the tagger may misread, the cues
after a subject ("X cần", "X chủ trì"), and underthesea's part-of-speech tagger, loaded on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache

# After a subject: "X cần", "X phải", "X chủ trì, phối hợp với Y", "Y phối hợp".
_SUBJECT_CUE = re.compile(
    r"\s+(?:(?:cũng|vẫn)\s+)?(?:(?:cần\s+)?tiếp\s+tục\s+)?(cần\s+phải|cần(?!\s+thiết)|phải|có\s+trách\s+nhiệm|"
    r"chịu\s+trách\s+nhiệm|khẩn\s+trương|sớm|chủ\s+trì|phối\s+hợp|tập\s+trung|chủ\s+động|kịp\s+thời|"
    r"nghiêm\s+túc|tích\s+cực|quyết\s+liệt|căn\s+cứ|thường\s+xuyên|định\s+kỳ)(?!\w)"
    r"(?!\s+(?:cuộc|buổi|hội\s+nghị|phiên|kỳ\s+họp|tại|và\s+phát\s+biểu)(?!\w))",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(
    r"^\W*(?:(?:đồng\s+thời|trước\s+mắt|cùng\s+với\s+đó|cùng\s+với|bên\s+cạnh\s+đó|ngoài\s+ra|mặt\s+khác|tiếp\s+theo|"
    r"sau\s+đó|đặc\s+biệt\s+là|đặc\s+biệt|nhất\s+là|trong\s+thời\s+gian\s+tới|thời\s+gian\s+tới|về\s+lâu\s+dài|"
    r"trên\s+cơ\s+sở\s+đó|do\s+đó|vì\s+vậy|theo\s+đó|song\s+song\s+với\s+đó|song\s+song|riêng)(?!\w)\s*,?\s*)+",
    re.IGNORECASE,
)
_MODALS = re.compile(
    r"^(?:(?:cần\s+phải|cần(?!\s+thiết)|phải|tiếp\s+tục|khẩn\s+trương|chủ\s+động|tích\s+cực|quyết\s+liệt|kịp\s+thời|"
    r"sớm|nghiêm\s+túc|thường\s+xuyên|cũng|ngay|tập\s+trung|đẩy\s+mạnh|tăng\s+cường|có\s+trách\s+nhiệm)(?!\w)\s*,?\s*)+",
    re.IGNORECASE,
)
# Verbs the tagger may read as nouns when they open a sentence.
_ACTION_WORDS = frozenset(
    "chủ trì tham mưu rà soát giải ngân hướng dẫn đôn đốc kiểm tra triển khai tổ chức xây dựng hoàn thiện hoàn thành "
    "báo cáo đề xuất nghiên cứu phối hợp theo dõi xử lý thẩm định bố trí lập thực hiện quan tâm khẩn trương "
    "nghiệm thu thanh tra giám sát cập nhật tiếp nhận ban hành trình lãnh đạo chỉ đạo".split()
)


@lru_cache(maxsize=4096)
def _tags(words: str) -> tuple[tuple[str, str], ...]:
    """underthesea's part-of-speech tags, imported on first use so that importing this module stays cheap."""
    try:
        from underthesea import pos_tag
    except ImportError:  # pragma: no cover - underthesea is a dependency
        return ()
    return tuple((str(word), str(tag)) for word, tag in pos_tag(words))


def _starts_with_verb(text: str) -> bool:
    """Whether a clause opens with an action: a modal ("cần", "khẩn trương") or a verb by underthesea's tagger."""
    text = _CONNECTOR.sub("", text.lstrip(' ,;:-–"“')).lstrip()
    if not text:
        return False
    if _MODALS.match(text):
        return True
    words = text.split()[:6]
    if " ".join(words[:2]).lower() in _ACTION_WORDS or words[0].lower() in _ACTION_WORDS:
        return True
    first = " ".join(words)
    if first[1:2].islower():
        first = first[:1].lower() + first[1:]
    first = re.split(r"[,;:.()]", first)[0].strip() or first
    tags = _tags(first)
    return bool(tags) and tags[0][1].startswith("V")
