"""The hierarchy of transitive G-sets G/H by separation power, and compare() with certificates.

Run: python examples/separation/hierarchy_and_compare.py
"""
from exactsep.groups import GSet, PermGroup, symmetric
from exactsep.separation import Architecture, compare, transitive_hierarchy, hierarchy_to_dot

G = PermGroup([(1, 0, 2), (1, 2, 0)])       # S3 as in test vector E1
inputs = [(1, 2, 3), (3, 1, 2), (2, 1, 3), (0, 0, 6), (2, 2, 2), (0, 2, 4), (0, 0, 3), (-1, 2, 2)]
D = transitive_hierarchy(G, inputs)
for u, a in sorted(D.nodes(data=True)):
    print(f"G/H{u}: |H|={a['order']}, {len(a['classes'])} classes on the inputs, covers {sorted(D.successors(u))}")
print("edges observed:", sorted((u, v, a["observed"]) for u, v, a in D.edges(data=True)))
print("equal power (a preorder, not a partial order):", D.graph["equal_power"])

X = GSet.natural(G)
A3 = GSet.from_images(G, [(1, 0), (0, 1)])
c = compare(Architecture(G, X, [GSet.regular(G)]), Architecture(G, X, [A3]), inputs)
print("regular vs G/A3:", c.relation, "proven:", c.proven, "refuting pair for the converse:", c.refuting_pair_b_a)
c = compare(Architecture(G, X, [X]), Architecture(G, X, [A3]), inputs)
print("G/S2 vs G/A3:", c.relation, "proven:", c.proven, "(no G-map G/S2 -> G/A3, so the inclusion is only observed)")
S4 = transitive_hierarchy(symmetric(4))
print(f"S4: {S4.number_of_nodes()} classes of subgroups, {S4.number_of_edges()} covering edges; DOT starts:")
print(hierarchy_to_dot(S4).splitlines()[3])
