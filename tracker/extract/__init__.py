"""Extraction: cleaned text -> records of quantitative goals and achieved figures (run.py runs it over files)."""
