"""Binding the descriptive fields of a certificate's instance to what they describe.

An instance names its group (``{"name", "degree", "generators", "order", "family"}``) and its G-sets
(``{"kind", "size", ...}``); a check reads the generators, so a name, order, family or size that
disagrees with them would let a certificate say something false about the instance. :func:`bind_instance`
recomputes every such field and raises :class:`~exactsep.errors.CertificateError` on the first
disagreement:

* ``order`` and ``degree``: recomputed from the generators (stabiliser chain);
* ``family`` ``symmetric`` / ``alternating`` / ``cyclic`` / ``dihedral``: the generators generate exactly
  the package's group of that family on ``degree`` points, and ``name`` is its name (``S5``, ``A4``...);
* ``family`` ``transitive``: the descriptor is the catalogue's entry ``T<n>_<k>`` (generators included);
* ``family`` ``product``: the descriptor is the direct product of the two named catalogue groups;
* ``family`` ``random`` (groups drawn by an adversarial search): ``name`` is ``random``;
* a ``spec`` with its own ``group`` (the architecture's): the same group as the instance's;
* a G-set with a ``size``: the size of that G-set of the instance's group, computed from the formula of
  its kind (``n``, ``n^k``, ``C(n, k)``, ``|G|``, ``|G : H|``, 1) before anything is built; a
  ``subgroup_order``: the order of the subgroup its generators generate.

>>> from exactsep.proofs.bind import bind_instance
>>> S3 = {"name": "S3", "degree": 3, "generators": [[1, 0, 2], [1, 2, 0]], "order": 6, "family": "symmetric"}
>>> bind_instance({"group": S3, "gset": {"kind": "power", "k": 2, "size": 9}})[0]
'group descriptors bound: order, degree, name and family recomputed from the generators'
>>> bind_instance({"group": dict(S3, name="A4")})
Traceback (most recent call last):
...
exactsep.errors.CertificateError: group 'A4': family symmetric on 3 points is named 'S3', not 'A4'
"""
from __future__ import annotations

from math import comb
from typing import Any, List

from ..errors import CertificateError

__all__ = ["bind_instance", "bind_group"]

_NAMED = ("symmetric", "alternating", "cyclic", "dihedral")


def _perm_group(desc: dict):
    from ..groups import PermGroup
    return PermGroup(desc["generators"], degree=desc["degree"])


def _same_group(G, H) -> bool:
    return G.degree == H.degree and G.order == H.order and H.is_subgroup_of(G)


def _named(family: str, n: int):
    from ..groups import alternating, cyclic, dihedral, symmetric
    lo = {"symmetric": 1, "alternating": 3, "cyclic": 1, "dihedral": 3}[family]
    if n < lo:
        return None
    return {"symmetric": symmetric, "alternating": alternating, "cyclic": cyclic, "dihedral": dihedral}[family](n)


def _catalogue_descriptor(name: str):
    """The catalogue descriptor of a transitive group ``T<n>_<k>`` or a named group ``S5``, or None."""
    from .catalogue import MAX_TRANSITIVE_DEGREE, group_descriptor, transitive_groups
    if name.startswith("T") and "_" in name:
        n, _, k = name[1:].partition("_")
        if n.isdigit() and k.isdigit() and 1 <= int(n) <= MAX_TRANSITIVE_DEGREE:
            T = transitive_groups(int(n))
            if 1 <= int(k) <= len(T):
                return T[int(k) - 1]
        return None
    fam = {"S": "symmetric", "A": "alternating", "C": "cyclic", "D": "dihedral"}.get(name[:1])
    if fam and name[1:].isdigit() and int(name[1:]) <= 64:
        G = _named(fam, int(name[1:]))
        if G is not None and repr(G) == name:
            return group_descriptor(G, fam, name)
    return None


def bind_group(desc: dict, where: str = "group"):
    """Check the descriptive fields of one group descriptor against its generators; return the group."""
    label = f"group {str(desc.get('name', where))[:40]!r}"
    G = _perm_group(desc)
    if "order" in desc and desc["order"] != G.order:
        raise CertificateError(f"{label}: its generators generate a group of order {G.order}, "
                               f"not {desc['order']}")
    fam = desc.get("family")
    name = desc.get("name")
    if fam is None:
        return G
    if fam in _NAMED:
        H = _named(fam, G.degree)
        if H is None or not _same_group(G, H):
            raise CertificateError(f"{label}: its generators do not generate the {fam} group on {G.degree} points")
        if name is not None and name != repr(H):
            raise CertificateError(f"{label}: family {fam} on {G.degree} points is named {repr(H)!r}, not {name!r}")
    elif fam == "transitive":
        ref = _catalogue_descriptor(str(name)) if name is not None else None
        if ref is None or ref.get("family") != "transitive":
            raise CertificateError(f"{label}: not the name of a catalogue transitive group")
        if {k: desc.get(k) for k in ref} != ref:
            raise CertificateError(f"{label}: the descriptor differs from the catalogue's {name}")
    elif fam == "product":
        from .catalogue import _direct_product_descriptor
        parts = str(name).split("x") if name is not None else []
        refs = [_catalogue_descriptor(p) for p in parts]
        if len(parts) != 2 or None in refs:
            raise CertificateError(f"{label}: not the name of a product of two catalogue groups")
        ref = _direct_product_descriptor(refs[0], refs[1])
        if {k: desc.get(k) for k in ref} != ref:
            raise CertificateError(f"{label}: the descriptor differs from the catalogue's {name}")
    elif fam == "random":
        if name not in (None, "random"):
            raise CertificateError(f"{label}: a group of family 'random' is named 'random'")
    else:
        raise CertificateError(f"{label}: unknown group family {str(fam)[:40]!r}")
    return G


def _gset_size(G, desc: dict):
    """The size of the G-set ``desc`` from the formula of its kind (None for kinds without one)."""
    from ..groups import PermGroup
    kind = desc.get("kind")
    n = G.degree
    if kind == "natural":
        return n
    if kind == "trivial":
        return 1
    if kind == "regular":
        return G.order
    if kind == "power":
        return n ** int(desc["k"])
    if kind == "subsets":
        return comb(n, int(desc["k"]))
    if kind == "cosets":
        H = PermGroup(desc["subgroup"], degree=n)
        if not H.is_subgroup_of(G):
            raise CertificateError("a coset G-set's subgroup is not a subgroup of the instance's group")
        if "subgroup_order" in desc and desc["subgroup_order"] != H.order:
            raise CertificateError(f"a coset G-set's subgroup has order {H.order}, not {desc['subgroup_order']}")
        return G.order // H.order
    return None


def bind_instance(instance: Any) -> List[str]:
    """Recompute every descriptive field of ``instance`` (see the module docstring); return what was bound."""
    if not isinstance(instance, dict):
        return []
    notes = []
    groups = []
    stack = [(instance, "instance")]
    while stack:                                        # every group descriptor, at any depth
        x, where = stack.pop()
        if isinstance(x, dict):
            if isinstance(x.get("generators"), list) and "degree" in x and ("order" in x or "family" in x):
                groups.append((x, where))
            stack.extend((v, f"{where}.{k}") for k, v in x.items())
        elif isinstance(x, list):
            stack.extend((v, where) for v in x)
    G = None
    for desc, where in groups:
        H = bind_group(desc, where)
        if desc is instance.get("group"):
            G = H
    if groups:
        notes.append("group descriptors bound: order, degree, name and family recomputed from the generators")
    spec = instance.get("spec")
    if G is not None and isinstance(spec, dict) and isinstance(spec.get("group"), dict):
        sg = spec["group"]
        if not isinstance(sg.get("generators"), list) or "degree" not in sg or not _same_group(G, _perm_group(sg)):
            raise CertificateError("the architecture's group (spec.group) is not the instance's group")
        notes.append("spec.group is the instance's group")
    if G is not None:
        for key, d in instance.items():
            if isinstance(d, dict) and "kind" in d and "size" in d:
                size = _gset_size(G, d)
                if size is not None and size != d["size"]:
                    raise CertificateError(f"G-set {key!r} ({d['kind']}) of the instance's group has {size} points, "
                                           f"not {d['size']}")
                notes.append(f"G-set {key!r}: size recomputed")
    return notes
