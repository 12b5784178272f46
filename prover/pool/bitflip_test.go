package pool

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Random bit flips over an encoded settlement + DLC closing proof: none
// accepted; reports decoder vs equation rejections.
func TestPoolRandomBitFlipsRejected(t *testing.T) {
	b := newTestBlob(t)
	claims := []claimSpec{b.honestClaim(t, "w"), b.honestClaim(t, "b")}

	settle, closing, ys := b.prove(t, claims)
	k := closing.IPA.Rounds()
	enc := closing.Append(settle.Marshal())

	verify := func(data []byte) (decoded bool, err error) {
		r := field.NewReader(data)
		sp, err := ReadProof(r, b.shape)
		if err != nil {
			return false, err
		}
		cp, err := sumcheck.ReadDLCProof(r, k)
		if err != nil {
			return false, err
		}
		if err := r.Done(); err != nil {
			return false, err
		}
		if !bytes.Equal(cp.Append(sp.Marshal()), data) {
			t.Fatal("accepted encoding does not round-trip")
		}
		vtr := transcript.New()
		vtr.AbsorbBytes(transcript.LabelTest, statement)
		dv, _ := sumcheck.NewDLCVerifier(vtr)
		vp, _ := NewVerifier(b.shape, b.rows)
		for i, c := range claims {
			if err := vp.Add(c.name, c.q, dv.Receive(transcript.LabelPoolY, ys[i])); err != nil {
				return true, err
			}
		}
		if err := vp.Settle(dv, sp); err != nil {
			return true, err
		}
		return true, dv.Close(cp)
	}
	if _, err := verify(enc); err != nil {
		t.Fatalf("control: %v", err)
	}
	flips := 2000
	if testing.Short() {
		flips = 100
	}
	rng := rand.New(rand.NewPCG(3, 4)) // test-only fixed seed: reproducible positions
	dec, eq := 0, 0
	for i := 0; i < flips; i++ {
		data := bytes.Clone(enc)
		bit := rng.IntN(len(data) * 8)
		data[bit/8] ^= 1 << (bit % 8)
		decoded, err := verify(data)
		if err == nil {
			t.Fatalf("flip of bit %d accepted", bit)
		}
		if decoded {
			eq++
		} else {
			dec++
		}
	}
	t.Logf("%d bit flips over %d bytes: 0 accepted; %d stopped by the decoder, %d by the equations", flips, len(enc), dec, eq)
}
