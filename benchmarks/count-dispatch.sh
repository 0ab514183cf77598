#!/usr/bin/env bash
# Instructions per message of one dispatcher contender, counted by callgrind over the counted turns only
# (see CountDispatch in Eventfold.Benchmarks.CpuTime/Program.cs). Instruction counts do not depend on the
# machine's load, unlike times. Usage: benchmarks/count-dispatch.sh <1|4 workers> <contender 0-4> <turns> <out dir>
# Contenders: 0 raw Channel<T>, 1 generated [BoundedDispatcher], 2 DispatcherEngine stand-in, 3 ActionBlock, 4 Akka.
set -euo pipefail
workers=$1 contender=$2 turns=$3 out=$4
dll="${COUNT_BIN:-$(dirname "$0")/Eventfold.Benchmarks.CpuTime/bin/Release/net10.0}/Eventfold.Benchmarks.CpuTime.dll"
mkdir -p "$out"
name="w${workers}-c${contender}"
# W^X off so valgrind sees the jitted code; a perf map names the jitted methods for count-dispatch-map.py.
# Every method, the framework's too, jitted once fully optimised (no tiering, no precompiled code): under
# valgrind's slow clock tiering would still be compiling during the counted turns, and precompiled framework
# code would serve the raw channel's shared instantiation but not the dispatcher's struct one.
export DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 DOTNET_TieredCompilation=0 DOTNET_ReadyToRun=0
nice valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$out/$name.%p.out" \
  dotnet "$dll" "count-dispatch$workers" "$contender" "$turns" >"$out/$name.log" 2>"$out/$name.err" &
vg=$!
until grep -q '^counting' "$out/$name.log" 2>/dev/null; do sleep 1; done
sleep 2; callgrind_control -z "$vg" >/dev/null
until grep -q '^counted' "$out/$name.log" 2>/dev/null; do sleep 1; done
callgrind_control -d "$vg" >/dev/null
wait "$vg"
echo "$name: $(tail -1 "$out/$name.log")"
