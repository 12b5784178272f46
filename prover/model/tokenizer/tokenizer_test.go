package tokenizer

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/internal/testkit"
)

func tok512(t testing.TB) (*Tokenizer, []byte) {
	t.Helper()
	_, f, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	tk, err := UnmarshalLlama2c(f.Data, 512)
	if err != nil {
		t.Fatal(err)
	}
	return tk, f.Data
}

// The known encodings from shared/models/stories260K/README.md (run.c).
func TestKnownEncodings(t *testing.T) {
	tk, _ := tok512(t)
	for _, c := range []struct{ text, want string }{
		{"The cat sat on the mat.", "1 291 280 294 262 294 353 265 284 294 426"},
		{"Hello, world! 123 ü", "1 346 306 414 432 263 304 341 443 410 475 479 472 410 198 191"},
		{"", "1"},
	} {
		if got := tk.Encode(c.text); !slices.Equal(got, testkit.IDs(t, c.want)) {
			t.Errorf("Encode(%q) = %v, want %s", c.text, got, c.want)
		}
	}
}

func TestKnownDecode(t *testing.T) {
	tk, _ := tok512(t)
	got, err := tk.Decode(testkit.IDs(t, "403 407 261 378 432 383 286 261 376 298 315 421 395 317 426 338 401 396 267 337 410 408 419 292"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Once upon a time, there was a little girl named Lily. She loved to play outsid"; !strings.HasPrefix(string(got), want) {
		t.Fatalf("decoded %q, want prefix %q", got, want)
	}
}

func TestFileRoundTrip(t *testing.T) {
	tk, data := tok512(t)
	if !bytes.Equal(tk.MarshalLlama2c(), data) {
		t.Fatal("MarshalLlama2c does not reproduce tok512.bin")
	}
}

func TestRoundTripArbitraryUTF8(t *testing.T) {
	tk, _ := tok512(t)
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyz ABC.,!?'\"\n\t0123456789üéßж中文😀\u00a0\u200b")
	for i := range 300 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		s := sb.String()
		if i%3 == 0 { // arbitrary bytes, not only valid UTF-8
			b := []byte(s)
			for range r.IntN(4) {
				b = append(b, byte(r.IntN(256)))
			}
			s = string(b)
		}
		enc := tk.Encode(s)
		for _, id := range enc {
			if id < 0 || id >= tk.VocabSize() {
				t.Fatalf("id %d out of range", id)
			}
		}
		dec, err := tk.Decode(enc)
		if err != nil {
			t.Fatal(err)
		}
		if string(dec) != s {
			t.Fatalf("round trip of %q gave %q (ids %v, valid utf8 %v)", s, dec, enc, utf8.ValidString(s))
		}
	}
}

func TestMalformedFiles(t *testing.T) {
	_, data := tok512(t)
	cases := map[string][]byte{
		"empty":       nil,
		"truncated":   data[:len(data)-1],
		"trailing":    append(bytes.Clone(data), 0),
		"huge maxlen": append([]byte{0xff, 0xff, 0xff, 0x7f}, data[4:]...),
		"huge length": func() []byte { b := bytes.Clone(data); b[8], b[9], b[10], b[11] = 0xff, 0xff, 0xff, 0x7f; return b }(),
		"neg length":  func() []byte { b := bytes.Clone(data); b[8], b[9], b[10], b[11] = 0xff, 0xff, 0xff, 0xff; return b }(),
	}
	for name, b := range cases {
		if _, err := UnmarshalLlama2c(b, 512); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: got %v, want ErrFormat", name, err)
		}
	}
	if _, err := UnmarshalLlama2c(data, 1<<30); err == nil {
		t.Error("absurd vocabulary size accepted")
	}
}

func TestNewRejectsBadVocab(t *testing.T) {
	tk, _ := tok512(t)
	pieces := slices.Clone(tk.pieces)
	scores := slices.Clone(tk.scores)
	dup := slices.Clone(pieces)
	dup[400] = dup[401]
	if _, err := New(dup, scores, 7); !errors.Is(err, ErrInvalid) {
		t.Error("duplicate piece accepted")
	}
	bad := slices.Clone(pieces)
	bad[3+65] = "A"
	if _, err := New(bad, scores, 7); !errors.Is(err, ErrInvalid) {
		t.Error("missing byte piece accepted")
	}
	if _, err := tk.Decode([]int{512}); !errors.Is(err, ErrBadID) {
		t.Error("out-of-range id decoded")
	}
}
