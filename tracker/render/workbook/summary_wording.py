"""Words of the summary workbook, in Chinese and English (status labels come from the settings)."""

from __future__ import annotations

SUMMARY_WORDS = {
    "zh": {
        "title": "各单位目标任务完成情况总览（数据截至{date}）",
        "subject": "目标任务完成情况汇总",
        "seq": "序号", "unit": "单位", "targets": "目标数", "overall": "综合完成率", "as_of": "数据截至",
        "tracker": "跟踪台账",
        "date_format": 'yyyy"年"m"月"d"日"',
        "overview_note": "综合完成率：各单位已填报的总量类目标（不含“不超过”等控制类目标）完成率的平均值，"
                         "单项超过100%的按100%计；增速、比重类目标不计入。排序：严重滞后、滞后、未填报项多的单位在前，"
                         "其次按综合完成率由低到高。点击“跟踪台账”打开该单位的台账。",
        "matrix_title": "分指标完成情况矩阵（数据截至{date}）",
        "matrix_note": "总量类指标显示完成率（颜色以序时进度{progress}为中点）；增速、比重类指标显示与目标值的差距"
                       "（百分点，正数为好于目标）；控制类指标完成率越低越好。空白表示该单位没有此项目标，"
                       "“{not_reported}”表示有目标尚未填报。",
        "level_header": "{name}（完成率）", "cap_header": "{name}（完成率，控制类）",
        "rate_header": "{name}（差距，百分点）",
        "all_headers": ("单位", "指标名称", "类别", "指标类型", "年度", "比较", "目标值", "目标上限", "力争目标",
                        "基期值", "计量单位", "实际完成", "数据截至", "完成率", "序时进度", "差距（百分点）",
                        "状态", "来源文件"),
        "all_title": "全部目标（数据截至{date}）",
    },
    "en": {
        "title": "Targets by unit: overview (data as of {date})",
        "subject": "Target tracking summary",
        "seq": "No.", "unit": "Unit", "targets": "Targets", "overall": "Overall completion", "as_of": "As of",
        "tracker": "Tracker",
        "date_format": "yyyy-mm-dd",
        "overview_note": "Overall completion: the mean completion of a unit's reported level targets (caps such as "
                         "'at most' excluded), each counted at no more than 100%; rate targets are not included. "
                         "Units with the most seriously behind, behind and unreported targets come first, then the "
                         "lowest overall completion. Click a tracker to open it.",
        "matrix_title": "Indicator matrix (data as of {date})",
        "matrix_note": "Level targets show completion (colours centred on the time elapsed, {progress}); rate "
                       "targets show the gap to the target rate in points (positive is better); for caps a lower "
                       "completion is better. Blank: the unit has no such target; '{not_reported}': a target "
                       "with no figure yet.",
        "level_header": "{name} (completion)", "cap_header": "{name} (completion, cap)",
        "rate_header": "{name} (gap, pp)",
        "all_headers": ("Unit", "Indicator", "Category", "Metric", "Year", "Comparator", "Target", "Target max",
                        "Stretch target", "Baseline", "Unit of measure", "Actual", "As of", "Completion",
                        "Time elapsed", "Gap (pp)", "Status", "Documents"),
        "all_title": "All targets (data as of {date})",
    },
}
