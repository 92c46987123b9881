"""The open data follows the records: a change commits, the portal's edition moves, the publication is stale and
the next request has a new one made (at most once per interval). Real commits (transactional tests): the edition
moves after the commit, never for a rolled-back change."""

import json

import pytest
from django.db import transaction
from django.urls import reverse

from tiendo.portal import edition
from tiendo.portal.models import Publication
from tiendo.portal.oc4ids import publishing
from tiendo.projects.models import Project

from .opendata_support import make_records

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records(settings, installation, province, people_committee, agency_x, commune, enterprise_a):
    settings.TIENDO_OPEN_DATA_REFRESH_SECONDS = 0
    return make_records(province, people_committee, agency_x, commune, enterprise_a)


def _projects(client) -> dict[str, dict]:
    response = client.get(reverse("opendata:oc4ids_json"))
    return {p["identifiers"][0]["id"]: p for p in json.loads(b"".join(response.streaming_content))["projects"]}


def test_a_changed_record_makes_a_new_publication(client, records):
    assert _projects(client)["HD-2021-0001"]["type"] == "rehabilitation"
    road = Project.objects.get(code="HD-2021-0001")
    road.name = "Cải tạo, mở rộng đường tỉnh 391"
    road.save()
    assert publishing.is_stale()
    assert _projects(client)["HD-2021-0001"]["type"] == "expansion"
    assert Publication.objects.count() == 2 and not publishing.is_stale()
    # nothing changed since: asking again keeps the publication (and its date)
    assert publishing.publish(force=True).created is False and Publication.objects.count() == 2


def test_a_refresh_waits_for_the_interval(client, records, settings):
    settings.TIENDO_OPEN_DATA_REFRESH_SECONDS = 3600
    publishing.publish()
    Project.objects.get(code="HD-2021-0001").save()
    assert publishing.is_stale()
    assert client.get(reverse("opendata:oc4ids_json")).status_code == 200
    assert Publication.objects.count() == 1  # the stale one is served; the hour or the nightly run catches up


def test_a_rolled_back_change_does_not_stop_later_ones_moving_the_edition(records):
    before = edition.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Project.objects.get(code="HD-2021-0001").save()
        raise RuntimeError("the service refused")
    assert edition.current() == before
    with transaction.atomic():
        Project.objects.get(code="HD-2021-0001").save()
        Project.objects.get(code="HD-2019-0002").save()
    assert edition.current() == before + 1  # once per transaction, after its commit
