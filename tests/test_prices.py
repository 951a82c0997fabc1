"""Prices by month: a seasonal ticket is quoted, and budgeted, at the trip month's price."""

from __future__ import annotations

from qianxing.data.atlas import Atlas
from qianxing.model import Request
from qianxing.timeline import visit_of


def test_seasonal_ticket_follows_the_month(atlas: Atlas) -> None:
    """小七孔 has a winter price below its April–October one; each month quotes its own."""
    p = atlas.places["xiaoqikong-scenic"]
    winter, _, rw = p.ticket_in(1)
    summer, _, rs = p.ticket_in(7)
    assert winter < summer
    assert rw is not None and rs is not None
    for month, price in ((1, winter), (7, summer)):
        req = Request(days=3, month=month)
        v = visit_of(p, 600, 600, 780, req, "zh")
        assert v.ticket is not None and v.ticket.amount == price


def test_a_year_round_price_is_the_same_every_month(atlas: Atlas) -> None:
    """A place without seasonal prices quotes its one price in every month."""
    p = next(x for x in atlas.attractions if not x.tickets and x.ticket_full > 0)
    prices = {p.ticket_in(m)[0] for m in range(1, 13)}
    assert prices == {p.ticket_full}
