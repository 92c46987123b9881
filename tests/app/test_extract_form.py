"""The extraction review form is usable: the agency list tall and wide enough for full names, content boxes of a
sensible height, and a directive title that is not the portal's banner."""

import re

import pytest
from django.urls import reverse
from test_extract_flow import SEED_TEXT, _accept_data, _paste

from tiendo.directives.models import Directive, Task

pytestmark = pytest.mark.django_db

PORTAL = "Cổng thông tin điện tử tỉnh Hải Dương\nTrang chủ > Tin tức > Chỉ đạo, điều hành\n"
TITLE = "Thường trực Tỉnh ủy làm việc với Sở Kế hoạch và Đầu tư về kế hoạch năm 2024"


def test_the_directive_title_skips_the_portal_banner(login, specialist, agency_x, agency_y, installation):
    page = _paste(login(specialist), PORTAL + TITLE + "\n" + SEED_TEXT).content.decode()
    assert f'name="directive-title" value="{TITLE}"' in page
    assert 'value="Cổng thông tin điện tử tỉnh Hải Dương"' not in page


def test_the_agency_choice_is_a_tall_list_of_full_names_and_the_task_box_four_rows(
    login, specialist, agency_x, agency_y, installation
):
    page = _paste(login(specialist), SEED_TEXT).content.decode()
    select = re.search(r'<select name="form-0-lead_agencies"[^>]*>', page).group(0)
    assert 'size="8"' in select and "multiple" in select
    options = re.search(r'<select name="form-0-lead_agencies".*?</select>', page, re.S).group(0)
    assert "Sở Kế hoạch và Đầu tư tỉnh Hải Dương" in options and "Sở Tài chính tỉnh Hải Dương" in options
    assert re.search(r'<textarea name="form-0-title" cols="\d+" rows="4"', page)


def test_the_list_still_accepts_two_lead_agencies_one_task_each(login, specialist, agency_x, agency_y, installation):
    client = login(specialist)
    review = _paste(client, SEED_TEXT)
    data = _accept_data(review, **{"directive-title": "Làm việc với Sở KH&ĐT"})
    data["form-0-lead_agencies"] = [agency_x.code, agency_y.code]
    total = int(data["form-TOTAL_FORMS"])
    response = client.post(reverse("directives:extract"), data)
    assert response.status_code == 302
    directive = Directive.objects.get(title="Làm việc với Sở KH&ĐT")
    assert Task.objects.filter(directive=directive).count() == total + 1
