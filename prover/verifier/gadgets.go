package verifier

import (
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/attention"
	"github.com/zkllm/zkllm/prover/layers/attnout"
	"github.com/zkllm/zkllm/prover/layers/ffn"
	"github.com/zkllm/zkllm/prover/layers/head"
	"github.com/zkllm/zkllm/prover/layers/output"
	"github.com/zkllm/zkllm/prover/layers/qkv"
	"github.com/zkllm/zkllm/prover/layers/residual"
	"github.com/zkllm/zkllm/prover/layers/rmsnorm"
)

// GadgetNames is the order of the gadgets in phase C (and of their
// messages in the proof body): the checkpoints, then one layer's chain in
// §8.5 order (each stacked over all layers), then the head and the output
// binding. The prover (prover/inference) builds the same list.
var GadgetNames = []string{"residual", "attn_norm", "qkv", "attention", "attn_out", "ffn_norm", "ffn", "head", "output"}

// HeadParams returns the final head's public parameters.
func (p *Public) HeadParams() head.Params {
	return head.Params{NormExp: p.Exps["final_norm"], Kappa: p.Kappa, Classifier: p.Classifier(), ClsExp: p.Exps[p.Classifier()]}
}

// QKVParams returns the qkv gadget's public parameters.
func (p *Public) QKVParams() qkv.Params {
	return qkv.Params{Dims: p.Dims, PairBit: p.Config.RopePairBit, Theta: p.Config.RopeTheta, Scaling: p.Config.RopeScaling,
		EQ: p.RoleExp("wq"), EK: p.RoleExp("wk"), EV: p.RoleExp("wv")}
}

// Gadgets returns the verifier's gadgets, in GadgetNames order.
func Gadgets(p *Public) ([]layers.VerifierGadget, error) {
	d := p.Dims
	res, err := residual.New(d, p.Inputs(), p.Exps["embed"])
	if err != nil {
		return nil, err
	}
	attnNorm, err := rmsnorm.NewLayer(rmsnorm.Attn, d, p.RoleExp("attn_norm"), p.Kappa)
	if err != nil {
		return nil, err
	}
	q, err := qkv.New(p.QKVParams(), nil)
	if err != nil {
		return nil, err
	}
	att, err := attention.New(d)
	if err != nil {
		return nil, err
	}
	ao := &attnout.Gadget{Dims: d, EO: p.RoleExp("wo")}
	ffnNorm, err := rmsnorm.NewLayer(rmsnorm.FFN, d, p.RoleExp("ffn_norm"), p.Kappa)
	if err != nil {
		return nil, err
	}
	ffn, err := newFFN(p)
	if err != nil {
		return nil, err
	}
	hd, err := head.New(d, p.HeadParams())
	if err != nil {
		return nil, err
	}
	out, err := output.New(d.V, p.Rule, p.Tokens[d.P:])
	if err != nil {
		return nil, err
	}
	return []layers.VerifierGadget{res, attnNorm, q, att, ao, ffnNorm, ffn, hd, out}, nil
}

func newFFN(p *Public) (*ffn.Gadget, error) {
	return &ffn.Gadget{Dims: p.Dims, E1: p.RoleExp("w1"), E2: p.RoleExp("w2"), E3: p.RoleExp("w3")}, nil
}
