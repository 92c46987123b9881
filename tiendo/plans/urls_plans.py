"""Routes of plans, versions, allocation, checks, comparison and exports."""

urlpatterns: list = []
