"""What opening or reading a damaged workbook can raise.

openpyxl passes on whatever zipfile, zlib and the XML parser raise for a broken file (a truncated
download, a bad sector, a part packed in a way Python cannot unpack), so each reader of a workbook
users give or edit catches these and reports the file instead of stopping.
"""

from __future__ import annotations

import zipfile
import zlib

from openpyxl.utils.exceptions import InvalidFileException

# SyntaxError covers the XML parsers' errors (lxml's XMLSyntaxError, ElementTree's ParseError);
# ValueError covers defusedxml's refusals of entity declarations; RuntimeError is what zipfile
# raises for a part whose encryption flag is set.
WORKBOOK_ERRORS: tuple[type[BaseException], ...] = (
    OSError, EOFError, KeyError, IndexError, ValueError, TypeError, AttributeError, NotImplementedError, RuntimeError,
    SyntaxError, zipfile.BadZipFile, zlib.error, InvalidFileException,
)
