"""A meeting text becomes a directive with its tasks: `tiendo extract` and the paste / review / accept pages."""

import json
import re
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.shared_data import shared_dir
from tiendo.agencies.models import Agency
from tiendo.directives.models import Directive, Task

pytestmark = pytest.mark.django_db

SEED_TEXT = """Sáng 21/2, các đồng chí Thường trực Tỉnh uỷ làm việc với Sở Kế hoạch và Đầu tư để nghe báo cáo kế hoạch \
triển khai nhiệm vụ công tác năm 2024.
Đồng chí Bí thư Tỉnh uỷ yêu cầu Sở Kế hoạch và Đầu tư xây dựng kế hoạch điều chỉnh đầu tư công trung hạn 2021-2025, \
kế hoạch điều chỉnh năm 2024 và giai đoạn tiếp theo phù hợp với tình hình thực tế. Đồng thời, sở cần bắt tay ngay vào \
việc chuẩn bị báo cáo phục vụ Đại hội Đảng bộ tỉnh lần thứ XVIII.
Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư cân đối nguồn vốn, báo cáo UBND tỉnh trước ngày 30/6/2024.
"""


@pytest.fixture
def merged_agency_x(agency_x, agency_y):
    """Sở KH&ĐT merged into Sở Tài chính on 01/03/2025, as in the real reorganisation."""
    Agency.objects.filter(pk=agency_x.pk).update(valid_to=date(2025, 2, 28), successor=agency_y)
    return agency_x


def _run_extract(*args) -> dict:
    out = StringIO()
    call_command("extract", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_cli_follows_the_contract(tmp_path, agency_x, agency_y, installation):
    source = tmp_path / "kl.txt"
    source.write_text(SEED_TEXT, encoding="utf-8")
    result = _run_extract(str(source))
    assert result["document_date"] == "2024-02-21"
    tasks = result["tasks"]
    assert {"assignee", "cooperating", "action", "deadline_text", "deadline", "sentence"} <= set(tasks[0])
    by_deadline = {t["deadline"]: t for t in tasks}
    finance = by_deadline["2024-06-30"]
    assert finance["assignee"] == "Sở Tài chính" and finance["agency"] == agency_y.code
    assert finance["cooperating"] == ["Sở Kế hoạch và Đầu tư"]
    planning = [t for t in tasks if t["assignee"] == "Sở Kế hoạch và Đầu tư"]
    assert len(planning) == 2 and all(t["agency"] == agency_x.code for t in planning)
    assert {t["deadline_text"] for t in planning} == {None, "ngay"}
    assert all(t["deadline"] is None for t in planning)


def test_cli_names_todays_successor_but_keeps_the_name_as_written(tmp_path, merged_agency_x, agency_y, installation):
    source = tmp_path / "kl.txt"
    source.write_text(SEED_TEXT, encoding="utf-8")
    planning = [t for t in _run_extract(str(source))["tasks"] if t["assignee"] == "Sở Kế hoạch và Đầu tư"]
    assert planning and all(t["agency"] == agency_y.code for t in planning)


def test_cli_date_option_wins_and_bad_input_is_refused(tmp_path):
    source = tmp_path / "kl.txt"
    source.write_text("Ngày 26/11/2020, hội nghị. Yêu cầu Sở Xây dựng hoàn thành quy hoạch trước 15/12.", "utf-8")
    assert _run_extract(str(source))["tasks"][0]["deadline"] == "2020-12-15"
    assert _run_extract(str(source), "--date", "2020-12-20")["tasks"][0]["deadline"] == "2021-12-15"
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("extract", str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("extract", str(source), "--date", "31/02/2020")
    spreadsheet = tmp_path / "bang.xlsx"
    spreadsheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(CommandError, match=".txt, .docx"):
        call_command("extract", str(spreadsheet))


def test_cli_reads_the_seed_articles():
    seeds = shared_dir("seeds")  # fails, saying why, when ../shared is not beside the checkout
    articles = sorted(seeds.glob("*.txt"))
    assert articles, f"no seed article (*.txt) in {seeds}"
    for path in articles:
        gold = json.loads((seeds / "gold" / f"{path.stem}.json").read_text("utf-8"))
        result = _run_extract(str(path))
        assert result["document_date"] == gold["document_date"]
        assert len(result["tasks"]) >= 0.9 * len(gold["tasks"])


def _paste(client, text, **extra):
    return client.post(reverse("directives:extract"), {"step": "analyse", "text": text, **extra})


def _accept_data(response, **overrides) -> dict:
    """The review page's form as a browser would post it, ticking every proposal."""
    html = response.content.decode()
    data = {"step": "accept"}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'<input type="(?:text|number)" name="([^"]+)"(?: value="([^"]*)")?', html):
        data[name] = value
    for match in re.finditer(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', html, re.S):
        data[match.group(1)] = match.group(2)
    for match in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]+)"[^>]*selected', match.group(2))
        if chosen:
            data[match.group(1)] = chosen if "multiple" in match.group(0) else chosen[0]
    total = int(data["form-TOTAL_FORMS"])
    for index in range(total):
        data[f"form-{index}-include"] = "on"
    import html as html_lib

    data = {k: html_lib.unescape(v) if isinstance(v, str) else v for k, v in data.items()}
    data.update(overrides)
    return data


def test_specialist_turns_a_text_into_a_directive_in_three_steps(login, specialist, agency_x, agency_y, installation):
    client = login(specialist)
    review = _paste(client, SEED_TEXT)
    assert review.status_code == 200
    page = review.content.decode()
    assert "<mark" in page and "bắt tay ngay" in page
    assert 'value="Thường trực Tỉnh ủy"' in page  # the issuer, guessed from the opening
    data = _accept_data(review, **{"directive-number": "", "directive-title": "Làm việc với Sở KH&ĐT"})
    response = client.post(reverse("directives:extract"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    directive = Directive.objects.get(title="Làm việc với Sở KH&ĐT")
    assert directive.issued_on == date(2024, 2, 21)
    tasks = list(directive.tasks.order_by("pk"))
    assert len(tasks) == 3
    finance = next(t for t in tasks if t.lead_agency == agency_y)
    assert finance.deadline == date(2024, 6, 30) and finance.deadline_text == "trước ngày 30/6/2024"
    assert "30/6/2024" in finance.source_sentence
    assert all(t.assigned_on == date(2024, 2, 21) for t in tasks)
    assert tasks[0].history.first().history_user == specialist


def test_an_unticked_or_unassigned_proposal_is_handled(login, specialist, agency_x, agency_y, installation):
    client = login(specialist)
    review = _paste(client, SEED_TEXT)
    data = _accept_data(review)
    for key in [k for k in data if k.endswith("-include")]:
        del data[key]
    response = client.post(reverse("directives:extract"), data)
    assert response.status_code == 200 and not Directive.objects.exists()
    data = _accept_data(review)
    data.pop("form-0-lead_agencies", None)
    response = client.post(reverse("directives:extract"), data)
    assert response.status_code == 200
    assert "Hãy chọn cơ quan chủ trì." in response.content.decode()
    assert not Task.objects.exists()


def test_generic_assignee_becomes_one_task_per_chosen_agency(login, specialist, agency_x, agency_y, installation):
    client = login(specialist)
    review = _paste(client, "Ngày 05/3/2024, họp. Yêu cầu các sở, ngành khẩn trương rà soát dự án chậm tiến độ.")
    data = _accept_data(
        review, **{"form-0-lead_agencies": [agency_x.code, agency_y.code], "directive-issuer": "UBND tỉnh"}
    )
    assert client.post(reverse("directives:extract"), data).status_code == 302
    task_agencies = set(Task.objects.values_list("lead_agency__code", flat=True))
    assert task_agencies == {agency_x.code, agency_y.code}
    assert set(Task.objects.values_list("assignee_text", flat=True)) == {"các sở, ngành"}


def test_tasks_into_an_existing_directive_from_an_uploaded_file(
    login, specialist, directive, agency_x, agency_y, installation
):
    client = login(specialist)
    upload = SimpleUploadedFile("kl.txt", SEED_TEXT.encode("utf-8"), content_type="text/plain")
    review = client.post(
        reverse("directives:extract_into", args=[directive.pk]), {"step": "analyse", "document": upload}
    )
    assert review.status_code == 200
    data = _accept_data(review)
    assert client.post(reverse("directives:extract_into", args=[directive.pk]), data).status_code == 302
    assert directive.tasks.count() >= 2
    assert Directive.objects.count() == 1


def test_empty_paste_is_refused(login, specialist):
    response = _paste(login(specialist), "   ")
    assert response.status_code == 200 and not Directive.objects.exists()
    assert "errorlist" in response.content.decode()


def test_sentences_stay_highlighted_when_the_browser_sends_crlf(login, specialist, agency_x, agency_y, installation):
    client = login(specialist)
    review = _paste(client, SEED_TEXT)
    data = _accept_data(review)
    data["source_text"] = data["source_text"].replace("\n", "\r\n")
    data.pop("form-1-lead_agencies", None)  # one error: the page comes back with the text marked again
    page = client.post(reverse("directives:extract"), data).content.decode()
    sentence = data["form-1-sentence"]
    assert f'<mark id="s-1">{sentence}' in page
