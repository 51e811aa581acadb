#!/usr/bin/env python3
"""Import circles between the files of a Rust crate, read from its `crate::`, `super::` and `self::` paths.

    tools/import-circles.py [SRC_DIR...] [--max N] [--forbid FROM_DIR:TO_DIR]...

SRC_DIR defaults to every `crates/*/src` of the workspace. Each path is resolved to the file of the deepest
module it names (`crate::rules::pod::RULES` -> `rules/pod/mod.rs`); a file that names an item of another file
by such a path, or by a path that starts at a child module it declares (`pod::RULES`), imports that file. The
circles (strongly connected files) are printed largest first. The exit status is 1 when a circle has more than
`--max` files or when a file under FROM_DIR names a module under TO_DIR (both relative to SRC_DIR).
"""

import argparse
import pathlib
import re
import sys

PATH = re.compile(r"\b(crate|super|self)((?:\s*::\s*(?:\{[^;]*?\}|[A-Za-z_][A-Za-z0-9_]*))+)")
SEGMENT = re.compile(r"::\s*(\{[^;]*?\}|[A-Za-z_][A-Za-z0-9_]*)")
COMMENT = re.compile(r"//[^\n]*")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
CHILD_PATH = re.compile(r"(?<![:\w])([a-z_][a-z0-9_]*)((?:\s*::\s*(?:\{[^;]*?\}|[A-Za-z_][A-Za-z0-9_]*))+)")
MOD = re.compile(r"^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;", re.M)


def module_of(file: pathlib.Path, src: pathlib.Path) -> list[str]:
    rel = file.relative_to(src).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts.pop()
    return parts


def file_of(module: list[str], src: pathlib.Path) -> pathlib.Path | None:
    """The file that defines `module`, or of its deepest existing ancestor."""
    for end in range(len(module), -1, -1):
        parts = module[:end]
        if not parts:
            for root in ("lib.rs", "main.rs"):
                if (src / root).exists():
                    return src / root
            return None
        base = src.joinpath(*parts)
        for candidate in (base.with_suffix(".rs"), base / "mod.rs"):
            if candidate.exists():
                return candidate
    return None


def expand(segments: list[str]) -> list[list[str]]:
    """`a::{b, c::d}` -> [[a, b], [a, c, d]] (one level of braces is enough for imports of modules)."""
    out = [[]]
    for seg in segments:
        if seg.startswith("{"):
            inner = [s.strip() for s in seg[1:-1].split(",") if s.strip()]
            out = [p + [i.split(" as ")[0].strip().split("::")[0].strip()] for p in out for i in inner]
        else:
            out = [p + [seg] for p in out]
    return out


def imports(file: pathlib.Path, src: pathlib.Path) -> set[pathlib.Path]:
    text = STRING.sub('""', COMMENT.sub("", file.read_text(encoding="utf-8")))
    # Tests inside a file are not part of its structure.
    text = text.split("#[cfg(test)]")[0]
    here = module_of(file, src)
    is_mod_file = file.name in ("mod.rs", "lib.rs", "main.rs")
    found = set()
    # Paths that start at a child module this file declares (`pod::RULES`) import that child.
    children = {m.group(1) for m in MOD.finditer(text)}
    for m in CHILD_PATH.finditer(text):
        if m.group(1) in children:
            segments = [m.group(1)] + SEGMENT.findall(m.group(2))
            for tail in expand(segments):
                target = file_of(here + [t for t in tail if t not in ("self", "*")], src)
                if target and target != file:
                    found.add(target)
    for m in PATH.finditer(text):
        head, rest = m.group(1), m.group(2)
        segments = SEGMENT.findall(rest)
        if head == "crate":
            base = []
        else:
            base = list(here) if is_mod_file else here[:-1] if head == "super" else list(here)
            if head == "super" and is_mod_file:
                base = here[:-1]
            while segments and segments[0] == "super":
                segments.pop(0)
                base = base[:-1]
        for tail in expand(segments):
            target = file_of(base + [t for t in tail if t not in ("self", "*")], src)
            if target and target != file:
                found.add(target)
    return found


def circles(graph: dict) -> list[list]:
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]

    def visit(v):
        work = [(v, iter(sorted(graph[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
            elif nxt not in index:
                index[nxt] = low[nxt] = counter[0]
                counter[0] += 1
                stack.append(nxt)
                on.add(nxt)
                work.append((nxt, iter(sorted(graph[nxt]))))
            elif nxt in on:
                low[node] = min(low[node], index[nxt])

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out, key=lambda c: (-len(c), c))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src", nargs="*")
    parser.add_argument("--max", type=int, default=None, help="largest circle allowed (files)")
    parser.add_argument("--forbid", action="append", default=[], help="FROM_DIR:TO_DIR that must not import")
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent
    srcs = [pathlib.Path(s) for s in args.src] or sorted(root.glob("crates/*/src"))
    status = 0
    for src in srcs:
        src = src.resolve()
        files = sorted(src.rglob("*.rs"))
        graph = {f: imports(f, src) for f in files}
        found = circles(graph)
        largest = max((len(c) for c in found), default=0)
        print(f"{src.relative_to(root) if src.is_relative_to(root) else src}: {len(files)} files, "
              f"{len(found)} circles, largest {largest} files")
        for c in found:
            names = [str(f.relative_to(src)) for f in c]
            shown = ", ".join(names[:6]) + (f", ... ({len(names) - 6} more)" if len(names) > 6 else "")
            print(f"  circle of {len(c)}: {shown}")
        if args.max is not None and largest > args.max:
            status = 1
        for rule in args.forbid:
            low_dir, high_dir = rule.split(":")
            for f, targets in graph.items():
                rel = f.relative_to(src)
                if not str(rel).startswith(low_dir.rstrip("/") + "/"):
                    continue
                for t in targets:
                    if str(t.relative_to(src)).startswith(high_dir.rstrip("/") + "/"):
                        print(f"  forbidden: {rel} imports {t.relative_to(src)}")
                        status = 1
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.exit(0)
