"""The Excel workbooks: a tracker per unit (tracker.py) and the summary across units (summary.py)."""
