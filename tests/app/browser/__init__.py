"""Journeys in a real browser (a package, so that its conftest does not shadow tests/app/conftest.py)."""
