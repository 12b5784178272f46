package layers

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/internal/cputime"
	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/pool"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Gadget is the public side of one proof component (PROTOCOL §7, §8.5):
// the advice tensors it commits in phase A and the lookups it adds to the
// proof's one LogUp tree (phase B). Both sides derive them from public
// shapes only.
type Gadget interface {
	Name() string
	Tensors() ([]pedersen.TensorSpec, error)
	Lookups() ([]tlookup.Lookup, error)
}

// ProverGadget proves its relations. Witness returns, in phase A, the
// values of every tensor of Tensors (padded order, by name) and one lookup
// column per entry of Lookups. Prove runs in phase C: it starts from fresh
// points on the gadget's committed outputs (or from its virtual lookup
// leaves, Prover.Leaf) and must settle every claim it derives.
type ProverGadget interface {
	Gadget
	Witness() (map[string][]int64, []tlookup.Column, error)
	Prove(p *Prover) error
}

// VerifierGadget mirrors ProverGadget; it never sees a witness.
type VerifierGadget interface {
	Gadget
	Verify(v *Verifier) error
}

// WeightBlob is a committed weight blob (the model's vk): the layout, the
// row length 2^LogC and the row commitments; the prover also holds the
// entries and the row blindings. The caller binds Rows to the statement
// (model id) before the proof starts.
type WeightBlob struct {
	Layout *pedersen.Layout
	LogC   int
	Rows   []bls12381.G1Affine
	Values []fr.Element // prover only (or Ints)
	// Ints, when set instead of Values, holds the entries as the int16
	// weights they are (prover only): the pool keeps them so (2 B an entry
	// instead of 32) and converts only what RED and the opening need.
	Ints   []int16
	Blinds []fr.Element // prover only
}

// openPool opens the prover's pool on the weight blob, from Ints when set.
func (w *WeightBlob) openPool() (*pool.Prover, error) {
	s := pool.Shape{Layout: w.Layout, LogC: w.LogC}
	if w.Ints != nil {
		return pool.NewProverSmall(s, w.Ints, w.Blinds)
	}
	return pool.NewProver(s, w.Values, w.Blinds)
}

// AdviceLogC is the advice blob's row length rule 2^⌈(n_A+2)/2⌉ (§4.2 [R]),
// capped at the blob size.
func AdviceLogC(logSize int) int { return min(logSize, (logSize+3)/2) }

// plan is what both sides derive from the gadgets before any proof byte.
type plan struct {
	layout  *pedersen.Layout
	logC    int
	lookups *tlookup.Layout // nil without lookups
	present []bool
}

func makePlan(gs []Gadget) (*plan, error) {
	var specs []pedersen.TensorSpec
	var lks []tlookup.Lookup
	for _, g := range gs {
		ts, err := g.Tensors()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrGadget, g.Name(), err)
		}
		specs = append(specs, ts...)
		l, err := g.Lookups()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrGadget, g.Name(), err)
		}
		lks = append(lks, l...)
	}
	pl := &plan{}
	if len(lks) > 0 {
		lay, err := tlookup.NewLayout(tlookup.Spec{Lookups: lks})
		if err != nil {
			return nil, err
		}
		pl.lookups = lay
		for _, t := range lay.Tables {
			specs = append(specs, pedersen.TensorSpec{Name: tlookup.MultName(t), Shape: []uint64{uint64(t.Size())}})
		}
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("%w: no advice tensors", ErrGadget)
	}
	lay, err := pedersen.Place(specs)
	if err != nil {
		return nil, err
	}
	pl.layout = lay
	pl.logC = AdviceLogC(lay.LogSize)
	if pl.present, err = lay.PresentRows(pl.logC); err != nil {
		return nil, err
	}
	return pl, nil
}

func asGadgets[G Gadget](gs []G) []Gadget {
	out := make([]Gadget, len(gs))
	for i, g := range gs {
		out[i] = g
	}
	return out
}

// Options configure a proof run. The zero value is a plain run.
type Options struct {
	// Progress, if set, is called when a step starts (Done false) and ends.
	Progress func(Step)
	// PhaseA, if set, saves the advice commitment once made and, when it
	// holds a saved one for the same plan, reuses it instead of committing
	// again (a resumed run).
	PhaseA PhaseAStore
	// Runner runs phase A's independent jobs (each gadget's witness, blocks
	// of advice rows); nil means Local. Any runner yields the same proof.
	Runner Runner
}

// Runner runs independent jobs and returns the first error. Jobs write only
// their own outputs, so the result does not depend on the order or the
// machine they run on: a distributed runner must give byte-identical proofs.
// Phase C stays sequential: every gadget's messages enter one transcript.
type Runner interface {
	Run(jobs []func() error) error
}

// Local runs jobs on up to Workers goroutines (GOMAXPROCS when 0).
type Local struct{ Workers int }

// Run implements Runner.
func (l Local) Run(jobs []func() error) error {
	n := l.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	next := make(chan int)
	for w := 0; w < min(n, len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = jobs[i]()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// Step is one unit of a proof run: a phase ("A" commit, "B" lookups,
// "C" a gadget, "E" a settlement, "F" the DLC) and, in phase C, the gadget.
type Step struct {
	Phase, Name string
	Done        bool
	Elapsed     time.Duration // when Done
	// CPU is the process's CPU time (user + system, all threads) during the
	// step, when Done; CPU/Elapsed is how many cores it kept busy (0 where
	// the platform cannot tell).
	CPU   time.Duration
	Bytes int // proof bytes the step wrote, when Done
}

// Report is what a run measured, step by step in order.
type Report struct{ Steps []Step }

// PhaseAState is the advice commitment of phase A: every row (identity for
// padding rows) and its blinding. It is secret (the blindings hide the
// witness): stores keep it private to the prover.
type PhaseAState struct {
	PlanDigest [32]byte
	Rows       []bls12381.G1Affine
	Blinds     []fr.Element
}

// PhaseAStore loads and saves a phase-A state; Load returns (nil, nil)
// when there is none.
type PhaseAStore interface {
	Load(planDigest [32]byte) (*PhaseAState, error)
	Save(*PhaseAState) error
}

// Prove runs phases A–F for the gadgets (PROTOCOL §8.1) on tr, which must
// already hold the statement (and the weight rows, through the model id).
// weights may be nil when no gadget claims a weight tensor.
func Prove(tr *transcript.Transcript, weights *WeightBlob, gadgets []ProverGadget) ([]byte, error) {
	proof, _, err := ProveWith(tr, weights, gadgets, Options{})
	return proof, err
}

// ProveWith is Prove with options; it also returns the run's report.
func ProveWith(tr *transcript.Transcript, weights *WeightBlob, gadgets []ProverGadget, opt Options) ([]byte, *Report, error) {
	rep := &Report{}
	pl, err := makePlan(asGadgets(gadgets))
	if err != nil {
		return nil, nil, err
	}
	p := &Prover{Ledger: claims.NewLedger(), leaves: map[string]*claims.ProverClaim{}}
	step := func(phase, name string, run func() error) error {
		if opt.Progress != nil {
			opt.Progress(Step{Phase: phase, Name: name})
		}
		start, cpu0, before := time.Now(), cputime.Process(), len(p.out)
		if err := run(); err != nil {
			return err
		}
		s := Step{Phase: phase, Name: name, Done: true, Elapsed: time.Since(start), CPU: cputime.Process() - cpu0, Bytes: len(p.out) - before}
		rep.Steps = append(rep.Steps, s)
		if opt.Progress != nil {
			opt.Progress(s)
		}
		return nil
	}
	var cols []tlookup.Column
	var mult [][]uint64
	if p.DLC, err = sumcheck.NewDLCProver(tr); err != nil {
		return nil, nil, err
	}
	// Phase A: witness, multiplicities, advice commitment.
	runner := opt.Runner
	if runner == nil {
		runner = Local{}
	}
	if err := step("A", "advice", func() error {
		var blob *adviceBlob
		if blob, cols, mult, err = adviceWitness(pl, gadgets, runner); err != nil {
			return err
		}
		rows, err := blob.commit(p, pl, opt.PhaseA, runner)
		if err != nil {
			return err
		}
		sent := presentRows(rows, pl.present)
		tr.AbsorbPoints(transcript.LabelAdviceRows, sent)
		p.out = field.AppendPoints(p.out, sent)
		if weights != nil {
			p.weights, err = weights.openPool()
		}
		return err
	}); err != nil {
		return nil, nil, err
	}
	// Phase B: the one LogUp tree.
	if pl.lookups != nil {
		if err := step("B", "lookups", func() error { return p.proveLookups(pl, cols, mult) }); err != nil {
			return nil, nil, err
		}
	}
	// Phase C: the advice padding is zero, then every gadget.
	if err := step("C", "padding", func() error { return p.provePadding(pl.layout) }); err != nil {
		return nil, nil, err
	}
	for _, g := range gadgets {
		if err := step("C", g.Name(), func() error { return g.Prove(p) }); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", g.Name(), err)
		}
	}
	// Every derived claim must be settled before phase E.
	if err := p.Ledger.Close(); err != nil {
		return nil, nil, err
	}
	// Phase E: settle the pools; F: the DLC.
	for i, pl := range []*pool.Prover{p.advice, p.weights} {
		if pl == nil || pl.NumClaims() == 0 {
			continue
		}
		if err := step("E", []string{"advice", "weights"}[i], func() error {
			proof, err := pl.Settle(p.DLC)
			if err == nil {
				p.out = proof.Append(p.out)
			}
			return err
		}); err != nil {
			return nil, nil, err
		}
	}
	if err := step("F", "dlc", func() error {
		closing, err := p.DLC.Close()
		if err == nil {
			p.out = closing.Append(p.out)
		}
		return err
	}); err != nil {
		return nil, nil, err
	}
	return p.out, rep, nil
}

// commitAdviceBlob commits the advice (phase A) and opens its pool on the
// same integers: the advice stays small integers until a field element is
// needed (pool.NewProverSmall), 4–8 B per entry instead of 32.
func commitAdviceBlob[T pedersen.Small](dlc *sumcheck.DLCProver, pl *plan, blob []T, store PhaseAStore, runner Runner) ([]bls12381.G1Affine, *pool.Prover, error) {
	rows, blinds, err := commitPhaseA(dlc, pl, blob, store, runner)
	if err != nil {
		return nil, nil, err
	}
	pp, err := pool.NewProverSmall(pool.Shape{Layout: pl.layout, LogC: pl.logC}, blob, blinds)
	return rows, pp, err
}

// commitPhaseA commits the advice rows, or reuses a saved commitment of the
// same plan (store may be nil).
func commitPhaseA[T pedersen.Small](dlc *sumcheck.DLCProver, pl *plan, blob []T, store PhaseAStore, runner Runner) ([]bls12381.G1Affine, []fr.Element, error) {
	gens, err := dlc.Generators(1 << pl.logC)
	if err != nil {
		return nil, nil, err
	}
	// The blindings are drawn even when a saved state is reused, so a
	// resumed run's later randomness is the same stream (a seeded test run
	// is byte-identical to an uninterrupted one).
	blinds := make([]fr.Element, len(pl.present))
	for k, ok := range pl.present {
		if ok {
			blinds[k] = field.RandomScalar()
		}
	}
	digest := pl.digest()
	if store != nil {
		st, err := store.Load(digest)
		if err != nil {
			return nil, nil, err
		}
		if st != nil {
			if st.PlanDigest != digest || len(st.Rows) != len(pl.present) || len(st.Blinds) != len(pl.present) {
				return nil, nil, fmt.Errorf("%w: the saved advice commitment is for another proof", ErrCheckpoint)
			}
			return st.Rows, st.Blinds, nil
		}
	}
	rows, err := commitAdvice(gens, blob, pl, blinds, runner)
	if err != nil {
		return nil, nil, err
	}
	if store != nil {
		if err := store.Save(&PhaseAState{PlanDigest: digest, Rows: rows, Blinds: blinds}); err != nil {
			return nil, nil, err
		}
	}
	return rows, blinds, nil
}

// ErrCheckpoint reports a saved state that does not belong to this run.
var ErrCheckpoint = errors.New("layers: checkpoint mismatch")

// digest identifies the plan: the advice layout (names, shapes, order) and
// the lookup layout's tables.
func (pl *plan) digest() [32]byte {
	h := sha256.New()
	h.Write([]byte("zkllm/layers/plan/v1"))
	for _, t := range pl.layout.Tensors {
		fmt.Fprintf(h, "%q%v;", t.Name, t.Shape)
	}
	fmt.Fprintf(h, "c=%d;", pl.logC)
	if pl.lookups != nil {
		for _, t := range pl.lookups.Tables {
			d := t.Digest()
			h.Write(d[:])
		}
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// proveLookups runs phase B and routes the leaf claims.
func (p *Prover) proveLookups(pl *plan, cols []tlookup.Column, mult [][]uint64) error {
	proof, cl, err := tlookup.Prove(p.DLC, pl.lookups, &tlookup.Witness{Columns: cols}, mult)
	if err != nil {
		return err
	}
	p.out = proof.Append(p.out)
	return cl.Route(func(name string, c *tlookup.LeafClaim) error {
		pc := claims.New(p.Ledger, name, claims.FromLeaf(c.Point), c.Opening)
		if p.Committed(name) {
			return p.Pool(pc)
		}
		if _, dup := p.leaves[name]; dup {
			return fmt.Errorf("%w: two virtual lookup columns named %q", ErrGadget, name)
		}
		p.leaves[name] = pc
		return nil
	})
}

func presentRows(rows []bls12381.G1Affine, present []bool) []bls12381.G1Affine {
	var out []bls12381.G1Affine
	for k, ok := range present {
		if ok {
			out = append(out, rows[k])
		}
	}
	return out
}

// commitAdvice commits the advice rows by the small-scalar MSM (§4.3's
// negated-generator trick, pedersen.CommitRowsSmall); structural padding
// rows are zero with blinding 0, so they come out as the identity without
// an MSM. The default Local runner commits every row in one call, which
// spreads short rows over the cores (one single-core MSM each) and gives
// long rows all-core MSMs; any other runner (or a Local with a worker
// count) gets blocks of rows as jobs. The rows are the same either way.
func commitAdvice[T pedersen.Small](gens *pedersen.Generators, blob []T, pl *plan, blinds []fr.Element, runner Runner) ([]bls12381.G1Affine, error) {
	c := 1 << pl.logC
	g := gens.Prefix(c)
	n := len(pl.present)
	if l, ok := runner.(Local); ok && l.Workers <= 0 {
		return pedersen.CommitRowsSmall(g, blob, c, 0, n, blinds)
	}
	rows := make([]bls12381.G1Affine, n)
	const block = 16
	var jobs []func() error
	for lo := 0; lo < n; lo += block {
		hi := min(lo+block, n)
		jobs = append(jobs, func() error {
			r, err := pedersen.CommitRowsSmall(g, blob, c, lo, hi, blinds[lo:hi])
			copy(rows[lo:hi], r)
			return err
		})
	}
	return rows, runner.Run(jobs)
}

// Verify checks a proof made by Prove for the same gadgets' public sides.
// tr must hold the same statement as the prover's. Every failure is a
// rejection: the error wraps ErrReject (and the cause).
func Verify(tr *transcript.Transcript, weights *WeightBlob, gadgets []VerifierGadget, proof []byte) error {
	err := verify(tr, weights, gadgets, proof)
	if err != nil && !errors.Is(err, ErrReject) {
		return fmt.Errorf("%w: %w", ErrReject, err)
	}
	return err
}

func verify(tr *transcript.Transcript, weights *WeightBlob, gadgets []VerifierGadget, proof []byte) error {
	pl, err := makePlan(asGadgets(gadgets))
	if err != nil {
		return err
	}
	v := &Verifier{Ledger: claims.NewLedger(), leaves: map[string]*claims.VerifierClaim{}, in: field.NewReader(proof)}
	if v.DLC, err = sumcheck.NewDLCVerifier(tr); err != nil {
		return err
	}
	nPresent := 0
	for _, ok := range pl.present {
		if ok {
			nPresent++
		}
	}
	sent, err := v.in.ReadPoints(nPresent)
	if err != nil {
		return fmt.Errorf("%w: advice rows: %v", ErrReject, err)
	}
	tr.AbsorbPoints(transcript.LabelAdviceRows, sent)
	rows := make([]bls12381.G1Affine, len(pl.present))
	j := 0
	for k, ok := range pl.present {
		if ok {
			rows[k] = sent[j]
			j++
		}
	}
	if v.advice, err = pool.NewVerifier(pool.Shape{Layout: pl.layout, LogC: pl.logC}, rows); err != nil {
		return err
	}
	if weights != nil {
		if v.weights, err = pool.NewVerifier(pool.Shape{Layout: weights.Layout, LogC: weights.LogC}, weights.Rows); err != nil {
			return err
		}
	}
	batch, err := v.useBatch()
	if err != nil {
		return err
	}
	if pl.lookups != nil {
		gp, err := tlookup.ReadProof(v.in, pl.lookups)
		if err != nil {
			return fmt.Errorf("%w: lookup proof: %v", ErrReject, err)
		}
		cl, err := tlookup.Verify(v.DLC, pl.lookups, gp)
		if err != nil {
			return err
		}
		if err := cl.Route(func(name string, c *tlookup.LeafClaim) error {
			vc := claims.New(v.Ledger, name, claims.FromLeaf(c.Point), c.Commitment)
			if v.Committed(name) {
				return v.Pool(vc)
			}
			if _, dup := v.leaves[name]; dup {
				return fmt.Errorf("%w: two virtual lookup columns named %q", ErrGadget, name)
			}
			v.leaves[name] = vc
			return nil
		}); err != nil {
			return err
		}
	}
	if err := v.verifyPadding(pl.layout); err != nil {
		return err
	}
	for _, g := range gadgets {
		if err := g.Verify(v); err != nil {
			return fmt.Errorf("%s: %w", g.Name(), err)
		}
	}
	if err := v.Ledger.Close(); err != nil {
		return fmt.Errorf("%w: %w", ErrReject, err)
	}
	for _, vp := range []*pool.Verifier{v.advice, v.weights} {
		if vp == nil || vp.NumClaims() == 0 {
			continue
		}
		sp, err := pool.ReadProof(v.in, vp.Shape())
		if err != nil {
			return fmt.Errorf("%w: pool settlement: %v", ErrReject, err)
		}
		if err := vp.Settle(v.DLC, sp); err != nil {
			return err
		}
	}
	dp, err := sumcheck.ReadDLCProof(v.in, v.DLC.ProofLogLen())
	if err != nil {
		return fmt.Errorf("%w: DLC proof: %v", ErrReject, err)
	}
	if err := v.in.Done(); err != nil {
		return fmt.Errorf("%w: %v", ErrReject, err)
	}
	if err := v.DLC.Close(dp); err != nil {
		return err
	}
	if err := batch.Verify(); err != nil {
		return fmt.Errorf("%w: %v", ErrReject, err)
	}
	return nil
}

// useBatch routes every product proof, blob opening and the closing IPA
// into one MSM (§11); the caller verifies the batch last.
func (v *Verifier) useBatch() (*ipa.Batch, error) {
	gens, err := v.DLC.Generators(0)
	if err != nil {
		return nil, err
	}
	b := ipa.NewBatch(gens)
	v.DLC.UseBatch(b)
	return b, nil
}

// provePadding proves that every padded advice entry is zero (P3, §4.3):
// Σ_x eq(w,x)·Pad(x)·A(x) = 0 at a fresh w, Pad the public padding mask;
// the claim A(ρ) goes to the advice pool as a whole-blob claim.
func (p *Prover) provePadding(l *pedersen.Layout) error {
	w := p.Fresh(transcript.LabelZeroCheckW, l.LogSize)
	in := paddingInstance(w)
	var zero sumcheck.Scalar
	// The mask is zero on real entries and the advice on padding: the
	// product kernel skips those pairs (same proof as the engine).
	proof, res, err := in.ProveKernel(p.DLC, paddingKernel(w.Coords(), l, p.advice), zero)
	if err != nil {
		return err
	}
	p.out = proof.Append(p.out)
	return p.advice.AddBlob(res.Point, res.Openings[0])
}

// paddingKernel is the padding check's EqProductKernel: on the bool mask
// and the advice's integers when the pool holds them (no whole-blob field
// tables), else on the field tables.
func paddingKernel(w []fr.Element, l *pedersen.Layout, adv *pool.Prover) sumcheck.RoundKernel {
	if v, ok := pool.SmallValues[int32](adv); ok {
		return NewEqMaskSmallKernel(w, l.PaddingMaskBools(), v)
	}
	if v, ok := pool.SmallValues[int64](adv); ok {
		return NewEqMaskSmallKernel(w, l.PaddingMaskBools(), v)
	}
	return NewEqProductKernel(w, l.PaddingMaskTable(), adv.Values())
}

func (v *Verifier) verifyPadding(l *pedersen.Layout) error {
	w := v.Fresh(transcript.LabelZeroCheckW, l.LogSize)
	in := paddingInstance(w)
	form, err := in.Form()
	if err != nil {
		return err
	}
	proof, err := sumcheck.ReadProof(v.in, form)
	if err != nil {
		return fmt.Errorf("%w: padding proof: %v", ErrReject, err)
	}
	res, err := in.Verify(v.DLC, sumcheck.Point{}, proof, func(r []fr.Element) ([]fr.Element, error) {
		return []fr.Element{l.PaddingMask(r), {}}, nil
	})
	if err != nil {
		return err
	}
	return v.advice.AddBlob(res.Point, res.Commitments[0])
}

func paddingInstance(w claims.Point) *sumcheck.Instance {
	var one fr.Element
	one.SetOne()
	return sumcheck.ZeroCheck(w.Coords(), 1, []sumcheck.Term{{Coeff: one, Factors: []int{1}}})
}

// EqTable is mle.EqTable at a challenge point.
func EqTable(u claims.Point) []fr.Element { return mle.EqTable(u.Coords()) }
