"""The portal's rules: which translation a visitor reads, the opportunities' vocabulary, and (oc4ids) how the
province's records become open data. Plain Python: no Django."""
