"""A small world of petitions around Tết 2026 for the surfaces' tests (the command line, the API, Open311, the
reports), made through the services on the days given, seen on 20/03/2026.

Working days on the statutory calendar (01/01/2026 and Tết 16–20/02/2026 off):

- P1 agency X, enterprise A, received Tue 10/02/2026, due 03/03, answered 27/02 (on time, 8 working days),
  published with consent, rated satisfied;
- P2 agency X, enterprise A, received 10/02, due 03/03, answered 05/03 (late, 12 working days), rated not satisfied;
- P3 agency Y (agency X concerned), enterprise B, outside the receiver's competence (forwarded), received Thu
  12/02, due 05/03, still open on 20/03 (overdue);
- P4 no agency, a person, received 02/03, not accepted (a complaint, redirected);
- P5 agency X, enterprise A, received Mon 15/12/2025, due 29/12/2025, answered 12/01/2026 (late, 19 working days).
"""

from datetime import date

from tiendo.petitions import services
from tiendo.petitions.models import Kind, Petition, Topic

TODAY = date(2026, 3, 20)


def receive(actor, received, *, title, text="Nội dung kiến nghị.", topic=Topic.CONSTRUCTION_PERMIT, **extra):
    petition = Petition(title=title, text=text, topic=topic, channel=extra.pop("channel", "letter"),
                        received_on=received, **extra)  # fmt: skip
    return services.receive(petition, actor=actor)


def routed(specialist, petition, agency, day, kind=Kind.WITHIN_COMPETENCE):
    petition = services.classify(petition, actor=specialist, kind=kind, topic=petition.topic, agency=agency, at=day)
    petition = services.assign(petition, actor=specialist, at=day)
    return services.start_work(petition, actor=specialist, at=day)


def answered(specialist, petition, day, consent=False):
    return services.answer(
        petition, actor=specialist, text="Sở đã giải quyết. Liên hệ ông Trần Văn Bình 0912 345 678.",
        legal_basis="Luật Xây dựng 2014", document="Công văn 12/SXD", publish_consent=consent, at=day,
    )  # fmt: skip


def build(specialist, investor, agency_x, agency_y, enterprise_a, enterprise_b) -> dict[str, Petition]:
    """Call inside time_machine.travel(TODAY)."""
    p1 = receive(
        specialist, date(2026, 2, 10), title="Chậm cấp phép xây dựng nhà xưởng của ông Trần Văn Bình",
        enterprise=enterprise_a, petitioner_name="Trần Văn Bình", petitioner_contact="0912 345 678",
    )  # fmt: skip
    p1 = routed(specialist, p1, agency_x, date(2026, 2, 11))
    p1 = answered(specialist, p1, date(2026, 2, 27), consent=True)
    p1 = services.publish(p1, actor=specialist, at=date(2026, 3, 2))
    p1 = services.rate(p1, actor=investor, rating="satisfied", at=date(2026, 3, 3))

    p2 = receive(specialist, date(2026, 2, 10), title="Thủ tục đất đai kéo dài", topic=Topic.LAND,
                 enterprise=enterprise_a)  # fmt: skip
    p2 = routed(specialist, p2, agency_x, date(2026, 2, 11))
    p2 = answered(specialist, p2, date(2026, 3, 5))
    p2 = services.rate(p2, actor=investor, rating="not_satisfied", reason="Chưa rõ", at=date(2026, 3, 6))

    p3 = receive(specialist, date(2026, 2, 12), title="Hoàn thuế giá trị gia tăng chậm", topic=Topic.TAX,
                 enterprise=enterprise_b)  # fmt: skip
    p3 = routed(specialist, p3, agency_y, date(2026, 2, 13), kind=Kind.OUTSIDE_COMPETENCE)
    p3.concerned_agencies.add(agency_x)

    p4 = receive(specialist, date(2026, 3, 2), title="Khiếu nại quyết định thu hồi đất", topic=Topic.LAND,
                 petitioner_name="Nguyễn Thị Hoa", petitioner_contact="hoa@example.vn")  # fmt: skip
    p4 = services.classify(p4, actor=specialist, kind=Kind.NOT_ACCEPTED, topic=Topic.LAND, is_complaint=True,
                           redirect_note="Gửi đơn khiếu nại tới Thanh tra tỉnh.", at=date(2026, 3, 3))  # fmt: skip

    p5 = receive(specialist, date(2025, 12, 15), title="Cấp điện cho nhà máy", topic=Topic.POWER_WATER,
                 enterprise=enterprise_a)  # fmt: skip
    p5 = routed(specialist, p5, agency_x, date(2025, 12, 16))
    p5 = answered(specialist, p5, date(2026, 1, 12))
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4, "p5": p5}
