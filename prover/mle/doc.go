// Package mle holds multilinear extensions (MLEs) of tables over the
// BLS12-381 scalar field, in the LSB-first convention of PROTOCOL §2.3.
//
// Representation and invariants:
//   - A table f of length 2^n is the function on {0,1}^n with
//     f(x_0,…,x_{n−1}) = f[Σ_j x_j 2^j]: coordinate 0 is the LEAST significant
//     index bit. Its MLE is f(u) = Σ_x f[x]·eq(u,x).
//   - A table shorter than 2^n is zero-padded (PROTOCOL §2.4, P1); functions
//     taking a point treat missing entries as zero.
//   - Fold binds x_0 first: f'[i] = f[2i] + ρ·(f[2i+1] − f[2i]). Binding the
//     variables in the order of a sumcheck's challenges therefore yields f(ρ).
//     gnark's polynomial.MultiLin.Fold binds the MOST significant variable and
//     must not be used with these tables.
//   - Elements are gnark fr.Element values (Montgomery form inside); this
//     package never looks at limbs, except the integer folds
//     (PartialEvalHighInts, PartialEvalHighIntsByRows, PartialEvalLowInts):
//     they multiply a small integer offset to a word, v + 2^63 < 2^64, by
//     the words of eq·R, add the products as 384-bit integers (wideSum),
//     reduce once per output and subtract 2^63·Σ eq, which gives exactly
//     Σ v·eq (the words of eq·R read as an integer, times the word, times
//     R⁻¹, is eq times the word).
//
// Contents: EqTable/Eq/EqAt (eq(u,·)), EqTableVector(Into) (the same table
// through gnark's fr.Vector kernels), Evaluate, Fold/FoldInto,
// PartialEvalLow/High, PartialEvalHighInts and PartialEvalHighIntsByRows
// (the high fold of a small-integer table, never converted, split over the
// outputs or over the rows), PartialEvalLowInts (its low fold), LessThan
// (LTc of §7.11) and PrefixMask (§8.4), BroadcastLow/High (identity (b)),
// Pad and Log2Ceil.
//
// Bulk work is split over goroutines above a size threshold; hot loops do not
// allocate (functions with an Into suffix write into caller buffers).
package mle
