#!/usr/bin/env python3
"""Fails when an #include points up a layer (docs/design.md, "Layers").

The layers, bottom up. A file may include from its own layer and from the
layers below it, never from one above. Includes are written from the layer's
root ("engine/connection.h"); widgets include each other by bare name.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LAYERS = [
    ("base", "app/base"),
    ("system", "app/system"),
    ("capture", "app/capture"),
    ("engine", "app/engine"),
    ("formats", "app/formats"),
    ("cli", "app/cli"),
    ("models", "ui/models"),
    ("widgets", "ui/widgets"),
]
# main() composes every layer, so it may include from all of them.
TOP = {"ui/main.cpp"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def layer_of_file(path):
    for rank, (_, folder) in enumerate(LAYERS):
        if path.startswith(folder + "/"):
            return rank
    return None


def layer_of_include(name, own_rank):
    head = name.split("/", 1)[0]
    for rank, (layer, folder) in enumerate(LAYERS):
        if "/" in name and head == layer:
            return rank, folder + "/" + name.split("/", 1)[1]
    if "/" not in name:
        # A bare name: a file of the includer's own folder (the widgets).
        return own_rank, None
    return None, None


def main():
    problems = []
    for path in sorted(ROOT.glob("app/**/*")) + sorted(ROOT.glob("ui/**/*")):
        rel = path.relative_to(ROOT).as_posix()
        if path.suffix not in (".h", ".cpp", ".in") or rel in TOP:
            continue
        own = layer_of_file(rel)
        if own is None:
            problems.append("%s: in no layer; add its folder to .ci/check-layers.py" % rel)
            continue
        for match in INCLUDE.finditer(path.read_text(encoding="utf-8")):
            name = match.group(1)
            rank, target = layer_of_include(name, own)
            line = path.read_text(encoding="utf-8")[: match.start()].count("\n") + 1
            if rank is None:
                problems.append('%s:%d: "%s" is in no layer' % (rel, line, name))
            elif rank > own:
                problems.append('%s:%d: %s includes "%s" from %s, a layer above it'
                                % (rel, line, LAYERS[own][0], name, LAYERS[rank][0]))
            elif target and not (ROOT / target).exists() and not name.endswith("version.h"):
                problems.append('%s:%d: "%s" does not exist' % (rel, line, name))
    for problem in problems:
        print("layers: " + problem, file=sys.stderr)
    if problems:
        print("layers: %d include(s) break the layering (docs/design.md, \"Layers\")"
              % len(problems), file=sys.stderr)
        return 1
    print("layers: every include points down (%s)" % " < ".join(l for l, _ in LAYERS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
