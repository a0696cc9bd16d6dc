"""Status: the goals to track (targets.py) and how each stands at a date (status.py). Pure, no I/O."""
