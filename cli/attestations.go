package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"
	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/anchor"
)

var validatorFlag = &ucli.StringSliceFlag{
	Name: "validator", Category: catChain, EnvVars: []string{"ZKLLM_VALIDATOR"},
	Usage: "address whose on-chain attestations you trust (repeat or comma-separate); anyone may attest, others are listed but not counted",
}

// attestationSummary is what a reader makes of a proof record's on-chain attestations:
// only the validators the user trusts (--validator) are counted.
type attestationSummary struct {
	Trusted         []string `json:"trusted"`
	Valid           int      `json:"valid"`
	Invalid         int      `json:"invalid"`
	Counted         []string `json:"counted"` // "0x… valid (block N)"
	Ignored         []string `json:"ignored"` // validators not trusted
	AfterRevocation int      `json:"after_revocation"`
}

// summarizeAttestations reads a proof record's attestations and counts the trusted ones.
func summarizeAttestations(ctx context.Context, reg *anchor.Client, proofKey common.Hash, trusted []string, revokedBlock uint64) (*attestationSummary, error) {
	var addrs []common.Address
	out := &attestationSummary{Trusted: []string{}, Counted: []string{}, Ignored: []string{}}
	for _, t := range trusted {
		if !common.IsHexAddress(t) {
			return nil, badInputf("--validator %q is not an address", t)
		}
		addrs = append(addrs, common.HexToAddress(t))
		out.Trusted = append(out.Trusted, common.HexToAddress(t).Hex())
	}
	atts, err := reg.Attestations(ctx, proofKey)
	if err != nil {
		return nil, err
	}
	t := anchor.CountAttestations(atts, addrs, revokedBlock)
	out.Valid, out.Invalid, out.AfterRevocation = t.Valid, t.Invalid, t.AfterRevocation
	verdict := map[bool]string{true: "valid", false: "invalid"}
	for _, a := range t.Counted {
		out.Counted = append(out.Counted, fmt.Sprintf("%s %s (block %d)", a.Validator.Hex(), verdict[a.Valid], a.BlockNumber))
	}
	for _, a := range t.Ignored {
		out.Ignored = append(out.Ignored, a.Validator.Hex())
	}
	return out, nil
}

func (a *attestationSummary) print(w io.Writer) {
	if a == nil {
		return
	}
	if len(a.Trusted) == 0 {
		fmt.Fprintf(w, "  attestations: %d on-chain, none counted (name the validators you trust with --validator)\n", len(a.Ignored))
		return
	}
	fmt.Fprintf(w, "  attestations counted (validators you trust): %d valid, %d invalid", a.Valid, a.Invalid)
	if a.AfterRevocation > 0 {
		fmt.Fprintf(w, " (%d made after the version's revocation)", a.AfterRevocation)
	}
	fmt.Fprintf(w, "; %d by other validators not counted\n", len(a.Ignored))
	for _, c := range a.Counted {
		fmt.Fprintf(w, "    %s\n", c)
	}
}
