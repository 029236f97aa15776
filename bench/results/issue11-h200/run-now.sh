#!/bin/bash
# Issue 11 benchmarks on the GPU machine: scatter cases vs peers, heatmap frame/streaming.
export HW_GPU=1
cd .abtest/now && mkdir -p bench/results
RUNS=${RUNS:-2} timeout 400 node bench/run.mjs --cases scatter > "$OUT/scatter-peers.log" 2>&1; echo "scatter rc=$?"
timeout 150 node bench/heatmap.mjs > "$OUT/heatmap.log" 2>&1; echo "heatmap rc=$?"
cp -r bench/results "$OUT/results"
