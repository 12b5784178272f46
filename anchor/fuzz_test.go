package anchor

import (
	"bytes"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// FuzzDecodeRevert: arbitrary revert data never panics the decoder; a decoded error's
// selector matches the data, and its arguments re-encode to exactly the data after it
// (non-canonical encodings are left undecoded).
func FuzzDecodeRevert(f *testing.F) {
	_, parsed := registry()
	f.Add([]byte{})
	f.Add([]byte{0x01, 0x02})
	for _, e := range parsed.Errors {
		f.Add(e.ID[:4])
		args := make([]byte, 64)
		args[31] = 7
		f.Add(append(append([]byte{}, e.ID[:4]...), args...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		re := decodeRevert(parsed, data, [32]byte{})
		if re.Name == "" {
			return
		}
		e := parsed.Errors[re.Name]
		if !bytes.Equal(e.ID[:4], data[:4]) {
			t.Fatalf("decoded %s from selector %x", re.Name, data[:4])
		}
		packed, err := e.Inputs.Pack(re.Args...)
		if err != nil {
			t.Fatalf("re-encoding %s%v: %v", re.Name, re.Args, err)
		}
		if !bytes.Equal(packed, data[4:]) {
			t.Fatalf("%s: arguments %v re-encode to %x, data has %x", re.Name, re.Args, packed, data[4:])
		}
		_ = re.Error()
	})
}

func TestDecodeRevertCanonicalOnly(t *testing.T) {
	_, parsed := registry()
	e := parsed.Errors["NotModelOwner"]
	good, err := e.Inputs.Pack([32]byte{1}, common.Address{2})
	if err != nil {
		t.Fatal(err)
	}
	data := append(append([]byte{}, e.ID[:4]...), good...)
	if re := decodeRevert(parsed, data, [32]byte{}); re.Name != "NotModelOwner" {
		t.Fatalf("canonical data: %v", re)
	}
	dirty := bytes.Clone(data)
	dirty[4+32] = 0xff // a byte of the address's zero padding
	if re := decodeRevert(parsed, dirty, [32]byte{}); re.Name != "" {
		t.Fatalf("dirty padding decoded as %s", re.Name)
	}
	if re := decodeRevert(parsed, append(bytes.Clone(data), 0), [32]byte{}); re.Name != "" {
		t.Fatalf("trailing byte decoded as %s", re.Name)
	}
}
