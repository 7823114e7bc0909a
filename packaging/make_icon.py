#!/usr/bin/env python3
"""Writes the extension's 42x42 PNG icon: a bar chart of a population pyramid
in Kuntaplan blue. Drawn in code so that no binary file lives in git."""
import struct
import sys
import zlib

SIZE = 42
BG = (255, 255, 255, 0)
MALE = (31, 92, 153, 255)
FEMALE = (204, 85, 61, 255)
# half-widths of the bars from the top (old) to the bottom (young)
BARS = [3, 6, 9, 12, 14, 15, 16, 17]


def pixel(x, y):
    top = 3
    height = 4
    for i, half in enumerate(BARS):
        y0 = top + i * (height + 0.5)
        if y0 <= y < y0 + height:
            centre = SIZE // 2
            if centre - half <= x < centre:
                return MALE
            if centre <= x < centre + half:
                return FEMALE
    return BG


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def main(path):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(sys.argv[1])
