"""Turn a file's bytes into text, or say clearly why they are not text.

The encodings people's article files actually come in, and how each is recognised:

- UTF-8 with a byte-order mark, UTF-16 and UTF-32 with one: the mark decides.
- UTF-8 without a mark: the bytes decode as UTF-8 (ASCII is a case of it).
- Windows-1252 (and Latin-1, whose printable characters it shares; Latin-1's 0x80-0x9F are
  control codes never found in text): the bytes are not UTF-8 but decode as Windows-1252.

A file is *binary* when it has NUL bytes or many control characters (no text encoding above
produces them); *undecodable* when it is none of the above, or when it is mostly UTF-8 with a
few broken bytes (decoding it as Windows-1252 would turn every accented letter into mojibake
without anyone noticing). The file itself is never changed.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_SAMPLE = 8192


class NotText(ValueError):
    """The bytes are not text in an encoding we read; the message says what they look like."""


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the name of the encoding it was read in."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise NotText(
                    f"starts with a {name.upper()} byte-order mark but is not {name.upper()}: {e.reason}"
                ) from None
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise NotText("looks like a binary file (it contains NUL bytes), not text")
    if len(sample) - len(sample.translate(None, _CONTROL)) > max(8, len(sample) // 100):
        raise NotText("looks like a binary file (many control characters), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    if _UTF8_MULTIBYTE.search(data):
        raise NotText(
            f"is not valid UTF-8: byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start} "
            "breaks it, though other parts are UTF-8; fix or re-save the file as UTF-8"
        )
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as e:
        raise NotText(
            f"is neither UTF-8 nor Windows-1252: byte 0x{data[e.start]:02x} at offset {e.start}; "
            "re-save the file as UTF-8"
        ) from None
