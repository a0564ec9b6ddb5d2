#!/usr/bin/env python3
"""Which part of hlog's generated code costs the build time? (A diagnostic for measure.py.)

Takes hlog-macros' real output for the 1,000 call sites of measure.py's `hlog` crate (run
outside the compiler by measure.py's harness), pastes it into crates as plain source, and removes
one piece at a time by text substitution, then times and sizes them as measure.py does:

* `hx_full`: the expansion as is (should cost what `hlog::info!` costs, minus the macro's run);
* `hx_fnitem`: the call site's function-name getter as a `fn` item instead of a closure
  (`|| type_name_of_val(&__hlog_here)` coerced to `fn() -> &str`): no closure, no reify shim;
* `hx_static_msg`: the message as `Message::Static("...")` instead of the writer closure
  `Message::Writer(&|out| {...})` (and so no `&dyn Fn` vtable with its `call_once` shims);
* `hx_nofields`: no structured fields (`&[]`);
* `hx_min`: all three removed: the call site static, the level gate and the dispatch.

The generated code is hlog's, used as a user could not (it calls `hlog::__private`); nothing in
hlog is changed. Run after measure.py (it reuses its work folder and lock file):

    python3 benches/build_cost/ablate.py      # about 12 minutes on 2 cores
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402
from measure import HERE, LEVEL_IDENTS, Variant, calls, hlog_deps  # noqa: E402

CLOSURE = "|| :: core :: any :: type_name_of_val (& __hlog_here) ,"
HERE_FN = "fn __hlog_here () { }"
WRITER = ":: hlog :: __private :: Message :: Writer ("
FIELDS = "let __hlog_fields : & [(& 'static str , :: hlog :: __private :: Value < '_ >)] = "


def matching(text: str, start: int) -> int:
    """Index just past the bracket that closes the one at `start` (string literals skipped)."""
    depth, i, in_str = 0, start, False
    while i < len(text):
        ch = text[i]
        if in_str:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced")


def fn_item(code: str) -> str:
    assert CLOSURE in code and HERE_FN in code
    code = code.replace(CLOSURE, "__hlog_name ,")
    return code.replace(
        HERE_FN,
        HERE_FN + " fn __hlog_name () -> & 'static str { :: core :: any :: type_name_of_val (& __hlog_here) }",
    )


def static_message(code: str, template: str) -> str:
    start = code.find(WRITER)
    if start < 0:  # already static (no placeholder)
        return code
    end = matching(code, start + len(WRITER) - 1)
    return code[:start] + f':: hlog :: __private :: Message :: Static ("{template}")' + code[end:]


def no_fields(code: str) -> str:
    start = code.index(FIELDS) + len(FIELDS)
    assert code[start:].startswith("& [")
    end = matching(code, start + 2)
    return code[:start] + "& []" + code[end:]


ABLATIONS = {
    "hx_full": ("expansion as is", lambda code, c: code),
    "hx_fnitem": ("function-name getter as a `fn` item", lambda code, c: fn_item(code)),
    "hx_static_msg": ("message `Static`, no writer closure", lambda code, c: static_message(code, c.template)),
    "hx_nofields": ("no structured fields", lambda code, c: no_fields(code)),
    "hx_min": (
        "all three removed",
        lambda code, c: no_fields(static_message(fn_item(code), c.template)),
    ),
}


def main() -> None:
    p = measure.parser()
    p.set_defaults(output=str(HERE / "ablation.md"), no_full=True, diagnose=True, no_check=True)
    args = p.parse_args()
    args.no_full, args.diagnose = True, True
    if args.quick:
        args.runs, args.max_busy = 1, 0

    start = time.perf_counter()
    sites = calls(args.calls)
    inputs = [f'::hlog, {LEVEL_IDENTS[c.level]}, "{c.template}"' for c in sites]
    expanded = dict(zip((c.template for c in sites), measure.expansions(args.workdir, inputs)))

    def render(transform):
        return lambda c: transform(expanded[c.template], c) + ";"

    variants = [
        Variant(name, f"`{name}`: {label}", hlog_deps(), "", "hlog::complete();", render(t), diagnostic=True)
        for name, (label, t) in ABLATIONS.items()
    ]
    # The same crate through the macro, for comparison, in the same workspace.
    variants.insert(0, Variant("hx_macro", "`hx_macro`: `hlog::info!` (as measure.py's `hlog`)", hlog_deps(), "",
                               "hlog::complete();", lambda c: f'hlog::{c.level}!("{c.template}");', diagnostic=True))
    measure.VARIANTS[:] = variants
    lock = Path(args.workdir) / "hlog" / "Cargo.lock"
    target = Path(args.workdir) / "hx"
    target.mkdir(parents=True, exist_ok=True)
    if lock.exists() and not (target / "Cargo.lock").exists():
        (target / "Cargo.lock").write_text(lock.read_text())

    results = measure.measure(args)
    elapsed = time.perf_counter() - start
    text = measure.report(results, args, elapsed)
    first, rest = text.split("\n", 1)
    text = f"# Ablation of hlog's generated code: {args.calls:,} call sites, one piece removed at a time\n" + rest
    Path(args.output).write_text(text)
    print(text)
    measure.log(f"total: {elapsed:.0f} s; written to {args.output}")


if __name__ == "__main__":
    main()
