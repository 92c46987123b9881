"""Chinese pages use the English number format and the same dd/mm/yyyy dates."""

from tiendo.formats.en.formats import *  # noqa: F403
