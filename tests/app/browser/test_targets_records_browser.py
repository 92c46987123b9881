"""The statistics release in a real browser, at 1440 px and 390 px, in three languages: the upload, the checked
preview naming the figure it revises, the confirmation, and a refused file's errors at their sheet, row and column."""

import sys
from pathlib import Path

from tests.app.conftest import PASSWORD
from tiendo.targets.models import GrowthFigure, Publication

sys.path.insert(0, str(Path(__file__).parent.parent))  # the targets tests' workbook helpers
from targets_release_support import *  # noqa: E402, F403
from targets_release_support import FIRST, record_first, release  # noqa: E402


def _upload(browser, path) -> None:
    browser.go("/targets/records/")
    browser.find("form[enctype='multipart/form-data'] input[type=file][name=file]").send_keys(str(path))
    browser.submit("form[enctype='multipart/form-data']")
    browser.wait_for("#result")


def test_a_release_checked_then_confirmed(browser, installation, specialist, grdp, tmp_path):
    record_first(specialist)
    browser.step("login")
    browser.login("specialist", PASSWORD)
    browser.step("records-page")
    browser.go("/targets/records/")
    browser.languages()

    browser.step("refused")
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(release(growth=[[2026, 1, "KV3", "", "1e400", ""]]).getvalue())
    _upload(browser, bad)
    assert "Số quá lớn" in browser.text and "Tăng trưởng (%)" in browser.text
    assert not browser.finds("#result form button[type=submit]"), "a refused file offers no confirmation"

    browser.step("preview")
    good = tmp_path / "quy-1-chinh-thuc.xlsx"
    official = FIRST | {"Số hiệu": "45/BC-TK", "Ngày ban hành": "06/07/2026", "Tình trạng số liệu": "Chính thức"}
    good.write_bytes(release(official, [[2026, 1, "KV3", "", "9,5", ""]]).getvalue())
    _upload(browser, good)
    assert "thay thế số liệu 9,20 % của báo cáo 12/BC-TK ngày 06/04/2026" in browser.text
    assert Publication.objects.count() == 1, "the check writes nothing"
    browser.languages()
    assert "9,20 %" in browser.text

    browser.step("confirmed")
    browser.submit("#result form")
    browser.wait_for("#result")
    assert Publication.objects.count() == 2 and GrowthFigure.objects.count() == 5
    assert "9,50 %" in browser.text
