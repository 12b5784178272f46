package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// reportFixture is the verdict on the fixture proof (or on a broken copy) and a prover
// record with the 15 steps a stories260K proof has.
func reportFixture(t *testing.T, valid bool) (*verifyResult, *proveResult) {
	t.Helper()
	key, good := proofFixture(t)
	r := &verifyResult{Schema: schemaPrefix + "verify/v1", Checks: []checkItem{}, Files: []checkFile{
		{Name: "proof.zkp", CID: "bafkreidx2jjrbbun2j3zb43p73sircnmspinlucw4xh5insqlode3ok64q", Bytes: int64(len(good))}}}
	r.Ref = "eip155:1337:0x5FbDB2315678afecb367f032d93F642f64180aa3/proof/0x20d4"
	file := good
	if !valid {
		file = proofVariants(t, good)[1]
	}
	checkProof(r, key, file, nil)
	if _, err := settleVerdict(r, "", nil); err != nil {
		t.Fatal(err)
	}
	p := &proveResult{ProofSHA256: r.ProofSHA256, TxHash: "0x23db"}
	names := []string{"A advice", "B lookups", "C padding", "C residual", "C attn_norm", "C qkv", "C attention", "C attn_out", "C ffn_norm", "C ffn", "C head", "C output", "E advice", "E weights", "F dlc"}
	for i, n := range names {
		ph, name, _ := strings.Cut(n, " ")
		p.Steps = append(p.Steps, stepJSON{Phase: ph, Name: name, Seconds: float64(i%5) + 0.25, Bytes: 1000 * (i + 1)})
	}
	return r, p
}

// TestReportSelfContained: the page loads nothing, runs no script, escapes the texts, and
// shows the verdict, the checks and one bar pair per prover step.
func TestReportSelfContained(t *testing.T) {
	if testing.Short() {
		t.Skip("verifies a whole-model proof")
	}
	r, p := reportFixture(t, true)
	r.Prompt = `<script>alert("x")</script>`
	page, err := renderReport(r, p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if strings.Contains(s, "<script") || regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(s) {
		t.Fatalf("the page runs a script or loads a resource:\n%s", s)
	}
	if !strings.Contains(s, "&lt;script&gt;") || !strings.Contains(s, `class="verdict valid">valid<`) {
		t.Fatal("texts not escaped, or no verdict")
	}
	if n := strings.Count(s, `class="bar-time"`); n != len(p.Steps) {
		t.Fatalf("%d time bars for %d steps", n, len(p.Steps))
	}
	// Without the prover's record: no chart, and it says why.
	page, err = renderReport(r, nil)
	if err != nil || !strings.Contains(string(page), `id="no-chart"`) {
		t.Fatalf("page without prover record: %v", err)
	}
}

// TestReportInBrowser loads the page in headless Chromium (Debian's chromium package): no
// console message of any kind, the verdict and the chart render, and a screenshot is written
// to $ZKLLM_TEST_ARTIFACTS (default: the test's temporary directory).
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("verifies a whole-model proof and starts a browser")
	}
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("ZKLLM_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium not found (apt-get install chromium)")
		}
		t.Skip("chromium not installed (apt-get install chromium; ZKLLM_REQUIRE_BROWSER=1 makes this a failure)")
	}
	art := os.Getenv("ZKLLM_TEST_ARTIFACTS")
	if art == "" {
		art = t.TempDir()
	}
	if err := os.MkdirAll(art, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, valid := range []bool{true, false} {
		r, p := reportFixture(t, valid)
		page, err := renderReport(r, p)
		if err != nil {
			t.Fatal(err)
		}
		path, _ := filepath.Abs(filepath.Join(t.TempDir(), "report.html"))
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
			chromedp.Flag("disable-gpu", true), chromedp.WindowSize(1280, 900))
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(actx)
		ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
		cctx, stopConsole := context.WithCancel(ctx)
		msgs := chromedp.Console(cctx)
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path)); err != nil {
			t.Fatal(err)
		}
		verdict, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("verdict").textContent`))
		if err != nil {
			t.Fatal(err)
		}
		want := map[bool]string{true: "valid", false: "invalid"}[valid]
		if verdict != want {
			t.Fatalf("verdict %q, want %q", verdict, want)
		}
		bars, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#chart rect.bar-time").length`))
		if err != nil {
			t.Fatal(err)
		}
		widest, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
			`Math.max(...[...document.querySelectorAll("#chart rect")].map(r => r.getBoundingClientRect().width))`))
		if err != nil {
			t.Fatal(err)
		}
		if bars != len(p.Steps) || widest < 100 {
			t.Fatalf("chart: %d bars for %d steps, widest %.0f px", bars, len(p.Steps), widest)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		shot := filepath.Join(art, "report-"+want+".png")
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s (%d bytes)", shot, len(png))
		// Drain the console for a moment: any message (an error, a failed load) fails.
		time.AfterFunc(500*time.Millisecond, stopConsole)
		for m, err := range msgs {
			if err != nil {
				break
			}
			t.Errorf("console: %s", m)
		}
		cancelT()
		cancel()
		cancelA()
	}
}
