"""`python -m tracker`: the command line."""

from tracker.cli import main

main()
