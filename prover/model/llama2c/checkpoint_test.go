package llama2c

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model"
)

func stories(t testing.TB) []byte {
	t.Helper()
	ckpt, _, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	return ckpt.Data
}

func TestDecodeStories260K(t *testing.T) {
	m, v, err := Decode(stories(t))
	if err != nil {
		t.Fatal(err)
	}
	want := model.Config{Dim: 64, HiddenDim: 172, NLayers: 5, NHeads: 8, NKVHeads: 4, VocabSize: 512,
		SeqLen: 512, SharedClassifier: true, NormEps: 1e-5, RopeTheta: 10000}
	if v != Legacy || m.Config != want {
		t.Fatalf("version %d config %+v", v, m.Config)
	}
	// The first embedding value straight from the file bytes.
	if got := math.Float32bits(m.Embedding[0]); got != binary.LittleEndian.Uint32(stories(t)[28:]) {
		t.Fatal("embedding misread")
	}
}

// A v1 file built by hand, byte by byte, independently of EncodeV1: every float
// is its own index, so each tensor's position in the file is checked.
func TestDecodeV1HandBuiltFixture(t *testing.T) {
	cfg := []int32{4, 6, 2, 2, 1, 5, 8} // dim, hidden, layers, heads, kv heads, vocab, seq
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint32(0x616b3432))
	binary.Write(&b, binary.LittleEndian, int32(1))
	binary.Write(&b, binary.LittleEndian, cfg)
	b.WriteByte(0) // unshared classifier
	b.Write(make([]byte, 256-b.Len()))
	// Sizes in v1 order: rms_att×2, rms_ffn×2, rms_final, embed, wq×2, wk×2, wv×2, wo×2, w1×2, w2×2, w3×2, classifier.
	sizes := []int{4, 4, 4, 4, 4, 20, 16, 16, 8, 8, 8, 8, 16, 16, 24, 24, 24, 24, 24, 24, 20}
	next := float32(0)
	starts := []float32{}
	for _, n := range sizes {
		starts = append(starts, next)
		for range n {
			binary.Write(&b, binary.LittleEndian, next)
			next++
		}
	}
	m, v, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if v != V1 || m.Config.SharedClassifier || m.Config.KVDim() != 2 {
		t.Fatalf("version %d config %+v", v, m.Config)
	}
	checks := []struct {
		name string
		got  []float32
		at   int
	}{
		{"attn_norm1", m.Layers[1].AttnNorm, 1}, {"ffn_norm0", m.Layers[0].FFNNorm, 2},
		{"final", m.FinalNorm, 4}, {"embed", m.Embedding, 5}, {"wq1", m.Layers[1].WQ, 7},
		{"wk0", m.Layers[0].WK, 8}, {"wv1", m.Layers[1].WV, 11}, {"wo0", m.Layers[0].WO, 12},
		{"w1_1", m.Layers[1].W1, 15}, {"w2_0", m.Layers[0].W2, 16}, {"w3_1", m.Layers[1].W3, 19},
		{"cls", m.Classifier, 20},
	}
	for _, c := range checks {
		if c.got[0] != starts[c.at] || len(c.got) != sizes[c.at] {
			t.Errorf("%s starts at %v (len %d), want %v (len %d)", c.name, c.got[0], len(c.got), starts[c.at], sizes[c.at])
		}
	}
	// EncodeV1 reproduces the hand-built bytes.
	enc, err := EncodeV1(m)
	if err != nil || !bytes.Equal(enc, b.Bytes()) {
		t.Fatalf("EncodeV1 differs from the fixture: %v", err)
	}
}

func TestLegacyToV1RoundTrip(t *testing.T) {
	m, _, err := Decode(stories(t))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := EncodeV1(m)
	if err != nil {
		t.Fatal(err)
	}
	m2, v, err := Decode(enc)
	if err != nil || v != V1 {
		t.Fatal(v, err)
	}
	a, b := m.Tensors(), m2.Tensors()
	for i := range a {
		if a[i].Name != b[i].Name || !slices.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("tensor %s differs after v1 round trip", a[i].Name)
		}
	}
}

func TestMalformedCheckpoints(t *testing.T) {
	good := stories(t)
	set := func(off int, v uint32) []byte {
		b := bytes.Clone(good[:min(len(good), 4096)])
		if off >= 0 {
			binary.LittleEndian.PutUint32(b[off:], v)
		}
		return b
	}
	v1, _ := EncodeV1(func() *model.Model { m, _, _ := Decode(good); return m }())
	v1set := func(off int, v byte) []byte { b := bytes.Clone(v1); b[off] = v; return b }
	cases := map[string][]byte{
		"empty":             nil,
		"short header":      good[:20],
		"truncated":         good[:len(good)-1],
		"trailing byte":     append(bytes.Clone(good), 0),
		"huge dim":          set(0, 1<<30),
		"zero layers":       set(8, 0),
		"negative heads":    set(12, 0xffffffff),
		"heads not divisor": set(12, 7),
		"huge seq":          set(24, 0x7fffffff),
		"min int vocab":     set(20, 0x80000000),
		"v1 version 2":      v1set(4, 2),
		"v1 bad flag":       v1set(36, 7),
		"v1 padding":        v1set(100, 1),
		"v1 truncated":      v1[:len(v1)-4],
		"v1 header only":    v1[:256],
		"nan weight": func() []byte {
			b := bytes.Clone(good)
			binary.LittleEndian.PutUint32(b[28:], 0x7fc00000)
			return b
		}(),
	}
	for name, b := range cases {
		m, _, err := Decode(b)
		if !errors.Is(err, ErrFormat) || m != nil {
			t.Errorf("%s: got %v, want ErrFormat", name, err)
		}
	}
}

// A multi-GiB sparse file is judged by its header and size alone: garbage,
// a header implying another size, and a header implying more parameters than
// the limit are all refused after reading at most 256 bytes.
func TestSparseFilesRejectedFromTheHeader(t *testing.T) {
	const size = 3 << 30
	for name, hdr := range map[string][]byte{
		"garbage": []byte("\xde\xad\xbe\xef garbage garbage garbage garbage"),
		"v1 wrong size": func() []byte {
			h := make([]byte, 256)
			binary.LittleEndian.PutUint32(h, 0x616b3432)
			binary.LittleEndian.PutUint32(h[4:], 1)
			for i, v := range []uint32{4096, 11008, 32, 32, 32, 32000, 4096} {
				binary.LittleEndian.PutUint32(h[8+4*i:], v)
			}
			return h
		}(),
	} {
		p := filepath.Join(t.TempDir(), "ckpt.bin")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(hdr); err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		cr := &countingReader{r: f}
		start := time.Now()
		_, err = ReadLayout(cr, size)
		f.Close()
		if !errors.Is(err, ErrFormat) {
			t.Fatalf("%s: %v", name, err)
		}
		if cr.n > 256 || time.Since(start) > time.Second {
			t.Fatalf("%s: read %d bytes in %v before refusing", name, cr.n, time.Since(start))
		}
	}
}

type countingReader struct {
	r io.ReaderAt
	n int
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += n
	return n, err
}

// The streamed layout gives Decode's tensors for both versions.
func TestLayoutChunksMatchDecode(t *testing.T) {
	ckpt, _, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := Decode(ckpt.Data)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := EncodeV1(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{ckpt.Data, v1} {
		r := bytes.NewReader(data)
		l, err := ReadLayout(r, int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for i, tt := range m.Tensors() {
			var got []float32
			l.Chunks(r, i)(func(v []float32) error { got = append(got, v...); return nil })
			if !slices.Equal(got, tt.Data) {
				t.Fatalf("version %d: tensor %s differs", l.Version, tt.Name)
			}
		}
	}
}
