"""The publication date and title a document states about itself."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.intake.meta import find_published, find_title


@pytest.mark.parametrize(("text", "expected"), [
    ("标题\n发布时间：2024-03-05 10:00\n正文。", date(2024, 3, 5)),
    ("标题\n2024年04月22日 09:15 来源：西安日报\n正文。", date(2024, 4, 22)),
    ("标题\n来源：西安日报　　2024年04月22日 09:15\n正文。", date(2024, 4, 22)),
    ("标题\n作者：张三 2024-04-22\n正文。", date(2024, 4, 22)),
    ("通知\n正文。\n淄博市人民政府\n2024年3月18日", date(2024, 3, 18)),
    # a date inside a sentence is an event, not the publication date
    ("标题\n会议于2024年3月5日召开，部署全年工作。\n正文。", None),
    ("2024年3月5日市政府常务会议召开\n正文。", None),
    ("标题\n来源：某某网 2024年2月30日\n正文。", None),   # no such day
])
def test_publication_date(text: str, expected: date | None) -> None:
    assert find_published(text) == expected


def test_title_is_the_first_headline_line() -> None:
    assert find_title("西安高新区：一季度经济运行稳中向好\n来源：西安日报 2024年04月22日\n正文，第一句。") == \
        "西安高新区：一季度经济运行稳中向好"
