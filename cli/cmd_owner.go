package cli

import (
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"

	"github.com/zkllm/zkllm/anchor"
)

type txResult struct {
	Schema  string `json:"schema"`
	Ref     string `json:"ref"`
	TxHash  string `json:"tx_hash"`
	Block   uint64 `json:"block"`
	GasUsed uint64 `json:"gas_used"`
	Detail  string `json:"detail"`
}

// ownedTarget opens the registry for writing and finds the published record
// of the selected model, or of an explicit reference argument.
func (s *session) ownedTarget(refArg string) (*chainConn, *anchor.Client, *anchor.Version, error) {
	var ref anchor.Ref
	if refArg != "" {
		r, err := anchor.ParseRef(refArg)
		if err != nil {
			return nil, nil, nil, badInputf("%v", err)
		}
		ref = r
	} else {
		rec, err := s.selectModel()
		if err != nil {
			return nil, nil, nil, err
		}
		if rec.Published == nil {
			return nil, nil, nil, badInputf("model %q is not published (or give a chain reference)", rec.Name)
		}
		if ref, err = anchor.ParseRef(rec.Published.Ref); err != nil {
			return nil, nil, nil, internalf("record of %q: %v", rec.Name, err)
		}
	}
	cc, err := s.openChain()
	if err != nil {
		return nil, nil, nil, err
	}
	fail := func(err error) (*chainConn, *anchor.Client, *anchor.Version, error) {
		cc.close()
		return nil, nil, nil, err
	}
	if !ref.Bare() && ref.ChainID != cc.chainID {
		return fail(badInputf("wrong chain: the reference is for chain %d but %s is chain %d", ref.ChainID, cc.describe(), cc.chainID))
	}
	addr, err := s.registryAddress(cc, ref.Contract, true)
	if err != nil {
		return fail(err)
	}
	reg, _, err := s.openRegistry(cc, addr, true, false)
	if err != nil {
		return fail(err)
	}
	v, err := resolveVersion(s, reg, ref)
	if err != nil {
		return fail(classifyChainErr(s, cc, err))
	}
	return cc, reg, v, nil
}

func modelRevoke(s *session) error {
	cc, reg, v, err := s.ownedTarget(s.c.Args().First())
	if err != nil {
		return err
	}
	defer cc.close()
	if v.Revoked {
		return badInputf("version %s is already revoked", v.ID.Hex())
	}
	rc, err := reg.RevokeVersion(s.ctx, v.ID)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	r := txResult{Schema: schemaPrefix + "model-revoke/v1", Ref: reg.Ref(anchor.KindVersion, v.ID).String(),
		TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber, GasUsed: rc.GasUsed, Detail: "revoked"}
	return s.out.result(r, r.TxHash, func(w io.Writer) {
		fmt.Fprintf(w, "revoked %s\n  transaction %s (block %d)\n", r.Ref, r.TxHash, r.Block)
	})
}

func modelTransfer(s *session) error {
	to := s.c.Args().First()
	if !common.IsHexAddress(to) {
		return badInputf("model transfer: give the new owner's address (got %q)", to)
	}
	cc, reg, v, err := s.ownedTarget("")
	if err != nil {
		return err
	}
	defer cc.close()
	rc, err := reg.TransferModel(s.ctx, v.ModelKey, common.HexToAddress(to))
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	r := txResult{Schema: schemaPrefix + "model-transfer/v1", Ref: reg.Ref(anchor.KindModel, v.ModelKey).String(),
		TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber, GasUsed: rc.GasUsed, Detail: "new owner " + common.HexToAddress(to).Hex()}
	return s.out.result(r, r.TxHash, func(w io.Writer) {
		fmt.Fprintf(w, "transferred %s to %s\n  transaction %s (block %d)\n", r.Ref, common.HexToAddress(to).Hex(), r.TxHash, r.Block)
	})
}

type deployResult struct {
	Schema   string `json:"schema"`
	ChainID  uint64 `json:"chain_id"`
	Contract string `json:"contract"`
	CodeHash string `json:"code_hash"`
	TxHash   string `json:"tx_hash"`
	Block    uint64 `json:"block"`
}

func contractDeploy(s *session) error {
	cc, err := s.openChain()
	if err != nil {
		return err
	}
	defer cc.close()
	if cc.isEmbedded() {
		addr, err := ensureEmbeddedContracts(s, cc)
		if err != nil {
			return err
		}
		r := deployResult{Schema: schemaPrefix + "contract-deploy/v1", ChainID: cc.chainID, Contract: addr, CodeHash: anchor.RuntimeCodeHash().Hex()}
		return s.out.result(r, addr, func(w io.Writer) {
			fmt.Fprintf(w, "the embedded chain's registry is at %s (deployed automatically)\n", addr)
		})
	}
	key, src, err := signerKey(s, cc.chainID)
	if err != nil {
		return err
	}
	backend, err := s.txBackend(cc)
	if err != nil {
		return err
	}
	s.out.step("deploying the registry to chain %d%s", cc.chainID, describeKey(src))
	c, rc, err := anchor.Deploy(s.ctx, backend, anchor.Options{ChainID: cc.chainID, Key: key})
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	r := deployResult{Schema: schemaPrefix + "contract-deploy/v1", ChainID: cc.chainID, Contract: c.Address().Hex(),
		CodeHash: anchor.RuntimeCodeHash().Hex(), TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber}
	return s.out.result(r, r.Contract, func(w io.Writer) {
		fmt.Fprintf(w, "deployed the registry at %s on chain %d\n  transaction %s (block %d)\n  code hash %s\n", r.Contract, r.ChainID, r.TxHash, r.Block, r.CodeHash)
		fmt.Fprintf(w, "use it with --contract %s (or ZKLLM_CONTRACT)\n", r.Contract)
	})
}
