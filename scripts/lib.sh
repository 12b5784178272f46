# shellcheck shell=bash
# Shared steps for zkllm's scripts. Source it; it sets strict mode, moves to
# the repository root and defines one function per install/build step. Every
# step is idempotent: re-running it when its output is current costs seconds.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# A dependency that asks for a newer Go must fail loudly, never download one.
export GOTOOLCHAIN=local

FORGE="$ROOT/node_modules/@foundry-rs/forge-linux-amd64/bin/forge"
ANVIL="$ROOT/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
IPFS="$ROOT/bin/ipfs"
ZKLLM="$ROOT/bin/zkllm"

# step NAME: prints a section header with the time since the script started.
step() {
  printf '\n==> [%4ss] %s\n' "$SECONDS" "$*"
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# require_tools: fail early, with a clear message, when a prerequisite is missing.
require_tools() {
  local tool
  for tool in go node npm git; do
    command -v "$tool" >/dev/null || die "$tool not found on PATH (see README: Requirements)"
  done
  local want="go1.26.8" have
  have="$(go env GOVERSION)"
  [[ "$have" == "$want" ]] || die "need $want, found $have (GOTOOLCHAIN=local: no download)"
}

# npm_install: forge, anvil, forge-std and solc, pinned in package-lock.json.
# `npm ci` fails on this lockfile (optional platform packages), so npm install.
npm_install() {
  step "npm install (forge, anvil, forge-std, solc)"
  npm install --no-audit --no-fund --prefer-offline --loglevel=error
  [[ -x "$FORGE" ]] || die "npm install left no native forge at $FORGE"
  [[ -x "$ANVIL" ]] || die "npm install left no native anvil at $ANVIL"
}

# kubo_stamp: what bin/ipfs was built from; a different stamp means stale.
kubo_stamp() {
  cat tools/kubo/go.mod tools/kubo/go.sum | sha256sum | cut -d' ' -f1
  go env GOVERSION GOOS GOARCH
}

# build_kubo: builds the real Kubo daemon into bin/ipfs from the separate
# tools/kubo module, only when it is missing or was built from other inputs
# (about 2 minutes cold on 2 cores).
build_kubo() {
  local stamp_file="$ROOT/bin/.ipfs.stamp" want
  want="$(kubo_stamp)"
  if [[ -x "$IPFS" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$want" ]]; then
    step "Kubo: bin/ipfs is up to date"
    return
  fi
  step "Kubo: building bin/ipfs from tools/kubo (2-3 min cold on 2 cores)"
  mkdir -p "$ROOT/bin"
  rm -f "$stamp_file"
  # Build to a temporary name and rename: an interrupted build leaves no
  # half-written binary that a later run would take for current.
  (cd tools/kubo && go build -trimpath -o "$IPFS.tmp" github.com/ipfs/kubo/cmd/ipfs)
  mv -f "$IPFS.tmp" "$IPFS"
  "$IPFS" version >/dev/null || die "built bin/ipfs does not run"
  printf '%s\n' "$want" >"$stamp_file.tmp"
  mv -f "$stamp_file.tmp" "$stamp_file"
  "$IPFS" version
}

# build_zkllm: the zkllm binary (with the Go build tags in ZKLLM_BUILD_TAGS).
build_zkllm() {
  local tags="${ZKLLM_BUILD_TAGS:-}"
  step "go build ${tags:+-tags $tags }-o bin/zkllm ./cmd/zkllm"
  mkdir -p "$ROOT/bin"
  go build ${tags:+-tags "$tags"} -o "$ZKLLM.tmp" ./cmd/zkllm
  mv -f "$ZKLLM.tmp" "$ZKLLM"
}

# race_packages: main-module packages that start goroutines or use sync
# primitives in non-test code; they run again under -race. Detected rather
# than listed so a new concurrent package cannot be forgotten.
race_packages() {
  local dir pkg files
  while IFS='|' read -r dir pkg files; do
    [[ -n "$files" ]] || continue
    # shellcheck disable=SC2086 # files is a space-separated list of names
    if (cd "$dir" && grep -qE '^[[:space:]]+go [A-Za-z_(]|"sync"|"sync/atomic"|"golang.org/x/sync/errgroup"' $files); then
      printf '%s\n' "$pkg"
    fi
  done < <(go list -f '{{.Dir}}|{{.ImportPath}}|{{join .GoFiles " "}}' ./...)
}

# install_cuda_toolkit: Debian's nvidia-cuda-toolkit (CUDA 11.8: nvcc,
# cudart) from contrib/non-free, so the CUDA kernels compile and their host
# tests run without a GPU. Skipped when nvcc is on PATH; otherwise 1.5-3 min.
install_cuda_toolkit() {
  if command -v nvcc >/dev/null; then
    step "CUDA toolkit: $(nvcc --version | tail -1)"
    return
  fi
  step "CUDA toolkit: apt-get install nvidia-cuda-toolkit from contrib/non-free (1.5-3 min)"
  local sudo="" src=/etc/apt/sources.list.d/zkllm-contrib-nonfree.sources uri suite
  [[ "$(id -u)" == 0 ]] || sudo=sudo
  if [[ ! -f "$src" ]]; then
    # The same mirror and release as the system's own Debian sources.
    uri="$(grep -hm1 '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}' || true)"
    uri="${uri:-http://deb.debian.org/debian}"
    suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: contrib non-free\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$uri" "$suite" | $sudo tee "$src.tmp" >/dev/null
    $sudo mv -f "$src.tmp" "$src"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nvidia-cuda-toolkit >/dev/null
  command -v nvcc >/dev/null || die "nvidia-cuda-toolkit installed no nvcc"
  nvcc --version | tail -1
}

# install_chromium: Debian's chromium, the real headless browser the report
# page test (cli TestReportInBrowser) drives; skipped when present, about
# 50 s otherwise. A browser build that downloads itself cannot be fetched here.
install_chromium() {
  if command -v chromium >/dev/null; then
    step "chromium: $(chromium --version 2>/dev/null | head -1)"
    return
  fi
  step "chromium: apt-get install chromium (about 50 s)"
  local sudo=""
  [[ "$(id -u)" == 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null || die "the chromium package installed no chromium"
}

# cuda_checks: compiles every CUDA kernel for sm_80 and sm_90
# (kernels/cuda/build.sh, skipped when current), builds and vets the tree
# with -tags cuda, and runs package kernels' tagged tests under cgocheck2:
# the __host__ __device__ arithmetic against gnark-crypto and every kernel in
# host emulation against the CPU backend (the GPU==CPU tests report that
# they could not run unless a GPU is present).
cuda_checks() {
  step "CUDA kernels: nvcc sm_80 + sm_90 (kernels/cuda/build.sh)"
  kernels/cuda/build.sh
  step "go build -tags cuda ./... && go vet -tags cuda ./..."
  go build -tags cuda ./...
  go vet -tags cuda ./...
  step "go test -tags cuda ./kernels/... (GOEXPERIMENT=cgocheck2; host arithmetic + emulated kernels)"
  local log rc=0
  log="$(mktemp)"
  GOEXPERIMENT=cgocheck2 go test -tags cuda -count=1 -timeout "${GO_TEST_TIMEOUT:-15m}" -v ./kernels/... >"$log" 2>&1 || rc=$?
  # The summary: results, what ran where, and the tests that could not run.
  grep -E '^(--- |ok|FAIL|PASS)|COULD NOT RUN|cuda tag:|inputs per operation' "$log" || true
  if ((rc != 0)); then
    tail -n 60 "$log"
    rm -f "$log"
    die "go test -tags cuda ./kernels/... failed"
  fi
  rm -f "$log"
}
