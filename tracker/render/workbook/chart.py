"""The tracker sheet's chart: completion beside time elapsed, one pair of bars per indicator.

Horizontal bars, so long Chinese indicator names stay readable, in sheet order from the top.
The chart reads the formula cells, so it follows the figures people type in. Rate targets have
no completion and show only their time bar.
"""

from __future__ import annotations

import math

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.worksheet.worksheet import Worksheet

from tracker.render.workbook.formulas import Columns
from tracker.render.workbook.wording import word

ROW_HEIGHT_CM = 0.53   # a default 15-point row
GAP_ROWS = 2           # blank rows between the table and the chart
WIDTH_CM = 24
COMPLETION_COLOUR = "5B9BD5"  # the data bars' blue
TIME_COLOUR = "A5A5A5"        # time is the yardstick, so neutral grey


def add_progress_chart(ws: Worksheet, cols: Columns, first_row: int, last_row: int, lang: str,
                       below: int | None = None) -> int:
    """Chart the rows first_row..last_row below the table, which ends at `below` (default last_row);
    returns the last row it covers (for the print area)."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = word(lang, "chart_title")
    for role, name, colour in (("completion", "chart_completion", COMPLETION_COLOUR),
                               ("time_progress", "chart_time", TIME_COLOUR)):
        data = Reference(ws, min_col=cols.index(role), min_row=first_row, max_row=last_row)
        chart.add_data(data, titles_from_data=False)
        series = chart.series[-1]
        series.tx = SeriesLabel(v=word(lang, name))
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    categories = Reference(ws, min_col=cols.index("indicator"), min_row=first_row, max_row=last_row)
    chart.set_categories(categories)
    chart.x_axis.scaling.orientation = "maxMin"  # first indicator at the top, as in the table
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    rows = last_row - first_row + 1
    chart.height = max(7.5, 0.9 * rows + 3)
    chart.width = WIDTH_CM
    anchor_row = (below or last_row) + GAP_ROWS + 1
    ws.add_chart(chart, f"B{anchor_row}")
    return anchor_row + math.ceil(chart.height / ROW_HEIGHT_CM)
