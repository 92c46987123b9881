"""Login throttling (django-axes), the administrator's unlock, password messages in the page's language, sessions."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from conftest import PASSWORD
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db
LIMIT = 5


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def attempt(client, username, password, address="10.0.0.1", language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_logs_in_and_a_few_wrong_ones_do_not_lock(client, specialist):
    for _ in range(LIMIT - 1):
        response = attempt(client, "specialist", "wrong")
        assert response.status_code == 200 and "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    response = attempt(client, "specialist", PASSWORD)
    assert response.status_code == 302 and logged_in(client)
    assert not AccessAttempt.objects.filter(username="specialist").exists()  # a success forgets the failures


def test_a_user_name_is_locked_after_the_limit_even_from_other_addresses(client, specialist):
    for n in range(LIMIT):
        response = attempt(client, "specialist", "wrong", address=f"10.0.1.{n}")
    assert response.status_code == 429  # the limit-th failure already says so
    response = attempt(client, "specialist", PASSWORD, address="10.0.2.1")
    page = response.content.decode()
    assert response.status_code == 429 and not logged_in(client)
    assert "Đăng nhập sai quá nhiều lần" in page and "15 phút" in page and "quản trị viên mở khoá" in page
    assert 'name="username"' in page and 'value="specialist"' in page  # the form is kept, in the site's layout
    assert "<nav" not in page or "mainnav" not in page


def test_an_address_is_locked_after_the_limit_whatever_the_user_names(client, specialist, officer_x):
    for n in range(LIMIT):
        attempt(client, f"guess{n}", "wrong", address="10.9.9.9")
    assert attempt(client, "officer_x", PASSWORD, address="10.9.9.9").status_code == 429
    assert not logged_in(client)
    assert attempt(client, "officer_x", PASSWORD, address="10.9.9.10").status_code == 302  # another computer
    assert logged_in(client)


def test_x_forwarded_for_does_not_dodge_the_address_lockout(client, specialist):
    for n in range(LIMIT):
        client.post(
            "/login/", {"username": f"u{n}", "password": "x"}, REMOTE_ADDR="10.5.5.5", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}"
        )
    assert attempt(client, "specialist", PASSWORD, address="10.5.5.5").status_code == 429


def test_lockout_ends_after_the_cool_off(client, specialist):
    for n in range(LIMIT):
        attempt(client, "specialist", "wrong", address=f"10.0.3.{n}")
    with time_machine.travel(timezone.now() + timedelta(minutes=14), tick=False):
        assert attempt(client, "specialist", PASSWORD, address="10.0.4.1").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert attempt(client, "specialist", PASSWORD, address="10.0.4.1").status_code == 302


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("vi", "Đăng nhập sai quá nhiều lần"),
        ("en", "Too many failed logins"),
        ("zh-hans", "登录失败次数过多"),
    ],
)
def test_the_lockout_message_is_in_the_page_language(client, specialist, language, words):
    for n in range(LIMIT):
        attempt(client, "specialist", "wrong", address=f"10.0.5.{n}")
    response = attempt(client, "specialist", PASSWORD, address="10.0.6.1", language=language)
    assert response.status_code == 429 and words in response.content.decode()


def test_without_cool_off_only_an_administrator_unlocks(client, settings, specialist):
    settings.AXES_COOLOFF_TIME = None
    for n in range(LIMIT):
        attempt(client, "specialist", "wrong", address=f"10.0.7.{n}")
    with time_machine.travel(timezone.now() + timedelta(days=30), tick=False):
        response = attempt(client, "specialist", PASSWORD, address="10.0.8.1")
    assert response.status_code == 429 and "cho đến khi quản trị viên mở khoá" in response.content.decode()


def test_the_unlock_command_lets_the_user_in_again(client, capsys, specialist, admin_user):
    for n in range(LIMIT):
        attempt(client, "specialist", "wrong", address=f"10.0.9.{n}")
    call_command("users", "locked", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [(r["by"], r["value"]) for r in rows if r["locked"]] == [("username", "specialist")]
    call_command("users", "unlock", "specialist", "--json", "--as", "admin")
    result = json.loads(capsys.readouterr().out)
    assert result["username"] == "specialist" and result["removed"] == LIMIT
    assert attempt(client, "specialist", PASSWORD, address="10.0.10.1").status_code == 302


def test_the_unlock_command_frees_an_address(client, capsys, specialist, admin_user):
    for n in range(LIMIT):
        attempt(client, f"guess{n}", "wrong", address="10.7.7.7")
    assert attempt(client, "specialist", PASSWORD, address="10.7.7.7").status_code == 429
    call_command("users", "unlock", "--ip", "10.7.7.7", "--as", "admin")
    assert "Đã mở khoá địa chỉ 10.7.7.7" in capsys.readouterr().out
    assert attempt(client, "specialist", PASSWORD, address="10.7.7.7").status_code == 302


def test_only_an_administrator_may_unlock(specialist, admin_user):
    with pytest.raises(CommandError, match="không có quyền mở khoá"):
        call_command("users", "unlock", "specialist", "--as", "specialist")
    with pytest.raises(CommandError, match="tên đăng nhập hoặc --ip"):
        call_command("users", "unlock", "--as", "admin")


def test_the_admin_lists_and_deletes_lockouts(client, login, specialist, admin_user):
    admin_user.is_staff = True
    admin_user.save()
    for n in range(LIMIT):
        attempt(client, "specialist", "wrong", address=f"10.0.11.{n}")
    listing = login(admin_user).get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "specialist" in listing.content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = client.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302 and not AccessAttempt.objects.exists()
    client.logout()
    assert attempt(client, "specialist", PASSWORD, address="10.0.12.1").status_code == 302


def test_api_and_pages_of_a_signed_in_user_are_not_throttled(login, client, specialist):
    login(specialist)
    other = Client()
    for n in range(LIMIT):  # someone else fails from the same address, with the user's own name too
        attempt(other, "specialist" if n % 2 else "x", "wrong", address="127.0.0.1")
    assert attempt(other, "specialist", PASSWORD, address="127.0.0.1").status_code == 429
    assert client.get("/api/directives").status_code == 200
    assert client.get("/projects/").status_code == 200


@pytest.mark.parametrize(
    ("language", "too_short", "too_common"),
    [
        ("vi", "Mật khẩu này quá ngắn", "Mật khẩu này quá phổ biến"),
        ("en", "This password is too short", "This password is too common"),
        ("zh-hans", "密码太短", "这个密码太常见了"),
    ],
)
def test_password_change_says_the_validators_in_the_page_language(
    login, client, specialist, language, too_short, too_common
):
    login(specialist)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post("/password/", {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"})
    page = response.content.decode()
    assert response.status_code == 200 and too_short in page and too_common in page
    response = client.post(
        "/password/",
        {"old_password": PASSWORD, "new_password1": "quả-cam-chín-đỏ-2026", "new_password2": "quả-cam-chín-đỏ-2026"},
    )
    assert response.status_code == 302 and response["Location"] == "/password/done/"
    assert client.get("/password/done/").status_code == 200


def test_admin_user_creation_is_vietnamese(login, client, admin_user):
    admin_user.is_staff = True
    admin_user.save()
    login(admin_user)
    page = client.get("/admin/accounts/user/add/").content.decode()
    for english in ("Password-based authentication", "Enabled", "Disabled", "Whether the user will be able"):
        assert english not in page, english
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "moi", "usable_password": "true", "password1": "12345", "password2": "12345", "role": "officer"},
    )
    page = response.content.decode()
    assert "Mật khẩu này quá ngắn" in page and "Mật khẩu này hoàn toàn là số" in page


def test_session_and_lockout_settings_come_from_the_environment(tmp_path):
    env = dict(os.environ, TIENDO_DATA_DIR=str(tmp_path), TIENDO_SESSION_HOURS="2", TIENDO_SESSION_AT_BROWSER_CLOSE="1")
    env |= {
        "TIENDO_LOGIN_FAILURE_LIMIT": "7",
        "TIENDO_LOGIN_COOLOFF_MINUTES": "0",
        "TIENDO_LOGIN_LOCKOUT_BY": "username",
    }
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_AGE, "
        "s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME, s.AXES_LOCKOUT_PARAMETERS]))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [7200, True, 7, None, ["username"]]


def test_the_session_lasts_the_configured_hours(settings, client, specialist):
    settings.SESSION_COOKIE_AGE = 2 * 3600
    assert attempt(client, "specialist", PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 7200
    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=1), tick=False):
        assert client.get("/projects/").status_code == 302  # expired: back to the login page


def test_a_session_can_end_with_the_browser(settings, client, specialist):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    assert attempt(client, "specialist", PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""
