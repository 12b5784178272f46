package cli

import (
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"
	ucli "github.com/urfave/cli/v2"

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
	s.updateLocal(reg.Ref(anchor.KindVersion, v.ID).String(), func(p *publishRecord) {
		if p.Ref == reg.Ref(anchor.KindVersion, v.ID).String() {
			p.RevokedBlock = rc.BlockNumber
		}
	})
	r := txResult{Schema: schemaPrefix + "model-revoke/v1", Ref: reg.Ref(anchor.KindVersion, v.ID).String(),
		TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber, GasUsed: rc.GasUsed, Detail: "revoked"}
	return s.out.result(r, r.TxHash, func(w io.Writer) {
		fmt.Fprintf(w, "revoked %s\n  transaction %s (block %d)\n", r.Ref, r.TxHash, r.Block)
	})
}

func modelTransfer(s *session) error {
	to := s.c.Args().First()
	if !common.IsHexAddress(to) {
		return badInputf("model transfer: give the new owner's address (got %q), then optionally a chain reference", to)
	}
	newOwner := common.HexToAddress(to)
	cc, reg, v, err := s.ownedTarget(s.c.Args().Get(1))
	if err != nil {
		return err
	}
	defer cc.close()
	rc, err := reg.TransferModel(s.ctx, v.ModelKey, newOwner)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	modelRef := reg.Ref(anchor.KindModel, v.ModelKey).String()
	s.updateLocal(modelRef, func(p *publishRecord) { p.PendingOwner = newOwner.Hex() })
	r := txResult{Schema: schemaPrefix + "model-transfer/v1", Ref: modelRef,
		TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber, GasUsed: rc.GasUsed, Detail: "offered to " + newOwner.Hex()}
	return s.out.result(r, r.TxHash, func(w io.Writer) {
		fmt.Fprintf(w, "offered %s to %s\n  transaction %s (block %d)\n", r.Ref, newOwner.Hex(), r.TxHash, r.Block)
		fmt.Fprintf(w, "you stay the owner until %s accepts:\n  zkllm model accept %s\n", newOwner.Hex(), r.Ref)
	})
}

func modelAccept(s *session) error {
	arg := s.c.Args().First()
	if arg == "" {
		return badInputf("model accept: give the chain reference of the model offered to you")
	}
	ref, err := anchor.ParseRef(arg)
	if err != nil {
		return badInputf("%v", err)
	}
	cc, err := s.openChain()
	if err != nil {
		return err
	}
	defer cc.close()
	if !ref.Bare() && ref.ChainID != cc.chainID {
		return badInputf("wrong chain: the reference is for chain %d but %s is chain %d", ref.ChainID, cc.describe(), cc.chainID)
	}
	addr, err := s.registryAddress(cc, ref.Contract, true)
	if err != nil {
		return err
	}
	reg, _, err := s.openRegistry(cc, addr, true, false)
	if err != nil {
		return err
	}
	modelKey := ref.ID
	if ref.Kind != anchor.KindModel {
		v, err := resolveVersion(s, reg, ref)
		if err != nil {
			return classifyChainErr(s, cc, err)
		}
		modelKey = v.ModelKey
	}
	rc, err := reg.AcceptModel(s.ctx, modelKey)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	modelRef := reg.Ref(anchor.KindModel, modelKey).String()
	// The local model named by --model (if any) now continues this line.
	if name := s.c.String(modelFlag.Name); name != "" {
		rec, err := s.dir.loadRecord(name)
		if err != nil {
			return err
		}
		if rec.Published == nil {
			rec.Published = &publishRecord{ChainID: cc.chainID, Contract: addr.Hex()}
		}
		rec.Published.ModelRef = modelRef
		rec.Published.Owner = reg.From().Hex()
		rec.Published.PendingOwner = ""
		if err := s.dir.saveRecord(rec); err != nil {
			return err
		}
	}
	r := txResult{Schema: schemaPrefix + "model-accept/v1", Ref: modelRef,
		TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber, GasUsed: rc.GasUsed, Detail: "owner " + reg.From().Hex()}
	return s.out.result(r, r.TxHash, func(w io.Writer) {
		fmt.Fprintf(w, "you (%s) now own %s\n  transaction %s (block %d)\n", reg.From().Hex(), r.Ref, r.TxHash, r.Block)
		fmt.Fprintln(w, "new versions of this line: zkllm model publish --model <name>  (after `zkllm model accept <ref> --model <name>`)")
	})
}

var refreshFlag = &ucli.BoolFlag{
	Name: "refresh", Category: catModel,
	Usage: "re-read the publication from the chain (revocation, owner) and update the record",
}

// refreshRecord re-reads rec's published version and line from the chain and saves what
// changed (under the writer lock): the record follows revocations and transfers made
// elsewhere.
func (s *session) refreshRecord(rec *modelRecord) (*modelRecord, error) {
	p := rec.Published
	cc, err := s.openChain()
	if err != nil {
		return nil, err
	}
	defer cc.close()
	if p.ChainID != cc.chainID {
		return nil, badInputf("model %q was published on chain %d, %s is chain %d", rec.Name, p.ChainID, cc.describe(), cc.chainID)
	}
	reg, err := anchor.Open(s.ctx, cc.client, common.HexToAddress(p.Contract), anchor.Options{ChainID: cc.chainID})
	if err != nil {
		return nil, classifyChainErr(s, cc, err)
	}
	next := *p
	if p.Ref != "" {
		ref, err := anchor.ParseRef(p.Ref)
		if err != nil {
			return nil, internalf("record of %q: %v", rec.Name, err)
		}
		v, err := reg.Version(s.ctx, ref.ID)
		if err != nil {
			return nil, classifyChainErr(s, cc, err)
		}
		next.RevokedBlock = v.RevokedBlock
		if next.ModelRef == "" {
			next.ModelRef = reg.Ref(anchor.KindModel, v.ModelKey).String()
		}
	}
	if next.ModelRef != "" {
		ref, err := anchor.ParseRef(next.ModelRef)
		if err != nil {
			return nil, internalf("record of %q: %v", rec.Name, err)
		}
		m, err := reg.Model(s.ctx, ref.ID)
		if err != nil {
			return nil, classifyChainErr(s, cc, err)
		}
		next.Owner, next.PendingOwner = m.Owner.Hex(), ""
		if m.PendingOwner != (common.Address{}) {
			next.PendingOwner = m.PendingOwner.Hex()
		}
	}
	if next == *p {
		return rec, nil
	}
	l, err := s.dir.lock(s.c.Command.FullName())
	if err != nil {
		return nil, err
	}
	defer l.release()
	fresh, err := s.dir.loadRecord(rec.Name) // as of now, under the lock
	if err != nil {
		return nil, err
	}
	if fresh.Published == nil || fresh.Published.Ref != p.Ref {
		return fresh, nil // republished meanwhile: that record is newer than what was read
	}
	fresh.Published = &next
	if err := s.dir.saveRecord(fresh); err != nil {
		return nil, err
	}
	return fresh, nil
}

// updateLocal applies change to the publication record of every local model published on
// the line or version ref names (so `model list/show` follow what this process did on chain).
func (s *session) updateLocal(ref string, change func(p *publishRecord)) {
	names, err := s.dir.modelNames()
	if err != nil {
		return
	}
	for _, n := range names {
		rec, err := s.dir.loadRecord(n)
		if err != nil || rec.Published == nil || (rec.Published.Ref != ref && rec.Published.ModelRef != ref) {
			continue
		}
		change(rec.Published)
		s.dir.saveRecord(rec)
	}
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
