#!/usr/bin/env python3
"""Independent reference for the cleartext sumcheck rounds (PROTOCOL §5.1).

Written from the protocol text only (integers mod r, no code shared with the
Go package): tables are LSB-first (index x = sum x_j 2^j), round j binds x_j
to the challenge, p_j(X) = sum over x_{>j} of F(rho_<j, X, x_>j), and its
coefficients c_0..c_d are listed lowest degree first. Output: vectors.json.
Run: python3 gen_vectors.py > vectors.json
"""
import json

R = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001


def fold(t, rho):
    return [(t[2 * i] + rho * (t[2 * i + 1] - t[2 * i])) % R for i in range(len(t) // 2)]


def F(terms, vals):
    s = 0
    for coeff, factors in terms:
        p = coeff
        for k in factors:
            p = p * vals[k] % R
        s = (s + p) % R
    return s


def round_poly(tables, terms, d):
    """Evaluations of p_j at X = 0..d, then coefficients by solving the
    Vandermonde system with exact rational arithmetic mod R."""
    half = len(tables[0]) // 2
    evals = []
    for X in range(d + 1):
        s = 0
        for i in range(half):
            vals = [(t[2 * i] + X * (t[2 * i + 1] - t[2 * i])) % R for t in tables]
            s = (s + F(terms, vals)) % R
        evals.append(s)
    # Gaussian elimination mod R on V c = evals, V[X][i] = X^i.
    n = d + 1
    m = [[pow(X, i, R) for i in range(n)] + [evals[X]] for X in range(n)]
    for col in range(n):
        piv = next(r for r in range(col, n) if m[r][col] % R)
        m[col], m[piv] = m[piv], m[col]
        inv = pow(m[col][col], R - 2, R)
        m[col] = [v * inv % R for v in m[col]]
        for r in range(n):
            if r != col and m[r][col]:
                f = m[r][col]
                m[r] = [(a - f * b) % R for a, b in zip(m[r], m[col])]
    return [m[i][n] for i in range(n)]


def vector(desc, n, d, terms, tables, rhos):
    claim = 0
    for x in range(1 << n):
        claim = (claim + F(terms, [t[x] for t in tables])) % R
    cur = [list(t) for t in tables]
    rounds = []
    for j in range(n):
        rounds.append(round_poly(cur, terms, d))
        cur = [fold(t, rhos[j]) for t in cur]
    finals = [t[0] for t in cur]
    return {
        "description": desc,
        "num_vars": n,
        "degree": d,
        "terms": [{"coeff": str(c), "factors": f} for c, f in terms],
        "tables": [[str(v) for v in t] for t in tables],
        "challenges": [str(r) for r in rhos],
        "claim": str(claim),
        "rounds": [[str(c) for c in rp] for rp in rounds],
        "finals": [str(v) for v in finals],
    }


vs = [
    vector("inner product of [1..8] and [8..1]: sum 120; small challenges 2, 3, 5",
           3, 2, [(1, [0, 1])], [list(range(1, 9)), list(range(8, 0, -1))], [2, 3, 5]),
    vector("F = f with f[x] = x over 2 variables (LSB-first: pairs (0,1),(2,3)): p_0(X) = 2 + 2X; fold by 7 gives [7, 9], p_1(X) = 7 + 2X",
           2, 1, [(1, [0])], [[0, 1, 2, 3]], [7, 11]),
    vector("degree 3: 2*a*b*c + 5*c over 3 variables, challenges r-1, 1/2 style large values",
           3, 3, [(2, [0, 1, 2]), (5, [2])],
           [[3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8], [R - 1, 0, 1, 2, R - 2, 5, 5, 9]],
           [R - 1, (R + 1) // 2, 123456789]),
    vector("square: a*a over 2 variables (repeated factor)", 2, 2, [(1, [0, 0])], [[1, 2, 3, 4]], [10, 20]),
]
print(json.dumps({"source": "gen_vectors.py (independent Python reference, integers mod r)", "vectors": vs}, indent=1))
