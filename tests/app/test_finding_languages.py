"""The engine's reasoning in the reader's language: stored with each scan's finding and review item as a message,
shown on the project and review pages in English and Chinese, in Vietnamese by the CLI."""

from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tests.app.test_scan import late_project  # noqa: F401 (fixture)
from tiendo.core.templatetags.tiendo import reasoning
from tiendo.projects.models import Project
from tiendo.reviews import services
from tiendo.reviews.models import Finding
from tiendo.reviews.scan import scan

pytestmark = pytest.mark.django_db
AS_OF = date(2024, 3, 1)
VI = "Mốc khởi công xây dựng hạn ban đầu 15/03/2022, đã lùi 12 tháng đến 15/03/2023, chưa hoàn thành đến 01/03/2024"
EN = "Milestone “construction start” first due 15/03/2022, pushed back 12 months to 15/03/2023, not completed by "
ZH = "开工建设节点原定期限15/03/2022，已延后12个月至15/03/2023，截至01/03/2024未完成"


def test_a_scan_stores_the_message_and_its_vietnamese_text(late_project, admin_user):  # noqa: F811
    run = scan(AS_OF, actor=admin_user)
    late = Finding.objects.get(run=run, project=late_project, rule="LATE")
    assert late.explanation.startswith(VI)
    assert late.message["code"] == "sr.late"
    assert late.reasoning("en").startswith(EN) and late.reasoning("zh-hans").startswith(ZH)
    assert late.reasoning("vi") == late.explanation


def test_a_finding_of_an_older_scan_reads_its_vietnamese_text(late_project, admin_user):  # noqa: F811
    run = scan(AS_OF, actor=admin_user)
    Finding.objects.filter(run=run).update(message={})  # as scans before the migration left them
    late = Finding.objects.get(run=run, project=late_project, rule="LATE")
    assert late.reasoning("en") == late.explanation
    Finding.objects.filter(pk=late.pk).update(message={"code": "sr.gone", "params": {}})  # a code since removed
    late.refresh_from_db()
    assert late.reasoning("zh") == late.explanation
    assert reasoning({"explanation": "x", "message": {"code": 3}}) == "x"  # damaged: the stored text


@pytest.mark.parametrize(("language", "expected"), [("en", EN), ("zh-hans", ZH), ("vi", VI)])
def test_project_and_review_pages_show_the_reasoning_in_the_page_language(
    client,
    specialist,
    late_project,  # noqa: F811
    language,
    expected,
):
    client.force_login(specialist)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with time_machine.travel(AS_OF, tick=False):
        page = client.get(reverse("projects:detail", args=[late_project.code])).content.decode()
        assert expected in page
        review = services.open_round(actor=specialist, title="Rà soát quý I/2024", as_of=AS_OF)
        item = review.items.get(project=Project.objects.get(pk=late_project.pk))
        assert item.findings[0]["message"]["code"] == "sr.late"
        page = client.get(reverse("reviews:item", args=[item.pk])).content.decode()
        assert expected in page


def test_the_cli_json_is_unchanged_in_shape(late_project):  # noqa: F811
    from tiendo.reviews.scan import evaluate_project

    finding = evaluate_project(late_project, AS_OF)[0][0]
    data = finding.to_json()
    assert "message" not in data and data["explanation"].startswith(VI)
