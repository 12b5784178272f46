package transcript

import (
	"bytes"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// EventKind tells an absorb from a squeeze.
type EventKind int

// Event kinds.
const (
	Absorb EventKind = iota
	Squeeze
)

// Event is one logged transcript operation.
type Event struct {
	Kind  EventKind
	Label string
	Data  []byte     // absorbed bytes (a copy); nil for squeezes
	Value fr.Element // squeezed value; zero for absorbs
}

// Recorder is an Observer that logs every operation in order (tests only;
// it copies every absorbed message).
type Recorder struct {
	Events []Event
}

// Absorbed implements Observer.
func (r *Recorder) Absorbed(label string, data []byte) {
	r.Events = append(r.Events, Event{Kind: Absorb, Label: label, Data: bytes.Clone(data)})
}

// Squeezed implements Observer.
func (r *Recorder) Squeezed(label string, value fr.Element) {
	r.Events = append(r.Events, Event{Kind: Squeeze, Label: label, Value: value})
}

// Squeezes returns the number of squeezes logged.
func (r *Recorder) Squeezes() int {
	n := 0
	for _, e := range r.Events {
		if e.Kind == Squeeze {
			n++
		}
	}
	return n
}

// SqueezesBefore returns how many squeezes preceded the first absorb whose
// data contains msg (a prover message absorbed inside a vector counts); ok is
// false when msg was never absorbed. A message produced after challenge j
// must report j: fewer means it was absorbed too early, which cannot happen,
// more means a challenge was drawn before it was bound.
func (r *Recorder) SqueezesBefore(msg []byte) (n int, ok bool) {
	for _, e := range r.Events {
		if e.Kind == Squeeze {
			n++
			continue
		}
		if bytes.Contains(e.Data, msg) {
			return n, true
		}
	}
	return 0, false
}

// String lists the log, one operation per line.
func (r *Recorder) String() string {
	var b bytes.Buffer
	for i, e := range r.Events {
		if e.Kind == Absorb {
			fmt.Fprintf(&b, "%4d absorb  %-16s %d bytes\n", i, e.Label, len(e.Data))
		} else {
			fmt.Fprintf(&b, "%4d squeeze %-16s\n", i, e.Label)
		}
	}
	return b.String()
}
