"""``exactsep demo``: a short tour on a built-in default (S4 and its G-sets, an exact rank)."""
from __future__ import annotations

import json


def demo_report() -> dict:
    """The demo's content as a dict.

    >>> r = demo_report()
    >>> r["group"]["order"], r["hom_dims"]["natural->natural"]
    (24, 2)
    """
    from .groups import symmetric, GSet
    from .linalg import rank
    G = symmetric(4)
    X = GSet.natural(G)
    X2 = GSet.power(G, 2)
    out = {"group": {"name": "S4", "order": G.order},
           "hom_dims": {"natural->natural": X.num_orbitals(X), "power2->power2": X2.num_orbitals(X2),
                        "power2->natural": X.num_orbitals(X2)}}
    M = [[1, 2, 3], [2, 4, 6], ["1/2", 1, "3/2"]]
    r = rank(M)
    out["rank_example"] = {"matrix": M, **r.to_json()}
    return out


def _run(args) -> int:
    rep = demo_report()
    if args.json:
        print(json.dumps(rep, indent=2))
        return 0
    print(f"Group S4, order {rep['group']['order']}")
    for k, v in rep["hom_dims"].items():
        print(f"  dim Hom_G({k.replace('->', ', ')}) = {v}  (number of orbitals, exact)")
    r = rep["rank_example"]
    print(f"rank of {r['matrix']} = {r['rank']}  (proven: {r['proven']}, method {r['method']})")
    return 0


def register(sub) -> None:
    p = sub.add_parser("demo", help="a short tour of exactsep on a built-in default",
                       description="A short tour of exactsep on a built-in default.")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_run)
