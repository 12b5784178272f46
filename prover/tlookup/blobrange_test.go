package tlookup

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/internal/testkit"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// testVK commits a small two-tensor weight blob (1-D tensors of 300 and 77
// entries: padding inside and after the tensors) with int16 values, rows of
// 2^logC, zero blindings on padding rows.
type testModel struct {
	vk    *pedersen.VerifyingKey
	blob  []int16
	blind []fr.Element
}

func newTestModel(t testing.TB, seed uint64, logC int) *testModel {
	t.Helper()
	layout, err := pedersen.Place([]pedersen.TensorSpec{{Name: "a", Shape: []uint64{300}}, {Name: "b", Shape: []uint64{77}}})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 5))
	blob := make([]int16, layout.Size())
	for _, pl := range layout.Tensors {
		for i := uint64(0); i < pl.Shape[0]; i++ {
			idx, err := pl.Index([]uint64{i})
			if err != nil {
				t.Fatal(err)
			}
			blob[idx] = int16(rng.IntN(1<<16) - 1<<15)
		}
	}
	blob[0], blob[1] = -1<<15, 1<<15-1 // both ends of SRANGE_16
	present, err := layout.PresentRows(logC)
	if err != nil {
		t.Fatal(err)
	}
	blind := make([]fr.Element, len(present))
	for k, p := range present {
		if p {
			blind[k] = field.RandomScalar()
		}
	}
	gens, err := pedersen.Get(1 << logC)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := pedersen.CommitRowsSmall(gens, blob, 1<<logC, 0, len(blind), blind)
	if err != nil {
		t.Fatal(err)
	}
	vk := &pedersen.VerifyingKey{GeneratorVersion: pedersen.GeneratorVersion, LogC: logC, Layout: layout, Rows: rows}
	if err := vk.Validate(); err != nil {
		t.Fatal(err)
	}
	return &testModel{vk: vk, blob: blob, blind: blind}
}

var testModelID = bytes.Repeat([]byte{0xab}, 32)

func TestBlobRangeHonestAndBound(t *testing.T) {
	m := newTestModel(t, 1, 6)
	p, err := ProveBlobRange(m.vk, m.blob, m.blind, testModelID)
	if err != nil {
		t.Fatal(err)
	}
	enc := p.Marshal()
	if want, _ := BlobRangeProofSize(m.vk); len(enc) != want {
		t.Fatalf("encoded %d bytes, size formula %d", len(enc), want)
	}
	if err := VerifyBlobRange(m.vk, testModelID, enc); err != nil {
		t.Fatalf("honest weight range proof rejected: %v", err)
	}
	t.Logf("weight range proof for 2^%d weights: %d bytes", m.vk.Layout.LogSize, len(enc))
	dec, err := UnmarshalBlobRangeProof(enc, m.vk)
	if err != nil || !bytes.Equal(dec.Marshal(), enc) {
		t.Fatalf("round trip: %v", err)
	}
	other := bytes.Clone(testModelID)
	other[31] ^= 1
	if err := VerifyBlobRange(m.vk, other, enc); !errors.Is(err, ErrReject) {
		t.Fatalf("proof accepted for another model id: %v", err)
	}
	m2 := newTestModel(t, 2, 6)
	if err := VerifyBlobRange(m2.vk, testModelID, enc); !errors.Is(err, ErrReject) {
		t.Fatalf("proof accepted for another vk: %v", err)
	}
}

func TestBlobRangeWideRows(t *testing.T) {
	// One row longer than the whole blob: the lookup covers the zero-padded row.
	m := newTestModel(t, 3, 11)
	p, err := ProveBlobRange(m.vk, m.blob, m.blind, testModelID)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyBlobRange(m.vk, testModelID, p.Marshal()); err != nil {
		t.Fatal(err)
	}
}

// TestBlobRangeRejectsOutOfRangeWeight: a malicious owner commits 2^15 (one
// past int16) and proves with the multiplicities of the other entries.
func TestBlobRangeRejectsOutOfRangeWeight(t *testing.T) {
	m := newTestModel(t, 4, 6)
	vals := make([]fr.Element, len(m.blob))
	col := Column{In: make([]int64, len(m.blob))}
	for i, v := range m.blob {
		col.In[i] = int64(v)
		vals[i].SetInt64(int64(v))
	}
	shape, err := newBlobRangeShape(m.vk)
	if err != nil {
		t.Fatal(err)
	}
	w := &Witness{Columns: []Column{col}}
	mult, err := shape.layout.Multiplicities(w)
	if err != nil {
		t.Fatal(err)
	}
	// Replace entry 5 by 2^15 and recommit its row, as the owner would.
	j, _ := shape.table.Index(col.In[5])
	mult[0][j]--
	col.In[5] = 1 << 15
	vals[5].SetInt64(1 << 15)
	gens, _ := pedersen.Get(1 << m.vk.LogC)
	rows, err := gens.CommitRows(vals, 1<<m.vk.LogC, 0, len(m.blind), m.blind)
	if err != nil {
		t.Fatal(err)
	}
	vk := *m.vk
	vk.Rows = rows
	open := func(qRow []fr.Element) ([]fr.Element, fr.Element, error) {
		return ipa.OpenWitness(vals, 1<<vk.LogC, m.blind, qRow)
	}
	p, err := proveBlobRange(&vk, shape, w, mult, m.blind, testModelID, open)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyBlobRange(&vk, testModelID, p.Marshal()); !errors.Is(err, ErrReject) {
		t.Fatalf("out-of-range weight accepted: %v", err)
	}
	// Control: the same path with the honest value passes.
	col.In[5] = int64(m.blob[5])
	mult[0][j]++
	p, err = proveBlobRange(m.vk, shape, w, mult, m.blind, testModelID, func(qRow []fr.Element) ([]fr.Element, fr.Element, error) {
		return ipa.OpenWitnessSmall(m.blob, 1<<m.vk.LogC, m.blind, qRow)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyBlobRange(m.vk, testModelID, p.Marshal()); err != nil {
		t.Fatalf("control rejected: %v", err)
	}
}

func TestBlobRangeDecoderRejects(t *testing.T) {
	m := newTestModel(t, 5, 6)
	p, err := ProveBlobRange(m.vk, m.blob, m.blind, testModelID)
	if err != nil {
		t.Fatal(err)
	}
	enc := p.Marshal()
	bad := map[string][]byte{
		"empty":     nil,
		"truncated": enc[:len(enc)-1],
		"trailing":  append(bytes.Clone(enc), 0),
		"magic":     append([]byte("ZKLLMRP0"), enc[8:]...),
	}
	// A scalar ≥ r: the last 32 bytes are the DLC IPA's z2.
	big := bytes.Clone(enc)
	copy(big[len(big)-32:], bytes.Repeat([]byte{0xff}, 32))
	bad["scalar ≥ r"] = big
	// A point with a flipped x coordinate byte (off curve or not in 𝔾).
	off := bytes.Clone(enc)
	off[8+10] ^= 0x40
	bad["bad point"] = off
	// The identity as the first multiplicity row.
	id := bytes.Clone(enc)
	copy(id[8:8+48], append([]byte{0xc0}, make([]byte, 47)...))
	bad["identity"] = id
	for name, b := range bad {
		if _, err := UnmarshalBlobRangeProof(b, m.vk); !errors.Is(err, ErrDecode) {
			t.Errorf("%s: decoder returned %v", name, err)
		}
	}
	writeFuzzSeed(t, "FuzzUnmarshalBlobRangeProof", enc)
}

// writeFuzzSeed refreshes testdata/fuzz/<target>/honest when
// ZKLLM_WRITE_FUZZ_SEEDS is set (the committed seeds were made this way).
func writeFuzzSeed(t *testing.T, target string, b []byte) {
	if os.Getenv("ZKLLM_WRITE_FUZZ_SEEDS") != "" {
		testkit.WriteSeeds(t, target, map[string][]byte{"honest": b})
	}
}
