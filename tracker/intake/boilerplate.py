"""Recognising the parts of a web copy that are not the article.

The rules describe kinds of page furniture found on Chinese news and government sites
(breadcrumbs, bylines, photo credits, share and follow widgets, comment counters,
copyright and disclaimer blocks, related-news lists, stock tickers), never particular
sites. Each returns a reason, so tests and verbose output can say why a line went.
"""

from __future__ import annotations

import re

from tracker.intake.noise import MEASURE

# A line that starts the page footer: everything from it to the end is furniture.
_TAIL_START = re.compile(
    r"^\s*(【?(版权声明|免责声明|声明|相关新闻|相关阅读|相关链接|相关文章|相关报道|延伸阅读|推荐阅读|热门推荐|"
    r"猜你喜欢|精彩推荐|更多精彩|热点新闻|网友评论|我要评论|匿名评论|发表评论|版权所有|Copyright|©)】?"
    r"\s*([:：].*)?$|(版权所有|Copyright\s*©?|©)\s*\d{4}|.{0,20}尽在.{0,12}(APP|App|app|客户端)\s*$)",
)
_BREADCRUMB = re.compile(r"^\s*(当前位置[:：])?\s*[^\s>›»]{1,12}(\s*[>›»]\s*[^\s>›»]{1,14}){1,6}\s*$")
_CAPTION = re.compile(r"[(（]\s*图\s*\d{0,3}\s*[)）]")
_PHOTO_CREDIT = re.compile(r"(摄|供图|摄影|图片来源[:：].{0,20}|资料图|资料照片)\s*[)）]?\s*([(（]\s*资料图\s*[)）])?\s*$")
# A bullet or list mark opens article lines (●地区生产总值增长6%); furniture rules look past it.
_BULLET = re.compile(r"^\s*(?:[□■●◆▲△▼▽◇○◎•·★☆►▶▸※\-*]|[①-⑳])\s*")
# A media byline: "石榴云/新疆日报 马伊宁" (outlets separated by slashes, then the reporters' names).
_BYLINE = re.compile(
    r"^\s*[^\s/]{2,12}(/[^\s/]{2,12})+\s+[\u4e00-\u9fff]{2,4}(\s+[\u4e00-\u9fff]{2,4}){0,4}\s*$"
    r"|^\s*(本报|本台|本网)?(全媒体)?(记者|通讯员|实习生|作者|编辑|责任编辑|责编|审核|校对|供稿|文/图|图/文)"
    r"|(记者|通讯员)\s*\S{2,4}(\s+\S{2,4}){0,6}\s*(文/图|报道|摄)?\s*$"
)
_META = re.compile(
    r"^\s*(文章来源|信息来源|数据来源|资料来源|来源|稿源|发布时间|发布日期|发表时间|更新时间|时间|日期|字体|字号|浏览次数|阅读次数|"
    r"点击数|访问量|作者|编辑|责任编辑|分享|分享到|打印|关闭)\s*[:：]"
)
_WIDGET = re.compile(
    r"(分享到|分享至|扫一扫|扫描二维码|二维码|关注.{0,12}(微信|公众号|微博|客户端|抖音|头条号)|下载.{0,10}(APP|App|客户端)|"
    r"打印本页|打印此页|关闭窗口|返回顶部|返回首页|上一篇|下一篇|【\s*大\s*中\s*小\s*】|加载中|收起|展开全文|"
    r"点击查看|阅读原文|阅读全文|欢迎您|欢迎访问|设为首页|加入收藏|直播间|滚动播报|语音播报|专享直播|课程推荐|"
    r"\d*\s*人参与|\d*\s*条评论|我要纠错|举报)"
)
_TICKER = re.compile(r"^[\s•·\-*]*\d{2}-\d{2}\s+\S{2,8}\s+\d{6}\s+(--|-?\d+(\.\d+)?%?)\s*$")
# A figure: digits with a measure after them (dates and counters of page widgets are not figures).
_FIGURE = re.compile(rf"\d\s*{MEASURE}|百分之[零〇一二两三四五六七八九十百点]+")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def is_tail_start(line: str) -> bool:
    return len(line) <= 60 and bool(_TAIL_START.search(line))


def line_reason(line: str) -> str | None:
    """Why `line` (stripped) is page furniture, or None when it may be article text.

    A line that states a figure (a number with its measure: 280家, 6.5%, 10亿元) is article
    text unless it is unmistakable furniture (a stock ticker row); the other furniture rules
    describe lines that carry no figures."""
    if not _WORDLIKE.search(line):
        return "no words"
    if _TICKER.match(line):
        return "stock ticker"
    line = _BULLET.sub("", line, count=1) or line
    reason = _furniture(line)
    if reason and _FIGURE.search(_WIDGET.sub("", line)):
        return None
    return reason


def _furniture(line: str) -> str | None:
    if len(line) <= 80 and _BREADCRUMB.match(line):
        return "breadcrumb"
    short = len(line) <= 40 or not _SENTENCE_END.search(line)
    stripped_caption = _CAPTION.sub("", line).strip()
    if _CAPTION.search(line) and len(stripped_caption) <= 80 and not _SENTENCE_END.search(stripped_caption):
        return "image caption"
    if len(line) <= 100 and _PHOTO_CREDIT.search(line):
        return "photo credit"
    if short and _META.match(line):
        return "page metadata"
    if len(line) <= 60 and _BYLINE.search(line) and not _SENTENCE_END.search(line[:-1]):
        return "byline"
    if short and len(line) <= 60 and _WIDGET.search(line):
        return "share/follow widget"
    if short and _URL.search(line) and len(_URL.sub("", line).strip()) <= 20:
        return "link"
    return None


def remove_inline_captions(line: str) -> list[tuple[int, int]]:
    """Spans of "(图3)"-style caption markers inside an article line."""
    return [m.span() for m in _CAPTION.finditer(line)]
