package tlookup

import (
	"fmt"
	"math/rand/v2"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/transcript"
)

// expectReject proves with the honest witness (control) and with a
// tampered one, which must be rejected.
func expectReject(t *testing.T, l *Layout, w *Witness, mult [][]uint64, what string) {
	t.Helper()
	if err := verifyBundle(l, proveBundle(t, l, w, mult, nil)); err == nil {
		t.Fatalf("%s: accepted", what)
	} else {
		t.Logf("%s: rejected: %v", what, err)
	}
}

func honestControl(t *testing.T, l *Layout, w *Witness) {
	t.Helper()
	if err := verifyBundle(l, proveBundle(t, l, w, mustMult(t, l, w), nil)); err != nil {
		t.Fatalf("honest control rejected: %v", err)
	}
}

func TestSoundnessValueOutsideTable(t *testing.T) {
	l, w := mixedInstance(t, 10)
	honestControl(t, l, w)
	m := mustMult(t, l, w)
	// Entry 50 of the SRANGE_4 lookup becomes 8 (just outside [−8,8)); the
	// counts stay those of the honest witness but lose the replaced value.
	old := w.Columns[1].In[50]
	tab := l.Tables[l.TableOf(1)]
	j, _ := tab.Index(old)
	m[l.TableOf(1)][j]--
	w.Columns[1].In[50] = 8
	expectReject(t, l, w, m, "value outside the table")
}

func TestSoundnessMultiplicityOffByOne(t *testing.T) {
	l, w := mixedInstance(t, 11)
	honestControl(t, l, w)
	for _, delta := range []int{+1, -1} {
		m := mustMult(t, l, w)
		ti := l.TableOf(0)
		j, _ := l.Tables[ti].Index(w.Columns[0].In[0])
		m[ti][j] = uint64(int(m[ti][j]) + delta)
		expectReject(t, l, w, m, fmt.Sprintf("multiplicity %+d", delta))
	}
}

func TestSoundnessWrongMappingOutput(t *testing.T) {
	l, w := mixedInstance(t, 12)
	honestControl(t, l, w)
	m := mustMult(t, l, w) // counted at the input's index, as a cheater would
	w.Columns[2].Out[3] ^= 1
	expectReject(t, l, w, m, "wrong INDC output")
}

// TestSoundnessColumnCommittedAfterBeta plays a prover who commits the
// multiplicities only after seeing γ and β, choosing them as field elements
// that balance an out-of-table value at that β. The LogUp sum then really is
// zero (the attack works at that β), the instrumented transcript shows the
// commitment absorbed after β was squeezed, and the verifier — which binds
// every commitment before drawing β — rejects. The honest control passes the
// same transcript check.
func TestSoundnessColumnCommittedAfterBeta(t *testing.T) {
	l, w := mixedInstance(t, 13)
	// Honest control: the recorder shows every multiplicity row absorbed
	// before γ and β are squeezed.
	rec := &transcript.Recorder{}
	b := proveBundle(t, l, w, mustMult(t, l, w), rec)
	if err := verifyBundle(l, b); err != nil {
		t.Fatal(err)
	}
	for c := range b.vectors {
		if err := committedBeforeBeta(rec, b.vectors[c].rows); err != nil {
			t.Fatalf("honest column %d: %v", c, err)
		}
	}

	// Cheater: input 8 ∉ SRANGE_4; multiplicity of entry 0 gets δ with
	// δ/(β − t_0) = 1/(β − s_bad) − 1/(β − s_old).
	m := mustMult(t, l, w)
	ti := l.TableOf(1)
	tab := l.Tables[ti]
	old := w.Columns[1].In[0]
	w.Columns[1].In[0] = 8

	rec = &transcript.Recorder{}
	dlc, gens := newTestProver(t, rec)
	tr := dlc.Transcript
	nLookupCols := l.multIndex(0)
	cols := l.columnValues(w, multToField(m))
	vecs := make([]*vectorOpening, len(cols))
	cheat := &bundle{}
	for c := 0; c < nLookupCols; c++ { // lookup columns: committed in time
		vecs[c], _ = commitVector(gens, cols[c], l.columnLogSize(c))
		tr.AbsorbPoints(transcript.LabelAdviceRows, vecs[c].rows)
	}
	gamma := tr.Challenge(transcript.LabelGKRGamma)
	beta := tr.Challenge(transcript.LabelGKRBeta)
	multF := multToField(m)
	var d1, d2, delta, tmp fr.Element
	sOld := compressVal(gamma, old, 0, l.Tag(ti))
	sBad := compressVal(gamma, 8, 0, l.Tag(ti))
	t0 := compressVal(gamma, tab.In(0), tab.Out(0), l.Tag(ti))
	d1.Sub(&beta, &sBad)
	d1.Inverse(&d1)
	d2.Sub(&beta, &sOld)
	d2.Inverse(&d2)
	delta.Sub(&d1, &d2)
	tmp.Sub(&beta, &t0)
	delta.Mul(&delta, &tmp)
	multF[ti][0].Add(&multF[ti][0], &delta)
	// The forged multiplicities balance the sum at this β.
	p, q := l.leaves(w, elemMult(multF), gamma, beta)
	if root := buildTree(p, q, l.LogLeaves); !root.p[0][0].IsZero() {
		t.Fatal("forged multiplicities do not balance the LogUp sum; the attack is not exercised")
	}
	cols = l.columnValues(w, multF)
	for c := nLookupCols; c < len(cols); c++ { // multiplicities: after β
		vecs[c], _ = commitVector(gens, cols[c], l.columnLogSize(c))
		tr.AbsorbPoints(transcript.LabelAdviceRows, vecs[c].rows)
	}
	for c := range vecs {
		cheat.vectors = append(cheat.vectors, vecs[c].committedVector)
	}
	proof, claims, err := proveWith(dlc, l, w, elemMult(multF), gamma, beta)
	if err != nil {
		t.Fatal(err)
	}
	cheat.proof = proof
	for c := range claims.Columns {
		op, err := openClaim(tr, gens, vecs[c], &claims.Columns[c])
		if err != nil {
			t.Fatal(err)
		}
		cheat.openings = append(cheat.openings, op)
	}
	if cheat.dlc, err = dlc.Close(); err != nil {
		t.Fatal(err)
	}
	caught := false
	for c := nLookupCols; c < len(vecs); c++ {
		if err := committedBeforeBeta(rec, vecs[c].rows); err != nil {
			t.Logf("instrumented transcript: multiplicity column %d: %v", c, err)
			caught = true
		}
	}
	if !caught {
		t.Fatal("instrumented transcript did not flag the late commitment")
	}
	if err := verifyBundle(l, cheat); err == nil {
		t.Fatal("verifier accepted multiplicities committed after β")
	} else {
		t.Logf("verifier: %v", err)
	}
}

func compressVal(gamma fr.Element, a, b, tag int64) fr.Element {
	var zero, g2 fr.Element
	g2.Square(&gamma)
	s := compress(&zero, &gamma, &g2, a, b, tag) // 0 − (a + γb + γ²τ)
	s.Neg(&s)
	return s
}

// committedBeforeBeta checks in a recorded transcript that rows were
// absorbed before the gkr/beta challenge.
func committedBeforeBeta(rec *transcript.Recorder, rows []bls12381.G1Affine) error {
	msg := field.AppendPoints(nil, rows)
	absorbedAt, betaAt := -1, -1
	for i, e := range rec.Events {
		if e.Kind == transcript.Absorb && absorbedAt < 0 && len(msg) > 0 && string(e.Data) == string(msg) {
			absorbedAt = i
		}
		if e.Kind == transcript.Squeeze && e.Label == transcript.LabelGKRBeta && betaAt < 0 {
			betaAt = i
		}
	}
	switch {
	case absorbedAt < 0:
		return fmt.Errorf("commitment never absorbed")
	case betaAt < 0:
		return fmt.Errorf("β never squeezed")
	case absorbedAt > betaAt:
		return fmt.Errorf("commitment absorbed at event %d, after β at event %d", absorbedAt, betaAt)
	}
	return nil
}

// tinyInstance keeps the exhaustive mutation test small: RANGE_2 looked up
// 3 times and INDC_2 twice, a tree of 2^4 leaves.
func tinyInstance(t testing.TB) (*Layout, *Witness) {
	r2 := mustTable(tables.Range(2))
	i2 := mustTable(tables.Indicator(2))
	l, err := NewLayout(Spec{Lookups: []Lookup{
		{Name: "r", Table: r2, LogSize: 2},
		{Name: "i", Table: i2, LogSize: 1},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return l, &Witness{Columns: []Column{{In: []int64{3, 1, 3}}, {In: []int64{2, 0}, Out: []int64{1, 0}}}}
}

// proofElements lists a pointer to every group element and scalar of the
// GKR proof, the openings and the DLC proof, with a name.
func proofElements(b *bundle) (pts map[string]*bls12381.G1Affine, scs map[string]*fr.Element) {
	pts, scs = map[string]*bls12381.G1Affine{}, map[string]*fr.Element{}
	addProduct := func(name string, pp *ipa.ProductProof) {
		pts[name+".T1"], pts[name+".T2"], pts[name+".T3"] = &pp.T1, &pp.T2, &pp.T3
		for i := range pp.S {
			scs[fmt.Sprintf("%s.s%d", name, i+1)] = &pp.S[i]
		}
	}
	addIPA := func(name string, p *ipa.Proof) {
		for i := range p.L {
			pts[fmt.Sprintf("%s.L%d", name, i)] = &p.L[i]
			pts[fmt.Sprintf("%s.R%d", name, i)] = &p.R[i]
		}
		pts[name+".S"] = &p.S
		scs[name+".z1"], scs[name+".z2"] = &p.Z1, &p.Z2
	}
	for i := range b.proof.Root {
		pts[fmt.Sprintf("root%d", i)] = &b.proof.Root[i]
	}
	for i, pp := range b.proof.RootProducts {
		addProduct(fmt.Sprintf("rootprod%d", i), pp)
	}
	for k, lp := range b.proof.Layers {
		for j := range lp.Rounds {
			pts[fmt.Sprintf("layer%d.round%d", k+1, j)] = &lp.Rounds[j]
		}
		for j := range lp.Finals {
			pts[fmt.Sprintf("layer%d.final%d", k+1, j)] = &lp.Finals[j]
		}
		for j, pp := range lp.Products {
			addProduct(fmt.Sprintf("layer%d.prod%d", k+1, j), pp)
		}
	}
	for c := range b.proof.Leaves {
		pts[fmt.Sprintf("leaf%d", c)] = &b.proof.Leaves[c]
	}
	for c, op := range b.openings {
		addIPA(fmt.Sprintf("open%d", c), op)
	}
	addIPA("dlc", b.dlc.IPA)
	for c := range b.vectors {
		for k := range b.vectors[c].rows {
			pts[fmt.Sprintf("col%d.row%d", c, k)] = &b.vectors[c].rows[k]
		}
	}
	return pts, scs
}

// TestSoundnessEveryProofElement adds G to each point and 1 to each scalar
// (valid encodings, so only the equations can catch them), one at a time.
func TestSoundnessEveryProofElement(t *testing.T) {
	l, w := tinyInstance(t)
	b := proveBundle(t, l, w, mustMult(t, l, w), nil)
	if err := verifyBundle(l, b); err != nil {
		t.Fatalf("honest control: %v", err)
	}
	writeFuzzSeed(t, "FuzzUnmarshalProof", b.proof.Marshal())
	_, _, g, _ := bls12381.Generators()
	var one fr.Element
	one.SetOne()
	pts, scs := proofElements(b)
	rng := rand.New(rand.NewPCG(1, 1))
	count := 0
	for name, p := range pts {
		if testing.Short() && rng.IntN(4) != 0 {
			continue
		}
		saved := *p
		p.Add(p, &g)
		if err := verifyBundle(l, b); err == nil {
			t.Errorf("point %s + G accepted", name)
		}
		*p = saved
		count++
	}
	for name, s := range scs {
		if testing.Short() && rng.IntN(4) != 0 {
			continue
		}
		saved := *s
		s.Add(s, &one)
		if err := verifyBundle(l, b); err == nil {
			t.Errorf("scalar %s + 1 accepted", name)
		}
		*s = saved
		count++
	}
	if err := verifyBundle(l, b); err != nil {
		t.Fatalf("restored proof rejected: %v", err)
	}
	t.Logf("%d mutations of %d points and %d scalars, all rejected", count, len(pts), len(scs))
}

// TestStatementsAbsorbedByComponents: in a whole tlookup proof, every IPA
// (column openings, DLC close) absorbs its statement right before its x,
// and every product proof (GKR root) absorbs X, Y, Z right before T1..T3
// (PROTOCOL §4.5 rev 1.2).
func TestStatementsAbsorbedByComponents(t *testing.T) {
	l, w := mixedInstance(t, 13)
	rec := &transcript.Recorder{}
	b := proveBundle(t, l, w, mustMult(t, l, w), rec)
	if err := verifyBundle(l, b); err != nil {
		t.Fatal(err)
	}
	var stmts [][]byte
	for i, e := range rec.Events {
		var want string
		switch e.Label {
		case transcript.LabelIPAx:
			want = transcript.LabelIPAStatement
		case transcript.LabelProductT:
			want = transcript.LabelProductStatement
		default:
			continue
		}
		prev := rec.Events[i-1]
		if prev.Kind != transcript.Absorb || prev.Label != want {
			t.Fatalf("event %d (%s) not preceded by %s", i, e.Label, want)
		}
		if want == transcript.LabelIPAStatement {
			stmts = append(stmts, prev.Data)
		}
	}
	if len(stmts) != len(b.openings)+1 {
		t.Fatalf("%d IPA statements for %d openings + the DLC close", len(stmts), len(b.openings))
	}
	for i, s := range stmts {
		if len(s) != 2*48 {
			t.Fatalf("IPA statement %d: %d bytes, want [P_a, Y]", i, len(s))
		}
	}
}
