"""A test that needs ../shared fails when it is missing, naming the folder and what to do; it never skips."""

import pytest

from tests import shared_data


def test_a_missing_shared_folder_fails_the_test_and_says_why(tmp_path, monkeypatch):
    monkeypatch.setattr(shared_data, "SHARED", tmp_path / "shared")
    with pytest.raises(pytest.fail.Exception, match=r"\.\./shared/seeds is missing: .*must be beside the checkout"):
        shared_data.shared_dir("seeds")


def test_a_present_shared_folder_is_returned(tmp_path, monkeypatch):
    (tmp_path / "shared" / "extraction-dev").mkdir(parents=True)
    monkeypatch.setattr(shared_data, "SHARED", tmp_path / "shared")
    assert shared_data.shared_dir("extraction-dev") == tmp_path / "shared" / "extraction-dev"
