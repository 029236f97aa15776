#!/bin/bash
# Issue 16 (and 13) on the H200 (device tool, browser kit): the configuration service's p99, the
# peers' issue-16 cases with the presented-frame signal, and the annotation frame cost, current
# code. Carry .browserkit/b, cdn, bench/out/node_modules (node bench/pack-peers.mjs) after
# unpacking .browserkit/a in a first call (see ../shared/browser-kit/README.md).
source .browserkit/b/env.sh >/dev/null
rm -rf node_modules && ln -s bench/out/node_modules node_modules
export HW_GPU=1
nproc; uptime; nvidia-smi --query-gpu=name,clocks.sm --format=csv,noheader
timeout 120 node bench/config-apply.mjs > "$OUT/config.log" 2>&1; echo "config rc=$?"
cp bench/results/config-hw.* "$OUT/" 2>/dev/null
FLAGS=hw ROUNDS=4 timeout 150 node bench/annotations.mjs > "$OUT/annotations.log" 2>&1; echo "annotations rc=$?"
cp bench/results/annotations-hw.* "$OUT/" 2>/dev/null
FLUSH=0 UNPACED=1 SIZE=1600x900 RUNS=1 OURS_EXTRA=0 PEERS_10M=1 STREAM_BUDGET_S=8 CASE_TIMEOUT_S=45 CASES=issue16 \
  timeout 280 node bench/run.mjs > "$OUT/peers.log" 2>&1; echo "peers rc=$?"
cp bench/results/peers-latest.json bench/results/peers-latest.md "$OUT/" 2>/dev/null
ls "$OUT"; uptime
