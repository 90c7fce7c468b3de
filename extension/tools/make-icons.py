#!/usr/bin/env python3
"""Draws the Clearpage toolbar icons (extension/icons/icon-{16,32,48,128}.png).

Owns the icon artwork: a calm teal rounded square holding a white "page" with a heading line
and three text lines. Pure standard library (zlib + struct), 4x4 supersampling for smooth edges.
Run from anywhere: python3 extension/tools/make-icons.py
"""
import os
import struct
import zlib

ICON_SIZES = (16, 32, 48, 128)
SUPERSAMPLE = 4
BACKGROUND = (38, 110, 98)      # teal
PAGE = (250, 248, 242)          # warm white
INK = (38, 110, 98)             # text lines, same teal as background
CORNER_RADIUS = 0.22            # fraction of the icon size
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "icons")


def inside_rounded_rect(x, y, left, top, right, bottom, radius):
    """True if point (x, y) lies in the rounded rectangle (all values in unit coordinates)."""
    if x < left or x > right or y < top or y > bottom:
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


# Shapes drawn in order, in unit coordinates (0..1): (left, top, right, bottom, radius, colour).
SHAPES = [
    (0.0, 0.0, 1.0, 1.0, CORNER_RADIUS, BACKGROUND),
    (0.22, 0.14, 0.78, 0.86, 0.06, PAGE),
    (0.31, 0.26, 0.69, 0.35, 0.03, INK),   # heading
    (0.31, 0.45, 0.69, 0.505, 0.025, INK),
    (0.31, 0.58, 0.69, 0.635, 0.025, INK),
    (0.31, 0.71, 0.58, 0.765, 0.025, INK),
]


def pixel(px, py, size):
    """Average colour and alpha of one output pixel from SUPERSAMPLE^2 samples."""
    total = [0.0, 0.0, 0.0, 0.0]
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = (px + (sx + 0.5) / SUPERSAMPLE) / size
            y = (py + (sy + 0.5) / SUPERSAMPLE) / size
            colour = None
            for left, top, right, bottom, radius, fill in SHAPES:
                if inside_rounded_rect(x, y, left, top, right, bottom, radius):
                    colour = fill
            if colour is not None:
                total[0] += colour[0]
                total[1] += colour[1]
                total[2] += colour[2]
                total[3] += 255
    samples = SUPERSAMPLE * SUPERSAMPLE
    alpha = total[3] / samples
    if alpha == 0:
        return (0, 0, 0, 0)
    covered = total[3] / 255
    return tuple(round(c / covered) for c in total[:3]) + (round(alpha),)


def png_bytes(size):
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # filter type: none
        for px in range(size):
            rows.extend(pixel(px, py, size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for size in ICON_SIZES:
        path = os.path.join(OUT_DIR, f"icon-{size}.png")
        with open(path, "wb") as handle:
            handle.write(png_bytes(size))
        print(path)


if __name__ == "__main__":
    main()
