"""Furniture removal never takes a figure: bulleted and numbered target lists are article text."""

from __future__ import annotations

import pytest

from tracker.intake.boilerplate import line_reason
from tracker.intake.clean import _TRANSLATE, clean

TARGET_LIST = """主要预期目标
■经济发展
●全县生产总值增长6%左右
◆规上工业增加值增长7%以上
▲固定资产投资增长10%
□新增市场主体1200户
•城镇新增就业8000人
★高新技术企业达到45家
① 研发经费投入增长15%
1. 社会消费品零售总额增长5.5%
(一)一般公共预算收入增长4%
一是新建5G基站300个，二是改造老旧小区21个。
"""


def test_every_line_of_a_bulleted_target_list_is_kept():
    cleaned = clean(TARGET_LIST)
    assert cleaned.text.text.splitlines() == TARGET_LIST.translate(_TRANSLATE).strip().splitlines()
    assert cleaned.dropped == ()


@pytest.mark.parametrize("line", [
    "本报记者获悉，全区新增企业230家",          # opens like a byline, states a figure
    "记者 王某 李某 今年引进项目18个",
    "关注数据：全市新增就业1.2万人",             # a widget word inside an article line
    "研发投入强度>2.5%",                        # a comparison sign, not a breadcrumb
    "图为新建成投产的年产5万吨生产线 王某 摄",   # a caption stating a figure
])
def test_lines_with_a_figure_are_article_text(line):
    assert line_reason(line) is None


@pytest.mark.parametrize(("line", "reason"), [
    ("□本报记者 王某 通讯员 李某", "byline"),
    ("■记者 张某", "byline"),
    ("某某云/某某日报 王某某", "byline"),
    ("□数据来源:某某省统计局", "page metadata"),
    ("• 1234人参与 56条评论", "share/follow widget"),
    ("• 04-25 某某股份 688000 --", "stock ticker"),
])
def test_unmistakable_furniture_still_goes(line, reason):
    assert line_reason(line) == reason
