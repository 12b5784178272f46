package tokenizer

import (
	"testing"
)

func FuzzUnmarshalLlama2c(f *testing.F) {
	_, data := tok512(f)
	f.Add(data, 512)
	f.Add(data[:100], 512)
	f.Add([]byte{7, 0, 0, 0}, 1)
	f.Fuzz(func(t *testing.T, b []byte, n int) {
		tk, err := UnmarshalLlama2c(b, n)
		if err != nil {
			return
		}
		if got := tk.MarshalLlama2c(); string(got) != string(b) {
			t.Fatal("accepted file does not re-encode to itself")
		}
	})
}

func FuzzEncodeDecode(f *testing.F) {
	tk, _ := tok512(f)
	for _, s := range []string{"", "The cat sat on the mat.", "Hello, world! 123 ü", "  \t\n", "\xff\xfe", "中文😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 512 {
			s = s[:512]
		}
		dec, err := tk.Decode(tk.Encode(s))
		if err != nil || string(dec) != s {
			t.Fatalf("round trip of %q gave %q, %v", s, dec, err)
		}
	})
}
