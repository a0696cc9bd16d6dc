"""The article of a web page as plain text, one block per line.

Scripts, styles and forms never hold article text, and elements marked as navigation,
headers, footers, sidebars, share widgets or comment boxes (by tag, class, id or ARIA
role) are dropped. Of what is left, the block with the most paragraph text is the
article: its heading and body are kept, the rest of the page is not.

A data table (no table inside it, short cells) becomes one line per row with its cells
joined by tabs, a cell spanning columns repeated in each and a cell spanning rows left
empty below it, so every row has its cells in their columns (extract/tables.py reads them).
A table used for page layout is read as blocks, like the rest of the page.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, Comment, NavigableString, Tag, XMLParsedAsHTMLWarning

from tracker.intake.textmap import CELL_BREAK

_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form",
               "button", "select", "input", "textarea", "head", "object", "embed")
_CHROME_TAGS = ("nav", "header", "footer", "aside", "menu")
_CHROME_WORDS = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|header|top-?bar|sidebar|side|"
    r"share|social|comments?|related|recommend|hot|copyright|advert|ads?|banner|login|search|"
    r"toolbar|pagination|pager|subnav|links)([-_\s\d]|$)",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    "address article blockquote dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p "
    "pre section table tbody thead tfoot tr ul br td th caption center".split()
)
_CELLS = frozenset(("td", "th"))
_CELL_CHARS = 200   # a longer cell holds paragraphs: the table lays out a page
_DATE_META = ("article:published_time", "pubdate", "publishdate", "publish_date", "PubDate",
              "og:published_time", "dc.date", "DC.Date", "firstpublishedtime")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)[-/年.](\d{1,2})[-/月.](\d{1,2})")


@dataclass(frozen=True)
class HtmlText:
    text: str
    title: str | None
    published: date | None
    page_title: str | None = None


def read_html(markup: str) -> HtmlText:
    with warnings.catch_warnings():
        # XHTML pages (<?xml ...?><html>) are read as HTML on purpose: web copies are rarely valid XML.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    title = _title(soup)
    page_title = _squash(soup.title.string) if soup.title and soup.title.string else None
    published = _published(soup)
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        tag.decompose()
    body = soup.body or soup
    article = _main_block(body)
    lines: list[str] = []
    heading = _heading_outside(body, article)
    if heading:
        lines.append(heading)
    lines.extend(_block_lines(article))
    return HtmlText("\n".join(line for line in lines if line), title, published, page_title)


def _is_chrome(tag: Tag) -> bool:
    if tag.name in _CHROME_TAGS:
        return True
    attrs = getattr(tag, "attrs", None) or {}
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    names = " ".join([*(attrs.get("class") or []), str(attrs.get("id") or "")])
    return bool(names and _CHROME_WORDS.search(names)) and tag.name not in ("body", "html", "main", "article")


def _main_block(body: Tag) -> Tag:
    for tag in body.find_all(["article", "main"]):
        if len(tag.get_text(strip=True)) > 50:
            return tag
    best, best_score = body, 0
    for tag in body.find_all(["div", "section", "td"]):
        if tag.name == "td" and len(tag.get_text(strip=True)) <= _CELL_CHARS:
            continue   # a cell of a data table is never the whole article
        score = sum(len(p.get_text(strip=True)) for p in tag.find_all("p", recursive=False))
        score += sum(len(t.strip()) for t in tag.find_all(string=True, recursive=False))
        if score > best_score:
            best, best_score = tag, score
    # Take the whole container when the best block is one of several sibling blocks of text.
    if best is not body and best.parent is not None and best_score < 0.5 * len(best.parent.get_text(strip=True)):
        return best.parent
    return best


def _heading_outside(body: Tag, article: Tag) -> str | None:
    if article is body or article.find(["h1", "h2"]):
        return None
    heading = body.find("h1")
    return _squash(heading.get_text(" ")) if heading else None


def _block_lines(root: Tag) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    rows: set[int] = set()   # indexes of lines that are rows of a data table

    def flush() -> None:
        line = _squash("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                current.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "table" and _is_data_table(child):
                    flush()
                    for row in table_rows(child):
                        rows.add(len(lines))
                        lines.append(row)
                    continue
                if child.name in _CELLS:
                    walk(child)
                    current.append("\t")
                    continue
                block = child.name in _BLOCKS
                if block:
                    flush()
                walk(child)
                if block:
                    flush()

    walk(root)
    flush()
    return [line.rstrip(" ") if index in rows else line.strip("\t ").replace("\t", " ")
            for index, line in enumerate(lines)]


def _is_data_table(table: Tag) -> bool:
    if table.find("table") is not None:
        return False
    return all(len(cell.get_text(strip=True)) <= _CELL_CHARS for cell in table.find_all(_CELLS))


def table_rows(table: Tag) -> list[str]:
    """The rows of a data table, cells joined by tabs: spans filled so columns line up."""
    below: dict[int, int] = {}   # column -> rows a cell above still spans
    rows: list[str] = []
    for tr in table.find_all("tr"):
        cells: list[str] = []
        for cell in tr.find_all(_CELLS, recursive=False):
            _fill_spanned(cells, below)
            text = _squash(cell.get_text(" ").replace("\t", " "))
            down = _span(cell, "rowspan") - 1
            for _ in range(_span(cell, "colspan")):
                if down > 0:
                    below[len(cells)] = down
                cells.append(text)
        _fill_spanned(cells, below)
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(CELL_BREAK.join(cells))
    return rows


def _fill_spanned(cells: list[str], below: dict[int, int]) -> None:
    """Empty cells where a cell of a row above spans down into this row."""
    while below.get(len(cells), 0) > 0:
        below[len(cells)] -= 1
        cells.append("")


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name) or 1).strip()), 50))
    except ValueError:
        return 1


def _squash(text: str) -> str:
    return re.sub(r"[ \r\n\f\v\u00a0]+", " ", text).strip()


def _title(soup: BeautifulSoup) -> str | None:
    for attrs in ({"property": "og:title"}, {"name": "ArticleTitle"}, {"name": "title"}):
        meta = soup.find("meta", attrs=attrs)
        if meta and meta.get("content", "").strip():
            return meta["content"].strip()
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return _squash(h1.get_text(" "))
    if soup.title and soup.title.string:
        # "<article> _ <site>" or "<article> - <site>": the site name is not the title.
        return re.split(r"\s*[_|]\s*|\s+-\s+", soup.title.string.strip())[0] or None
    return None


def _published(soup: BeautifulSoup) -> date | None:
    for name in _DATE_META:
        meta = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if meta and meta.get("content"):
            found = _ISO_DATE.search(meta["content"])
            if found:
                try:
                    return date(*map(int, found.groups()))
                except ValueError:
                    continue
    return None
