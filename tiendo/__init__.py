"""tiendo: follow investment projects, public-investment plans and leaders' tasks for a Vietnamese province."""
