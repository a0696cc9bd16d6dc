"""The Word briefing memos: one per unit and one across units (write.py)."""
