"""A tour of exactsep.relu on the test vectors of docs/theory/fundim.md: functional dimension, fibers, certificates.

Run: python examples/relu/fibers_tour.py   (expected output: examples/relu/fibers_tour.out)
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from exactsep.nets import Network
from exactsep.relu import (classify_fiber_point, functional_dimension, hidden_directions, same_function,
                           verify_certificate)

t3 = Network.from_flat([1, 2, 1], [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"])      # f(x) = x
fd = functional_dimension(t3)
print("T3: dim_fun =", fd.value, "U =", fd.upper_bound, "certified:", fd.certified, "regions:", fd.regions)
H = hidden_directions(t3)
print("T3: first-order hidden directions:", [list(v) for v in H.hidden])
print("T3: classification:", classify_fiber_point(t3).classification)
swapped = [-3, 2, "3/2", -1, "-1/3", "1/2", "1/2"]
print("T3 and its swap realise the same function:",
      same_function(t3, Network.from_flat([1, 2, 1], swapped)).equal)
v = verify_certificate({"kind": "disconnected_fiber", "widths": [1, 2, 1],
                        "theta_a": [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"], "theta_b": swapped})
print("disconnected fiber certificate:", v.valid, "-", v.proves)
cert = {"kind": "non_constant_dimension_on_fiber", "widths": [1, 2, 1],
        "theta_a": [2, -2, 0, 5, "1/2", 0, 0], "theta_b": [2, 0, 0, -3, "1/2", 5, 0],
        "path": [{"kind": "silent_incoming", "theta": [2, 0, 0, -3, "1/2", 0, 0]},
                 {"kind": "output_layer", "theta": [2, 0, 0, -3, "1/2", 5, 0]}]}
v = verify_certificate(cert)
print("T2 A -> B' certificate:", v.valid, "-", v.proves)
print(json.dumps(functional_dimension(Network.from_flat([1, 1, 1, 1], [1, 0, -1, 1, -1, 1])).to_json()["certified"]))
