from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from hegui.console import tickets
from hegui.console.models import utcnow
from hegui.records.store import Store


@pytest.mark.parametrize("data,fragment", [
    ({"kind": "answer"}, "content"),
    ({"kind": "nonsense", "content": "x"}, "kind"),
    ({"kind": "answer", "content": "x" * 101}, "at most 100"),
    ({"kind": "answer", "content": 5}, "must be text"),
    ({"kind": "answer", "content": "x", "extra": 1}, "unknown field"),
    ({"kind": "answer", "content": "a\x00b"}, "NUL"),
])
def test_validation_names_the_field(data: dict[str, object], fragment: str) -> None:
    with pytest.raises(tickets.InputError, match=fragment):
        tickets.validate_complaint(data, max_chars=100)


def test_queue_sorted_by_deadline_and_actions_change_state(store: Store) -> None:
    now = utcnow()
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        item = tickets.ComplaintInput(kind="answer", content="问题")
        late = tickets.file_complaint(db, item, reply_hours=48, now=now)
        soon = tickets.file_complaint(db, item, reply_hours=2, now=now)
        assert [t.ticket for t in tickets.queue(db)] == [soon.ticket, late.ticket]
        assert late.deadline == now + timedelta(hours=48)
        tickets.act(db, soon, "reply", "正在核查", "ann")
        assert soon.status == "replied" and soon.replied_at is not None
        tickets.act(db, soon, "reject", "未发现违规", "ann")
        assert soon.status == "rejected" and soon.reason == "未发现违规"
        with pytest.raises(tickets.StateError):
            tickets.act(db, soon, "resolve", "again", "ann")
        with pytest.raises(tickets.InputError):
            tickets.act(db, late, "resolve", "   ", "ann")
        tickets.act(db, late, "note", "internal", "ann")
        assert [n.public for n in tickets.notes(db, late)] == [False]
        assert [t.ticket for t in tickets.queue(db)] == [late.ticket]
        assert [t.ticket for t in tickets.queue(db, status="rejected")] == [soon.ticket]


def test_ticket_ids_are_unguessable_and_distinct() -> None:
    ids = {tickets.new_ticket_id("C", utcnow()) for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i.split("-")[1]) == 8 for i in ids)


def test_time_left_reads_days_and_overdue() -> None:
    now = utcnow()
    assert tickets.time_left(now + timedelta(days=2, hours=3), now).startswith("2天3小时")
    assert "超期" in tickets.time_left(now - timedelta(hours=1), now)
