"""Polynomial activations by degree (test vector E6 of docs/theory/separation.md): DeepSets on sets of 3 numbers.

Prints, for degrees d = 1..4 and depths L = 1..3, the exact partition (algorithm ES) next to the
non-polynomial one (algorithm CR). Run: python examples/separation/polynomial_by_degree.py
"""
from exactsep.groups import GSet, symmetric
from exactsep.separation import Architecture, partition

G = symmetric(3)
X = GSet.natural(G)
inputs = [(1, 5, 6), (2, 3, 7), (6, 1, 5), (0, 0, 3), (-1, 2, 2), (1, 2, 3)]


def show(classes):
    return " ".join("{" + ",".join(map(str, c)) + "}" for c in classes)


print("inputs:", inputs)
print(f"{'':10}" + "".join(f"{'L=' + str(L):28}" for L in (1, 2, 3)))
for d in (1, 2, 3, 4):
    row = [show(partition(Architecture(G, X, [X] * L, activation=f"poly:{d}"), inputs).classes) for L in (1, 2, 3)]
    print(f"{'poly:' + str(d):10}" + "".join(f"{r:28}" for r in row))
row = [show(partition(Architecture(G, X, [X] * L, activation="relu"), inputs).classes) for L in (1, 2, 3)]
print(f"{'relu':10}" + "".join(f"{r:28}" for r in row))
