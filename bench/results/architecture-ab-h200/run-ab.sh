#!/bin/bash
# Before/after A/B of issue 10 on the GPU machine: same harness, same browser, interleaved.
# usage: bash .abtest/run-ab.sh frame|config|peers
set -u
what=$1
export HW_GPU=1
root=$(pwd)
run() { # side, label
  local side=$1 label=$2
  cd "$root/.abtest/$side"
  mkdir -p bench/results
  case $what in
    frame) timeout 280 node bench/frame-cost.mjs > "$OUT/$label-frame.log" 2>&1 ;;
    config) timeout 280 node bench/config-apply.mjs > "$OUT/$label-config.log" 2>&1 ;;
    peers) RUNS=${RUNS:-2} timeout 290 node bench/run.mjs > "$OUT/$label-peers.log" 2>&1 ;;
  esac
  echo "$label rc=$?"
  cp -r bench/results "$OUT/$label-results" 2>/dev/null
  cd "$root"
}
nproc; nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null
if [ $what = frame ]; then run before before1; run after after1; run before before2; run after after2
else run before before1; run after after1; fi
