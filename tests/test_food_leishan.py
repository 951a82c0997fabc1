"""雷山 eats Miao: a source describes the county's food as that of its Miao people."""

from __future__ import annotations

from qianxing.data.atlas import Atlas
from qianxing.enrich.meals import cuisines


def test_leishan_is_in_the_miao_cooking(atlas: Atlas) -> None:
    """A meal in 雷山 town is of Miao cooking, and the Miao list cites a 雷山 source."""
    assert cuisines(atlas, atlas.places["leishan"]) == {"miao"}
    miao = next(c for c in atlas.pack.region.cuisines if c.id == "miao")
    assert any("雷山" in s for s in miao.sources)
