package residual

import (
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// selProbe commits a tensor "hsel" [D, G] and proves that it equals
// H_sel = R_L at rows P−1+g, through one shared commitment at a fresh point.
type selProbe struct{ d layers.Dims }

func (s selProbe) Name() string                            { return "selprobe" }
func (s selProbe) Tensors() ([]pedersen.TensorSpec, error) { return nil, nil }
func (s selProbe) Lookups() ([]tlookup.Lookup, error)      { return nil, nil }
func (s selProbe) Witness() (map[string][]int64, []tlookup.Column, error) {
	return map[string][]int64{}, nil, nil
}

func (s selProbe) Prove(p *layers.Prover) error {
	u := p.Fresh(transcript.LabelPointU, s.d.Sel(s.d.D).LogSize())
	v, err := p.Eval("hsel", u.Coords())
	if err != nil {
		return err
	}
	cs, err := p.Send(transcript.LabelClaim, []layers.Target{{Tensor: "hsel"}}, u, []fr.Element{v})
	if err != nil {
		return err
	}
	sel := claims.New(p.Ledger, SelectedName, u, cs[0].Value)
	if err := p.Pool(cs[0]); err != nil {
		return err
	}
	return ProveSelected(p, s.d, sel)
}

func (s selProbe) Verify(v *layers.Verifier) error {
	u := v.Fresh(transcript.LabelPointU, s.d.Sel(s.d.D).LogSize())
	cs, err := v.Receive(transcript.LabelClaim, []layers.Target{{Tensor: "hsel"}}, u)
	if err != nil {
		return err
	}
	sel := claims.New(v.Ledger, SelectedName, u, cs[0].Value)
	if err := v.Pool(cs[0]); err != nil {
		return err
	}
	return VerifySelected(v, s.d, sel)
}

func TestSelectedRows(t *testing.T) {
	q, _, w := layertest.Stories(t, 7)
	d, err := layers.DimsOf(q.Config, 7, 3)
	if err != nil {
		t.Fatal(err)
	}
	hsel := append([]int64(nil), w.R[d.L][(d.P-1)*d.D:]...)
	run := func(data []int64) error {
		in := layertest.Inputs{{Name: layers.TensorR, Shape: d.Checkpoints().Shape(), Data: layertest.Stack(w.R)}, {Name: "hsel", Shape: d.Sel(d.D), Data: data}}
		_, err := layertest.Run(t, nil, []layers.ProverGadget{in, selProbe{d}}, []layers.VerifierGadget{in.Public(), selProbe{d}})
		return err
	}
	if err := run(hsel); err != nil {
		t.Fatalf("honest selection rejected: %v", err)
	}
	hsel[d.D+3]++
	if err := run(hsel); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("a selected row that is not R_L's: %v", err)
	}
}
