"""The demo's socio-economic targets: Hải Dương's plan years 2021-2024 and the merged Hải Phòng's 2025-2026, with
the figures the statistics offices published, the scenario versions and the projects the targets depend on.

Decisions:
- **Real where published, invented where not, and said so.** Every figure names its source (`sources.py`, a page
  with its title) or is marked INVENTED; the README's table "Targets: what is real, what is invented" lists both.
  Levels at comparable prices, sector shares and seasonal patterns are invented; growth rates and targets are the
  published ones where the pages give them.
- **One series for the home province.** Until 2024 the figures are Hải Dương's; from 2025 the merged city's, as its
  statistics office recalculated them, so the 2025 base is Hải Dương's 2024 plus old Hải Phòng's (invented).
- **Consistent arithmetic.** The quarters by component are built so that the published cumulative figures come out
  of them as the scenario arithmetic computes (`series.py`), to the 0.01 point the releases print; each scenario's
  base is the previous year's levels; a revision of a scenario keeps the quarters published on its day.
- **Provenance and revisions.** Releases are written in date order through `record_publication`, so a later figure
  of a quarter (the official 2022 year, the revised second quarter of 2026) replaces the first estimate, which stays.
- **Today.** Nothing dated after `timezone.localdate()` is written: on 07/12/2026 the third quarter of 2026 is out,
  the fourth is not.
- **A 2026 that asks for work.** The third quarter of 2026 falls short of the July revision in industry and
  construction by about 3 points, so the alert check has something to propose.

Modules: `sources` (the pages), `catalogue` (indicators, sectors, terms, targets), `figures` (releases, reports,
scenario versions), `series` (the arithmetic), `story` (the assembled years), `loading` (the phase).
"""

from .loading import load

__all__ = ["load"]
