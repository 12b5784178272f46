package inference

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/layers"
)

func TestCheckpointRoundTripAndRefusals(t *testing.T) {
	_, _, g, _ := bls12381.Generators()
	st := &layers.PhaseAState{PlanDigest: [32]byte{7}, Rows: []bls12381.G1Affine{g, {}}, Blinds: []fr.Element{fr.One(), {}}}
	path := filepath.Join(t.TempDir(), "phaseA.ckpt")
	bind := Binding("v1", [32]byte{1}, [32]byte{2}, "greedy")
	s := &FileStore{Path: path, Binding: bind}
	if got, err := s.Load(st.PlanDigest); got != nil || err != nil {
		t.Fatalf("missing file: %v %v", got, err)
	}
	if err := s.Save(st); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("checkpoint mode %v, want 0600", fi.Mode().Perm())
	}
	got, err := s.Load(st.PlanDigest)
	if err != nil || !got.Rows[0].Equal(&g) || !got.Rows[1].IsInfinity() || !got.Blinds[0].IsOne() {
		t.Fatalf("round trip: %v", err)
	}
	for name, store := range map[string]*FileStore{
		"another statement": {Path: path, Binding: Binding("v1", [32]byte{1}, [32]byte{3}, "greedy")},
		"another version":   {Path: path, Binding: Binding("v2", [32]byte{1}, [32]byte{2}, "greedy")},
	} {
		if _, err := store.Load(st.PlanDigest); !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), "another") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := s.Load([32]byte{8}); !errors.Is(err, ErrCheckpoint) {
		t.Errorf("another plan: %v", err)
	}
	b, _ := os.ReadFile(path)
	b[len(b)/2] ^= 1
	os.WriteFile(path, b, 0o600)
	if _, err := s.Load(st.PlanDigest); !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("corrupt file: %v", err)
	}
}
