package pedersen

import (
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// ErrRows is returned for an invalid row range, row length or blinding count.
var ErrRows = errors.New("pedersen: invalid Hyrax row request")

// checkRows validates a request for rows [from,to) of length c over a vector
// of length n with len(blind) = to−from.
func (gs *Generators) checkRows(n, c, from, to, nBlind int) error {
	switch {
	case c <= 0 || c&(c-1) != 0:
		return fmt.Errorf("%w: row length %d is not a power of two", ErrRows, c)
	case c > len(gs.g):
		return fmt.Errorf("%w: row length %d > %d generators", ErrRows, c, len(gs.g))
	case from < 0 || to < from || (to-from) != nBlind:
		return fmt.Errorf("%w: rows [%d,%d) with %d blindings", ErrRows, from, to, nBlind)
	}
	return nil
}

// rowParallelMax is the longest row that CommitRows and CommitRowsSmall
// commit row-parallel: rows spread over the cores, each MSM on one core
// (NbTasks 1). A short row's MSM has too little work per window task (and
// a serial bucket reduction) to keep many cores busy, so one all-core MSM
// per row leaves cores idle; longer rows keep gnark's all-core MSM. Either
// way each row is the same group element.
var rowParallelMax = 1 << 14 // a variable only so tests can force either path

// msmSingle runs a MultiExp on the calling goroutine's core only.
var msmSingle = ecc.MultiExpConfig{NbTasks: 1}

// rowWorkers is how many goroutines commit rows of length c (1: rows in
// order, each with an all-core MSM).
func rowWorkers(c, rows int) int {
	if c > rowParallelMax {
		return 1
	}
	return max(1, min(rows, runtime.GOMAXPROCS(0)))
}

// eachRow calls commit(k, worker, cfg) for every k in [from,to): with one
// worker in order and cfg = all cores, else on workers goroutines that take
// rows one at a time (rows differ in cost: zero rows are free) with cfg =
// one core. worker < workers indexes per-goroutine scratch.
func eachRow(from, to, workers int, commit func(k, worker int, cfg ecc.MultiExpConfig)) {
	if workers <= 1 {
		for k := from; k < to; k++ {
			commit(k, 0, msmConfig)
		}
		return
	}
	var next atomic.Int64
	next.Store(int64(from))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= to {
					return
				}
				commit(k, w, msmSingle)
			}
		}()
	}
	wg.Wait()
}

// CommitRows commits rows [from,to) of v seen as rows of length c:
// C_k = Σ_i v[kc+i]·g_i + blind[k−from]·H. Entries past len(v) are zero. A
// row that is all zero with zero blinding is the identity (how structural
// padding rows come out: the caller passes ρ_k = 0 for them). Short rows
// (≤ 2^14) are committed row-parallel.
func (gs *Generators) CommitRows(v []fr.Element, c, from, to int, blind []fr.Element) ([]bls12381.G1Affine, error) {
	if err := gs.checkRows(len(v), c, from, to, len(blind)); err != nil {
		return nil, err
	}
	out := make([]bls12381.G1Jac, to-from)
	eachRow(from, to, rowWorkers(c, to-from), func(k, _ int, cfg ecc.MultiExpConfig) {
		lo, hi := min(k*c, len(v)), min((k+1)*c, len(v))
		out[k-from] = msmWith(gs.g[:hi-lo], v[lo:hi], cfg)
		gs.addBlinding(&out[k-from], &blind[k-from])
	})
	return bls12381.BatchJacobianToAffineG1(out), nil
}

// Small is a signed integer type committed by the small-scalar trick.
type Small interface {
	~int8 | ~int16 | ~int32 | ~int64
}

// negated returns −g_i for i < c (computed once per call, cheap next to
// the MSMs).
func (gs *Generators) negated(c int) []bls12381.G1Affine {
	neg := make([]bls12381.G1Affine, c)
	field.ParallelMin(c, 256, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			neg[i].Neg(&gs.g[i])
		}
	})
	return neg
}

// smallRows is what every row of one CommitRowsSmall call shares.
type smallRows struct {
	g, neg []bls12381.G1Affine // g_i and −g_i, i < c
	h      *bls12381.G1Affine
}

// rowScratch is one worker's MSM input: bases and scalars for a row and
// the blinding limbs.
type rowScratch struct {
	bases   []bls12381.G1Affine
	scalars []fr.Element
}

// CommitRowsSmall is CommitRows for small signed integers (§4.3): where
// w_i < 0 it uses −g_i with |w_i|, so every MSM scalar is below 2^bits
// (bits = the width of T) and the MSM runs at small-scalar speed; the points
// equal CommitRows on w mod r. The blinding ρ_k·H joins the same MSM as
// limbs: Σ_j ρ_{k,j}·(2^{b·j}·H) with b-wide digits ρ_{k,j}, b the
// smallest of 8, 16, 32, 64 that holds the row's largest |w_i| (so the
// limbs add no MSM window the row does not already use), ⌈255/b⌉
// small-scalar points instead of a full scalar multiplication per row. A
// row of zeros with zero blinding is the identity without an MSM. Short
// rows (≤ 2^14) are committed row-parallel.
func CommitRowsSmall[T Small](gs *Generators, w []T, c, from, to int, blind []fr.Element) ([]bls12381.G1Affine, error) {
	if err := gs.checkRows(len(w), c, from, to, len(blind)); err != nil {
		return nil, err
	}
	sh := smallRows{g: gs.g[:c], neg: gs.negated(c), h: &gs.H}
	maxLimbs := (fr.Bits + 7) / 8
	workers := rowWorkers(c, to-from)
	scratch := make([]rowScratch, workers)
	for i := range scratch {
		scratch[i] = rowScratch{
			bases:   make([]bls12381.G1Affine, c+maxLimbs),
			scalars: make([]fr.Element, c+maxLimbs),
		}
	}
	out := make([]bls12381.G1Jac, to-from)
	eachRow(from, to, workers, func(k, worker int, cfg ecc.MultiExpConfig) {
		lo, hi := min(k*c, len(w)), min((k+1)*c, len(w))
		out[k-from] = commitSmallRow(&sh, &scratch[worker], w[lo:hi], &blind[k-from], cfg, workers == 1)
	})
	return bls12381.BatchJacobianToAffineG1(out), nil
}

// commitSmallRow commits one row (len(row) ≤ c) with blinding rho; parallel
// says whether the scalar conversion may use every core (it runs on the
// caller's goroutine otherwise).
func commitSmallRow[T Small](sh *smallRows, s *rowScratch, row []T, rho *fr.Element, cfg ecc.MultiExpConfig, parallel bool) bls12381.G1Jac {
	n := len(row)
	var or atomic.Uint64 // the OR of every |w_i|
	fill := func(a, b int) {
		or.Or(loadSmall(s.bases[a:b], s.scalars[a:b], row[a:b], sh.g[a:b], sh.neg[a:b]))
	}
	if parallel {
		field.Parallel(n, fill)
	} else {
		fill(0, n)
	}
	m := n
	if !rho.IsZero() {
		bits := 8
		for bits < 64 && or.Load()>>bits != 0 {
			bits *= 2
		}
		m += setLimbs(s.bases[n:], s.scalars[n:], limbBases(sh.h, bits), rho, bits)
	} else if or.Load() == 0 {
		return bls12381.G1Jac{} // identity (Z = 0)
	}
	return msmWith(s.bases[:m], s.scalars[:m], cfg)
}

// loadSmall writes the MSM inputs of row: base ±g_i and scalar |w_i|. It
// returns the OR of the |w_i| (zero for a zero row; its bit length bounds
// every scalar).
func loadSmall[T Small](bases []bls12381.G1Affine, scalars []fr.Element, row []T, g, neg []bls12381.G1Affine) uint64 {
	table := smallTable()
	var or uint64
	for i, x := range row {
		// |x| as uint64: −x in two's complement is right even for the
		// most negative value (2^63 for int64).
		u := uint64(int64(x))
		if x < 0 {
			bases[i] = neg[i]
			u = -u
		} else {
			bases[i] = g[i]
		}
		if u < uint64(len(table)) {
			scalars[i] = table[u] // avoids a Montgomery multiplication
		} else {
			scalars[i].SetUint64(u)
		}
		or |= u
	}
	return or
}

// limbCache memoizes limbBases per (H, bits): H is the same point for every
// generator set, so this holds four small tables.
var limbCache struct {
	sync.Mutex
	m map[limbKey][]bls12381.G1Affine
}

type limbKey struct {
	h    bls12381.G1Affine
	bits int
}

// limbBases returns 2^{bits·j}·H for j < ⌈255/bits⌉ (shared, read-only).
func limbBases(h *bls12381.G1Affine, bits int) []bls12381.G1Affine {
	limbCache.Lock()
	defer limbCache.Unlock()
	key := limbKey{*h, bits}
	if t, ok := limbCache.m[key]; ok {
		return t
	}
	if limbCache.m == nil {
		limbCache.m = map[limbKey][]bls12381.G1Affine{}
	}
	t := computeLimbBases(h, bits)
	limbCache.m[key] = t
	return t
}

func computeLimbBases(h *bls12381.G1Affine, bits int) []bls12381.G1Affine {
	n := (fr.Bits + bits - 1) / bits
	jac := make([]bls12381.G1Jac, n)
	jac[0].FromAffine(h)
	for j := 1; j < n; j++ {
		jac[j] = jac[j-1]
		for range bits {
			jac[j].DoubleAssign()
		}
	}
	return bls12381.BatchJacobianToAffineG1(jac)
}

// setLimbs writes ρ's bits-wide digits (least significant first) and their
// bases; it returns how many it wrote.
func setLimbs(bases []bls12381.G1Affine, scalars []fr.Element, hPow []bls12381.G1Affine, rho *fr.Element, bits int) int {
	var r big.Int
	rho.BigInt(&r)
	mask := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	mask.Sub(mask, big.NewInt(1))
	var d big.Int
	for j := range hPow {
		d.Rsh(&r, uint(bits*j)).And(&d, mask)
		bases[j] = hPow[j]
		scalars[j].SetBigInt(&d)
	}
	return len(hPow)
}

var smallTableOnce struct {
	sync.Once
	t []fr.Element
}

// smallTable holds the field elements 0…2^16 (2 MB), so small values
// convert by lookup.
func smallTable() []fr.Element {
	smallTableOnce.Do(func() {
		t := make([]fr.Element, 1<<16+1)
		field.Parallel(len(t), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				t[i].SetUint64(uint64(i))
			}
		})
		smallTableOnce.t = t
	})
	return smallTableOnce.t
}

// SmallToField converts small signed integers to field elements (z mod r).
func SmallToField[T Small](w []T) []fr.Element {
	out := make([]fr.Element, len(w))
	SmallToFieldInto(out, w)
	return out
}

// SmallToFieldInto writes w_i mod r into dst[i] (len(dst) ≥ len(w)), in
// parallel; values below 2^16 in magnitude convert by table lookup.
func SmallToFieldInto[T Small](dst []fr.Element, w []T) {
	smallTable() // built once, before the workers share it
	field.Parallel(len(w), func(lo, hi int) { SmallToFieldSeq(dst[lo:hi], w[lo:hi]) })
}

// SmallToFieldSeq is SmallToFieldInto on the calling goroutine, for
// callers that convert short blocks inside their own workers.
func SmallToFieldSeq[T Small](dst []fr.Element, w []T) {
	table := smallTable()
	for i := range w {
		x := int64(w[i])
		u := uint64(x)
		if x < 0 {
			u = -u
		}
		if u < uint64(len(table)) {
			dst[i] = table[u]
		} else {
			dst[i].SetUint64(u)
		}
		if x < 0 {
			dst[i].Neg(&dst[i])
		}
	}
}
