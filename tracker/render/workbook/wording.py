"""Every word the workbooks show, in Chinese and English; layout code looks words up here.

Sheet names are fixed per language (never "History": Excel keeps that name for itself).
`guide_lines` writes the 填表说明 sheet from the configured thresholds, so the instructions
always state the rules the formulas apply.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.config import Settings
from tracker.decimals import to_decimal
from tracker.render.formatting import fmt_date
from tracker.render.units_en import CURRENCIES, SUFFIXES, split_magnitude

SHEETS = {
    "zh": {"tracker": "目标跟踪", "history": "历史", "sources": "来源", "guide": "填表说明",
           "overview": "总览", "matrix": "指标矩阵", "all": "全部目标"},
    "en": {"tracker": "Tracker", "history": "Reported figures", "sources": "Sources", "guide": "How to fill in",
           "overview": "Overview", "matrix": "Indicator matrix", "all": "All targets"},
}

# Tracker columns by role: visible ones first, then the hidden helpers the formulas read.
HEADERS = {
    "zh": {
        "seq": "序号", "indicator": "指标名称", "category": "类别", "uom": "单位", "cmp": "比较",
        "target": "年度目标", "stretch": "力争目标", "baseline": "基期值", "actual": "实际完成",
        "as_of": "数据截至", "completion": "完成率", "time_progress": "序时进度",
        "gap": "超/欠序时（百分点）", "status": "状态", "note": "备注", "source": "来源",
        "key": "行键", "metric": "指标类型", "cap": "控制类", "comparator": "比较符", "start": "期初",
        "end": "期末", "judged": "判定值", "when": "计算日期", "over": "期满", "verdict": "达标判定",
    },
    "en": {
        "seq": "No.", "indicator": "Indicator", "category": "Category", "uom": "Unit", "cmp": "Comparator",
        "target": "Annual target", "stretch": "Stretch target", "baseline": "Baseline", "actual": "Actual",
        "as_of": "As of", "completion": "Completion", "time_progress": "Time elapsed",
        "gap": "Gap (pp)", "status": "Status", "note": "Note", "source": "Source",
        "key": "Row key", "metric": "Metric", "cap": "Cap", "comparator": "Comparator code",
        "start": "Period start", "end": "Period end", "judged": "Judged value", "when": "Date used",
        "over": "Period over", "verdict": "Verdict",
    },
}

WORDS = {
    "zh": {
        "title": "{unit}{year}年目标任务跟踪台账",
        "subject": "目标任务跟踪",
        "as_of": "数据截至", "year_progress": "{year}年序时进度", "generated": "生成日期：{date}",
        "inputs_legend": "浅黄色单元格为填报项（实际完成、数据截至、备注及上方统一截至日期），"
                         "其余各列由公式自动计算，填写后立即更新。",
        "status_legend": "状态图例：",
        "footer": "第 &P 页，共 &N 页", "footer_generated": "生成于{date}",
        "manual": "手工录入", "more_sources": "{doc}等{n}份",
        "check": "请检查填报值",
        "range": "{low}～{high}",
        "metrics": {"level": "总量", "growth": "增速", "share": "比重", "change": "变化"},
        "kinds": {"target": "目标", "actual": "实际完成"},
        "history_headers": ("序号", "指标名称", "年度", "实际值", "单位", "数据截至", "来源", "备注", "录入时间"),
        "source_headers": ("序号", "指标名称", "类型", "文件", "原文", "位置", "记录编号"),
        "history_title": "{unit}已填报数据（新的在前）",
        "sources_title": "{unit}目标与数据的原文出处",
        "chart_title": "完成率与序时进度", "chart_completion": "完成率", "chart_time": "序时进度",
    },
    "en": {
        "title": "{unit}: {year} targets tracker",
        "subject": "Target tracking",
        "as_of": "Data as of", "year_progress": "Time elapsed in {year}", "generated": "Generated: {date}",
        "inputs_legend": "Light yellow cells are inputs (actual, as-of date, note, and the sheet date above); "
                         "every other column is calculated by formulas and updates as you type.",
        "status_legend": "Status colours:",
        "footer": "Page &P of &N", "footer_generated": "Generated {date}",
        "manual": "Entered by hand", "more_sources": "{doc} (+{others})",
        "check": "Check the input",
        "range": "{low} to {high}",
        "metrics": {"level": "Level", "growth": "Growth", "share": "Share", "change": "Change"},
        "kinds": {"target": "Target", "actual": "Actual"},
        "history_headers": ("No.", "Indicator", "Year", "Value", "Unit", "As of", "Origin", "Note", "Recorded"),
        "source_headers": ("No.", "Indicator", "Kind", "Document", "Quote", "Position", "Record"),
        "history_title": "{unit}: reported figures (newest first)",
        "sources_title": "{unit}: where the targets and figures come from",
        "chart_title": "Completion and time elapsed", "chart_completion": "Completion",
        "chart_time": "Time elapsed",
    },
}

# Input messages and error messages of the data validations (Excel allows 255 characters).
VALIDATION = {
    "zh": {
        "actual": ("实际完成", "填写截至该日期的累计完成数，只填数字，单位见“单位”列。",
                   "数值无效", "请输入不小于0的数字，不带单位。"),
        "actual_rate": ("实际完成", "填写实际增速或变化的数值（百分数填8.5表示8.5%），可为负数。",
                        "数值无效", "请输入数字，不带单位。"),
        "as_of": ("数据截至", "该行数据的截至日期，如2024-9-30；留空则按上方统一截至日期计算。",
                  "日期无效", "请输入有效日期，如2024-9-30。"),
        "sheet_as_of": ("统一截至日期", "全表的数据截至日期；修改后序时进度、完成率和状态自动重算。",
                        "日期无效", "请输入有效日期，如2024-9-30。"),
        "note": ("备注", "填写进展情况、存在问题或下步措施。", "", ""),
    },
    "en": {
        "actual": ("Actual", "Cumulative figure at the as-of date, as a number in the unit shown.",
                   "Not a number", "Type a number of 0 or more, without its unit."),
        "actual_rate": ("Actual", "The actual rate as a number (8.5 means 8.5%); negatives are allowed.",
                        "Not a number", "Type a number, without its unit."),
        "as_of": ("As of", "Date of this figure, e.g. 2024-9-30; leave empty to use the sheet date above.",
                  "Not a date", "Type a valid date such as 2024-9-30."),
        "sheet_as_of": ("Sheet date", "Data date for the whole sheet; time elapsed, completion and status "
                        "recalculate when you change it.", "Not a date", "Type a valid date such as 2024-9-30."),
        "note": ("Note", "Progress, problems or next steps.", "", ""),
    },
}

GAP_NOTE = {
    "zh": "总量指标：完成率减序时进度，单位为百分点，正数为超序时（控制类指标为序时进度减完成率）。"
          "增速、比重类指标：实际值与目标值之差（百分点），正数为好于目标。",
    "en": "Level targets: completion minus time elapsed, in percentage points; positive is ahead (caps: "
          "time elapsed minus completion). Rate targets: actual minus target rate in points; positive is better.",
}

UOM_SCALES_EN = {10**4: "10,000", 10**8: "100 million", 10**12: "trillion"}


def word(lang: str, name: str) -> str:
    return WORDS[lang][name]


def number_text(value: float) -> str:
    """A threshold as the guide states it: 10.0 -> "10", 0.05 -> "0.05"."""
    number = to_decimal(value) or Decimal(0)
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def uom_label(uom: str, lang: str) -> str:
    """The unit column: "亿元" as is in Chinese; "CNY 100 million" in English, "%" and unknown units kept."""
    if lang == "zh" or not uom:
        return uom
    if uom == "个百分点":
        return "pp"
    factor, base = split_magnitude(uom)
    scale = UOM_SCALES_EN.get(factor, "")
    if base in CURRENCIES:
        return f"{CURRENCIES[base]} {scale}".strip()
    if base in SUFFIXES:
        noun = SUFFIXES[base] or ("number" if not scale else "")
        return f"{scale} {noun}".strip()
    return uom


def guide_lines(settings: Settings, lang: str, generated: date) -> list[str]:
    """The 填表说明 sheet, one paragraph per line, with the configured thresholds filled in."""
    r = settings.rules
    n = number_text
    label = {code: settings.label(code, lang) for code in settings.labels.get(lang, settings.labels["zh"])}
    months = r.time_basis == "months"
    if lang == "en":
        return [
            f"This workbook was generated by tracker on {fmt_date(generated, 'en')} from policy documents "
            "and the figures reported so far.",
            "1. Fill in the light yellow cells only: the actual figure (a number in the unit shown; "
            "for rates the number of percent, 8.5 for 8.5%), the date the figure refers to, and a note.",
            "2. The date above the table applies to every row whose own as-of date is empty. When you update "
            "a figure, update its as-of date too, or clear it to use the sheet date.",
            "3. Completion, time elapsed, gap and status are formulas: they update as soon as you type.",
            "4. Completion = actual / annual target (level targets). Time elapsed = "
            + ("complete months elapsed / months in the period." if months
               else "days elapsed / days in the period.")
            + " Gap = (completion - time elapsed) x 100 points; for rates, actual minus target rate.",
            f"5. Status: {label['achieved']} when the target is met; {label['ahead']} when more than "
            f"{n(r.ahead_pp)} points ahead; {label['on_schedule']} down to {n(r.behind_pp)} points behind; "
            f"{label['behind']} down to {n(r.seriously_behind_pp)} points behind; {label['seriously_behind']} "
            f"beyond that. Rates: {label['on_schedule']} within {n(r.rate_behind_pp)} points below target, "
            f"{label['behind']} within {n(r.rate_seriously_behind_pp)}. Targets marked ≈ count as met within "
            f"{n(r.about_tolerance * 100)}% (rates: {n(r.about_tolerance_pp)} points). "
            f"{label['not_reported']}: no figure yet.",
            "6. The sheet is protected without a password so that only inputs can be changed; filtering works. "
            "To sort, unprotect the sheet first (Review > Unprotect Sheet). Do not delete rows or hidden columns: "
            "the hidden columns identify each row.",
            "7. Save the file under the same name (.xlsx) and run tracker build again: it reads your figures back, "
            "records them in the ledger and regenerates this workbook. If a cell cannot be read, tracker lists "
            "it and leaves this workbook untouched so you can correct it.",
            "8. The sheet 'Reported figures' lists every figure reported for this unit; 'Sources' quotes the "
            "documents each target comes from.",
        ]
    return [
        f"本表由 tracker 根据政策文件和已填报数据于{fmt_date(generated, 'zh')}自动生成。",
        "一、只需填写浅黄色单元格：“实际完成”填截至某日的累计完成数（只填数字，单位见“单位”列；"
        "增速、比重类填百分数的数值，如8.5表示8.5%），“数据截至”填该数据的截至日期，“备注”填进展情况、存在问题等。",
        "二、表头上方的“数据截至”为全表统一截至日期，某行未填“数据截至”时按该日期计算。更新某行数字时，"
        "请同时改写该行的“数据截至”，或将其清空以使用统一日期。",
        "三、完成率、序时进度、超/欠序时和状态均为公式，填写后立即自动更新，无需重新运行程序。",
        "四、完成率 = 实际完成 ÷ 年度目标（总量指标）；序时进度 = "
        + ("已过完整月份数 ÷ 目标期月份数" if months else "已过天数 ÷ 目标期天数")
        + "；超/欠序时 =（完成率 − 序时进度）× 100，单位为百分点；增速、比重类指标比较实际值与目标值，差额以百分点表示。",
        f"五、状态：达到目标为“{label['achieved']}”；超出序时进度{n(r.ahead_pp)}个百分点以上为“{label['ahead']}”；"
        f"落后不超过{n(r.behind_pp)}个百分点为“{label['on_schedule']}”；落后不超过{n(r.seriously_behind_pp)}个百分点为"
        f"“{label['behind']}”；落后更多为“{label['seriously_behind']}”。增速、比重类指标低于目标不超过"
        f"{n(r.rate_behind_pp)}个百分点为“{label['on_schedule']}”，不超过{n(r.rate_seriously_behind_pp)}个百分点为"
        f"“{label['behind']}”。标注“≈”（左右）的目标相差{n(r.about_tolerance * 100)}%（增速类{n(r.about_tolerance_pp)}"
        f"个百分点）以内视为达到。尚未填报的为“{label['not_reported']}”。",
        "六、工作表已保护（无密码），只能修改填报项；可以筛选。如需排序，请先在“审阅”中撤销工作表保护。"
        "请勿删除行或隐藏列，隐藏列保存每行的识别码。",
        "七、填好后按原文件名保存（.xlsx格式），再运行 tracker build：程序读回填报数据、记入台账并重新生成本表。"
        "如有无法识别的单元格，程序会逐一列出，本表保持不变，改正后再运行即可。",
        "八、“历史”表列出本单位所有已填报数据；“来源”表列出每个目标的原文出处。",
    ]
