"""Finding fragments that a republishing or spam site glued into the article text.

Two patterns cover what such sites do:
- the same fragment appended to (or prepended to) a large share of the paragraphs
  ("…产业集群。xyz新某某网| 某某生活服务网站"): found by counting shared line ends;
- the site's own name pasted into headlines and sentences ("某某官网高新区…", "…,某某下载推行…"):
  the name is learnt from the page furniture that names the site (breadcrumb root,
  "关注X微信", "X欢迎您", "与X无关") and removed, with its usual suffixes, where it is glued to text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_MIN_FRAGMENT = 4
_MAX_FRAGMENT = 48
_NATURAL_END = re.compile(r"[。！？!?…”\"』」）)]$")
# Paragraphs of a statistical release open alike ("前三季度，全区…", "2024年1-9月，…"): a shared
# opening that is a time phrase is the document's style, never a glued fragment.
_TIME_OPENING = re.compile(
    r"^(?:(?:19|20)\d\d年(?:度)?)?(?:前[一二三]季度|[一二三四]季度|第[一二三四]季度|[上下]半年|全年|今年|去年|本年|年初|"
    r"\d{1,2}[-—–~至]\d{1,2}月|\d{1,2}月|截至|截止|(?:19|20)\d\d年)")
_SITE_SUFFIXES = r"(官网|官方网站|官方|网页版|下载|APP|App|app|平台|入口|登录|注册|首页|娱乐|体育|电竞)?"
_GENERIC_ROOTS = {"首页", "主页", "网站首页", "当前位置", "您的位置", "位置", "新闻", "新闻中心", "正文", "返回"}
_NAME_PATTERNS = (
    re.compile(r"关注\s*([^\s,，。:：]{2,12}?)\s*(?:的)?(?:官方)?(?:微信|公众号|微博|客户端|抖音|头条号)"),
    re.compile(r"[☆★《【]?\s*([^\s☆★《》【】,，。:：!！]{2,12}?)\s*[☆★》】]?\s*欢迎(?:您|你)"),
    re.compile(r"欢迎(?:访问|光临)\s*([^\s,，。!！]{2,12})"),
    re.compile(r"与\s*([^\s,，。:：]{2,12}?)\s*无关"),
)
_NAME_LIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,12}")
_BREADCRUMB_ROOT = re.compile(r"^\s*([^\s>›»]{2,12})\s*[>›»]")


def repeated_affixes(lines: Sequence[str]) -> tuple[str | None, str | None]:
    """(suffix, prefix) shared by an unnatural share of the lines, or None."""
    return _shared(lines, from_end=True), _shared(lines, from_end=False)


def _shared(lines: Sequence[str], *, from_end: bool) -> str | None:
    # Identical lines are repeats, not a shared fragment; count each text once.
    candidates = list(dict.fromkeys(line for line in lines if len(line) >= _MIN_FRAGMENT + 2))
    if len(candidates) < 3:
        return None
    needed = max(3, int(0.3 * len(candidates)) + 1)
    best: str | None = None
    for length in range(_MIN_FRAGMENT, _MAX_FRAGMENT + 1):
        counts = Counter(
            (line[-length:] if from_end else line[:length]) for line in candidates if len(line) > length + 1
        )
        if not counts:
            break
        fragment, count = counts.most_common(1)[0]
        if count < needed:
            break
        best = fragment
    if best is None:
        return None
    if from_end:
        # Lines end with their own punctuation before the glued fragment; that stays.
        best = best.lstrip("。！？!?,，;；:：、”\"」』)） ")
        if len(best) < _MIN_FRAGMENT:
            return None
    # A shared ending that is itself the end of a sentence ("高质量发展。") is style, not spam.
    if from_end and _NATURAL_END.search(best):
        return None
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", best):
        return None
    if not from_end and _TIME_OPENING.match(best):
        return None
    return best


def site_names(furniture: Sequence[str]) -> list[str]:
    """Names of the site that published the copy, learnt from its page furniture."""
    names: Counter[str] = Counter()
    for line in furniture:
        root = _BREADCRUMB_ROOT.match(line)
        if root and _NAME_LIKE.fullmatch(root.group(1)) and root.group(1) not in _GENERIC_ROOTS:
            names[root.group(1)] += 1
        for pattern in _NAME_PATTERNS:
            for found in pattern.finditer(line):
                name = found.group(1).strip("☆★《》【】 ")
                if _NAME_LIKE.fullmatch(name) and name not in _GENERIC_ROOTS:
                    names[name] += 1
    return sorted(names, key=len, reverse=True)


def site_name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?:{alternatives}){_SITE_SUFFIXES}")
