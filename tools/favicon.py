#!/usr/bin/env python3
"""Write the default theme's favicon.ico: the accent colour (#a3211f) as a
rounded square with a white list mark (three bullets and lines: a 清单),
at 16 and 32 pixels, as 32-bit BMP images in one ICO file. Standard
library only; the output is the same bytes on every run.

    python3 tools/favicon.py templates/assets/favicon.ico
"""
import struct
import sys

ACCENT = (0xa3, 0x21, 0x1f)
WHITE = (0xff, 0xff, 0xff)


def pixels(size):
    """Rows of (r, g, b, a), top row first, drawn on a 32-unit grid."""
    unit = size / 32
    radius = 6

    def inside_square(x, y):
        # corners cut on a circle of `radius` units
        for cx, cy in ((radius, radius), (32 - radius, radius),
                       (radius, 32 - radius), (32 - radius, 32 - radius)):
            if (x < radius if cx == radius else x > 32 - radius) and \
               (y < radius if cy == radius else y > 32 - radius):
                return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
        return True

    def mark(x, y):
        for top in (8, 14, 20):
            if top <= y < top + 4:
                if 6 <= x < 10:      # the bullet
                    return True
                if 12 <= x < 26:     # the line
                    return True
        return False

    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            # the centre of the pixel, in grid units
            x, y = (px + 0.5) / unit, (py + 0.5) / unit
            if not inside_square(x, y):
                row.append((0, 0, 0, 0))
            else:
                row.append(WHITE + (255,) if mark(x, y) else ACCENT + (255,))
        rows.append(row)
    return rows


def bmp(size):
    rows = pixels(size)
    header = struct.pack('<IiiHHIIiiII', 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    colour = b''.join(bytes((b, g, r, a)) for row in reversed(rows) for (r, g, b, a) in row)
    stride = (size + 31) // 32 * 4
    mask = b''
    for row in reversed(rows):
        bits = bytearray(stride)
        for x, (_, _, _, a) in enumerate(row):
            if a == 0:
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bytes(bits)
    return header + colour + mask


def ico(sizes):
    images = [bmp(s) for s in sizes]
    out = struct.pack('<HHH', 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for s, data in zip(sizes, images):
        out += struct.pack('<BBBBHHII', s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b''.join(images)


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: favicon.py OUT.ico')
    with open(sys.argv[1], 'wb') as f:
        f.write(ico((16, 32)))


if __name__ == '__main__':
    main()
