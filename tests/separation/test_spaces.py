"""Layer spaces, bias partitions and architecture specs: equivariance checked exactly, clear errors."""
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.equivariant import bias_blocks, check_equivariant, layer_basis
from exactsep.errors import (InvalidGroupError, InvalidGSetError, InvalidSpecError, NonExactInputError,
                             NotEquivariantError, ShapeError)
from exactsep.groups import GSet, cyclic, dihedral, symmetric
from exactsep.linalg import nullspace
from exactsep.separation import Architecture, partition
from exactsep.strategies import gsets, small_named_groups


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_full_basis_is_equivariant_and_spans_the_commutant(data):
    """Orbital basis vs the kernel of the equivariance constraints (two independent methods)."""
    G = data.draw(small_named_groups(4))
    X = data.draw(gsets(G, max_size=6))
    Y = data.draw(gsets(G, max_size=6))
    B = layer_basis("full", Y, X)
    for i in range(B.size):
        check_equivariant(B.dense(i), Y, X)
    # constraints M[gy, gx] - M[y, x] = 0 on the |Y||X| unknowns
    rows = []
    for gy, gx in zip(Y.images, X.images):
        for y in range(Y.size):
            for x in range(X.size):
                r = [0] * (Y.size * X.size)
                r[gy[y] * X.size + gx[x]] += 1
                r[y * X.size + x] -= 1
                if any(r):
                    rows.append(r)
    dim = len(nullspace(rows, ncols=Y.size * X.size)) if rows else Y.size * X.size
    assert dim == B.size


def test_non_equivariant_explicit_basis_is_refused():
    G = symmetric(3)
    X = GSet.natural(G)
    with pytest.raises(NotEquivariantError, match="not G-equivariant"):
        Architecture(G, X, [(X, [[[1, 2, 0], [0, 1, 2], [2, 0, 1]]])])
    with pytest.raises(NotEquivariantError):
        Architecture.from_spec({"group": "S3", "input": "natural",
                                "layers": [{"gset": "natural", "space": {"basis": [[[1, 0, 0], [0, 0, 0], [0, 0, 0]]]}}]})


def test_explicit_orbital_basis_reproduces_full_and_signed_combinations_are_coarser():
    G = dihedral(4)
    X = GSet.natural(G)
    inputs = [[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0], [2, 0, 1, 1], [1, 1, 2, 0], [0, 2, 1, 1]]
    full = layer_basis("full", X, X)
    mats = [full.dense(i) for i in range(full.size)]
    a_full = Architecture(G, X, [X, X])
    a_expl = Architecture(G, X, [(X, mats), (X, mats)])
    assert partition(a_full, inputs).classes == partition(a_expl, inputs).classes
    # a single signed combination of orbitals: a smaller space, never finer
    combo = [[sum(c * m[y][x] for c, m in zip([1, -1, 2][:len(mats)], mats)) for x in range(4)] for y in range(4)]
    a_one = Architecture(G, X, [(X, [combo]), (X, [combo])])
    from exactsep.separation import is_refinement
    assert is_refinement(partition(a_full, inputs).classes, partition(a_one, inputs).classes)


def test_conv_applies_only_to_regular_cyclic_gsets():
    G = cyclic(5)
    X = GSet.natural(G)
    B = layer_basis("conv:3", X, X)
    assert B.size == 3
    for i in range(3):
        check_equivariant(B.dense(i), X, X)
    with pytest.raises(InvalidSpecError, match="cyclic"):
        S = symmetric(3)
        layer_basis("conv:2", GSet.regular(S), GSet.regular(S))
    with pytest.raises(InvalidSpecError, match="regular"):
        layer_basis("conv:2", GSet.trivial(G), X)
    with pytest.raises(InvalidSpecError, match="exceeds"):
        layer_basis("conv:6", X, X)
    # conv:n is the full space on a regular cyclic G-set
    assert layer_basis(f"conv:{5}", X, X).size == layer_basis("full", X, X).size


def test_pointnet_needs_the_same_gset():
    G = symmetric(3)
    with pytest.raises(InvalidSpecError, match="pointnet"):
        layer_basis("pointnet", GSet.trivial(G), GSet.natural(G))


def test_bias_partitions():
    G = symmetric(3)
    X = GSet.natural(G) + GSet.trivial(G)
    assert bias_blocks(X) == (0, 0, 0, 1)
    assert bias_blocks(X, [[0, 1, 2, 3]]) == (0, 0, 0, 0)
    with pytest.raises(NotEquivariantError, match="union of orbits"):
        bias_blocks(X, [[0], [1, 2, 3]])
    with pytest.raises(InvalidSpecError, match="cover"):
        bias_blocks(X, [[0, 1, 2]])
    with pytest.raises(InvalidSpecError, match="two bias blocks"):
        bias_blocks(X, [[0, 1, 2, 3], [3]])


def test_coarser_bias_can_lose_separation_but_never_gains():
    G = symmetric(3)
    X = GSet.natural(G)
    T = GSet.trivial(G)
    Y = X + T
    inputs = [[1, 2, 3], [0, 0, 6], [2, 2, 2], [1, 1, 1], [0, 0, 3]]
    p_complete = partition(Architecture(G, X, [Y]), inputs).classes
    p_shared = partition(Architecture(G, X, [(Y, "full", [[0, 1, 2, 3]])]), inputs).classes
    from exactsep.separation import is_refinement
    assert is_refinement(p_complete, p_shared)


@pytest.mark.parametrize("spec,err,msg", [
    ({"group": "Q8", "input": "natural"}, InvalidGroupError, "unknown group name"),
    ({"group": "S3", "input": {"images": [[1, 0, 2]]}}, InvalidGSetError, "one image list per group generator"),
    ({"group": "S3", "input": {"images": [[1, 0], [0, 1, 2]]}}, InvalidGSetError, "different lengths"),
    ({"group": "S3", "input": {"images": [[1, 0], [1, 0]]}}, InvalidGSetError, "do not define an action"),
    ({"group": "S3", "input": "natural", "layers": [{"gset": "natural", "space": "conv:2"}]}, InvalidSpecError, "cyclic"),
    ({"group": "S3", "input": "natural", "activation": "swoosh"}, InvalidSpecError, "unknown activation"),
    ({"group": "S3", "input": "natural", "activation": {"poly": 0}}, InvalidSpecError, "degree"),
    ({"group": "S3", "input": "natural", "output": "sideways"}, InvalidSpecError, "output"),
    ({"group": "S3", "input": "natural", "layerz": []}, InvalidSpecError, "unknown spec key"),
    ({"group": "S3", "input": "natural", "layers": [{"gset": {"power": 2}, "space": "magic"}]}, InvalidSpecError, "unknown layer space"),
    ({"group": {"generators": [[0, 0, 1]]}, "input": "natural"}, InvalidGroupError, "not a permutation"),
])
def test_bad_specs(spec, err, msg):
    with pytest.raises(err, match=msg):
        Architecture.from_spec(spec)


def test_inputs_are_checked():
    G = symmetric(3)
    arch = Architecture(G, GSet.natural(G), [GSet.natural(G)])
    with pytest.raises(NonExactInputError):
        partition(arch, [[1, 2, 0.5]])
    with pytest.raises(ShapeError, match="length"):
        partition(arch, [[1, 2]])


def test_channels_spec_and_layout():
    spec = {"group": "C3", "input": {"gset": "natural", "channels": 2},
            "layers": [{"gset": "natural", "space": "conv:2"}], "activation": "relu"}
    arch = Architecture.from_spec(spec)
    assert arch.input_size == 6 and arch.bases[0].size == 4
    # channel 0 = (1,2,3), channel 1 = (0,0,0) vs the channels swapped: different, rotation: same
    a = [1, 0, 2, 0, 3, 0]
    b = [0, 1, 0, 2, 0, 3]
    rot = [3, 0, 1, 0, 2, 0]
    assert partition(arch, [a, b, rot]).classes == ((0, 2), (1,))
