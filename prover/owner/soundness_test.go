package owner

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// elements walks a decoded proof and returns a pointer to every scalar and
// every point in it (exported fields, depth first), so substitution tests
// cover every element without listing them by hand.
func elements(p *WeightProof) (scalars []*fr.Element, points []*bls12381.G1Affine) {
	scalarT, pointT := reflect.TypeFor[fr.Element](), reflect.TypeFor[bls12381.G1Affine]()
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch {
		case v.Type() == scalarT:
			scalars = append(scalars, v.Addr().Interface().(*fr.Element))
			return
		case v.Type() == pointT:
			points = append(points, v.Addr().Interface().(*bls12381.G1Affine))
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(p))
	return scalars, points
}

// parallel runs f(state, i) for i in [0,n) on every CPU; each worker gets
// its own state from newState (e.g. a decoded proof it patches and restores).
func parallel[S any](n int, newState func() S, f func(st S, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := newState()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(st, i)
			}
		}()
	}
	wg.Wait()
}

// decodedProof is a worker's decoded copy of the honest proof with
// pointers to its elements (patch one, verify, restore it).
type decodedProof struct {
	p       *WeightProof
	scalars []*fr.Element
	points  []*bls12381.G1Affine
}

func (k *VerifierKey) decodedCopy(t testing.TB, b []byte) func() *decodedProof {
	return func() *decodedProof {
		p := k.mustDecode(t, b)
		s, pts := elements(p)
		return &decodedProof{p, s, pts}
	}
}

// verifyWith verifies d with *at set to v, then restores it.
func verifyWith[T any](k *VerifierKey, d *decodedProof, at *T, v T) error {
	old := *at
	*at = v
	defer func() { *at = old }()
	return k.shape.verify(d.p, k.VK.Rows, k.ModelID, k.VKDigest)
}

// TestWeightProofEverySubstitutionRejected: each scalar +1 and each point
// +G of the proof (valid encodings that survive the decoder), one at a time,
// is rejected by the verifier. Under -short every scalar and every third
// point; the full sweep otherwise. The substitutes are valid encodings, so
// the decoder would pass them: they are fed to the equations directly, and
// the first few also through the encoding, as a verifier receives them.
func TestWeightProofEverySubstitutionRejected(t *testing.T) {
	f := tinyFixture(t)
	k, err := ParseVerifierKey(f.manifest, f.spec, f.vkFile)
	if err != nil {
		t.Fatal(err)
	}
	probeS, probeP := elements(k.mustDecode(t, f.proof))
	_, _, g, _ := bls12381.Generators()
	one := fr.One()
	type sub struct {
		scalar bool
		i      int
	}
	var subs []sub
	for i := range probeS {
		subs = append(subs, sub{true, i})
	}
	for i := range probeP {
		if !testing.Short() || i%3 == 0 {
			subs = append(subs, sub{false, i})
		}
	}
	var accepted atomic.Int64
	start := time.Now()
	parallel(len(subs), k.decodedCopy(t, f.proof), func(d *decodedProof, j int) {
		var err error
		if subs[j].scalar {
			at := d.scalars[subs[j].i]
			var v fr.Element
			v.Add(at, &one)
			err = verifyWith(k, d, at, v)
			if j < 8 { // also through the encoding
				old := *at
				*at = v
				err = k.VerifyWeightProof(d.p.Marshal())
				*at = old
			}
		} else {
			at := d.points[subs[j].i]
			var v bls12381.G1Affine
			v.Add(at, &g)
			err = verifyWith(k, d, at, v)
		}
		if !errors.Is(err, ErrReject) {
			accepted.Add(1)
			t.Errorf("substitution %+v: %v", subs[j], err)
		}
	})
	t.Logf("%d scalars and %d points in the proof; %d substitutions, %d accepted, %v", len(probeS), len(probeP), len(subs), accepted.Load(), time.Since(start))
}

func (k *VerifierKey) mustDecode(t testing.TB, b []byte) *WeightProof {
	t.Helper()
	p, err := k.shape.decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWeightProofBitFlipsRejected: random single-bit flips over the encoded
// proof (1,000 under -short, 3,000 otherwise): none is accepted. The decoder
// is strict element by element (a flipped element either fails to decode,
// failing the whole proof, or decodes to another valid element), so each
// flip is decided as the verifier would: the flipped element is decoded
// alone and, if valid, substituted into the decoded proof, which goes to the
// equations — decoding the other 700 elements again for every flip would
// cost 30 ms. The first 40 flips also go through VerifyWeightProof on the
// flipped bytes, and both verdicts must agree.
func TestWeightProofBitFlipsRejected(t *testing.T) {
	f := tinyFixture(t)
	k, err := ParseVerifierKey(f.manifest, f.spec, f.vkFile)
	if err != nil {
		t.Fatal(err)
	}
	// Where each element lies in the encoding.
	type span struct {
		off, size int
		scalar    int // index into the scalars, or −1
		point     int // index into the points, or −1
	}
	scalars, points := elements(k.mustDecode(t, f.proof))
	var spans []span
	covered := len(WeightProofMagic)
	for i, s := range scalars {
		off := bytes.Index(f.proof, field.AppendScalar(nil, s))
		spans = append(spans, span{off, field.ScalarSize, i, -1})
		covered += field.ScalarSize
	}
	for i, p := range points {
		off := bytes.Index(f.proof, field.AppendPoint(nil, p))
		spans = append(spans, span{off, field.PointSize, -1, i})
		covered += field.PointSize
	}
	if covered != len(f.proof) {
		t.Fatalf("elements cover %d of %d bytes", covered, len(f.proof))
	}
	slices.SortFunc(spans, func(a, b span) int { return a.off - b.off })
	for i, sp := range spans {
		if sp.off < 0 || i > 0 && spans[i-1].off+spans[i-1].size != sp.off {
			t.Fatalf("element %d not found in sequence", i)
		}
	}

	n := 3000
	if testing.Short() {
		n = 1000
	}
	var seed [32]byte
	rand.Read(seed[:])
	t.Logf("seed %x", seed)
	rng := mrand.New(mrand.NewChaCha8(seed))
	flips := make([]int, n)
	for i := range flips {
		flips[i] = rng.IntN(8 * len(f.proof))
	}
	var accepted, equations atomic.Int64
	parallel(n, k.decodedCopy(t, f.proof), func(d *decodedProof, i int) {
		b := bytes.Clone(f.proof)
		b[flips[i]/8] ^= 1 << (flips[i] % 8)
		verdict := func() error {
			j, found := slices.BinarySearchFunc(spans, flips[i]/8, func(sp span, off int) int {
				switch {
				case sp.off+sp.size <= off:
					return -1
				case sp.off > off:
					return 1
				}
				return 0
			})
			if !found { // the magic
				_, err := k.shape.decode(b)
				return err
			}
			sp := spans[j]
			if sp.scalar >= 0 {
				v, err := field.DecodeScalar(b[sp.off : sp.off+sp.size])
				if err != nil {
					return fmt.Errorf("%w: %v", ErrDecode, err)
				}
				equations.Add(1)
				return verifyWith(k, d, d.scalars[sp.scalar], v)
			}
			v, err := field.DecodePoint(b[sp.off : sp.off+sp.size])
			if err != nil {
				return fmt.Errorf("%w: %v", ErrDecode, err)
			}
			equations.Add(1)
			return verifyWith(k, d, d.points[sp.point], v)
		}
		err := verdict()
		if i < 40 {
			full := k.VerifyWeightProof(b)
			if errors.Is(full, ErrDecode) != errors.Is(err, ErrDecode) || (full == nil) != (err == nil) {
				t.Errorf("flip %d: element-wise verdict %v, full verifier %v", flips[i], err, full)
			}
		}
		if err == nil {
			accepted.Add(1)
			t.Errorf("bit %d flipped: accepted", flips[i])
		}
	})
	t.Logf("%d flips over %d bytes: %d reached the equations, %d accepted", n, len(f.proof), equations.Load(), accepted.Load())
}

// TestNonZeroPaddingRejected (issue 13, PROTOCOL §4.3): an owner whose blob
// holds a non-zero value at a padded entry (beyond a tensor's real shape)
// commits it honestly and proves honestly otherwise; the zero-check rejects
// it, although every value is int16 (so the range part alone, which is all
// the version-1 proof had, would accept). Entries in whole padding rows need
// no proof: the vk format forces those rows to be the identity.
func TestNonZeroPaddingRejected(t *testing.T) {
	f := tinyCommitted(t)
	b := f.prover.Blob
	present, err := b.PresentRows()
	if err != nil {
		t.Fatal(err)
	}
	mask := b.Layout.PaddingMaskTable()
	// index is the blob index of coord, whose axis `last` is one past the
	// real shape: Index refuses it, so index the entry before and step one.
	index := func(name string, coord []uint64, last int) uint64 {
		p, _ := b.Layout.Lookup(name)
		coord[last]--
		i, err := p.Index(coord)
		if err != nil {
			t.Fatal(err)
		}
		shift := 0
		for a := 0; a < last; a++ {
			shift += ceilLog2(p.Shape[a])
		}
		i += 1 << shift
		if !mask[i].IsOne() || !present[i>>b.LogC] {
			t.Fatalf("%s %v: index %d is not padding in a present row", name, coord, i)
		}
		return i
	}
	cases := map[string]uint64{
		"vocabulary row 300 of embed":   index("embed", []uint64{0, 300}, 1),
		"d_ff row 12 of layers.1.w1":    index("layers.1.w1", []uint64{5, 12}, 1),
		"d_ff column 12 of layers.0.w2": index("layers.0.w2", []uint64{12, 3}, 0),
	}
	if testing.Short() { // one case: each costs a whole proof
		cases = map[string]uint64{"d_ff column 12 of layers.0.w2": cases["d_ff column 12 of layers.0.w2"]}
	}
	for name, idx := range cases {
		values := slices.Clone(f.prover.values)
		values[idx] = -7
		vk, _, err := b.Commit(context.Background(), values, &f.secret, f.md, CommitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		vkFile, err := vk.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		p, err := ProveWeights(b, values, f.prover.blinds, f.md, vkFile)
		if err != nil {
			t.Fatal(err)
		}
		k, err := ParseVerifierKey(f.manifest, f.spec, vkFile)
		if err != nil {
			t.Fatal(err)
		}
		if err := k.VerifyWeightProof(p.Marshal()); !errors.Is(err, ErrReject) {
			t.Fatalf("%s: non-zero padding accepted: %v", name, err)
		}
		t.Logf("%s: rejected", name)
	}
}
