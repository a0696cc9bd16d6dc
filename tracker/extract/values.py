"""The decorator for the small values extraction makes by the ten thousand (quantities, time
expressions, cues, sentences, unit mentions, figures).

A frozen dataclass sets each field through `object.__setattr__`, four times the cost of storing
a slot, and these values are made for every match in every document. They are values all the
same: compared and hashed by content, and never changed once made (nothing assigns to them;
`dataclasses.replace` makes a new one).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

value_class = functools.partial(dataclass, slots=True, unsafe_hash=True)
