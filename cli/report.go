package cli

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/internal/atomicfile"
)

// The report page: one self-contained HTML file (inline CSS and SVG, no script, nothing
// fetched) showing what was proven, the verification verdict with its checks, the chain and
// IPFS references, and the prover's per-step time and proof bytes when this data directory
// made the proof (prove keeps them in proofs/<digest>.json; a proof file carries no timings).

//go:embed report.html
var reportHTML string

var reportTemplate = template.Must(template.New("report").Parse(reportHTML))

func reportCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "report",
		Usage:     "write a self-contained HTML page about a proof: what was proven, the verdict, the prover's steps",
		ArgsUsage: "<proof reference | tx hash | proof file>",
		Description: "Verifies the proof (from the chain, or a local file against --model) and writes the page to --out\n" +
			"(default report-<proof digest prefix>.html). The page is written whatever the verdict; the exit code\n" +
			"is the verdict's, as for `zkllm verify`.\n\nExamples:\n" +
			"  zkllm report eip155:1337:0x.../proof/0x... --out report.html\n" +
			"  zkllm report story.zkp --model stories260K",
		Flags:  flagsOf(baseFlags, []ucli.Flag{modelFlag, outFlag}, chainFlags, ipfsFlags),
		Action: action(1, report),
	}
}

type reportResult struct {
	Schema  string `json:"schema"`
	File    string `json:"file"`
	Bytes   int    `json:"bytes"`
	Verdict string `json:"verdict"`
	Ref     string `json:"ref,omitempty"`
}

func report(s *session) error {
	arg := strings.TrimSpace(s.c.Args().First())
	if arg == "" {
		return badInputf("report: give a proof reference, a transaction hash or a proof file")
	}
	sink := func(s *session, r *verifyResult, start time.Time, step string, cause error) error {
		code, err := settleVerdict(r, step, cause)
		if err != nil {
			return err
		}
		r.Seconds = time.Since(start).Seconds()
		page, err := renderReport(r, loadProveRecord(s.dir, r.ProofSHA256))
		if err != nil {
			return internalf("report page: %v", err)
		}
		out := s.c.String(outFlag.Name)
		if out == "" {
			name := "report.html"
			if len(r.ProofSHA256) >= 12 {
				name = "report-" + r.ProofSHA256[:12] + ".html"
			}
			out = name
		}
		if err := atomicfile.Write(out, page, 0o644); err != nil {
			return internalf("writing %s: %v", out, err)
		}
		abs, _ := filepath.Abs(out)
		res := reportResult{Schema: schemaPrefix + "report/v1", File: abs, Bytes: len(page), Verdict: r.Verdict, Ref: r.Ref}
		if err := s.out.result(res, abs, func(w io.Writer) {
			fmt.Fprintf(w, "%s  %s\nwrote %s (%s)\n", strings.ToUpper(r.Verdict), orProofFile(r), abs, humanBytes(int64(len(page))))
		}); err != nil {
			return err
		}
		return verdictErr(code, r)
	}
	if st, err := os.Stat(arg); err == nil && st.Mode().IsRegular() {
		return verifyFile(s, arg, sink)
	}
	return verifyRef(s, arg, sink)
}

func orProofFile(r *verifyResult) string {
	if r.Ref != "" {
		return r.Ref
	}
	return "proof " + r.ProofSHA256
}

// loadProveRecord returns prove's record of a proof, or nil when this data directory did not
// make it (or the record is unreadable or for another proof).
func loadProveRecord(d dataDir, proofSHA256 string) *proveResult {
	if !hex64.MatchString(proofSHA256) {
		return nil
	}
	b, err := os.ReadFile(proveRecordPath(d, proofSHA256))
	if err != nil {
		return nil
	}
	var p proveResult
	if err := json.Unmarshal(b, &p); err != nil || p.ProofSHA256 != proofSHA256 {
		return nil
	}
	return &p
}

// reportBar is one bar of the chart, its widths in percent of the largest.
type reportBar struct {
	Label      string
	Seconds    float64
	Bytes      int
	TimeWidth  float64
	BytesWidth float64
	Y          int
}

type reportPage struct {
	R            *verifyResult
	Prove        *proveResult
	Bars         []reportBar
	ChartHeight  int
	ProveSeconds float64
	StepBytes    int
	Generated    string
}

func renderReport(r *verifyResult, p *proveResult) ([]byte, error) {
	if r == nil {
		return nil, errors.New("no verification result")
	}
	pg := &reportPage{R: r, Prove: p, Generated: time.Now().UTC().Format(time.RFC3339)}
	if p != nil && len(p.Steps) > 0 {
		maxT, maxB := 0.0, 0
		for _, st := range p.Steps {
			maxT, maxB = max(maxT, st.Seconds), max(maxB, st.Bytes)
		}
		for i, st := range p.Steps {
			b := reportBar{Label: st.Phase + " · " + st.Name, Seconds: st.Seconds, Bytes: st.Bytes, Y: i * 22}
			if maxT > 0 {
				b.TimeWidth = 100 * st.Seconds / maxT
			}
			if maxB > 0 {
				b.BytesWidth = 100 * float64(st.Bytes) / float64(maxB)
			}
			pg.Bars = append(pg.Bars, b)
			pg.ProveSeconds += st.Seconds
			pg.StepBytes += st.Bytes
		}
		pg.ChartHeight = len(p.Steps) * 22
	}
	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, pg); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
