package verifier

import (
	"fmt"
	"math/big"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/sample"
)

// Public is everything the gadgets' public sides need: the architecture,
// the per-tensor exponents, the sequence and the decoding rule. Prover and
// verifier derive it the same way (PublicOf).
type Public struct {
	Config model.Config
	Dims   layers.Dims
	Exps   map[string]int // per weight tensor name (spec order in the manifest)
	Tokens []int          // s_0…s_T
	Rule   sample.Rule
	Kappa  *big.Int
}

// PublicOf derives the public parameters from the architecture, the
// exponents in spec order (model.TensorLayout), the tokens s_0…s_T with a
// prompt of p tokens, and the rule.
func PublicOf(c model.Config, exps []int, tokens []int, p int, rule sample.Rule) (*Public, error) {
	layout := model.TensorLayout(c)
	if len(exps) != len(layout) {
		return nil, fmt.Errorf("%w: %d exponents for %d tensors", layers.ErrGadget, len(exps), len(layout))
	}
	pub := &Public{Config: c, Exps: map[string]int{}, Tokens: tokens, Rule: rule, Kappa: params.Kappa(c)}
	for i, t := range layout {
		pub.Exps[t.Name] = exps[i]
	}
	if len(tokens) < 2 {
		return nil, fmt.Errorf("%w: %d tokens", layers.ErrGadget, len(tokens))
	}
	d, err := layers.DimsOf(c, len(tokens)-1, p)
	if err != nil {
		return nil, err
	}
	if d.T > c.SeqLen {
		return nil, fmt.Errorf("%w: %d positions exceed the context of %d", layers.ErrGadget, d.T, c.SeqLen)
	}
	pub.Dims = d
	for name := range pub.Exps {
		if role, ok := quant.LayerRole(name); ok && pub.Exps[name] != pub.Exps[layers.WeightName(0, role)] {
			return nil, fmt.Errorf("%w: %s has exponent %d, layer 0's %s has %d: not stackable", layers.ErrGadget, name, pub.Exps[name], role, pub.Exps[layers.WeightName(0, role)])
		}
	}
	return pub, nil
}

// RoleExp returns the exponent shared by every layer's tensor of a role.
func (p *Public) RoleExp(role string) int { return p.Exps[layers.WeightName(0, role)] }

// Classifier returns the classifier's weight name: the embedding when the
// model ties them.
func (p *Public) Classifier() string {
	if p.Config.SharedClassifier {
		return "embed"
	}
	return "lm_head"
}

// Inputs returns the forward pass's input tokens s_0…s_{T−1}.
func (p *Public) Inputs() []int { return p.Tokens[:len(p.Tokens)-1] }
