"""The province's public-investment projects as open data in OC4IDS 0.9.5 (issue 17, point 5): the facts read
through the public visitor's view (collect), the project package (package), its validation against the copy of
the standard shipped in tiendo/portal/data (standard, validation), each generation kept as a Publication
(publishing), its CSV and Excel flattenings (flatten) and the CoST IDS coverage per project (coverage).
docs/open-data.md explains the mapping."""
