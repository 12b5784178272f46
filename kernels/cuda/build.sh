#!/usr/bin/env bash
# Builds kernels/cuda/build/libzkllmcuda.a (every kernel for sm_80 and sm_90)
# for `go build -tags cuda`. Skips the build when the library is newer than
# every source. Needs nvcc (Debian nvidia-cuda-toolkit, CUDA 11.8); no GPU.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=build/libzkllmcuda.a
sources=(zk_kernels.cu zk_api.h zk_defs.cuh zk_exec.cuh zk_field.cuh zk_constants.cuh zk_g1.cuh build.sh)
if [[ -f "$out" ]]; then
  stale=0
  for s in "${sources[@]}"; do [[ "$s" -nt "$out" ]] && stale=1; done
  if ((stale == 0)); then
    echo "kernels/cuda: $out is up to date"
    exit 0
  fi
fi
mkdir -p build
# One translation unit, no relocatable device code: the archive links with
# the host linker and -lcudart alone.
nvcc -O3 -std=c++17 -Xcompiler -fPIC \
  -gencode arch=compute_80,code=sm_80 \
  -gencode arch=compute_90,code=sm_90 \
  -c zk_kernels.cu -o build/zk_kernels.o.tmp
mv -f build/zk_kernels.o.tmp build/zk_kernels.o
rm -f "$out.tmp"
ar rcs "$out.tmp" build/zk_kernels.o
mv -f "$out.tmp" "$out"
echo "kernels/cuda: built $out (sm_80, sm_90)"
