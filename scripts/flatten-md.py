#!/usr/bin/env python3
"""Flatten the headings of Markdown files, as PDF extractors do, to test re-levelling.

    flatten-md.py [--bold] IN.md OUT.md        one file
    flatten-md.py [--bold] --tree INDIR OUTDIR every .md file under INDIR, mirrored in OUTDIR

Every ATX heading (`#` to `######`) becomes a `#` heading; with --bold, a line of bold text
alone (`**一、总体要求**`), bold marks inside the heading removed. Nothing else changes: line
count, other lines and line endings stay as they were, so a line of the output is the same
line of the input. Front matter and fenced code blocks are left alone.
"""

import os
import re
import sys

ATX = re.compile(r"^( {0,3})(#{1,6})([ \t]+|$)(.*?)$")
CLOSING = re.compile(r"[ \t]+#+[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def flatten_line(line, bold):
    """The line flattened, or the line itself when it is no heading."""
    m = ATX.match(line)
    if not m:
        return line
    text = CLOSING.sub("", m.group(4)).strip()
    if not bold:
        return "# " + text if text else "#"
    text = text.replace("**", "").replace("__", "").strip()
    return "**" + text + "**" if text else ""


def flatten(text, bold):
    lines = text.split("\n")
    out = []
    fence = None
    front = bool(lines) and lines[0].lstrip("\ufeff").rstrip() == "---"
    for i, raw in enumerate(lines):
        cr = raw.endswith("\r")
        line = raw[:-1] if cr else raw
        if front:
            out.append(raw)
            if i > 0 and line.rstrip() == "---":
                front = False
            continue
        f = FENCE.match(line)
        if fence:
            if f and f.group(1)[0] == fence[0] and len(f.group(1)) >= len(fence):
                fence = None
            out.append(raw)
            continue
        if f:
            fence = f.group(1)
            out.append(raw)
            continue
        new = flatten_line(line.lstrip("\ufeff") if i == 0 else line, bold)
        if i == 0 and line.startswith("\ufeff") and new != line.lstrip("\ufeff"):
            new = "\ufeff" + new
        elif new == line.lstrip("\ufeff"):
            new = line
        out.append(new + ("\r" if cr else ""))
    return "\n".join(out)


def one(src, dst, bold):
    with open(src, encoding="utf-8", errors="surrogateescape", newline="") as f:
        text = f.read()
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    with open(dst, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
        f.write(flatten(text, bold))


def main(argv):
    bold = "--bold" in argv
    args = [a for a in argv if a != "--bold"]
    if args and args[0] == "--tree" and len(args) == 3:
        n = 0
        for d, _, files in os.walk(args[1]):
            for name in sorted(files):
                if name.endswith(".md"):
                    src = os.path.join(d, name)
                    rel = os.path.relpath(src, args[1])
                    one(src, os.path.join(args[2], rel), bold)
                    n += 1
        print(f"flattened {n} files", file=sys.stderr)
        return 0
    if len(args) == 2:
        one(args[0], args[1], bold)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
