"""Which lines of a pasted web page are the site's furniture, not the document: the portal's banner ("Cổng thông
tin điện tử tỉnh Hải Dương"), its menu and breadcrumbs ("Trang chủ > Tin tức"), its copyright footer. The title
a specialist is offered for the directive must skip them. Document headers (the national motto, "Số: …") are read
by the extraction elsewhere; they are skipped here only because they are never a title."""

from __future__ import annotations

import re

from tiendo.domain.text import search_key

# on the key of the line (lowercase, no diacritics): what a portal, a newspaper or a site's header starts with
_BANNER_STARTS = (
    "cong thong tin dien tu",
    "cong ttdt",
    "trang thong tin dien tu",
    "trang ttdt",
    "bao dien tu",
    "cong dich vu cong",
    "website",
    "trang chu",
    "dang nhap",
    "lien he",
    "so do cong",
    "so do trang",
    "tim kiem",
    "ban quyen",
    "copyright",
    "chuyen muc",
)
_BANNER_WORDS = ("ban quyen thuoc", "copyright", "©", "www.", "http://", "https://", "ghi ro nguon")
# the document's own headers: never its title
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap tu do hanh phuc")
_MENU_SEPARATORS = re.compile(r"\s(?:>|»|›|\|)\s")
_TITLE_LENGTH = (20, 300)


def is_site_banner(line: str) -> bool:
    """A portal's banner, menu, breadcrumb or footer line, or a document's motto: not the document's title."""
    key = search_key(line).strip(" -–—:|")
    if not key:
        return False
    if key.startswith(_BANNER_STARTS) or key.startswith(_MOTTO):
        return True
    if any(word in key for word in _BANNER_WORDS):
        return True
    # a menu or breadcrumb: "Giới thiệu | Tin tức | Văn bản", "Tin tức > Chỉ đạo, điều hành > …"
    return len(_MENU_SEPARATORS.findall(line)) >= 2 and len(line) <= 200


def guess_title(text: str) -> str:
    """The first line that reads as a title (20 to 300 characters, no final stop) and is not site furniture;
    failing that, the first line that is not furniture, cut to 200 characters."""
    lines = [line.strip() for line in text.splitlines()]
    shortest, longest = _TITLE_LENGTH
    for line in lines:
        if shortest <= len(line) <= longest and not line.endswith((".", ";")) and not is_site_banner(line):
            return line
    for line in lines:
        if line and not is_site_banner(line):
            return line[:200]
    return ""
