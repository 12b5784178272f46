package sumcheck

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/transcript"
)

func TestBundleRoundTrip(t *testing.T) {
	cases := soundnessCases()
	b := honestBundle(t, cases)
	enc := b.encode()
	d, err := decodeBundle(cases, enc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(d.encode(), enc) {
		t.Fatal("encode(decode(b)) != b")
	}
	if err := d.verify(t, statement); err != nil {
		t.Fatalf("decoded proof rejected: %v", err)
	}
	for _, m := range b.msgs {
		form, _ := m.in.Form()
		if got := len(m.proof.Marshal()); got != form.ProofSize() {
			t.Fatalf("instance proof is %d bytes, ProofSize says %d", got, form.ProofSize())
		}
	}
}

func TestDecoderRejectsMalformed(t *testing.T) {
	cases := soundnessCases()
	b := honestBundle(t, cases)
	enc := b.encode()
	form, _ := cases[0].in.Form()
	one := b.msgs[0].proof.Marshal()

	mustFail := func(name string, data []byte) {
		t.Helper()
		if _, err := UnmarshalProof(data, form); !errors.Is(err, ErrDecode) {
			t.Errorf("%s: got %v, want a decode error", name, err)
		}
	}
	mustFail("empty", nil)
	mustFail("one round missing (wrong round count)", one[field.PointSize:])
	mustFail("extra round (trailing bytes)", append(bytes.Clone(one), one[:field.PointSize]...))
	mustFail("trailing byte", append(bytes.Clone(one), 0))
	mustFail("short by one byte", one[:len(one)-1])
	identity := bytes.Clone(one)
	identity[0] = 0xC0 // compressed infinity
	for i := 1; i < field.PointSize; i++ {
		identity[i] = 0
	}
	mustFail("identity round commitment (empty)", identity)
	bad := bytes.Clone(one)
	bad[0] &^= 0x80 // uncompressed flag
	mustFail("bad point flags", bad)
	offCurve := bytes.Clone(one)
	offCurve[field.PointSize-1] ^= 1
	if _, err := UnmarshalProof(offCurve, form); err == nil {
		// A flipped x may land on the curve; then it must differ from the original.
		d, _ := UnmarshalProof(offCurve, form)
		if d.Rounds[0].Equal(&b.msgs[0].proof.Rounds[0]) {
			t.Error("different bytes decoded to the same point")
		}
	}

	// Non-canonical scalar (s + r) in a product proof response.
	prodForm, _ := cases[2].in.Form() // sum of squares: one product proof
	pb := b.msgs[2].proof.Marshal()
	off := len(pb) - field.ScalarSize // s5
	s5 := pb[off:]
	plusR := addModulus(s5)
	if plusR != nil {
		nc := append(bytes.Clone(pb[:off]), plusR...)
		if _, err := UnmarshalProof(nc, prodForm); !errors.Is(err, ErrDecode) {
			t.Errorf("scalar s+r accepted: %v", err)
		}
	}

	// A form with a huge round count is refused before allocating.
	huge := &Form{NumVars: 40, Degree: 2, Public: []bool{false, false}, Terms: form.Terms}
	if _, err := UnmarshalProof(one, huge); !errors.Is(err, ErrDecode) {
		t.Errorf("huge count: %v", err)
	}
	// DLC proof with trailing bytes / wrong round count.
	k := b.dlc.IPA.Rounds()
	dlc := b.dlc.Marshal()
	if _, err := UnmarshalDLCProof(append(bytes.Clone(dlc), 1), k); err == nil {
		t.Error("DLC proof with a trailing byte accepted")
	}
	if _, err := UnmarshalDLCProof(dlc, k+1); err == nil {
		t.Error("DLC proof decoded with the wrong round count")
	}
	if _, err := decodeBundle(cases, enc[:len(enc)-1]); err == nil {
		t.Error("truncated bundle accepted")
	}
}

// addModulus returns the 32-byte big-endian s + r if it fits, else nil.
func addModulus(s []byte) []byte {
	r := field.Modulus()
	var v = new(bigInt).SetBytes(s)
	v.Add(v, r)
	if v.BitLen() > 256 {
		return nil
	}
	out := make([]byte, 32)
	v.FillBytes(out)
	return out
}

// 10,000 random bit flips over a valid encoded sumcheck + DLC proof: none
// accepted. Reports how many the decoder stopped and how many the equations.
func TestRandomBitFlipsRejected(t *testing.T) {
	cases := soundnessCases()[:1] // one inner product (product proof, DLC)
	b := honestBundle(t, cases)
	enc := b.encode()
	flips := 10000
	if testing.Short() {
		flips = 300
	}
	rng := rand.New(rand.NewPCG(1, 2)) // test-only fixed seed: reproducible positions
	decoder, equation := 0, 0
	for i := 0; i < flips; i++ {
		data := bytes.Clone(enc)
		bit := rng.IntN(len(data) * 8)
		data[bit/8] ^= 1 << (bit % 8)
		d, err := decodeBundle(cases, data)
		if err != nil {
			decoder++
			continue
		}
		if !bytes.Equal(d.encode(), data) {
			t.Fatalf("flip %d: accepted encoding does not round-trip", bit)
		}
		if err := d.verify(t, statement); err == nil {
			t.Fatalf("flip of bit %d accepted", bit)
		}
		equation++
	}
	t.Logf("%d bit flips over %d bytes: 0 accepted; %d stopped by the decoder, %d by the verifier's equations", flips, len(enc), decoder, equation)
}

// Every prover message of a proof is absorbed (instrumented transcript).
func TestEveryProofElementAbsorbed(t *testing.T) {
	rec := &transcript.Recorder{}
	msgs, dp := observedRun(t, soundnessCases(), rec)
	b := &bundle{msgs: msgs, dlc: dp}
	e := b.elements()
	for i, pt := range e.points {
		enc := field.AppendPoint(nil, pt)
		found := false
		for _, ev := range rec.Events {
			if ev.Kind == transcript.Absorb && bytes.Contains(ev.Data, enc) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s was never absorbed", e.pnames[i])
		}
	}
	if err := b.verify(t, statement); err != nil {
		t.Fatal(err)
	}
}
