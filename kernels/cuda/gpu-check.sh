#!/usr/bin/env bash
# Runs the GPU==CPU tests and the CPU-vs-GPU benchmark on a machine with an
# NVIDIA GPU (sm_80 or sm_90) and its driver, from a test binary built where
# the CUDA toolkit is (cudart is linked statically; only libcuda is needed):
#
#   kernels/cuda/build.sh
#   go test -tags cuda -c -o kernels/cuda/build/kernels.test ./kernels
#   # on the GPU machine, with kernels/cuda/build carried along:
#   kernels/cuda/gpu-check.sh
#
# ZKLLM_REQUIRE_GPU=1 makes "no device" a failure. Output also goes to
# $OUT/gpu-check.txt when OUT is set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=cuda/build/kernels.test
[[ -x "$bin" ]] || { echo "error: $bin missing: build it first (see the header)" >&2; exit 1; }
log="${OUT:-/tmp}/gpu-check.txt"
{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || true
  grep -m1 'model name' /proc/cpuinfo || true
  echo "cores: $(nproc)"
  ZKLLM_REQUIRE_GPU=1 "$bin" -test.run 'Device|Host|Emulator|Select' -test.v 2>&1 |
    grep -E '^(--- |ok|FAIL|PASS)|cuda tag:|COULD NOT RUN|GPU expected|differs|inputs per operation'
  ZKLLM_REQUIRE_GPU=1 "$bin" -test.run '^$' -test.bench Backends -test.benchtime "${BENCHTIME:-3x}" 2>&1
} 2>&1 | tee "$log"
exit "${PIPESTATUS[0]}"
