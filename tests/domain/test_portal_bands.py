"""The size bands of the public list's filters and the dollar approximation beside the capital."""

from decimal import Decimal

import pytest

from tiendo.domain.portal import bands


def test_bands_meet_without_gap_or_overlap():
    for table in (bands.AREA_BANDS_HA, bands.CAPITAL_BANDS):
        assert table[0].low is None and table[-1].high is None
        assert all(before.high == after.low for before, after in zip(table, table[1:], strict=False))
        assert len({band.key for band in table}) == len(table)


def test_a_band_by_its_key():
    assert bands.band(bands.AREA_BANDS_HA, "5-20") == bands.Band("5-20", 5, 20)
    assert bands.band(bands.CAPITAL_BANDS, "2000-plus").low == 2_000 * bands.TY
    assert bands.band(bands.AREA_BANDS_HA, "") is None and bands.band(bands.AREA_BANDS_HA, "5-21") is None


def test_dollars_at_the_rate():
    assert bands.usd_millions(1_200 * bands.TY, 26_000) == Decimal(1_200_000_000_000) / 26_000 / 1_000_000
    assert round(bands.usd_millions(1_200 * bands.TY, 26_000), 1) == Decimal("46.2")
    with pytest.raises(ValueError):
        bands.usd_millions(1, 0)
