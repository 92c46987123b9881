"""Static files with a hash of their content in their names, which browsers keep for a year."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """`collectstatic` (run by `tiendo serve`, and by a deployment) writes `tiendo.3f2a….css` beside `tiendo.css`;
    `{% static %}` then links the hashed name, which WhiteNoise sends with `Cache-Control: max-age=315360000,
    public, immutable`: a new version has a new name, so nothing stale is ever kept. Before any `collectstatic` (the
    tests, a command that renders a page on a fresh checkout) the plain name is linked and served from the apps'
    folders, with WhiteNoise's short max-age: a missing manifest never makes a page fail."""

    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:  # not collected: no manifest entry and no file to hash
            return name
