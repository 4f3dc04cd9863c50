"""A repeated layer ("repeat": r) is one object; CR and ES stop computing once the repeated layer maps
its partition (CR) or its evaluation space (ES) to itself, and copy the result to the remaining copies.
Cross-check: the same architecture with the r layers written out as r separate layer objects (so no
shortcut applies) gives the same partition, the same per-layer colour counts / dimensions."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import ComputationLimitError
from exactsep.separation import Architecture
from exactsep.separation.architecture import MAX_DEPTH
from exactsep.separation.cr import colour_refinement
from exactsep.separation.es import es_partition

GROUPS = ["S3", "C4", "D4", "S4", "C5"]
GSETS = ["natural", {"power": 2}, {"subsets": 2}]


def _specs(group, gset, r, activation, inputs):
    base = {"group": group, "input": "natural", "activation": activation, "output": "invariant"}
    rep = dict(base, layers=[{"gset": "natural"}, {"gset": gset, "repeat": r}])
    explicit = dict(base, layers=[{"gset": "natural"}] + [{"gset": gset} for _ in range(r)])
    # json round trip: separate dict objects, so separate layer objects
    return Architecture.from_spec(json.loads(json.dumps(rep))), Architecture.from_spec(json.loads(json.dumps(explicit)))


@st.composite
def cases(draw):
    group = draw(st.sampled_from(GROUPS))
    n = int(group[1:])
    gset = draw(st.sampled_from(GSETS))
    r = draw(st.integers(1, 6))
    inputs = draw(st.lists(st.lists(st.integers(-2, 3), min_size=n, max_size=n), min_size=2, max_size=6))
    return group, gset, r, inputs


@settings(max_examples=25, deadline=None)
@given(cases())
def test_cr_repeat_equals_written_out_layers(case):
    group, gset, r, inputs = case
    A, B = _specs(group, gset, r, "relu", inputs)
    assert A.layers[1] is A.layers[-1] and (r == 1 or B.layers[1] is not B.layers[2])
    ra, rb = colour_refinement(A, inputs), colour_refinement(B, inputs)
    assert ra.num_colours == rb.num_colours
    for l in range(1, A.depth + 2):
        assert ra.input_classes(l) == rb.input_classes(l)


@settings(max_examples=15, deadline=None)
@given(cases())
def test_es_repeat_equals_written_out_layers(case):
    group, gset, r, inputs = case
    A, B = _specs(group, gset, min(r, 4), {"poly": 2}, inputs)
    ea, eb = es_partition(A, inputs), es_partition(B, inputs)
    assert ea == eb


def test_a_million_layers_run_and_a_deeper_repeat_is_refused():
    spec = {"group": "S3", "input": "natural", "layers": [{"gset": "natural", "repeat": 10 ** 6}],
            "activation": "relu", "output": "invariant"}
    A = Architecture.from_spec(spec)
    assert A.depth == 10 ** 6 and "repeated 1000000 times" in A.describe()
    assert A.to_json()["layers"][0]["repeat"] == 10 ** 6
    run = colour_refinement(A, [[1, 2, 3], [3, 2, 1], [1, 1, 2]])
    assert len(run.num_colours) == 10 ** 6 + 1
    spec["layers"][0]["repeat"] = MAX_DEPTH + 1
    with pytest.raises(ComputationLimitError, match="deeper than"):
        Architecture.from_spec(spec)
