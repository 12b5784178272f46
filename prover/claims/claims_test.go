package claims

import (
	"errors"
	"strings"
	"testing"

	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

func TestLedgerSettlesOnce(t *testing.T) {
	l := NewLedger()
	p := Squeeze(transcript.New(), "test/u", 3)
	a := New(l, "x", p, sumcheck.Scalar{})
	b := New(l, "y", p.Slice(0, 2), sumcheck.Point{})
	if l.Open() != 2 {
		t.Fatalf("%d open", l.Open())
	}
	if err := a.Settle(); err != nil {
		t.Fatal(err)
	}
	if err := a.Settle(); !errors.Is(err, ErrSettledTwice) {
		t.Fatalf("second settle: %v", err)
	}
	err := l.Close()
	if !errors.Is(err, ErrUnsettled) || !strings.Contains(err.Error(), "y") {
		t.Fatalf("close with an open claim: %v", err)
	}
	if err := b.Settle(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestPointsAreChallenges(t *testing.T) {
	tr := transcript.New()
	u := Squeeze(tr, "test/u", 4)
	v := Squeeze(tr, "test/v", 1)
	if u.Equal(Squeeze(transcript.New(), "test/u", 4).Replace(0, v)) {
		t.Fatal("Replace did not replace")
	}
	c := Concat(u.Slice(0, 2), v, u.Slice(2, 4))
	if c.Len() != 5 || !c.Slice(2, 3).Equal(v) || !c.Slice(3, 5).Equal(u.Slice(2, 4)) {
		t.Fatal("concat/slice")
	}
	coords := c.Coords()
	coords[0].SetOne()
	if first := c.At(0); first.IsOne() {
		t.Fatal("Coords must copy")
	}
}
