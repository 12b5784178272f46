package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports a long step. On a terminal it draws a bar redrawn in place with carriage
// returns; anywhere else (a file, a pipe, a CI log) it writes plain lines, one per tenth of
// the work, so logs stay readable and never fill with '\r' frames.
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar // non-nil on a terminal
	w     io.Writer
	desc  string
	total int64
	shown int64 // last tenth printed (line mode)
	done  bool
}

// isTerminal reports whether w is a terminal (only an *os.File can be).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newProgress(w io.Writer, desc string, total int64) *progress {
	p := &progress{w: w, desc: desc, total: total, shown: -1}
	if isTerminal(w) {
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetDescription(desc),
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("rows"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionFullWidth(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
		)
	}
	return p
}

// set records that done of total units are finished.
func (p *progress) set(done int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Set64(done)
		return
	}
	if p.total <= 0 {
		return
	}
	tenth := done * 10 / p.total
	if tenth > p.shown {
		p.shown = tenth
		fmt.Fprintf(p.w, "%s: %d/%d (%d%%)\n", p.desc, done, p.total, done*100/p.total)
	}
}

// finish ends the report (a nil progress is a no-op).
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	p.done = true
	if p.bar != nil {
		p.bar.Finish()
	}
}
