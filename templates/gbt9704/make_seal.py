#!/usr/bin/env python3
"""Draws the plain SAMPLE seals (样章) the samples and the frame's templates use: a red ring 42 mm
across, a five-pointed star in the centre, the organ's name on the upper arc and 样章 low in the
ring — obviously a sample, not any organ's real seal. Each is written as SVG, rendered with
rsvg-convert (librsvg2-bin) and kept as a 200 dpi palette PNG of one red at 16 opacities (a few
kB); run it after changing the drawing:

    python3 templates/gbt9704/make_seal.py

Writes examples/samples/seal-<type>.svg/.png (the three types' sample organs) and
templates/gbt9704/seal-placeholder.svg/.png (the picture the templates hold in the seal's place,
which the engine replaces with the data's seal). Standard library only, besides rsvg-convert."""

import math
import os
import struct
import subprocess
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RED = "#E60012"
SIZE = 42.0  # mm: the usual diameter of an organ's seal
FONT = "FandolHei, Noto Sans CJK SC, sans-serif"


def star(cx, cy, r):
    """A five-pointed star, one point up: ten vertices, inner radius 0.382 r."""
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.382
        a = math.radians(-90 + 36 * i)
        pts.append(f"{cx + rad * math.cos(a):.3f},{cy + rad * math.sin(a):.3f}")
    return f'<polygon points="{" ".join(pts)}" fill="{RED}"/>'


def arc_text(name, cx, cy, radius, size):
    """The name along the upper arc, each character upright towards the centre, read left to right."""
    n = len(name)
    span = min(250.0, max(120.0, n * 19.0))  # degrees the name takes, centred on the top
    out = []
    for i, ch in enumerate(name):
        theta = -span / 2 + span * (i + 0.5) / n  # from 12 o'clock, clockwise
        a = math.radians(theta)
        x, y = cx + radius * math.sin(a), cy - radius * math.cos(a)
        out.append(f'<text x="{x:.3f}" y="{y:.3f}" transform="rotate({theta:.2f} {x:.3f} {y:.3f})" '
                   f'font-size="{size:.2f}" text-anchor="middle" dominant-baseline="central">{ch}</text>')
    return "".join(out)


def svg(name):
    c = SIZE / 2
    size = 4.6 if len(name) <= 11 else max(3.2, 4.6 * 11 / len(name))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}mm" height="{SIZE}mm" viewBox="0 0 {SIZE} {SIZE}">\n'
            f'<title>样章 {name}</title>\n'
            # Ink lets the text under it show through, as a stamped seal does.
            '<g opacity="0.85">\n'
            f'<circle cx="{c}" cy="{c}" r="{c - 0.75}" fill="none" stroke="{RED}" stroke-width="1.3"/>\n'
            f'<g fill="{RED}" font-family="{FONT}" font-weight="bold">{arc_text(name, c, c, c - 5.0, size)}</g>\n'
            f'{star(c, c - 0.5, 6.2)}\n'
            # 样章 low in the ring, under where the date stands (the signature crosses the star).
            f'<text x="{c}" y="{c + 15.3}" fill="{RED}" font-family="{FONT}" font-weight="bold" font-size="4.4" '
            f'text-anchor="middle" dominant-baseline="central" letter-spacing="0.8">样章</text>\n'
            '</g>\n</svg>\n')


def read_alpha(png):
    """The alpha channel of an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes)."""
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(png):
        n, kind = struct.unpack(">I", png[pos:pos + 4])[0], png[pos + 4:pos + 8]
        data = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert (depth, colour, data[12]) == (8, 6, 0), "want 8-bit RGBA, not interlaced"
        elif kind == b"IDAT":
            idat += data
        pos += 12 + n
    raw, stride, prev, alpha = zlib.decompress(idat), width * 4, bytearray(width * 4), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b, c = prev[i], prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        alpha.append(bytes(line[3::4]))
        prev = line
    return width, height, alpha


def palette_png(width, height, alpha, rgb, levels=16):
    """One colour at `levels` opacities: a small palette PNG whose tRNS keeps the ink translucent."""
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(round(a * (levels - 1) / 255) for a in row) for row in alpha)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", bytes(rgb) * levels) + chunk(b"tRNS", bytes(round(k * 255 / (levels - 1)) for k in range(levels)))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def write(name, base, dpi=200):
    with open(base + ".svg", "w", encoding="utf-8") as f:
        f.write(svg(name))
    px = round(SIZE / 25.4 * dpi)
    rgba = subprocess.run(["rsvg-convert", "-w", str(px), "-h", str(px), base + ".svg"], check=True, capture_output=True).stdout
    rgb = tuple(int(RED[i:i + 2], 16) for i in (1, 3, 5))
    with open(base + ".png", "wb") as f:
        f.write(palette_png(*read_alpha(rgba), rgb))
    print("wrote", os.path.relpath(base, ROOT) + ".svg/.png")


SEALS = {  # the organ each sample signs for, as its seal spells it out
    "rectification-notice": "中共清河县委第一巡察组",
    "recommendation-letter": "中共清河县委巡察工作领导小组",
    "work-summary": "中共清河县委巡察工作领导小组办公室",
}

if __name__ == "__main__":
    for kind, organ in SEALS.items():
        write(organ, os.path.join(ROOT, "examples", "samples", "seal-" + kind))
    write("发文机关印章", os.path.join(ROOT, "templates", "gbt9704", "seal-placeholder"))
