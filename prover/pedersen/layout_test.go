package pedersen

import (
	"errors"
	"testing"
)

func testSpecs() []TensorSpec {
	return []TensorSpec{
		{Name: "norm", Shape: []uint64{3}},       // padded 4
		{Name: "w_big", Shape: []uint64{5, 6}},   // padded 8×8 = 64
		{Name: "emb", Shape: []uint64{4, 4}},     // 16
		{Name: "w_big2", Shape: []uint64{8, 7}},  // 64, after w_big (stable)
		{Name: "bias", Shape: []uint64{2}},       // 2
		{Name: "scalar", Shape: []uint64{1}},     // 1
		{Name: "tail", Shape: []uint64{3, 1, 2}}, // 4·1·2 = 8
	}
}

func TestPlaceOrderAndAlignment(t *testing.T) {
	l, err := Place(testSpecs())
	if err != nil {
		t.Fatal(err)
	}
	wantOrder := []string{"w_big", "w_big2", "emb", "tail", "norm", "bias", "scalar"}
	var off uint64
	for i, tt := range l.Tensors {
		if tt.Name != wantOrder[i] {
			t.Fatalf("position %d: %s, want %s", i, tt.Name, wantOrder[i])
		}
		if tt.Offset != off || tt.Offset%(1<<tt.LogSize) != 0 {
			t.Fatalf("%s at %d (want %d, aligned)", tt.Name, tt.Offset, off)
		}
		off += 1 << tt.LogSize
	}
	if l.LogSize != 8 { // 64+64+16+8+4+2+1 = 159 → 256
		t.Fatalf("LogSize %d", l.LogSize)
	}
	emb, _ := l.Lookup("emb")
	id := l.IDBits(emb) // offset 128 = 0b1000_0000, 4 id bits over bits 4..7
	want := []bool{false, false, false, true}
	for j := range want {
		if id[j] != want[j] {
			t.Fatalf("IDBits(emb) = %v", id)
		}
	}
	if idx, err := emb.Index([]uint64{3, 2}); err != nil || idx != 128+3+2*4 {
		t.Fatalf("Index = %d, %v", idx, err)
	}
	if _, err := emb.Index([]uint64{4, 0}); err == nil {
		t.Fatal("out-of-shape coordinate accepted")
	}
	for _, bad := range [][]TensorSpec{
		{{Name: "", Shape: []uint64{1}}},
		{{Name: "a", Shape: nil}},
		{{Name: "a", Shape: []uint64{0}}},
		{{Name: "a", Shape: []uint64{1}}, {Name: "a", Shape: []uint64{2}}},
		{{Name: "a", Shape: []uint64{1 << 41}}},
	} {
		if _, err := Place(bad); !errors.Is(err, ErrLayout) {
			t.Fatalf("%v accepted: %v", bad, err)
		}
	}
}

// TestPresentRowsBruteForce compares PresentRows with a per-entry scan.
func TestPresentRowsBruteForce(t *testing.T) {
	l, _ := Place(testSpecs())
	real := make([]bool, l.Size())
	for i := range l.Tensors {
		tt := &l.Tensors[i]
		var walk func(a int, coord []uint64)
		walk = func(a int, coord []uint64) {
			if a < 0 {
				idx, err := tt.Index(coord)
				if err != nil {
					t.Fatal(err)
				}
				real[idx] = true
				return
			}
			for c := uint64(0); c < tt.Shape[a]; c++ {
				coord[a] = c
				walk(a-1, coord)
			}
		}
		walk(len(tt.Shape)-1, make([]uint64, len(tt.Shape)))
	}
	for logC := 0; logC <= 9; logC++ {
		present, err := l.PresentRows(logC)
		if err != nil {
			t.Fatal(err)
		}
		c := uint64(1) << logC
		for k := range present {
			want := false
			for i := uint64(k) * c; i < uint64(k+1)*c && i < l.Size(); i++ {
				want = want || real[i]
			}
			if present[k] != want || l.PaddingRow(uint64(k), logC) == want {
				t.Fatalf("logC=%d row %d: present=%v want %v", logC, k, present[k], want)
			}
		}
	}
}
