"""The size bands an investor filters opportunities by: area in hectares and indicative capital in đồng, each band
from its lower bound (included) to its upper bound (excluded). Keys are what the address carries
(?area=5-20), the same in every language. Plain Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

TY: Final = 1_000_000_000  # one tỷ đồng


@dataclass(frozen=True)
class Band:
    key: str
    low: int | None  # included; None: no lower bound
    high: int | None  # excluded; None: no upper bound


AREA_BANDS_HA: Final[tuple[Band, ...]] = (
    Band("under-5", None, 5),
    Band("5-20", 5, 20),
    Band("20-50", 20, 50),
    Band("50-plus", 50, None),
)

CAPITAL_BANDS: Final[tuple[Band, ...]] = (
    Band("under-100", None, 100 * TY),
    Band("100-500", 100 * TY, 500 * TY),
    Band("500-2000", 500 * TY, 2_000 * TY),
    Band("2000-plus", 2_000 * TY, None),
)


def band(bands: tuple[Band, ...], key: str) -> Band | None:
    """The band of that key, or None for an empty or unknown key (the filter is then not applied)."""
    return next((found for found in bands if found.key == key), None)


def usd_millions(amount_dong: int, dong_per_usd: int) -> Decimal:
    """An amount in đồng as millions of US dollars at the given rate (an approximation for foreign readers)."""
    if dong_per_usd <= 0:
        raise ValueError("the exchange rate must be positive")
    return Decimal(amount_dong) / Decimal(dong_per_usd) / Decimal(1_000_000)
