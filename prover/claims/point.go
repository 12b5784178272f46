package claims

import (
	"fmt"
	"slices"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Point is a vector of Fiat–Shamir challenges, LSB-first (PROTOCOL §2.3).
// The zero value is the empty point. Its coordinates are unexported so that
// no caller can smuggle a public constant (½, 0, 1) into a claim point.
type Point struct{ c []fr.Element }

// Squeeze draws n fresh challenges under label.
func Squeeze(tr *transcript.Transcript, label string, n int) Point {
	if n == 0 {
		return Point{}
	}
	return Point{c: tr.Challenges(label, n)}
}

// FromSumcheck returns the point a sumcheck bound: its coordinates are the
// round challenges ρ_0…ρ_{n−1}, in binding order.
func FromSumcheck(res *sumcheck.Result) Point { return Point{c: slices.Clone(res.Point)} }

// FromRounds is FromSumcheck for the lower-level rounds API.
func FromRounds(r *sumcheck.RoundsOutput) Point { return Point{c: slices.Clone(r.Point)} }

// FromLeaf returns the point of a lookup leaf claim: the GKR's last layer
// challenges (prover/tlookup), challenges by construction.
func FromLeaf(coords []fr.Element) Point { return Point{c: slices.Clone(coords)} }

// Len returns the number of coordinates.
func (p Point) Len() int { return len(p.c) }

// Coords returns a copy of the coordinates.
func (p Point) Coords() []fr.Element { return slices.Clone(p.c) }

// At returns coordinate i.
func (p Point) At(i int) fr.Element { return p.c[i] }

// Slice returns coordinates [lo, hi).
func (p Point) Slice(lo, hi int) Point {
	if lo < 0 || hi > len(p.c) || lo > hi {
		panic(fmt.Sprintf("claims: slice [%d,%d) of a %d-point", lo, hi, len(p.c)))
	}
	return Point{c: slices.Clone(p.c[lo:hi])}
}

// Concat joins points, lowest coordinates first.
func Concat(ps ...Point) Point {
	var out []fr.Element
	for _, p := range ps {
		out = append(out, p.c...)
	}
	return Point{c: out}
}

// Replace returns p with coordinate i replaced by coordinate 0 of q (a
// one-challenge point), e.g. RoPE's fresh τ on the pairing coordinate.
func (p Point) Replace(i int, q Point) Point {
	if q.Len() != 1 {
		panic("claims: Replace takes a one-coordinate point")
	}
	out := slices.Clone(p.c)
	out[i] = q.c[0]
	return Point{c: out}
}

// Equal reports whether two points have the same coordinates.
func (p Point) Equal(q Point) bool {
	if len(p.c) != len(q.c) {
		return false
	}
	for i := range p.c {
		if !p.c[i].Equal(&q.c[i]) {
			return false
		}
	}
	return true
}
