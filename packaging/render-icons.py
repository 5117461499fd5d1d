#!/usr/bin/env python3
"""Renders the committed icon files from resources/icons/org.switchboard.Switchboard.svg.

Run it after changing the SVG and commit what it writes:
  resources/icons/hicolor/<N>x<N>/apps/org.switchboard.Switchboard.png   fallback when the build
                                                                           machine has no rsvg-convert
  packaging/windows/switchboard.ico   installer and .exe icon (NSIS, rc.exe)
  packaging/macos/switchboard.icns    bundle icon (CFBundleIconFile)

Needs rsvg-convert (Debian: librsvg2-bin) and the Python standard library, nothing else, so the
Windows/macOS builds never need an image toolchain. On a Mac the .icns could equally be made with
`iconutil -c icns switchboard.iconset`; packing it here keeps one generator for all three platforms.
"""
import pathlib
import struct
import subprocess
import sys
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SVG = ROOT / "resources/icons/org.switchboard.Switchboard.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# (OSType, pixel size) for PNG-compressed icns entries, macOS 10.7+
ICNS_TYPES = (("icp4", 16), ("ic11", 32), ("icp5", 32), ("ic12", 64), ("icp6", 64),
              ("ic07", 128), ("ic13", 256), ("ic08", 256), ("ic14", 512), ("ic09", 512), ("ic10", 1024))


def render(size: int) -> bytes:
    return subprocess.run(["rsvg-convert", "--width", str(size), "--height", str(size), str(SVG)],
                          check=True, capture_output=True).stdout


def decode_rgba(png: bytes):
    """Minimal PNG reader for what rsvg-convert writes: 8-bit RGBA, not interlaced."""
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data)
            if (depth, colour, interlace) != (8, 6, 0):
                sys.exit("unexpected PNG format from rsvg-convert")
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):  # [PNG spec] 9.2 filter types
            a = line[x - 4] if x >= 4 else 0
            b = previous[x]
            c = previous[x - 4] if x >= 4 else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def ico_bitmap(png: bytes) -> bytes:
    """A classic 32-bit DIB entry (BGRA, bottom-up, plus AND mask): every ICO reader accepts it."""
    width, height, rows = decode_rgba(png)
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(bytes(row[i + k] for i in range(0, len(row), 4) for k in (2, 1, 0, 3))
                      for row in reversed(rows))
    mask_stride = ((width + 31) // 32) * 4
    return header + pixels + bytes(mask_stride * height)


def write_ico(path: pathlib.Path) -> None:
    images = []
    for size in ICO_SIZES:
        png = render(size)
        images.append((size, png if size >= 256 else ico_bitmap(png)))  # 256 px stays PNG (Vista+)
    offset = 6 + 16 * len(images)
    directory, blobs = b"", b""
    for size, blob in images:
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    path.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + directory + blobs)


def write_icns(path: pathlib.Path) -> None:
    cache, body = {}, b""
    for kind, size in ICNS_TYPES:
        png = cache.setdefault(size, render(size))
        body += kind.encode("ascii") + struct.pack(">I", len(png) + 8) + png
    path.write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)


def main() -> None:
    for size in HICOLOR_SIZES:
        target = ROOT / f"resources/icons/hicolor/{size}x{size}/apps/org.switchboard.Switchboard.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(size))
    write_ico(ROOT / "packaging/windows/switchboard.ico")
    write_icns(ROOT / "packaging/macos/switchboard.icns")


if __name__ == "__main__":
    main()
