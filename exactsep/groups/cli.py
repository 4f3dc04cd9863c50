"""``exactsep group``: order, conjugacy classes, subgroup classes, table of marks and orbit counts of a group.

Usage::

    exactsep group --group S4 --json
    exactsep group --generators '[[1,0,2,3],[1,2,3,0]]' --dot lattice.dot

The subgroup classes are listed by order ascending, then class length ascending, then by the numbers of
their elements in each conjugacy class of elements, then by the representative's sorted element list (see
exactsep.groups.subgroups); the table of marks uses the same order with rows = G-sets
G/H_i and columns = subgroups H_j (entry: number of points of G/H_i fixed by H_j), so it is lower
triangular.
"""
from __future__ import annotations

import os
from typing import List

from ..cliutil import add_progress_flags, check_output_path, emit, show_progress, throttled_progress, writing
from .subgroups import DEFAULT_MAX_ORDER

SUBGROUP_ORDER_DOC = ("by order ascending, then class length ascending, then by the number of elements in each "
                      "conjugacy class of elements, then by the representative's sorted element list")
MARKS_DOC = ("marks[i][j] = number of points of the G-set G/H_i (row i) fixed by the subgroup H_j (column j); "
             "lower triangular in the order of subgroup_classes, diagonal |N_G(H_i):H_i|")


def parse_generators(text: str):
    """Generators from inline JSON (or a JSON file path): a list of image lists, or
    ``{"generators": [...], "degree": n}``."""
    from ..errors import InvalidGroupError, InvalidSpecError
    from ..cliutil import load_json, parse_json
    from .core import PermGroup

    if os.path.isfile(text):
        data = load_json(text, what="generators")
    else:
        data = parse_json(text, source="given inline with --generators", what="generators")
    degree = None
    if isinstance(data, dict):
        unknown = set(data) - {"generators", "degree"}
        if unknown or "generators" not in data:
            raise InvalidSpecError("a generators object needs the key 'generators' (and optionally 'degree'), "
                                   f"got keys {sorted(data)}")
        degree = data.get("degree")
        data = data["generators"]                     # (PermGroup checks the degree)
    if not isinstance(data, list) or not all(isinstance(g, list) for g in data):
        raise InvalidGroupError("--generators must be a JSON list of image lists, e.g. [[1,0,2],[1,2,0]]")
    if not data and degree is None:
        raise InvalidGroupError("--generators is empty; give at least one generator (or a 'degree')")
    return PermGroup(data, degree=degree)


def group_report(G, *, max_order: int = DEFAULT_MAX_ORDER, tuple_powers: int = 3) -> dict:
    """Everything ``exactsep group --json`` prints, as a dict.

    >>> from exactsep.groups import group_from_name
    >>> r = group_report(group_from_name("S3"))
    >>> r["order"], r["nr_subgroup_classes"], r["orbits_on_tuples"]
    (6, 4, [1, 2, 5])
    >>> r["table_of_marks"]
    [[6, 0, 0, 0], [3, 1, 0, 0], [2, 0, 2, 0], [1, 1, 1, 1]]
    """
    return _report(G, max_order, tuple_powers)[0]


def _report(G, max_order: int, tuple_powers: int, progress=None):
    """``(group_report dict, lattice of subgroup classes)``."""
    from .core import GSet
    from .subgroups import conjugacy_classes, subgroup_classes
    S = subgroup_classes(G, max_order=max_order, progress=progress)
    ccs = conjugacy_classes(G)
    lattice = S.lattice()
    return {
        "group": G.name or "custom",
        "degree": G.degree,
        "generators": [list(g) for g in G.generators],
        "order": G.order,
        "point_orbits": G.orbits(),
        "nr_conjugacy_classes": len(ccs),
        "conjugacy_classes": [c.to_json() for c in ccs],
        "nr_subgroup_classes": len(S),
        "nr_subgroups": S.num_subgroups,
        "subgroup_class_order": SUBGROUP_ORDER_DOC,
        "subgroup_classes": [c.to_json() for c in S.classes],
        "table_of_marks_convention": MARKS_DOC,
        "table_of_marks": [list(r) for r in S.marks],
        "lattice_edges": [list(e) for e in sorted(lattice.edges)],
        "orbits_on_tuples": [len(GSet.power(G, k).orbits()) for k in range(1, tuple_powers + 1)],
    }, lattice


def _text(rep: dict) -> str:
    lines: List[str] = []
    lines.append(f"Group {rep['group']} on {rep['degree']} points, order {rep['order']}")
    lines.append(f"generators: {rep['generators']}")
    lines.append(f"orbits on ordered k-tuples of points, k = 1, 2, 3: {rep['orbits_on_tuples']}")
    lines.append("")
    lines.append(f"{rep['nr_conjugacy_classes']} conjugacy classes of elements:")
    lines.append(f"  {'order':>5} {'size':>6}  cycle type    representative")
    for c in rep["conjugacy_classes"]:
        lines.append(f"  {c['element_order']:>5} {c['size']:>6}  {str(tuple(c['cycle_type'])):<13} {c['representative']}")
    lines.append("")
    lines.append(f"{rep['nr_subgroup_classes']} conjugacy classes of subgroups ({rep['nr_subgroups']} subgroups), "
                 f"ordered {rep['subgroup_class_order']}:")
    lines.append(f"  {'#':>3} {'order':>6} {'length':>7} {'|N(H)|':>7}  {'flags':<15} generators")
    for c in rep["subgroup_classes"]:
        flags = ",".join(f for f, on in (("normal", c["is_normal"]), ("cyclic", c["is_cyclic"]),
                                         ("abelian", c["is_abelian"] and not c["is_cyclic"])) if on)
        lines.append(f"  {c['index']:>3} {c['order']:>6} {c['length']:>7} {c['normalizer_order']:>7}  "
                     f"{flags:<15} {c['generators']}")
    lines.append("")
    tom = rep["table_of_marks"]
    if len(tom) <= 30:
        lines.append("table of marks (row i = G/H_i, column j = H_j, entry = |fixed points of H_j on G/H_i|):")
        w = max(len(str(x)) for r in tom for x in r)
        for i, r in enumerate(tom):
            cells = " ".join(f"{x:>{w}}" if x else " " * (w - 1) + "." for x in r[:i + 1])
            lines.append(f"  {i:>3}: {cells}")
    else:
        lines.append(f"table of marks: {len(tom)} x {len(tom)} (use --json to print it)")
    return "\n".join(lines)


def run(args) -> int:
    from ..errors import InvalidGroupError
    from .core import group_from_name
    from .subgroups import lattice_to_dot
    if args.max_order < 1:
        raise InvalidGroupError(f"--max-order must be positive, got {args.max_order}")
    if args.dot:
        check_output_path(args.dot, "DOT", "--dot")
    if args.group is not None:
        G = group_from_name(args.group)
    else:
        G = parse_generators(args.generators)
    progress = throttled_progress(lambda done, found: f"subgroup classes: {done} extended, {found} found")
    rep, lattice = _report(G, args.max_order, 3, progress=progress if show_progress(args) else None)
    if args.dot:
        dot = lattice_to_dot(lattice, name=(G.name or "subgroups"))
        with writing(args.dot, "DOT") as tmp, open(tmp, "w", encoding="utf-8") as f:
            f.write(dot + "\n")
    text = _text(rep)
    if args.dot:
        text += f"\n\nlattice of subgroup classes written to {args.dot} (Graphviz DOT)"
    emit(rep, args.json, text)
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "group", help="order, conjugacy classes, subgroup classes and table of marks of a permutation group",
        description="Conjugacy classes of elements and subgroups, the table of marks (rows G/H_i, columns H_j, "
                    "lower triangular with classes ordered by order) and orbit counts of a permutation group.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--group", metavar="NAME",
                     help="S<n>, A<n>, C<n>, D<n> (dihedral of order 2n on n points), M11, PSL(2,p), PGL(2,p), AGL(d,2), "
                          "'G wr H' or 'G x H' of such names")
    src.add_argument("--generators", metavar="JSON",
                     help="generators as a JSON list of image lists on 0..n-1 (inline, or a JSON file path), "
                          "e.g. '[[1,0,2,3],[1,2,3,0]]'")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--dot", metavar="FILE", help="write the lattice of subgroup classes (Hasse diagram) as DOT")
    p.add_argument("--max-order", type=int, default=DEFAULT_MAX_ORDER, metavar="N",
                   help=f"refuse groups of order above N (default {DEFAULT_MAX_ORDER})")
    add_progress_flags(p, "progress of the subgroup-class enumeration")
    p.set_defaults(func=run)
