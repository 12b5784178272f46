package layers

import (
	"bytes"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// proveZeroCheck proves Σ eq(w,x)·mask(x)·v(x) (the padding check's form)
// on a fresh seeded DLC by the engine (kernel nil) or by the kernel.
func proveZeroCheck(t *testing.T, w, mask, v []fr.Element, kernel sumcheck.RoundKernel) []byte {
	t.Helper()
	restore := field.SeedForTesting([32]byte{5, 18})
	defer restore()
	dlc, err := sumcheck.NewDLCProver(transcript.New())
	if err != nil {
		t.Fatal(err)
	}
	eq := mle.EqTable(w)
	var s fr.Element
	for x := range v {
		var p fr.Element
		p.Mul(&eq[x], &mask[x]).Mul(&p, &v[x])
		s.Add(&s, &p)
	}
	claim, _ := dlc.Commit(s)
	one := fr.One()
	in := sumcheck.ZeroCheck(w, 1, []sumcheck.Term{{Coeff: one, Factors: []int{1}}})
	var proof *sumcheck.Proof
	if kernel != nil {
		proof, _, err = in.ProveKernel(dlc, kernel, claim)
	} else {
		proof, _, err = in.Prove(dlc, [][]fr.Element{mask, v}, claim)
	}
	if err != nil {
		t.Fatal(err)
	}
	return proof.Marshal()
}

// TestEqProductKernelMatchesEngine: the kernel's proof equals the engine's
// for a padding-shaped mask/advice pair (complementary zero blocks, a
// straddling pair, a short advice table, a nonzero sum) at a random point
// and at one with zero coordinates, and it leaves the caller's tables
// untouched.
func TestEqProductKernelMatchesEngine(t *testing.T) {
	const n = 11
	mask := make([]fr.Element, 1<<n)
	v := make([]fr.Element, 1<<n-37) // stored entries end early
	vals := field.RandomScalars(len(v))
	for x := range mask {
		real := x%256 < 200 || x == 1001 // tensor runs, plus a lone real entry
		if !real {
			mask[x].SetOne()
		}
		if real && x < len(v) {
			v[x] = vals[x]
		}
	}
	v[210] = vals[210] // advice on a padding slot: the sum is not zero
	w := field.RandomScalars(n)
	wz := slices.Clone(w)
	wz[0].SetZero()
	wz[5].SetZero()
	for _, pt := range [][]fr.Element{w, wz} {
		m0, v0 := slices.Clone(mask), slices.Clone(v)
		eb := proveZeroCheck(t, pt, mask, v, nil)
		kb := proveZeroCheck(t, pt, mask, v, NewEqProductKernel(pt, mask, v))
		if !bytes.Equal(eb, kb) {
			t.Fatal("kernel proof differs from the engine's")
		}
		if !slices.Equal(m0, mask) || !slices.Equal(v0, v) {
			t.Fatal("the kernel wrote into a caller's table")
		}
	}
}

// TestEqMaskSmallKernelMatchesEngine: NewEqMaskSmallKernel on a bool mask
// and int32/int64 entries proves what the engine proves on their field
// tables: every mask bit pattern, negative and beyond-table (≥ 2^16)
// values, entries on padding (a nonzero sum), an odd-length integer table,
// at a random point and at one with zero coordinates (q(1) summed in the
// integer round and the bool-mask rounds), with fewer variables than
// bool-mask rounds too.
func TestEqMaskSmallKernelMatchesEngine(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 5, 10, 12} {
		bits := make([]bool, 1<<n)
		mask := make([]fr.Element, 1<<n)
		ints := make([]int64, 1<<n-min(75, 1<<n-1)) // short, odd at n = 10
		v := make([]fr.Element, len(ints))
		for x := range bits {
			bits[x] = x%128 >= 100 || x%7 == 3 // runs plus scattered padding
			if bits[x] {
				mask[x].SetOne()
			}
			if x < len(ints) && (!bits[x] || x%5 == 0) { // some padding nonzero
				ints[x] = int64(x*x*977%200003) - 100001
				v[x].SetInt64(ints[x])
			}
		}
		ints[len(ints)-1] = -1 << 40
		v[len(v)-1].SetInt64(ints[len(ints)-1])
		i32 := make([]int32, len(ints))
		for x := range ints {
			i32[x] = int32(ints[x])
		}
		i32[len(i32)-1] = 0 // int32 cannot hold the last one: drop it from both
		v32 := slices.Clone(v)
		v32[len(v32)-1].SetZero()
		w := field.RandomScalars(n)
		wz := slices.Clone(w)
		wz[0].SetZero()
		wz[min(2, n-1)].SetZero()
		for _, pt := range [][]fr.Element{w, wz} {
			if !bytes.Equal(proveZeroCheck(t, pt, mask, v, nil), proveZeroCheck(t, pt, mask, v, NewEqMaskSmallKernel(pt, bits, ints))) {
				t.Fatalf("n = %d: int64 kernel proof differs from the engine's", n)
			}
			if !bytes.Equal(proveZeroCheck(t, pt, mask, v32, nil), proveZeroCheck(t, pt, mask, v32, NewEqMaskSmallKernel(pt, bits, i32))) {
				t.Fatalf("n = %d: int32 kernel proof differs from the engine's", n)
			}
		}
	}
}
