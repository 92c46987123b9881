"""The targets' background jobs. Each part brings its own kinds in its module, imported here so that the jobs app
finds them at start-up (it reads each app's `jobs` module)."""

from . import jobs_records  # noqa: F401 - the release import
