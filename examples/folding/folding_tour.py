"""A tour of exact space folding: Ex. 2 of docs/theory/folding.md (exact vs sampled grids) and CantorNet (Ex. 3).

Run: python examples/folding/folding_tour.py        (expected output: examples/folding/README.md)
"""
from fractions import Fraction

from exactsep.folding import fold, layer_subsets, sampled_chi
from exactsep.nets import Network

ex2 = Network.from_layers([
    {"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
    {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"}])
r = fold(ex2, [0], [40])
print(f"Ex. 2: chi = {r.chi} (r1 = {r.r1}, r2 = {r.r2}), reverse = {r.chi_reverse}, pieces = {r.pieces}")
print("  breakpoints:", ", ".join(map(str, r.breakpoints)))
print("  layer subsets:", {S: str(v.chi) for S, v in layer_subsets(ex2, [0], [40]).items()})
for N in (1, 5, 10, 17, 20, 40, 80, 81):
    s = sampled_chi(ex2, [0], [40], n=N + 1)
    print(f"  grid N = {N:>3}: r1 = {s.r1}, r2 = {s.r2}, sampled chi = {s.chi}")


def cantornet(k):
    layers = []
    for _ in range(k):
        layers.append({"W": [[3, 0], [-3, 0], [0, 1]], "b": [-2, 1, 0], "activation": "relu"})
        layers.append({"W": [[1, 1, 0], [0, 0, 1]], "b": [0, 0], "activation": "relu"})
    layers.append({"W": [["-1/2", 1]], "b": ["-1/2"], "activation": "relu"})
    return Network.from_layers(layers)


for k in (1, 2, 3, 4):
    net = cantornet(k)
    x1, x2 = [0, Fraction(3, 4)], [1, Fraction(3, 4)]
    e = fold(net, x1, x2)
    s = sampled_chi(net, x1, x2, n=11)
    top = fold(net, x1, x2, layers=range(len(net.layers) - 1))
    print(f"CantorNet k = {k}: pieces = {e.pieces}, r1/r2 = {e.r1}/{e.r2}, chi = {e.chi}, "
          f"11-point chi = {s.chi}, top bit excluded = {top.chi}")
