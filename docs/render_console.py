#!/usr/bin/env python3
"""Render a text file containing ANSI SGR colour codes as a dark-terminal PNG.

Used to produce docs/console.png for the README from real hlog output.
To regenerate (from the repository root):

    FORCE_COLOR=1 cargo run -q --example quickstart > /tmp/quickstart.ansi && python3 docs/render_console.py /tmp/quickstart.ansi docs/console.png

Requirements: Python 3, Pillow (`pip install pillow`) and a monospace TTF
(DejaVu Sans Mono is preferred; `apt-get install fonts-dejavu-core`).

Usage:
    render_console.py INPUT OUTPUT [--title TEXT | --no-title]
                      [--font-size N] [--scale N] [--font PATH]

Supported SGR codes: 0 reset, 1 bold, 2 dim, 3 italic, 4 underline,
7 inverse, 9 strike, 22/23/24/27/29 resets, 30-37/90-97 foreground,
40-47/100-107 background, 39/49 defaults, 38;5;N / 48;5;N (256 colours)
and 38;2;R;G;B / 48;2;R;G;B (true colour). Other escape sequences are
dropped. Emoji and other glyphs missing from the font are not guaranteed
to render.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

# --- Look ------------------------------------------------------------------

BACKGROUND = (30, 30, 30)          # #1e1e1e
TITLE_BAR = (50, 50, 50)
TITLE_TEXT = (160, 160, 160)
DEFAULT_FG = (212, 212, 212)       # #d4d4d4

# Standard 16-colour palette (VS Code dark terminal style).
PALETTE = [
    (0x00, 0x00, 0x00),  # 0 black
    (0xCD, 0x31, 0x31),  # 1 red
    (0x0D, 0xBC, 0x79),  # 2 green
    (0xE5, 0xE5, 0x10),  # 3 yellow
    (0x24, 0x72, 0xC8),  # 4 blue
    (0xBC, 0x3F, 0xBC),  # 5 magenta
    (0x11, 0xA8, 0xCD),  # 6 cyan
    (0xE5, 0xE5, 0xE5),  # 7 white
    (0x66, 0x66, 0x66),  # 8 bright black
    (0xF1, 0x4C, 0x4C),  # 9 bright red
    (0x23, 0xD1, 0x8B),  # 10 bright green
    (0xF5, 0xF5, 0x43),  # 11 bright yellow
    (0x3B, 0x8E, 0xEA),  # 12 bright blue
    (0xD6, 0x70, 0xD6),  # 13 bright magenta
    (0x29, 0xB8, 0xDB),  # 14 bright cyan
    (0xFF, 0xFF, 0xFF),  # 15 bright white
]

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
    "/Library/Fonts/DejaVuSansMono.ttf",
    "/System/Library/Fonts/Menlo.ttc",
    "C:/Windows/Fonts/consola.ttf",
]


def xterm256(n):
    """Colour for a 256-colour index."""
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return (v, v, v)


# --- Font discovery ----------------------------------------------------------

def _fc_match(pattern):
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", pattern],
                             capture_output=True, text=True, timeout=10)
        path = out.stdout.strip()
        return path if path and os.path.exists(path) else None
    except (OSError, subprocess.SubprocessError):
        return None


def find_fonts(explicit=None):
    """Return (regular_path, bold_path, italic_path, bold_italic_path)."""
    regular = explicit
    if regular is None:
        for cand in FONT_CANDIDATES:
            if os.path.exists(cand):
                regular = cand
                break
    if regular is None:
        regular = _fc_match("monospace")
    if regular is None:
        hits = glob.glob("/usr/share/fonts/**/*Mono*.ttf", recursive=True)
        regular = hits[0] if hits else None
    if regular is None:
        sys.exit("error: no monospace TTF font found; install fonts-dejavu-core "
                 "or pass --font PATH")

    def variant(suffixes):
        base, ext = os.path.splitext(regular)
        for stem in (base, base.replace("-Regular", "").replace("-Book", "")):
            for s in suffixes:
                p = stem + s + ext
                if os.path.exists(p):
                    return p
        return None

    bold = variant(["-Bold", "Bold", "-bold"])
    italic = variant(["-Oblique", "-Italic", "Italic", "Oblique"])
    bold_italic = variant(["-BoldOblique", "-BoldItalic", "BoldItalic"])
    return regular, bold, italic, bold_italic


# --- ANSI parsing ------------------------------------------------------------

ESC_RE = re.compile(
    r"\x1b\[([0-9;:?]*)([@-~])"      # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL/ST
    r"|\x1b[@-Z\\-_]"                # other two-byte escapes
)


class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline",
                 "inverse", "strike")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = False
        self.dim = False
        self.italic = False
        self.underline = False
        self.inverse = False
        self.strike = False

    def copy(self):
        s = Style()
        for k in self.__slots__:
            setattr(s, k, getattr(self, k))
        return s

    def apply(self, params):
        codes = [int(p) if p.isdigit() else 0
                 for p in params.replace(":", ";").split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 3:
                self.italic = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.inverse = True
            elif c == 9:
                self.strike = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 23:
                self.italic = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.inverse = False
            elif c == 29:
                self.strike = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif 90 <= c <= 97:
                self.fg = PALETTE[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif 100 <= c <= 107:
                self.bg = PALETTE[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                colour = None
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    colour = xterm256(codes[i + 2] & 0xFF)
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    colour = tuple(min(255, v) for v in codes[i + 2:i + 5])
                    i += 4
                if colour is not None:
                    if c == 38:
                        self.fg = colour
                    else:
                        self.bg = colour
            i += 1


def char_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text):
    """Return a list of lines; each line is a list of (char, Style, width)."""
    lines = [[]]
    style = Style()
    pos = 0
    text = text.replace("\r\n", "\n")
    for m in list(ESC_RE.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        for ch in text[pos:end]:
            if ch == "\n":
                lines.append([])
            elif ch == "\r":
                lines[-1] = []
            elif ch == "\t":
                col = sum(w for _, _, w in lines[-1])
                for _ in range(8 - col % 8):
                    lines[-1].append((" ", style.copy(), 1))
            elif ch.isprintable() or ch == " ":
                w = char_width(ch)
                if w:
                    lines[-1].append((ch, style.copy(), w))
        if m is None:
            break
        if m.group(2) == "m":
            style.apply(m.group(1))
        pos = m.end()
    while lines and not lines[-1]:
        lines.pop()
    return lines


# --- Rendering ---------------------------------------------------------------

def blend(a, b, t):
    return tuple(int(x * (1 - t) + y * t) for x, y in zip(a, b))


def render(lines, out_path, title, font_size, scale, font_path):
    regular, bold, italic, bold_italic = find_fonts(font_path)
    size = font_size * scale
    fonts = {}
    for key, path in (("r", regular), ("b", bold), ("i", italic),
                      ("bi", bold_italic)):
        fonts[key] = ImageFont.truetype(path or regular, size)
    fake_bold = bold is None

    cell_w = round(fonts["r"].getlength("M"))
    ascent, descent = fonts["r"].getmetrics()
    cell_h = int((ascent + descent) * 1.25)
    text_dy = (cell_h - (ascent + descent)) // 2

    pad_x, pad_y = 18 * scale, 14 * scale
    bar_h = 30 * scale if title is not None else 0
    cols = max([sum(w for _, _, w in ln) for ln in lines] + [40])
    width = pad_x * 2 + cols * cell_w
    height = bar_h + pad_y * 2 + max(len(lines), 1) * cell_h
    radius = 8 * scale

    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([0, 0, width - 1, height - 1], radius=radius,
                           fill=BACKGROUND + (255,))

    if title is not None:
        draw.rounded_rectangle([0, 0, width - 1, bar_h + radius], radius=radius,
                               fill=TITLE_BAR + (255,))
        draw.rectangle([0, bar_h, width - 1, bar_h + radius],
                       fill=BACKGROUND + (255,))
        r = 6 * scale
        cy = bar_h // 2
        for i, colour in enumerate([(255, 95, 86), (255, 189, 46),
                                    (39, 201, 63)]):
            cx = 12 * scale + r + i * (r * 2 + 8 * scale)
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
        if title:
            tfont = ImageFont.truetype(regular, 13 * scale)
            tw = tfont.getlength(title)
            draw.text(((width - tw) / 2, cy), title, font=tfont,
                      fill=TITLE_TEXT, anchor="lm")

    y0 = bar_h + pad_y
    for row, line in enumerate(lines):
        y = y0 + row * cell_h
        col = 0
        for ch, st, w in line:
            x = pad_x + col * cell_w
            fg = st.fg or DEFAULT_FG
            bg = st.bg
            if st.inverse:
                fg, bg = (bg or BACKGROUND), fg
            if st.dim:
                fg = blend(fg, BACKGROUND, 0.4)
            if bg is not None:
                draw.rectangle([x, y, x + cell_w * w - 1, y + cell_h - 1],
                               fill=bg)
            if ch != " ":
                key = ("b" if st.bold else "") + ("i" if st.italic else "")
                font = fonts[key or "r"]
                draw.text((x, y + text_dy), ch, font=font, fill=fg)
                if st.bold and fake_bold:
                    draw.text((x + scale, y + text_dy), ch, font=font, fill=fg)
            if st.underline:
                uy = y + text_dy + ascent + 2 * scale
                draw.line([x, uy, x + cell_w * w, uy], fill=fg, width=scale)
            if st.strike:
                sy = y + text_dy + ascent * 2 // 3
                draw.line([x, sy, x + cell_w * w, sy], fill=fg, width=scale)
            col += w

    # Palette-quantise to keep the file small; preserve transparent corners.
    alpha = img.getchannel("A")
    rgb = img.convert("RGB").quantize(colors=255, method=Image.MEDIANCUT,
                                      dither=Image.Dither.NONE)
    rgb.info.pop("transparency", None)
    pal = rgb.getpalette()[:255 * 3] + [0, 0, 0]
    rgb.putpalette(pal)
    transparent = alpha.point(lambda a: 255 if a < 128 else 0)
    rgb.paste(255, mask=transparent)
    rgb.save(out_path, optimize=True, transparency=255)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Render ANSI-coloured text as a terminal-style PNG.")
    ap.add_argument("input", help="text file with ANSI escape codes ('-' = stdin)")
    ap.add_argument("output", help="PNG file to write")
    ap.add_argument("--title", default="",
                    help="text shown in the window title bar (default: none)")
    ap.add_argument("--no-title", action="store_true",
                    help="omit the title bar entirely")
    ap.add_argument("--font-size", type=int, default=14)
    ap.add_argument("--scale", type=int, default=2,
                    help="pixel scale factor for sharp output on HiDPI (default 2)")
    ap.add_argument("--font", default=None, help="path to a monospace TTF")
    args = ap.parse_args(argv)

    if args.input == "-":
        text = sys.stdin.read()
    else:
        with open(args.input, encoding="utf-8", errors="replace") as f:
            text = f.read()
    title = None if args.no_title else args.title
    render(parse(text), args.output, title, args.font_size, args.scale,
           args.font)


if __name__ == "__main__":
    main()
