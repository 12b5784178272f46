package spec

import "testing"

func FuzzUnmarshalManifest(f *testing.F) {
	man, _ := storiesParts(f)
	mb, _ := man.Marshal()
	f.Add(mb)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := UnmarshalManifest(b)
		if err != nil {
			return
		}
		again, err := m.Marshal()
		if err != nil || string(again) != string(b) {
			t.Fatal("accepted manifest does not re-encode to itself")
		}
	})
}

func FuzzUnmarshalSpec(f *testing.F) {
	_, sp := storiesParts(f)
	sb, _ := sp.Marshal()
	f.Add(sb)
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Unmarshal(b)
		if err != nil {
			return
		}
		again, err := s.Marshal()
		if err != nil || string(again) != string(b) {
			t.Fatal("accepted spec does not re-encode to itself")
		}
	})
}
