"""Time tiendo's pages on a loaded database, as a signed-in specialist sees them.

    TIENDO_DATA_DIR=/tmp/national tiendo demo --scale national
    TIENDO_DATA_DIR=/tmp/national python bench/pages.py [--repeat 5]

Prints the best and the median of N requests per page (in-process, through Django's test client, so it
measures the view, the queries and the template, not the network).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--user", default="chuyenvien")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from tiendo.accounts.models import User
    from tiendo.projects.models import Project

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=args.user))
    total = Project.objects.count()
    busiest = Project.objects.order_by("-pk").values_list("code", flat=True).first()
    middle = Project.objects.order_by("code").values_list("code", flat=True)[total // 2]
    pages = [
        "/",
        "/projects/",
        "/projects/?page=2000",
        "/projects/?q=nha+may",
        "/projects/?kind=fdi&status=implementing",
        "/projects/?sort=-investment",
        "/projects/?overdue=on",
        f"/projects/{middle}/",
        f"/projects/{busiest}/",
        "/api/projects?limit=50",
        f"/api/projects/{middle}",
        "/agencies/",
        "/enterprises/",
        "/directives/",
        "/directives/?q=giai+ngan",
        "/tasks/",
        "/tasks/?status=overdue",
        "/tasks/?q=giai+phong+mat+bang",
        "/tasks/summary/",
        "/tasks/lights/",
        "/tasks/summary.xlsx",
        "/api/tasks?limit=50",
    ]
    from tiendo.directives.models import Directive, Task

    last_task = Task.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_directive = Directive.objects.order_by("-pk").values_list("pk", flat=True).first()
    if last_task:
        pages += [f"/tasks/{last_task}/", f"/directives/{last_directive}/"]
    print(f"{total:,} projects; best and median of {args.repeat} requests")
    for url in pages:
        client.get(url)  # warm the caches, as a second visitor would find them
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        flag = "" if response.status_code == 200 else f"  HTTP {response.status_code}"
        print(f"{url:45s} {min(times):8.1f} ms {statistics.median(times):8.1f} ms{flag}")


if __name__ == "__main__":
    main()
