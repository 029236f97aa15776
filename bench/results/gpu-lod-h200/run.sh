#!/bin/bash
# GPU level of detail on the H200 (device tool): carry .gpukit, bench/out/gpu, bench/out/gpu-before.
# bench/out/gpu-before is the same harness built over the previous src (git stash of src/).
source .gpukit/on-gpu.sh >/dev/null
nvidia-smi --query-gpu=timestamp,clocks.sm,clocks.mem,utilization.gpu --format=csv -lms 200 > "$OUT/clocks.csv" &
smi=$!
node bench/out/gpu/gpu-bench.mjs --json --label 'NVIDIA H200' --sizes 100M,10M,1M --naive-frames 2 > "$OUT/gpu-lod-h200.json" 2> "$OUT/after.log"; echo "after rc=$?"
node bench/out/gpu-before/gpu-bench.mjs --json --label 'NVIDIA H200, before (fine pyramid for the y range)' --sizes 100M --no-naive > "$OUT/before.json" 2> "$OUT/before.log"; echo "before rc=$?"
node bench/out/gpu/gpu-bench.mjs --json --label 'NVIDIA H200, no warm-up' --sizes 100M --no-naive --warmup-ms 0 > "$OUT/after-no-warmup.json" 2> "$OUT/after-no-warmup.log"; echo "no-warmup rc=$?"
kill $smi
grep "points" "$OUT"/*.log
