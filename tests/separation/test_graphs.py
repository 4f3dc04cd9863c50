"""k-IGNs at graph scale (exactsep.separation.graphs).

Two independent checks:
* the implicit equality-pattern refinement against today's materialised path (orbital matrices of
  GSet.power, algorithm CR) on random graphs: same number of colours at every layer, same classes;
* the k-IGN partition at the depth threshold against a plain Weisfeiler-Leman refinement written here
  from its definition (1-WL for 2-IGN, folklore 2-WL for 3-IGN), on families of graphs.
"""
from __future__ import annotations

import functools
import itertools
import json
import random

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from exactsep.cli import main
from exactsep.errors import ComputationLimitError, InvalidInputError, InvalidSpecError
from exactsep.separation.cr import colour_refinement
from exactsep.separation.graphs import (_build_inputs, equality_types, graph_partition, ign_colour_counts,
                                        materialised_architecture, relaxed_patterns)


# ----------------------------------------------------------------------------- reference WL (tests only)
def _intern_rows(rows):
    table = {}
    return [table.setdefault(r, len(table)) for r in rows]


def wl1_partition(graphs):
    """1-WL (colour refinement on vertices), joint over graphs of one order, run to stability; classes of
    graphs with equal multisets of stable colours."""
    adj = [{v: sorted(g.neighbors(v)) for v in g.nodes} for g in graphs]
    col = [{v: 0 for v in g.nodes} for g in graphs]
    count = 1
    while True:
        sigs = []
        for a, c in zip(adj, col):
            sigs.append({v: (c[v], tuple(sorted(c[w] for w in a[v]))) for v in c})
        table = {}
        new = [{v: table.setdefault(s[v], len(table)) for v in s} for s in sigs]
        # canonical renaming: sort the signatures so ids do not depend on the traversal
        order = {s: i for i, s in enumerate(sorted(table))}
        inv = {i: s for s, i in table.items()}
        new = [{v: order[inv[c[v]]] for v in c} for c in new]
        if len(table) == count:
            break
        count, col = len(table), new
    keys = [tuple(sorted(c.values())) for c in col]
    return _classes(keys)


def fwl2_partition(graphs):
    """Folklore 2-WL: colours of vertex pairs, c'(u,v) = (c(u,v), multiset over w of (c(u,w), c(w,v))),
    joint over graphs of one order, run to stability; classes by the multiset of pair colours."""
    N = len(graphs)
    n = graphs[0].number_of_nodes()
    A = np.zeros((N, n, n), dtype=np.int64)
    for i, g in enumerate(graphs):
        idx = {v: k for k, v in enumerate(g.nodes)}
        for u, v in g.edges:
            A[i, idx[u], idx[v]] = A[i, idx[v], idx[u]] = 1
    eye = np.eye(n, dtype=np.int64)[None]
    init = A * 2 + eye
    _, C = np.unique(init.reshape(-1), return_inverse=True)
    C = C.reshape(N, n, n)
    count = len(np.unique(C))
    while True:
        K = int(C.max()) + 1
        pair = C[:, :, :, None] * K + np.transpose(C, (0, 2, 1))[:, None, :, :]   # [g,u,w,v]: (c(u,w), c(w,v))
        pair = np.sort(np.transpose(pair, (0, 1, 3, 2)), axis=-1)                   # [g,u,v,w] sorted over w
        rows = np.concatenate([C[..., None], pair], axis=-1).reshape(N * n * n, -1)
        _, new = np.unique(rows, axis=0, return_inverse=True)
        new = new.reshape(N, n, n)
        c2 = len(np.unique(new))
        C = new
        if c2 == count:
            break
        count = c2
    keys = [tuple(sorted(C[i].ravel().tolist())) for i in range(N)]
    return _classes(keys)


def _classes(keys):
    groups = {}
    for i, k in enumerate(keys):
        groups.setdefault(k, []).append(i)
    return tuple(sorted(tuple(g) for g in groups.values()))


# ----------------------------------------------------------------------------- families
def shrikhande():
    S = nx.Graph()
    for a in range(4):
        for b in range(4):
            for da, db in [(1, 0), (3, 0), (0, 1), (0, 3), (1, 1), (3, 3)]:
                S.add_edge((a, b), ((a + da) % 4, (b + db) % 4))
    return S


def rook44():
    return nx.cartesian_product(nx.complete_graph(4), nx.complete_graph(4))


def paley(q):
    squares = {(x * x) % q for x in range(1, q)}
    return nx.Graph([(a, b) for a in range(q) for b in range(q) if a != b and (a - b) % q in squares])


def cfi(base: nx.Graph, twisted: bool) -> nx.Graph:
    """The Cai-Fürer-Immerman graph of ``base``: per vertex v, 'middle' vertices for the even subsets of
    its incident edges and two 'end' vertices per incident edge; a middle vertex S is joined to end (e, 1)
    for e in S and (e, 0) otherwise; the ends of an edge are joined straight, or crossed on one edge if
    ``twisted``."""
    g = nx.Graph()
    edges = [tuple(sorted(e)) for e in base.edges]
    for v in base.nodes:
        inc = [e for e in edges if v in e]
        for r in range(0, len(inc) + 1, 2):
            for S in itertools.combinations(inc, r):
                for e in inc:
                    g.add_edge(("m", v, S), ("e", v, e, 1 if e in S else 0))
    for t, e in enumerate(edges):
        u, v = e
        for i in (0, 1):
            j = 1 - i if (twisted and t == 0) else i
            g.add_edge(("e", u, e, i), ("e", v, e, j))
    return nx.convert_node_labels_to_integers(g, ordering="sorted")


def by_order(graphs):
    out = {}
    for i, g in enumerate(graphs):
        out.setdefault(g.number_of_nodes(), []).append(i)
    return out


def partition_via(ref, graphs):
    classes = []
    for n, idx in by_order(graphs).items():
        for c in ref([graphs[i] for i in idx]):
            classes.append(tuple(idx[j] for j in c))
    return tuple(sorted(classes))


# ----------------------------------------------------------------------------- implicit == materialised
@functools.lru_cache(maxsize=None)
def _arch(n, k, d, c):
    return materialised_architecture(n, k, d, channels=c)


def _materialised(graphs, k, d, **kw):
    ins = _build_inputs(graphs, kw.get("node_labels"), kw.get("edge_labels"), kw.get("loops", False),
                        kw.get("directed", False))
    arch = _arch(ins[0].n, k, d, len(ins[0].channels))
    run = colour_refinement(arch, [g.flat_vector() for g in ins])
    return list(run.num_colours[:-1]), run.input_classes()


@st.composite
def graph_batches(draw, max_n=8):
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(1, 4))
    pairs = list(itertools.combinations(range(n), 2))
    gs = []
    for _ in range(m):
        g = nx.empty_graph(n)
        g.add_edges_from(p for p in pairs if draw(st.booleans()))
        gs.append(g)
    return gs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph_batches(), st.sampled_from([1, 2, 3]), st.integers(1, 4))
def test_implicit_refinement_equals_the_materialised_path(graphs, k, depth):
    n = graphs[0].number_of_nodes()
    if k == 3 and n > 7 and depth > 2:
        depth = 2                                  # keep the materialised side quick
    counts, classes = _materialised(graphs, k, depth)
    assert ign_colour_counts(graphs, k, depth) == counts        # the same partition at every layer
    assert graph_partition(graphs, k=k, depth=depth).classes == classes


@pytest.mark.parametrize("n,k,depth", [(7, 3, 3), (8, 3, 2), (8, 2, 4), (6, 3, 4)])
def test_implicit_equals_materialised_on_seeded_random_graphs(n, k, depth):
    rng = random.Random(n * 100 + k * 10 + depth)
    gs = [nx.gnp_random_graph(n, rng.choice([0.2, 0.4, 0.6]), seed=rng.randrange(10 ** 6)) for _ in range(5)]
    gs.append(nx.relabel_nodes(gs[0], dict(enumerate(rng.sample(range(n), n)))))   # an isomorphic copy
    counts, classes = _materialised(gs, k, depth)
    assert ign_colour_counts(gs, k, depth) == counts
    r = graph_partition(gs, k=k, depth=depth)
    assert r.classes == classes and r.same(0, len(gs) - 1)


def test_implicit_equals_materialised_with_labels_and_directed_edges():
    rng = random.Random(3)
    for trial in range(6):
        n = rng.randint(3, 6)
        gs = []
        for _ in range(3):
            g = nx.gnp_random_graph(n, 0.5, seed=rng.randrange(10 ** 6), directed=True)
            for v in g.nodes:
                g.nodes[v]["colour"] = rng.choice(["red", "blue"])
            for e in g.edges:
                g.edges[e]["kind"] = rng.choice([1, 2])
            gs.append(g)
        for k in (2, 3):
            kw = dict(node_labels="colour", edge_labels="kind", directed=True)
            counts, classes = _materialised(gs, k, 2, **kw)
            assert ign_colour_counts(gs, k, 2, **kw) == counts
            assert graph_partition(gs, k=k, depth=2, **kw).classes == classes


def test_depth_threshold_is_where_deeper_networks_stop_refining():
    rng = random.Random(5)
    gs = [nx.gnp_random_graph(7, 0.35, seed=rng.randrange(10 ** 6)) for _ in range(6)]
    r = graph_partition(gs, k=2)
    assert r.stable[7]
    for d in range(1, r.depth + 4):
        part = graph_partition(gs, k=2, depth=d).classes
        if d >= r.depth:
            assert part == r.classes
        else:
            assert part != r.classes


# ----------------------------------------------------------------------------- against Weisfeiler-Leman
def test_two_ign_equals_one_wl_on_all_graphs_up_to_seven_vertices():
    atlas = [g for g in nx.graph_atlas_g() if 1 <= g.number_of_nodes() <= 7]
    r = graph_partition(atlas, k=2)
    assert r.classes == partition_via(wl1_partition, atlas)
    assert r.num_classes < len(atlas)              # 1-WL does merge non-isomorphic graphs here


def test_three_ign_equals_two_fwl_on_all_graphs_up_to_six_vertices():
    atlas = [g for g in nx.graph_atlas_g() if 1 <= g.number_of_nodes() <= 6]
    r = graph_partition(atlas, k=3)
    assert r.classes == partition_via(fwl2_partition, atlas)


@pytest.mark.parametrize("family", ["regular", "srg", "cfi", "paley"])
def test_ign_against_wl_on_hard_families(family):
    if family == "regular":
        gs = [nx.random_regular_graph(3, 12, seed=s) for s in range(6)] + [nx.random_regular_graph(4, 10, seed=s) for s in range(4)]
    elif family == "srg":
        gs = [rook44(), shrikhande()]
    elif family == "cfi":
        gs = [cfi(nx.complete_graph(3), False), cfi(nx.complete_graph(3), True)]
    else:
        gs = [paley(9), paley(13), nx.random_regular_graph(4, 9, seed=1), nx.random_regular_graph(6, 13, seed=1)]
    r2 = graph_partition(gs, k=2)
    assert r2.classes == partition_via(wl1_partition, gs)
    r3 = graph_partition(gs, k=3)
    assert r3.classes == partition_via(fwl2_partition, gs)
    if family == "srg":
        assert r3.num_classes == 1                   # equal SRG parameters: 2-FWL (and 3-IGN) cannot separate
    if family == "cfi":
        assert nx.is_isomorphic(gs[0], gs[1]) is False


def test_cfi_pair_over_k4():
    gs = [cfi(nx.complete_graph(4), False), cfi(nx.complete_graph(4), True)]
    assert not nx.is_isomorphic(gs[0], gs[1])
    assert graph_partition(gs, k=3).classes == fwl2_partition(gs)
    assert graph_partition(gs, k=2).classes == ((0, 1),) == wl1_partition(gs)


# ----------------------------------------------------------------------------- small facts
def test_pattern_counts_and_types():
    # relaxed patterns of [n]^k x [n]^m: each y coordinate to one of k x coordinates or a free variable
    for k in range(1, 4):
        for m in range(1, 4):
            pats = relaxed_patterns(k, m)
            assert len(set(pats)) == len(pats)
            brute = set()
            for choice in itertools.product(range(k + m), repeat=m):
                # normalise free variables (values >= k) by first occurrence
                ren, out = {}, []
                for c in choice:
                    if c < k:
                        out.append(("x", c))
                    else:
                        out.append(("z", ren.setdefault(c, len(ren))))
                brute.add(tuple(out))
            assert set(pats) == brute
    t = equality_types(4, 3)
    tuples = list(itertools.product(range(4), repeat=3))
    for a in range(len(tuples)):
        for b in range(a + 1, len(tuples)):
            same = all((tuples[a][i] == tuples[a][j]) == (tuples[b][i] == tuples[b][j]) for i in range(3) for j in range(3))
            assert (t[a] == t[b]) == same


def test_graphs_of_different_orders_are_separated_and_isomorphic_graphs_are_not():
    rng = random.Random(11)
    g = nx.gnp_random_graph(9, 0.4, seed=2)
    perm = list(range(9))
    rng.shuffle(perm)
    h = nx.relabel_nodes(g, dict(enumerate(perm)))
    r = graph_partition([g, h, nx.path_graph(8), nx.empty_graph(0), nx.empty_graph(0)], k=3)
    assert r.same(0, 1) and not r.same(0, 2) and r.same(3, 4) and not r.same(2, 3)


def test_bad_inputs_raise_package_errors():
    with pytest.raises(InvalidInputError, match="self-loop"):
        graph_partition([nx.Graph([(0, 0)])])
    with pytest.raises(InvalidInputError, match="directed"):
        graph_partition([nx.DiGraph([(0, 1)])])
    with pytest.raises(InvalidInputError, match="symmetric"):
        graph_partition([[[0, 1], [0, 0]]])
    with pytest.raises(InvalidInputError, match="square"):
        graph_partition([[[0, 1], [0]]])
    with pytest.raises(InvalidSpecError, match="IGN order"):
        graph_partition([nx.path_graph(3)], k=0)
    with pytest.raises(InvalidSpecError, match="poly"):
        graph_partition([nx.path_graph(3)], activation="poly:2")
    with pytest.raises(ComputationLimitError, match="estimate"):
        graph_partition([nx.path_graph(200)], k=5)
    with pytest.raises(InvalidInputError):
        graph_partition([[[0, 0.5], [0.5, 0]]])       # floats are not exact numbers


# ----------------------------------------------------------------------------- CLI
def _g6(graphs, header=True):
    lines = [nx.to_graph6_bytes(g, header=False).decode().strip() for g in graphs]
    if header:
        lines[0] = ">>graph6<<" + lines[0]
    return "\n".join(lines) + "\n"


def test_cli_graph6_sparse6_and_json(tmp_path, capsys):
    gs = [nx.cycle_graph(6), nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3)), nx.path_graph(5)]
    f = tmp_path / "g.g6"
    f.write_text(_g6(gs))
    assert main(["graphs", str(f), "--ign", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["classes"] == [[0], [1], [2]] and out["orders"] == [6, 6, 5] and out["depth"] >= 1
    f2 = tmp_path / "g.s6"
    f2.write_text("".join(nx.to_sparse6_bytes(g, header=False).decode() for g in gs))
    assert main(["graphs", str(f2), "--ign", "2", "--depth", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["classes"] == [[0, 1], [2]] and out["depth"] == 2
    f3 = tmp_path / "g.json"
    f3.write_text(json.dumps([[list(e) for e in g.edges] for g in gs]))
    assert main(["graphs", str(f3), "--ign", "2", "--json", "--progress"]) == 0
    cap = capsys.readouterr()
    assert json.loads(cap.out)["classes"] == [[0, 1], [2]]
    assert "progress:" in cap.err


def test_cli_witness_small_and_large(tmp_path, capsys):
    f = tmp_path / "g.g6"
    f.write_text(_g6([nx.cycle_graph(6), nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))]))
    assert main(["graphs", str(f), "--ign", "3", "--witness", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    w = out["witnesses"][0]
    assert w["built"] and w["verified"] and w["output_a"] != w["output_b"]
    f.write_text(_g6([nx.cycle_graph(40), nx.disjoint_union(nx.cycle_graph(20), nx.complete_graph(20))]))
    assert main(["graphs", str(f), "--ign", "2", "--witness", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["witnesses"][0]["built"] is False and "no witness" in out["witnesses"][0]["reason"]


@pytest.mark.parametrize("content,needle", [
    ("", "empty"),
    ("not-a-graph6-line!\n", "line 1"),
    ('[[[0, 0]]]', "self-loop"),
    ('[[[0, 1], [0, 1]]]', "twice"),
    ('[[["a", 1]]]', "pair"),
    ('{"edges": []}', "non-empty list"),
    ("[[[0, 1]]", "JSON"),
])
def test_cli_bad_files_one_line_exit_2(tmp_path, capsys, content, needle):
    f = tmp_path / "bad.txt"
    f.write_text(content)
    assert main(["graphs", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and needle.lower() in err.lower()


def test_cli_refuses_oversized_k_with_an_estimate(tmp_path, capsys):
    f = tmp_path / "big.g6"
    f.write_text(_g6([nx.cycle_graph(150)]))
    assert main(["graphs", str(f), "--ign", "4"]) == 2
    err = capsys.readouterr().err
    assert "estimate" in err and "--memory-budget" in err
