package attention

import (
	"bytes"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/transcript"
)

// proveY runs the Y instance alone on a fresh seeded DLC, by the engine or
// by the kernel, and returns its proof bytes and final openings' values.
func proveY(t *testing.T, g *Gadget, in *sumcheck.Instance, useKernel bool) ([]byte, []fr.Element) {
	t.Helper()
	restore := field.SeedForTesting([32]byte{18, 14})
	defer restore()
	dlc, err := sumcheck.NewDLCProver(transcript.New())
	if err != nil {
		t.Fatal(err)
	}
	theta := elem(tables.Theta)
	k := newYKernel(in, g.validTable(), g.w.ybar, g.w.ibar, theta)
	var s fr.Element // the claim Σ E·P·A·B, from the kernel's tables
	for i := range k.tabs[yE] {
		var v fr.Element
		v.Mul(&k.tabs[yE][i], &k.tabs[yP][i]).Mul(&v, &k.tabs[yA][i]).Mul(&v, &k.tabs[yB][i])
		s.Add(&s, &v)
	}
	claim, _ := dlc.Commit(s)
	var proof *sumcheck.Proof
	var res *sumcheck.Result
	if useKernel {
		proof, res, err = in.ProveKernel(dlc, k, claim)
	} else {
		proof, res, err = in.Prove(dlc, [][]fr.Element{g.validTable(), toField(g.w.ybar), toField(g.w.ibar)}, claim)
	}
	return provedValues(t, proof, res, err)
}

// TestYKernelMatchesEngine: the Y kernel's proof is byte-identical to the
// generic engine's on the same instance (with and without the band's
// second eq point), for a power-of-two and a padded shape.
func TestYKernelMatchesEngine(t *testing.T) {
	for name, s := range map[string]setup{"stories T=8": stories(t), "gqa T=5": randomSetup(t, gqaConfig(), 5, 3)} {
		g, _ := s.gadgets(t, narrow(hooks{}), narrow(hooks{}))
		n := g.scores().LogSize()
		u := claims.FromLeaf(field.RandomScalars(n))
		w := claims.FromLeaf(field.RandomScalars(g.rows().LogSize()))
		for _, band := range []*claims.Point{nil, &w} {
			in := g.yInstance(u, band, field.RandomScalar())
			eb, ev := proveY(t, g, in, false)
			kb, kv := proveY(t, g, in, true)
			if !bytes.Equal(eb, kb) {
				t.Fatalf("%s (band %v): kernel proof differs from the engine's", name, band != nil)
			}
			for i := range ev {
				if !ev[i].Equal(&kv[i]) {
					t.Fatalf("%s: opening %d differs", name, i)
				}
			}
		}
	}
}

// proveV runs the digits instance alone on a fresh seeded DLC, by the
// engine or by the kernel.
func proveV(t *testing.T, g *Gadget, r []fr.Element, useKernel bool) ([]byte, []fr.Element) {
	t.Helper()
	restore := field.SeedForTesting([32]byte{18, 14, 2})
	defer restore()
	dlc, err := sumcheck.NewDLCProver(transcript.New())
	if err != nil {
		t.Fatal(err)
	}
	in := g.vInstance(claims.FromLeaf(r))
	tabs := [][]fr.Element{g.causalTable(), mle.BroadcastLow(toField(g.w.zhat), g.lT()), toField(g.w.z)}
	eq := mle.EqTable(r)
	var s fr.Element // Σ eq·M·(ẑ − Z)
	for x := range eq {
		var d, v fr.Element
		d.Sub(&tabs[1][x], &tabs[2][x])
		v.Mul(&eq[x], &tabs[0][x]).Mul(&v, &d)
		s.Add(&s, &v)
	}
	claim, _ := dlc.Commit(s)
	var proof *sumcheck.Proof
	var res *sumcheck.Result
	if useKernel {
		proof, res, err = in.ProveKernel(dlc, newVKernel(r, g.causalTable(), g.w.zhat, g.w.z, g.lT()), claim)
	} else {
		proof, res, err = in.Prove(dlc, tabs, claim)
	}
	return provedValues(t, proof, res, err)
}

// TestVKernelMatchesEngine: the digits kernel's proof is byte-identical to
// the engine's eq mode, at a random point and at one with a zero
// coordinate (q_j(1) computed, not derived from the claim).
func TestVKernelMatchesEngine(t *testing.T) {
	for name, s := range map[string]setup{"stories T=8": stories(t), "gqa T=5": randomSetup(t, gqaConfig(), 5, 3)} {
		g, _ := s.gadgets(t, narrow(hooks{}), narrow(hooks{}))
		r := field.RandomScalars(g.scores().LogSize())
		rz := append([]fr.Element(nil), r...)
		rz[1].SetZero()
		for _, pt := range [][]fr.Element{r, rz} {
			eb, ev := proveV(t, g, pt, false)
			kb, kv := proveV(t, g, pt, true)
			if !bytes.Equal(eb, kb) {
				t.Fatalf("%s: kernel proof differs from the engine's", name)
			}
			for i := range ev {
				if !ev[i].Equal(&kv[i]) {
					t.Fatalf("%s: opening %d differs", name, i)
				}
			}
		}
	}
}

// provedValues is a proved instance's bytes and its factors' opened values.
func provedValues(t *testing.T, proof *sumcheck.Proof, res *sumcheck.Result, err error) ([]byte, []fr.Element) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]fr.Element, len(res.Openings))
	for i, o := range res.Openings {
		vals[i] = o.Value
	}
	return proof.Marshal(), vals
}
