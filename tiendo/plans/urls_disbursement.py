"""Routes of disbursement: import, S-curves, slow projects, transfers, dashboards."""

urlpatterns: list = []
