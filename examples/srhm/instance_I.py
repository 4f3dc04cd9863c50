"""Instance I of docs/theory/srhm.md ("Worked instances"), reproduced exactly: the hand-made grammar (L=2, s=2, v=3, m=2, n_c=2),
its RHM classes, the sparsity-A table rows, one SRHM input and two moves, exact input-level
sensitivities, and what cyclic CNNs can separate.

    python examples/srhm/instance_I.py

Expected output (checked by tests/srhm/test_srhm_examples.py):

RHM class 0: 0000 0022 0111 0120 1211 1220 2200 2222
RHM class 1: 0101 0112 1101 1112 1201 1212 2001 2012
s0=0: d=4 A=1 |X_a|=8 |X|=16 fibre=1 tau-orbit(h=1)=1 tau-orbit(root)=1
s0=1: d=16 A=4 |X_a|=512 |X|=1024 fibre=64 tau-orbit(h=1)=16 tau-orbit(root)=4
s0=2: d=36 A=9 |X_a|=5832 |X|=11664 fibre=729 tau-orbit(h=1)=81 tau-orbit(root)=9
0_1_____2_0_____ class 0
____0_1_2_0_____ class 0
_01_____2_0_____ class 0
s0=1 exact D_0,1 = 64/117, S_0,1 = 64/117, S_0,2 = 76/117
cyclic CNNs, s0=0: no depth/filter separates (0120 and 2001 are rotations, classes 0 and 1)
cyclic CNNs, s0=1: no depth/filter separates (0_1_________2__0 and ____2__00_1_____ are rotations, classes 0 and 1)
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from exactsep.numbers import fraction_str                                     # noqa: E402
from exactsep.srhm import (enumerate_dataset, exact_input_sensitivity, grammar_from_rules, labels,  # noqa: E402
                           orbit_size, smallest_separating_cyclic_cnn)

RULES = [[["01", "22"], ["10", "00"]],                 # class 0 -> {01, 22}; class 1 -> {10, 00}
         [["01", "12"], ["20", "11"], ["00", "22"]]]   # 0 -> {01, 12}; 1 -> {20, 11}; 2 -> {00, 22}


def main() -> None:
    g = grammar_from_rules(RULES, v=3)
    ds = enumerate_dataset(g)
    for c in range(g.n_c):
        print(f"RHM class {c}: " + " ".join(sorted(g.format_input(x) for x, y in zip(ds.inputs, ds.labels) if y == c)))
    for s0 in (0, 1, 2):
        h = g.with_sparsity(s0, "A")
        print(f"s0={s0}: d={h.input_length} A={h.placements_per_node} |X_a|={h.inputs_per_class} |X|={h.total_inputs} "
              f"fibre={orbit_size(h, rules=False)} tau-orbit(h=1)={orbit_size(h, [1], rules=False)} "
              f"tau-orbit(root)={orbit_size(h, [2], rules=False)}")
    h = g.with_sparsity(1, "A")
    for text in ("0_1_____2_0_____", "____0_1_2_0_____", "_01_____2_0_____"):
        print(f"{text} class {int(labels(h, h.read_input(text))[0])}")
    print(f"s0=1 exact D_0,1 = {fraction_str(exact_input_sensitivity(h, 'diffeo', 1))}, "
          f"S_0,1 = {fraction_str(exact_input_sensitivity(h, 'synonym', 1))}, "
          f"S_0,2 = {fraction_str(exact_input_sensitivity(h, 'synonym', 2))}")
    for s0 in (0, 1):
        r = smallest_separating_cyclic_cnn(g.with_sparsity(s0, "A"))
        if r.separable:
            print(f"cyclic CNNs, s0={s0}: separate iff depth*(k-1)+1 >= {r.min_window}")
        else:
            a, b = r.witness
            ya, yb = labels(g.with_sparsity(s0), [g.with_sparsity(s0).read_input(t) for t in (a, b)])
            print(f"cyclic CNNs, s0={s0}: no depth/filter separates ({a} and {b} are rotations, classes {ya} and {yb})")


if __name__ == "__main__":
    main()
