"""Learning the SRHM with a deep CNN or LCN (optional PyTorch experiment).

Trains the networks of the SRHM paper (docs/theory/srhm.md, "Sample complexity": ``L`` non-overlapping
layers of patch size ``s(s0+1)``, each followed by ReLU, a spatial mean and a linear readout scaled by
1/width; the CNN shares the weights of each layer across patches, the LCN does not) on exact SRHM data
drawn without replacement, and reports the test error against the training-set size ``P`` together
with the layer-2 level-1 sensitivities ``S_{2,1}`` (synonyms) and ``D_{2,1}`` (diffeomorphisms)
measured with :func:`exactsep.srhm.sampled_sensitivity`, next to the laws
``P*_CNN ~ (s0+1)^2 n_c m^L`` and ``P*_LCN ~ C0 (s0+1)^L n_c m^L`` (constants unknown).

    python examples/srhm/learn.py                       # CNN, L=2 s=2 v=m=n_c=4 s0=1: about a minute on 2 cores
    python examples/srhm/learn.py --arch lcn --P 512 2048 8192

PyTorch is not a dependency of exactsep, not even an optional extra: install it yourself
(``pip install torch``). Everything before the training (the grammar, the exact sample, the laws) is
exactsep's own and deterministic; see examples/srhm/README.md for what to expect from the training.
"""
from __future__ import annotations

import argparse
import os
import sys
import time


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def build_model(torch, arch: str, g, width: int):
    nn = torch.nn
    S, L, v = g.patch_size, g.L, g.v

    class LocallyConnected(nn.Module):
        """Non-overlapping patches of size S, one weight matrix per patch (no sharing)."""

        def __init__(self, cin, cout, n_patches):
            super().__init__()
            self.w = nn.Parameter(torch.randn(n_patches, cin * S, cout) / (cin * S) ** 0.5)
            self.b = nn.Parameter(torch.zeros(n_patches, cout))

        def forward(self, x):                          # x: (B, cin, n)
            B, C, n = x.shape
            p = x.reshape(B, C, n // S, S).permute(0, 2, 1, 3).reshape(B, n // S, C * S)
            return torch.einsum("bpi,pio->bop", p, self.w) + self.b.t()[None]

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            layers, cin, n = [], v, g.input_length
            for _ in range(L):
                n //= S
                layers.append(nn.Conv1d(cin, width, S, stride=S) if arch == "cnn" else LocallyConnected(cin, width, n))
                cin = width
            self.hidden = nn.ModuleList(layers)
            self.readout = nn.Linear(width, g.n_c)

        def forward(self, x, return_hidden=False):
            hs = []
            for layer in self.hidden:
                x = torch.relu(layer(x))
                hs.append(x)
            out = self.readout(x.mean(dim=2)) / width ** 0.5
            return (out, hs) if return_hidden else out

    return Net()


def setup(args):
    """The grammar and the deterministic header lines (exact, no PyTorch needed)."""
    from exactsep.srhm import random_grammar, srhm_cnn_sample_complexity, srhm_lcn_sample_complexity
    m, n_c = args.v ** (args.s - 1), args.v
    g = random_grammar(args.L, args.s, args.v, m, n_c, s0=args.s0, sparsity=args.sparsity, seed=args.seed)
    law_cnn = srhm_cnn_sample_complexity(args.L, m, n_c, args.s0)
    law_lcn = srhm_lcn_sample_complexity(args.L, args.s, m, n_c, args.s0)
    return g, [f"SRHM-{g.sparsity} L={g.L} s={g.s} v=m=n_c={args.v} s0={g.s0}: d={g.input_length}, "
               f"|X|={g.total_inputs}; {args.arch.upper()} width {args.width}",
               f"laws without constants: CNN (s0+1)^2 n_c m^L = {law_cnn.value}, LCN (s0+1)^L n_c m^L = "
               f"{law_lcn.value} (times C0 ~ s^(L/2))"]


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="Train a CNN/LCN on SRHM data; test error and sensitivities vs P.")
    ap.add_argument("--arch", choices=["cnn", "lcn"], default="cnn")
    ap.add_argument("--L", type=int, default=2)
    ap.add_argument("--s", type=int, default=2)
    ap.add_argument("--v", type=int, default=4, help="vocabulary size; m = v^(s-1) and n_c = v (maximal case)")
    ap.add_argument("--s0", type=int, default=1)
    ap.add_argument("--sparsity", default="A")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--P", type=int, nargs="+", default=[128, 512, 2048, 6000])
    ap.add_argument("--test", type=int, default=2000)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--steps", type=int, default=1500, help="Adam steps per training-set size (minibatch 128)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest for these tiny nets)")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--save-json", metavar="FILE", help="also write the results (and the versions used) as JSON "
                                                         "(examples/srhm/learn_measured.json was made this way)")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)

    try:
        import torch
    except ImportError:
        print("This example needs PyTorch, which is not a dependency of exactsep: pip install torch", file=sys.stderr)
        return 1
    from exactsep.srhm import sample, sampled_sensitivity

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    g, lines = setup(args)
    n_c = args.v
    Pmax = max(args.P)
    if Pmax + args.test > g.total_inputs:
        print(f"the support has only {g.total_inputs} inputs; lower --P/--test", file=sys.stderr)
        return 2
    # one draw without replacement: test set = the last `test` inputs, disjoint from every training set
    ds = sample(g, Pmax + args.test, seed=args.seed)
    x_all = torch.tensor(ds.one_hot(), dtype=torch.float32)
    y_all = torch.tensor(ds.labels)
    x_te, y_te = x_all[Pmax:], y_all[Pmax:]
    print("\n".join(lines))
    print(f"{'P':>7} {'test err':>9} {'S_2,1':>7} {'D_2,1':>7} {'time':>6}")
    rows = []
    for P in sorted(args.P):
        t0 = time.time()
        model = build_model(torch, args.arch, g, args.width)
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        x_tr, y_tr = x_all[:P], y_all[:P]
        bs = min(128, P)
        perm, a = torch.randperm(P), 0
        for _ in range(args.steps):
            if a + bs > P:
                perm, a = torch.randperm(P), 0
            idx = perm[a:a + bs]
            a += bs
            loss = torch.nn.functional.cross_entropy(model(x_tr[idx]) * args.width ** 0.5, y_tr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            err = (model(x_te).argmax(1) != y_te).float().mean().item()

        def rep(x):
            with torch.no_grad():
                _, hs = model(torch.tensor(x, dtype=torch.float32), return_hidden=True)
            return [h.numpy() for h in hs]
        k = min(2, g.L) - 1
        S = sampled_sensitivity(rep, g, "synonym", 1, n_per_class=100, seed=1).values[k]
        D = sampled_sensitivity(rep, g, "diffeo", 1, n_per_class=100, seed=1).values[k]
        seconds = time.time() - t0
        print(f"{P:>7} {err:>9.3f} {S:>7.3f} {D:>7.3f} {seconds:>5.1f}s")
        rows.append({"P": P, "test_error": round(err, 3), "S_2_1": round(float(S), 3), "D_2_1": round(float(D), 3),
                     "seconds": round(seconds, 1)})
    print(f"chance error = {1 - 1 / n_c:.3f}; S, D are for hidden layer {k + 1} under level-1 transformations")
    if args.save_json:
        import json
        import platform
        import numpy
        from exactsep import __version__
        from exactsep.srhm import srhm_cnn_sample_complexity
        m = args.v ** (args.s - 1)
        out = {"title": lines[0], "header": lines, "arguments": {k: v for k, v in vars(args).items() if k != "save_json"},
               "rows": rows, "chance_error": round(1 - 1 / n_c, 3), "layer": k + 1,
               "law_cnn": srhm_cnn_sample_complexity(args.L, m, n_c, args.s0).value,
               "versions": {"python": platform.python_version(), "torch": torch.__version__,
                            "numpy": numpy.__version__, "exactsep": __version__}}
        with open(args.save_json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
