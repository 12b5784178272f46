package layers

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// square is the smallest real gadget: y = rescale(x ⊙ x, k) with x a
// committed SRANGE_16 tensor and y committed through limbs.
type square struct {
	shape Shape
	k     int
	x     []int64 // dense witness (prover only)
	hooks squareHooks
}

type squareHooks struct {
	dropXClaim bool // verifier side: forget to settle the claim on x
	padX       bool // prover side: a nonzero value in x's padding
}

func (g *square) Name() string { return "square" }

func (g *square) xChecked() rescale.Checked {
	return rescale.Checked{Name: "x", Format: rescale.Signed(16), LogSize: g.shape.LogSize()}
}

func (g *square) out() rescale.Rescale {
	return rescale.Rescale{Name: "y", Shift: g.k, Out: rescale.Signed(24), LogSize: g.shape.LogSize()}
}

func (g *square) Tensors() ([]pedersen.TensorSpec, error) {
	var out []pedersen.TensorSpec
	for _, c := range []rescale.Checked{g.xChecked(), g.out().Quotient(), g.out().Remainder()} {
		for _, n := range c.LimbNames() {
			out = append(out, g.shape.Spec(n))
		}
	}
	return out, nil
}

func (g *square) Lookups() ([]tlookup.Lookup, error) {
	x, err := g.xChecked().Lookups()
	if err != nil {
		return nil, err
	}
	y, err := g.out().Lookups()
	return append(x, y...), err
}

func (g *square) Witness() (map[string][]int64, []tlookup.Column, error) {
	x, err := g.shape.Pad(g.x)
	if err != nil {
		return nil, nil, err
	}
	if g.hooks.padX {
		x[len(x)-1] = 3 // the last padded entry (shapes here are never powers of two)
	}
	acc := make([]int64, len(x))
	for i, v := range x {
		acc[i] = v * v
	}
	rw, err := g.out().Witness(acc)
	if err != nil {
		return nil, nil, err
	}
	vals := map[string][]int64{"x": x}
	r := g.out()
	for i, n := range r.Quotient().LimbNames() {
		vals[n] = rw.QLimbs[i]
	}
	for i, n := range r.Remainder().LimbNames() {
		vals[n] = rw.RLimbs[i]
	}
	cols := append(g.xChecked().Columns([][]int64{x}), r.Columns(rw)...)
	return vals, cols, nil
}

func (g *square) instance(u claims.Point) *sumcheck.Instance {
	var one fr.Element
	one.SetOne()
	return &sumcheck.Instance{NumVars: u.Len(), EqPoints: [][]fr.Element{u.Coords()}, Public: []bool{false},
		Terms: []sumcheck.Term{{Coeff: one, Factors: []int{0, 0}}}}
}

func (g *square) Prove(p *Prover) error {
	u := p.Fresh(transcript.LabelPointU, g.shape.LogSize())
	acc, q, err := p.RescaleAt(g.out(), u)
	if err != nil {
		return err
	}
	if err := p.Consume(q, acc); err != nil {
		return err
	}
	x, err := p.Table("x")
	if err != nil {
		return err
	}
	_, fin, err := p.Sumcheck(g.instance(u), [][]fr.Element{x}, acc.Value, []Target{{Tensor: "x"}})
	if err != nil {
		return err
	}
	return p.SettleChecked(g.xChecked(), fin[0])
}

func (g *square) Verify(v *Verifier) error {
	u := v.Fresh(transcript.LabelPointU, g.shape.LogSize())
	acc, q, err := v.RescaleAt(g.out(), u)
	if err != nil {
		return err
	}
	if err := v.Consume(q, acc); err != nil {
		return err
	}
	_, fin, err := v.Sumcheck(g.instance(u), acc.Value, []Target{{Tensor: "x"}}, nil)
	if err != nil {
		return err
	}
	if g.hooks.dropXClaim {
		return nil
	}
	return v.SettleChecked(g.xChecked(), fin[0])
}

func newSquare(rng *rand.Rand, shape Shape) *square {
	g := &square{shape: shape, k: 8, x: make([]int64, shape.Len())}
	for i := range g.x {
		g.x[i] = int64(rng.IntN(1<<16)) - 1<<15
	}
	return g
}

func runSquare(t *testing.T, prover, verifier *square) error {
	t.Helper()
	tr := transcript.New()
	tr.AbsorbBytes("test/statement", []byte("square"))
	proof, err := Prove(tr, nil, []ProverGadget{prover})
	if err != nil {
		t.Fatalf("prove: %v", err)
	}
	vt := transcript.New()
	vt.AbsorbBytes("test/statement", []byte("square"))
	return Verify(vt, nil, []VerifierGadget{verifier}, proof)
}

func TestEngineSquareHonest(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, shape := range []Shape{{5, 3}, {7}, {3, 2, 5}} {
		g := newSquare(rng, shape)
		pub := &square{shape: shape, k: g.k}
		if err := runSquare(t, g, pub); err != nil {
			t.Fatalf("shape %v: honest proof rejected: %v", shape, err)
		}
	}
}

func TestEngineDroppedClaimRejected(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	g := newSquare(rng, Shape{5, 3})
	pub := &square{shape: g.shape, k: g.k, hooks: squareHooks{dropXClaim: true}}
	err := runSquare(t, g, pub)
	if !errors.Is(err, claims.ErrUnsettled) || !errors.Is(err, ErrReject) {
		t.Fatalf("a verifier that dropped a claim accepted or failed oddly: %v", err)
	}
}

func TestEngineNonzeroPaddingRejected(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	g := newSquare(rng, Shape{5, 3})
	g.hooks.padX = true
	pub := &square{shape: g.shape, k: g.k}
	if err := runSquare(t, g, pub); !errors.Is(err, ErrReject) {
		t.Fatalf("advice with a nonzero padded entry: %v", err)
	}
}

// memStore is an in-memory PhaseAStore.
type memStore struct{ st *PhaseAState }

func (m *memStore) Load([32]byte) (*PhaseAState, error) { return m.st, nil }
func (m *memStore) Save(s *PhaseAState) error           { m.st = s; return nil }

// Under a test seed the proof depends on nothing but the witness: not on
// the runner's parallelism, nor on whether phase A was reused from a store.
func TestEngineDeterministicAcrossRunnersAndResume(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 10))
	g := newSquare(rng, Shape{5, 3})
	prove := func(opt Options) []byte {
		t.Helper()
		defer field.SeedForTesting([32]byte{1})()
		tr := transcript.New()
		proof, rep, err := ProveWith(tr, nil, []ProverGadget{g}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Steps) == 0 {
			t.Fatal("empty report")
		}
		return proof
	}
	one := prove(Options{Runner: Local{Workers: 1}})
	many := prove(Options{Runner: Local{Workers: 4}})
	if !bytes.Equal(one, many) {
		t.Fatal("proof depends on the runner")
	}
	store := &memStore{}
	first := prove(Options{PhaseA: store})
	if store.st == nil {
		t.Fatal("phase A not saved")
	}
	resumed := prove(Options{PhaseA: store})
	if !bytes.Equal(first, resumed) || !bytes.Equal(first, one) {
		t.Fatal("a resumed run differs")
	}
	store.st.PlanDigest[0] ^= 1
	tr := transcript.New()
	if _, _, err := ProveWith(tr, nil, []ProverGadget{g}, Options{PhaseA: store}); !errors.Is(err, ErrCheckpoint) {
		t.Fatalf("a foreign phase-A state was not refused: %v", err)
	}
}
