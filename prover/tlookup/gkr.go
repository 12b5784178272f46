package tlookup

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// ErrReject is returned when a LogUp proof does not verify.
var ErrReject = errors.New("tlookup: verification failed")

// Point is a commitment as both sides hold it.
type Point = sumcheck.Point

// Root message layout: ⟦p_1(0)⟧, ⟦p_1(1)⟧, ⟦q_1(0)⟧, ⟦q_1(1)⟧, then the two
// product commitments ⟦p_1(0)·q_1(1)⟧ and ⟦p_1(1)·q_1(0)⟧.
const (
	rootP0 = iota
	rootP1
	rootQ0
	rootQ1
	rootZ0
	rootZ1
	rootLen
)

// Proof is one LogUp-GKR proof (PROTOCOL §6.4), in transcript order.
type Proof struct {
	Root         [rootLen]Point
	RootProducts [2]*ipa.ProductProof
	Layers       []*sumcheck.Proof // layer k = 1 … n−1, form layerForm(k)
	Leaves       []Point           // leaf column claims, Layout column order
}

// Layer factors: eq(r,·) (public), p_{k+1}(·,0), q_{k+1}(·,1), q_{k+1}(·,0)
// and h = p_{k+1}(·,1) + λ·q_{k+1}(·,1). The sum
// Σ_x eq(r,x)·[p0·q1 + q0·h] equals p_k(r) + λ·q_k(r), and its final value
// needs exactly two products (a_0·b_1 and b_0·h), as in §6.4 with
// a_1 = h − λ·b_1 derived by commitment algebra.
const (
	facEq = iota
	facP0
	facQ1
	facQ0
	facH
	numFactors
)

// Committed final values, in factor order (sumcheck.Result.Openings).
const (
	finA0 = iota // p_{k+1}(ρ',0)
	finB1        // q_{k+1}(ρ',1)
	finB0        // q_{k+1}(ρ',0)
	finH         // h(ρ')
)

// layerForm returns the public shape of the layer-k sumcheck.
func layerForm(k int) *sumcheck.Form {
	one := fr.One()
	return &sumcheck.Form{
		NumVars: k,
		Degree:  3,
		Public:  []bool{true, false, false, false, false},
		Terms: []sumcheck.Term{
			{Coeff: one, Factors: []int{facEq, facP0, facQ1}},
			{Coeff: one, Factors: []int{facEq, facQ0, facH}},
		},
	}
}

// ColumnKind says which witness column a leaf claim is on.
type ColumnKind uint8

const (
	ColumnIn   ColumnKind = iota + 1 // a lookup's input column
	ColumnOut                        // a lookup's output column
	ColumnMult                       // a table's multiplicity vector
)

// LeafClaim is one claim col(Point) = y left by the tree's leaves. Index is
// the lookup (In/Out) or the table (Mult) it belongs to. The caller routes
// it: to the claim pool for committed columns, or to a virtual column's
// producer. It MUST be settled, or the lookup proves nothing.
type LeafClaim struct {
	Kind       ColumnKind
	Index      int
	Point      []fr.Element
	Commitment Point
	Opening    sumcheck.Scalar // prover side only
}

// Claims lists the leaf claims in Layout column order.
type Claims struct {
	Columns []LeafClaim
	layout  *Layout
}

// In returns the claim on lookup i's input column.
func (c *Claims) In(i int) *LeafClaim { return &c.Columns[c.layout.columnIndex(i)] }

// Out returns the claim on lookup i's output column (nil for range tables).
func (c *Claims) Out(i int) *LeafClaim {
	if !c.layout.spec.Lookups[i].HasOut() {
		return nil
	}
	return &c.Columns[c.layout.columnIndex(i)+1]
}

// Route hands every leaf claim to add with the advice tensor it is on:
// Lookup.Name for inputs, Lookup.OutName for outputs, MultName(table) for
// multiplicities (the usual sink is pool.Prover.Add / pool.Verifier.Add).
func (c *Claims) Route(add func(tensor string, claim *LeafClaim) error) error {
	for i := range c.Columns {
		cl := &c.Columns[i]
		var name string
		switch cl.Kind {
		case ColumnIn:
			name = c.layout.spec.Lookups[cl.Index].Name
		case ColumnOut:
			name = c.layout.spec.Lookups[cl.Index].OutName
		case ColumnMult:
			name = MultName(c.layout.Tables[cl.Index])
		}
		if name == "" {
			return fmt.Errorf("%w: leaf claim %d has no tensor name", ErrSpec, i)
		}
		if err := add(name, cl); err != nil {
			return err
		}
	}
	return nil
}

// Mult returns the claim on table ti's multiplicity vector.
func (c *Claims) Mult(ti int) *LeafClaim { return &c.Columns[c.layout.multIndex(ti)] }

func (l *Layout) newClaims(points [][]fr.Element) *Claims {
	c := &Claims{layout: l, Columns: make([]LeafClaim, l.NumLeafColumns())}
	for i, lk := range l.spec.Lookups {
		ci := l.columnIndex(i)
		c.Columns[ci] = LeafClaim{Kind: ColumnIn, Index: i, Point: points[ci]}
		if lk.HasOut() {
			c.Columns[ci+1] = LeafClaim{Kind: ColumnOut, Index: i, Point: points[ci+1]}
		}
	}
	for ti := range l.Tables {
		ci := l.multIndex(ti)
		c.Columns[ci] = LeafClaim{Kind: ColumnMult, Index: ti, Point: points[ci]}
	}
	return c
}

// Prove runs phase B of a proof (PROTOCOL §6.2–6.4) on dlc's transcript.
//
// The caller MUST have committed and absorbed every lookup column and every
// multiplicity vector (mult, as returned by Layout.Multiplicities and
// committed in the advice) before calling: Prove squeezes γ and β first.
// Nothing it sends depends on an inverse; every layer is a ZK sumcheck whose
// relations join dlc. The returned claims must be settled by the caller.
func Prove(dlc *sumcheck.DLCProver, l *Layout, w *Witness, mult [][]uint64) (*Proof, *Claims, error) {
	if err := l.checkWitness(w, mult); err != nil {
		return nil, nil, err
	}
	tr := dlc.Transcript
	gamma := tr.Challenge(transcript.LabelGKRGamma)
	beta := tr.Challenge(transcript.LabelGKRBeta)
	return proveWith(dlc, l, w, countMult(mult), gamma, beta)
}

// testHookTopLayer, when set by a test, runs as the top layer's sumcheck
// starts (the memory benchmark takes its heap profile there).
var testHookTopLayer func()

// proveWith runs the tree for given γ, β and multiplicities. It is
// split from Prove only so that tests can play a prover who commits the
// multiplicities after β (and must be caught).
func proveWith(dlc *sumcheck.DLCProver, l *Layout, w *Witness, mult multSource, gamma, beta fr.Element) (*Proof, *Claims, error) {
	tr := dlc.Transcript
	n := l.LogLeaves
	hl := l.leafHalves(w, mult, gamma, beta)
	g := generatedLayers(n)
	t := buildTreeHalves(hl, n, g)
	gens, err := dlc.Generators(0)
	if err != nil {
		return nil, nil, err
	}
	proof := &Proof{Layers: make([]*sumcheck.Proof, 0, n-1)}

	// Root: p_0 = p_1(0)·q_1(1) + p_1(1)·q_1(0) = 0.
	var open [rootLen]sumcheck.Scalar
	p1, q1 := t.layer(1)
	vals := [4]fr.Element{*p1.at(0), *p1.at(1), *q1.at(0), *q1.at(1)}
	for i, v := range vals {
		open[i], proof.Root[i] = dlc.Commit(v)
	}
	var z fr.Element
	z.Mul(&vals[rootP0], &vals[rootQ1])
	open[rootZ0], proof.Root[rootZ0] = dlc.Commit(z)
	z.Mul(&vals[rootP1], &vals[rootQ0])
	open[rootZ1], proof.Root[rootZ1] = dlc.Commit(z)
	tr.AbsorbPoints(transcript.LabelGKRRoot, proof.Root[:])
	for i, f := range rootFactors {
		x, y := open[f[0]], open[f[1]]
		proof.RootProducts[i] = ipa.ProveProduct(tr, gens, proof.Root[f[0]], proof.Root[f[1]], proof.Root[f[2]], ipa.ProductWitness{
			X: x.Value, RX: x.Blind, Y: y.Value, RY: y.Blind, RZ: open[f[2]].Blind,
		})
	}
	if err := dlc.AddZero(open[rootZ0].Add(open[rootZ1])); err != nil {
		return nil, nil, err
	}
	rho := tr.Challenge(transcript.LabelGKRRho)
	r := []fr.Element{rho}
	P := line(open[rootP0], open[rootP1], rho)
	Q := line(open[rootQ0], open[rootQ1], rho)

	// One scratch serves every layer. Tree layer k is dead once layer k's
	// sumcheck starts (layer k−1's read it): it joins the scratch's pool,
	// where the folds of this and the later layers find their memory.
	scratch := &layerScratch{}
	var segVals []segValue   // each segment's P, Q at its r_lo, from the top layer
	var lambdaTop fr.Element // λ of the top layer (its h = p(·,1) + λ·q(·,1))
	for k := 1; k < n; k++ {
		lambda := tr.Challenge(transcript.LabelGKRLambda)
		lambdaTop = lambda
		scratch.donate(t.p[k])
		scratch.donate(t.q[k])
		t.p[k], t.q[k] = nil, nil
		var tabs [numTabs]tailTable // p0 = p(·,0), q1 = q(·,1), q0 = q(·,0), h
		var p1 tailTable            // p(·,1): h = p1 + λ·q1
		if k == n-1 {
			// The leaves: generated from the witness where read, never stored.
			p1 = hl.p[1]
			tabs = [numTabs]tailTable{hl.p[0], hl.q[1], hl.q[0], hView(p1, hl.q[1], lambda)}
		} else {
			// Layer k+1's halves: stored, or generated from the leaves
			// (the top g layers, never stored).
			half := 1 << k
			pu, qu := t.layer(k + 1)
			q1 := qu.slice(half, half)
			p1 = pu.slice(half, half)
			// h = p(·,1) + λ·q(·,1) is computed where read, never stored.
			tabs = [numTabs]tailTable{pu.slice(0, half), q1, qu.slice(0, half), hView(p1, q1, lambda)}
		}
		// The layer kernel (kernel.go) computes the engine's eq-mode round
		// polynomials, exploiting the tables' constant tails (same proof).
		kern := newLayerKernel(r, tabs, scratch)
		kern.setDerivedH(p1, lambda)
		// A layer reading generated tables keeps them unstored through
		// its first folds, the more the closer to the leaves: its first
		// stored tables are then 2^(n−g−2) entries each (streamRounds).
		kern.streamRounds = streamRounds(n, g, k)
		if k == n-1 {
			segVals = l.watchSegments(kern)
			if testHookTopLayer != nil {
				testHookTopLayer()
			}
		}
		poly := &sumcheck.Polynomial{Form: layerForm(k), Kernel: kern}
		lp, res, err := dlc.Prove(poly, P.Add(Q.Scale(lambda)))
		if err != nil {
			return nil, nil, fmt.Errorf("tlookup: layer %d: %w", k, err)
		}
		proof.Layers = append(proof.Layers, lp)
		o := res.Openings
		a1 := o[finH].Sub(o[finB1].Scale(lambda))
		rk := tr.Challenge(transcript.LabelGKRRho)
		P = line(o[finA0], a1, rk)
		Q = line(o[finB0], o[finB1], rk)
		r = append(append(make([]fr.Element, 0, k+1), res.Point...), rk)
	}

	// Leaves: commit each column's MLE at its segment's r_lo.
	form, err := l.leafForm(r, gamma, beta)
	if err != nil {
		return nil, nil, err
	}
	claims := l.newClaims(form.points)
	leafVals, err := l.leafValues(w, mult, form.points, segVals, gamma, beta, lambdaTop)
	if err != nil {
		return nil, nil, err
	}
	proof.Leaves = make([]Point, len(leafVals))
	openings := make([]sumcheck.Scalar, len(leafVals))
	for c, v := range leafVals {
		openings[c], proof.Leaves[c] = dlc.Commit(v)
		claims.Columns[c].Opening = openings[c]
		claims.Columns[c].Commitment = proof.Leaves[c]
	}
	tr.AbsorbPoints(transcript.LabelGKRLeaves, proof.Leaves)
	lhsP := sumcheck.Combine(form.coefP, openings).Add(sumcheck.Public(form.constP))
	lhsQ := sumcheck.Combine(form.coefQ, openings).Add(sumcheck.Public(form.constQ))
	if err := dlc.AddZero(P.Sub(lhsP)); err != nil {
		return nil, nil, err
	}
	if err := dlc.AddZero(Q.Sub(lhsQ)); err != nil {
		return nil, nil, err
	}
	return proof, claims, nil
}

// streamRounds returns how many rounds layer k's sumcheck keeps generated
// tables unstored (layerKernel.streamRounds) in a tree of 2^n leaves whose
// top g layers are generated: 1 + g − (n−1−k) for the layers reading
// generated tables (the leaves: 1 + g), so that every such layer's first
// stored tables are 2^(n−g−2) entries each, no larger than the stored
// tree's top layer; 0 (the default) below.
func streamRounds(n, g, k int) int {
	return max(1+g-(n-1-k), 0)
}

// rootFactors lists the root products as (x, y, z) indices into Root.
var rootFactors = [2][3]int{{rootP0, rootQ1, rootZ0}, {rootP1, rootQ0, rootZ1}}

// line returns (1−ρ)·a + ρ·b, the MLE through a (at 0) and b (at 1).
func line(a, b sumcheck.Scalar, rho fr.Element) sumcheck.Scalar {
	return a.Add(b.Sub(a).Scale(rho))
}

func linePoint(a, b Point, rho fr.Element) Point {
	var one, omr fr.Element
	one.SetOne()
	omr.Sub(&one, &rho)
	return sumcheck.CombinePoints([]fr.Element{omr, rho}, []Point{a, b})
}

// segValue is one segment's leaf MLEs at its r_lo, P(r_lo) and Q(r_lo), as
// the top layer's kernel leaves them: Q from q0 or q1; P from p0, or from
// h and q1 in the upper half (P = H − λ·Q).
type segValue struct {
	p, q, h fr.Element
	upper   bool
}

// watchSegments asks the top layer's kernel for every segment's P and Q at
// its r_lo: a segment of 2^s leaves at offset o is entry o' >> s (o' its
// offset in its half) of the half's tables once s variables are bound.
func (l *Layout) watchSegments(kern *layerKernel) []segValue {
	n := l.LogLeaves
	vals := make([]segValue, len(l.segments))
	for si, seg := range l.segments {
		v := &vals[si]
		v.upper = seg.offset>>(n-1) == 1
		idx := int(seg.offset&(1<<(n-1)-1)) >> seg.logSize
		switch {
		case !v.upper:
			kern.watch(seg.logSize, tabQ0, idx, &v.q)
			kern.watch(seg.logSize, tabP0, idx, &v.p)
		default:
			kern.watch(seg.logSize, tabQ1, idx, &v.q)
			kern.watch(seg.logSize, tabH, idx, &v.h)
		}
	}
	return vals
}

// leafValues returns every leaf column's MLE at its point (column order).
// With the segments' P and Q from the top layer (segVals, nil when the
// tree has no layer), a range lookup's input is β − γ²τ − Q (Q = β − (a +
// γ²τ) on its segment), a multiplicity vector is −P, and a lookup with
// outputs needs only its output column evaluated (a = β − γ²τ − Q − γ·b);
// the rest are inner products with eq(point,·).
func (l *Layout) leafValues(w *Witness, mult multSource, points [][]fr.Element, segVals []segValue, gamma, beta, lambda fr.Element) ([]fr.Element, error) {
	vals := make([]fr.Element, l.NumLeafColumns())
	var eqTab, eqAt []fr.Element // eq(point,·) of the last field column's point
	check := func(c, n int) error {
		if n > mle.Size(len(points[c])) {
			return fmt.Errorf("%w: leaf column %d has %d entries for a %d-variable point", ErrWitness, c, n, len(points[c]))
		}
		return nil
	}
	eval := func(c int, col []fr.Element) error {
		if err := check(c, len(col)); err != nil {
			return err
		}
		pt := points[c]
		if eqTab == nil || !slices.Equal(pt, eqAt) { // fr.Element is kept reduced: == is field equality
			eqTab, eqAt = mle.EqTable(pt), pt
		}
		// col(point) = Σ_x col[x]·eq(point,x); the padding zeros add nothing.
		vals[c] = field.InnerProduct(col, eqTab[:len(col)])
		return nil
	}
	// Integer columns are evaluated from the integers (evalInt64), with
	// no full-size eq table or converted copy.
	evalCol := func(c int, ints []int64, elems []fr.Element) error {
		if elems != nil {
			return eval(c, elems)
		}
		if err := check(c, len(ints)); err != nil {
			return err
		}
		vals[c] = evalInt64(ints, points[c])
		return nil
	}
	var gamma2 fr.Element
	gamma2.Square(&gamma)
	for i, lk := range l.spec.Lookups {
		c, col := l.columnIndex(i), w.Columns[i]
		if lk.HasOut() {
			if err := evalCol(c+1, col.Out, col.OutElems); err != nil {
				return nil, err
			}
		}
		if segVals == nil {
			if err := evalCol(c, col.In, col.InElems); err != nil {
				return nil, err
			}
			continue
		}
		// a(r_lo) = β − γ²τ − Q(r_lo) − γ·b(r_lo).
		var t fr.Element
		v := &vals[c]
		v.SetInt64(l.Tag(l.lookupTab[i]))
		v.Mul(v, &gamma2)
		v.Sub(&beta, v)
		v.Sub(v, &segVals[l.lookupSeg[i]].q)
		if lk.HasOut() {
			t.Mul(&vals[c+1], &gamma)
			v.Sub(v, &t)
		}
	}
	for ti := range l.Tables {
		c := l.multIndex(ti)
		if segVals == nil {
			if err := eval(c, mult.vector(ti)); err != nil {
				return nil, err
			}
			continue
		}
		// m(r_lo) = −P(r_lo), P = H − λ·Q in the upper half.
		sv := &segVals[l.tableSeg[ti]]
		p := sv.p
		if sv.upper {
			var t fr.Element
			t.Mul(&sv.q, &lambda)
			p.Sub(&sv.h, &t)
		}
		vals[c].Neg(&p)
	}
	return vals, nil
}

// checkWitness validates the witness shapes and that mult has one vector of
// the right length per table. It does not check the multiplicities' values:
// a wrong multiplicity is the verifier's to catch.
func (l *Layout) checkWitness(w *Witness, mult [][]uint64) error {
	if w == nil || len(w.Columns) != len(l.spec.Lookups) {
		return fmt.Errorf("%w: need one column per lookup", ErrWitness)
	}
	for i, lk := range l.spec.Lookups {
		if err := checkColumn(lk, w.Columns[i]); err != nil {
			return err
		}
	}
	if len(mult) != len(l.Tables) {
		return fmt.Errorf("%w: %d multiplicity vectors for %d tables", ErrWitness, len(mult), len(l.Tables))
	}
	for ti, t := range l.Tables {
		if len(mult[ti]) != t.Size() {
			return fmt.Errorf("%w: multiplicities of %s have length %d, want %d", ErrWitness, t.Name(), len(mult[ti]), t.Size())
		}
	}
	return nil
}

// evalLowVars is the number of low point coordinates evalInt64 tabulates
// eq over: 2^12 entries (128 KiB) per table.
const evalLowVars = 12

// evalInt64 returns the MLE of col (zero-padded to 2^len(pt)) at pt from
// the integers: eq(pt,x) = eq(pt_lo,x_lo)·eq(pt_hi,x_hi), so each block of
// 2^evalLowVars entries is converted in a worker's buffer, weighted by the
// low table and then by its high eq; memory O(2^evalLowVars + 2^(len(pt)−
// evalLowVars)) instead of a full eq table and a converted copy.
func evalInt64(col []int64, pt []fr.Element) fr.Element {
	a := min(len(pt), evalLowVars)
	eqLo, eqHi := mle.EqTable(pt[:a]), mle.EqTable(pt[a:])
	size := len(eqLo)
	blocks := (len(col) + size - 1) / size
	var mu sync.Mutex
	var total fr.Element
	field.ParallelMin(blocks, 1, func(b0, b1 int) {
		buf := make(fr.Vector, size)
		var part fr.Element
		for b := b0; b < b1; b++ {
			blk := col[b*size : min((b+1)*size, len(col))]
			v := buf[:len(blk)]
			for i, x := range blk {
				v[i].SetInt64(x)
			}
			ip := v.InnerProduct(eqLo[:len(blk)])
			ip.Mul(&ip, &eqHi[b])
			part.Add(&part, &ip)
		}
		mu.Lock()
		total.Add(&total, &part)
		mu.Unlock()
	})
	return total
}

// Verify replays phase B against proof on dlc's transcript, which must have
// absorbed the same statement and commitments as the prover's. It defers
// every relation to dlc and returns the leaf claims (commitments and points)
// that the caller MUST settle: committed columns through the claim pool and
// the blob opening, virtual columns through their producers. The verifier
// evaluates every table MLE itself and never sees a witness value.
func Verify(dlc *sumcheck.DLCVerifier, l *Layout, proof *Proof) (*Claims, error) {
	n := l.LogLeaves
	if proof == nil || len(proof.Layers) != n-1 || len(proof.Leaves) != l.NumLeafColumns() {
		return nil, fmt.Errorf("%w: proof shape does not match the layout", ErrReject)
	}
	for _, pp := range proof.RootProducts {
		if pp == nil {
			return nil, fmt.Errorf("%w: missing root product proof", ErrReject)
		}
	}
	tr := dlc.Transcript
	gamma := tr.Challenge(transcript.LabelGKRGamma)
	beta := tr.Challenge(transcript.LabelGKRBeta)
	gens, err := dlc.Generators(0)
	if err != nil {
		return nil, err
	}
	tr.AbsorbPoints(transcript.LabelGKRRoot, proof.Root[:])
	check := dlc.Checker() // dlc's batch (UseBatch) or immediate checks
	for i, f := range rootFactors {
		if err := check.AddProduct(tr, proof.Root[f[0]], proof.Root[f[1]], proof.Root[f[2]], proof.RootProducts[i]); err != nil {
			return nil, fmt.Errorf("%w: root product %d: %v", ErrReject, i, err)
		}
	}
	if err := dlc.AddZero(sumcheck.AddPoints(proof.Root[rootZ0], proof.Root[rootZ1])); err != nil {
		return nil, err
	}
	rho := tr.Challenge(transcript.LabelGKRRho)
	r := []fr.Element{rho}
	P := linePoint(proof.Root[rootP0], proof.Root[rootP1], rho)
	Q := linePoint(proof.Root[rootQ0], proof.Root[rootQ1], rho)

	for k := 1; k < n; k++ {
		lambda := tr.Challenge(transcript.LabelGKRLambda)
		claim := sumcheck.AddPoints(P, sumcheck.ScalePoint(Q, lambda))
		rPrev := r
		public := func(pt []fr.Element) ([]fr.Element, error) {
			vals := make([]fr.Element, numFactors)
			vals[facEq] = mle.Eq(rPrev, pt)
			return vals, nil
		}
		res, err := dlc.Verify(layerForm(k), claim, proof.Layers[k-1], public)
		if err != nil {
			return nil, fmt.Errorf("%w: layer %d: %v", ErrReject, k, err)
		}
		c := res.Commitments
		var negLambda fr.Element
		negLambda.Neg(&lambda)
		a1 := sumcheck.AddPoints(c[finH], sumcheck.ScalePoint(c[finB1], negLambda))
		rk := tr.Challenge(transcript.LabelGKRRho)
		P = linePoint(c[finA0], a1, rk)
		Q = linePoint(c[finB0], c[finB1], rk)
		r = append(append(make([]fr.Element, 0, k+1), res.Point...), rk)
	}

	form, err := l.leafForm(r, gamma, beta)
	if err != nil {
		return nil, err
	}
	tr.AbsorbPoints(transcript.LabelGKRLeaves, proof.Leaves)
	claims := l.newClaims(form.points)
	for c := range claims.Columns {
		claims.Columns[c].Commitment = proof.Leaves[c]
	}
	gensPub := func(v fr.Element) Point { return sumcheck.PublicPoint(gens, v) }
	lhsP := sumcheck.AddPoints(sumcheck.CombinePoints(form.coefP, proof.Leaves), gensPub(form.constP))
	lhsQ := sumcheck.AddPoints(sumcheck.CombinePoints(form.coefQ, proof.Leaves), gensPub(form.constQ))
	if err := dlc.AddZero(sub(P, lhsP)); err != nil {
		return nil, err
	}
	if err := dlc.AddZero(sub(Q, lhsQ)); err != nil {
		return nil, err
	}
	return claims, nil
}

func sub(a, b Point) Point {
	var nb Point
	nb.Neg(&b)
	return sumcheck.AddPoints(a, nb)
}
