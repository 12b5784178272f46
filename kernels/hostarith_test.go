//go:build cuda

package kernels

import (
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// hostN is the number of random inputs per operation of the host tests of
// the __host__ __device__ arithmetic (compiled by nvcc, run on the CPU).
const hostN = 100_000

// Field op codes of zk_host_fr / zk_host_fp.
const (
	opAdd = iota
	opSub
	opMul
	opSquare
	opNeg
	opDouble
	opInverse
	opFromMont
	opToMont
)

var fieldOps = []struct {
	name string
	op   int
}{
	{"add", opAdd}, {"sub", opSub}, {"mul", opMul}, {"square", opSquare}, {"neg", opNeg},
	{"double", opDouble}, {"inverse", opInverse}, {"fromMont", opFromMont}, {"toMont", opToMont},
}

// edgeFr are 0, 1, r−1, 2 and R mod r's representative edge (limbs of r−1).
func edgeFr() []fr.Element {
	var m1 fr.Element
	m1.SetOne()
	m1.Neg(&m1)
	return []fr.Element{{}, fr.One(), m1, field.FromInt64(2), field.FromInt64(-2)}
}

func edgeFp() []fp.Element {
	var one, m1, two fp.Element
	one.SetOne()
	m1.Neg(&one)
	two.SetUint64(2)
	return []fp.Element{{}, one, m1, two}
}

// pairsWithEdges returns a, b of length n+len(edges)²: every pair of edge
// values, then random values from rnd.
func pairsWithEdges[E any](n int, edges []E, rnd func() E) (a, b []E) {
	for _, x := range edges {
		for _, y := range edges {
			a, b = append(a, x), append(b, y)
		}
	}
	for range n {
		a, b = append(a, rnd()), append(b, rnd())
	}
	return a, b
}

func TestHostFr(t *testing.T) {
	a, b := pairsWithEdges(hostN, edgeFr(), field.RandomScalar)
	for _, op := range fieldOps {
		in := a
		if op.op == opToMont { // input: canonical integers (regular form)
			in = make([]fr.Element, len(a))
			for i := range a {
				in[i] = fr.Element(a[i].Bits())
			}
		}
		got := make([]fr.Element, len(a))
		if err := statusErr(zkHostFr(op.op, got, in, b)); err != nil {
			t.Fatal(err)
		}
		for i := range a {
			want := refFr(op.op, &a[i], &b[i])
			switch op.op {
			case opFromMont:
				want = fr.Element(a[i].Bits())
			case opToMont:
				want = a[i]
			}
			if got[i] != want {
				t.Fatalf("Fr %s #%d (%s, %s): got %x, want %x", op.name, i, a[i].String(), b[i].String(), got[i], want)
			}
		}
	}
	t.Logf("Fr: %d inputs per operation (%d edge pairs) bit-identical to gnark-crypto for %d operations", len(a), len(edgeFr())*len(edgeFr()), len(fieldOps))
}

func randFp() fp.Element {
	var e fp.Element
	if _, err := e.SetRandom(); err != nil {
		panic(err)
	}
	return e
}

func TestHostFp(t *testing.T) {
	a, b := pairsWithEdges(hostN, edgeFp(), randFp)
	for _, op := range fieldOps {
		in := a
		if op.op == opToMont {
			in = make([]fp.Element, len(a))
			for i := range a {
				in[i] = fp.Element(a[i].Bits())
			}
		}
		got := make([]fp.Element, len(a))
		if err := statusErr(zkHostFp(op.op, got, in, b)); err != nil {
			t.Fatal(err)
		}
		for i := range a {
			want := refFp(op.op, &a[i], &b[i])
			switch op.op {
			case opFromMont:
				want = fp.Element(a[i].Bits())
			case opToMont:
				want = a[i]
			}
			if got[i] != want {
				t.Fatalf("Fp %s #%d: got %x, want %x", op.name, i, got[i], want)
			}
		}
	}
	t.Logf("Fp: %d inputs per operation bit-identical to gnark-crypto for %d operations", len(a), len(fieldOps))
}

// g1Inputs returns n Jacobian points with varied Z (a running sum of a
// random step), their affine forms, and edge cases in front: infinity in
// both representations gnark produces, P+P, P+(−P), P+∞, ∞+P.
func g1Inputs(n int) (a, b []bls12381.G1Jac, bAff []bls12381.G1Affine) {
	_, _, g, _ := bls12381.Generators()
	var step, cur bls12381.G1Jac
	s := field.RandomScalar()
	step.ScalarMultiplication(new(bls12381.G1Jac).FromAffine(&g), s.BigInt(new(bigInt)))
	cur.Double(&step)
	seq := make([]bls12381.G1Jac, 2*n)
	for i := range seq {
		seq[i] = cur
		cur.AddAssign(&step)
	}
	a, b = seq[:n], seq[n:]
	var inf, inf2 bls12381.G1Jac
	inf.X.SetOne()
	inf.Y.SetOne() // gnark's (1,1,0)
	inf2 = seq[0]
	inf2.Z.SetZero() // an infinity with other X, Y (as P + (−P) leaves it)
	p := seq[1]
	var negP bls12381.G1Jac
	negP.Neg(&p)
	edgesA := []bls12381.G1Jac{p, p, p, inf, inf2, inf, p}
	edgesB := []bls12381.G1Jac{p, negP, inf, p, p, inf, inf2}
	a = append(edgesA, a...)
	b = append(edgesB, b...)
	bAff = bls12381.BatchJacobianToAffineG1(b)
	return a, b, bAff
}

func TestHostG1(t *testing.T) {
	a, b, bAff := g1Inputs(hostN)
	aAff := bls12381.BatchJacobianToAffineG1(a)
	n := len(a)
	check := func(name string, op int, in1, in2 unsafePtr, want func(i int) bls12381.G1Jac, exact bool) {
		got := make([]bls12381.G1Jac, n)
		if err := statusErr(zkHostG1(op, got, in1, in2, n)); err != nil {
			t.Fatal(err)
		}
		for i := range got {
			w := want(i)
			if exact && got[i] != w && !(got[i].Z.IsZero() && w.Z.IsZero()) {
				t.Fatalf("G1 %s #%d: coordinates differ from gnark-crypto", name, i)
			}
			if !got[i].Equal(&w) {
				t.Fatalf("G1 %s #%d: not the same point as gnark-crypto", name, i)
			}
		}
	}
	check("jac+jac", 0, jacPtr(a), jacPtr(b), func(i int) bls12381.G1Jac { r := a[i]; return *r.AddAssign(&b[i]) }, true)
	check("jac+affine", 1, jacPtr(a), affPtr(bAff), func(i int) bls12381.G1Jac { r := a[i]; return *r.AddMixed(&bAff[i]) }, true)
	check("double jac", 2, jacPtr(a), nil, func(i int) bls12381.G1Jac { r := a[i]; return *r.DoubleAssign() }, true)
	check("double affine", 3, affPtr(aAff), nil, func(i int) bls12381.G1Jac {
		var r bls12381.G1Jac
		if aAff[i].IsInfinity() {
			r.FromAffine(&aAff[i])
			return *r.DoubleAssign()
		}
		return *r.DoubleMixed(&aAff[i])
	}, false)
	t.Logf("G1: %d inputs per operation (7 edge cases) with gnark-crypto's coordinates", n)
}

// The composite k·P (bucket segment weights) on fewer inputs: 64 doublings each.
func TestHostG1SmallMultiple(t *testing.T) {
	const m = 10_000
	a, _, _ := g1Inputs(m)
	k := make([]uint64, len(a))
	r := field.RandomScalars(len(a))
	for i := range k {
		k[i] = r[i].Bits()[0] >> (i % 64)
	}
	k[0], k[1] = 0, 1
	got := make([]bls12381.G1Jac, len(a))
	if err := statusErr(zkHostG1(4, got, jacPtr(a), unsafePtr(&k[0]), len(a))); err != nil {
		t.Fatal(err)
	}
	for i := range a {
		var want bls12381.G1Jac
		want.ScalarMultiplication(&a[i], new(bigInt).SetUint64(k[i]))
		if !got[i].Equal(&want) {
			t.Fatalf("k·P #%d (k=%d) differs from gnark-crypto", i, k[i])
		}
	}
}

// refFr and refFp are gnark-crypto's result of a field op code.
func refFr(op int, a, b *fr.Element) fr.Element {
	var r fr.Element
	switch op {
	case opAdd:
		r.Add(a, b)
	case opSub:
		r.Sub(a, b)
	case opMul:
		r.Mul(a, b)
	case opSquare:
		r.Square(a)
	case opNeg:
		r.Neg(a)
	case opDouble:
		r.Double(a)
	case opInverse:
		r.Inverse(a)
	}
	return r
}

func refFp(op int, a, b *fp.Element) fp.Element {
	var r fp.Element
	switch op {
	case opAdd:
		r.Add(a, b)
	case opSub:
		r.Sub(a, b)
	case opMul:
		r.Mul(a, b)
	case opSquare:
		r.Square(a)
	case opNeg:
		r.Neg(a)
	case opDouble:
		r.Double(a)
	case opInverse:
		r.Inverse(a)
	}
	return r
}
