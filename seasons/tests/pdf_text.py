"""The text of a PDF written by fpdf2 without compression, as a reader would copy it.

fpdf2 writes TrueType text as glyph numbers (two bytes each, in literal strings) and
gives each font a ToUnicode map from those numbers to characters; this reads both, so
tests assert on the words a person sees rather than on the file's bytes.
"""

import re

ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def objects(data):
    return {
        int(number): body
        for number, body in re.findall(rb"(?m)^(\d+) 0 obj\n(.*?)\nendobj", data, re.S)
    }


def unicode_maps(data):
    """{font resource name: {glyph number: character}}."""
    found = objects(data)
    maps = {}
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        ref = re.search(rb"/ToUnicode (\d+) 0 R", found[int(number)])
        cmap = found[int(ref.group(1))]
        maps[name] = {
            int(glyph, 16): chr(int(code, 16))
            for glyph, code in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4,8})>", cmap)
        }
    return maps


def literal(raw):
    out, index = bytearray(), 0
    while index < len(raw):
        byte = raw[index : index + 1]
        if byte == b"\\":
            following = raw[index + 1 : index + 2]
            octal = re.match(rb"[0-7]{1,3}", raw[index + 1 : index + 4])
            if octal:
                out.append(int(octal.group(), 8))
                index += 1 + len(octal.group())
                continue
            out += ESCAPES.get(following, following)
            index += 2
            continue
        out += byte
        index += 1
    return bytes(out)


STRING = rb"\(((?:[^\\)]|\\.)*)\)"


def decoded(raw, mapping):
    raw = literal(raw)
    glyphs = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
    return "".join(mapping.get(g, "?") for g in glyphs)


def pdf_text(data):
    """Every line of text, in the order written (justified lines, written as arrays of
    words, come out as one line too)."""
    maps = unicode_maps(data)
    lines, font = [], None
    pattern = rb"/(F\d+) [\d.]+ Tf|" + STRING + rb" Tj|\[((?:" + STRING + rb"|[^\]])*)\] TJ"
    for match in re.finditer(pattern, data, re.S):
        if match.group(1):
            font = match.group(1)
        elif match.group(2) is not None:
            lines.append(decoded(match.group(2), maps[font]))
        else:
            parts = re.findall(STRING, match.group(3), re.S)
            lines.append("".join(decoded(part, maps[font]) for part in parts))
    return lines
