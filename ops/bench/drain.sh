#!/usr/bin/env bash
# The metadata projector's apply rate (issue 22, goal 1), on a running local stack, the projector warm:
#   1. creates a bucket (strong, while the projector runs),
#   2. pauses the projector (POST /admin/commands/pause: it stays in its consumer group, its JIT and stores stay warm),
#   3. writes COUNT eventual PUTs of SIZE into that bucket with the bench (one partition of mocks3.commands),
#   4. waits for the storage nodes to store the burst's blobs (they would share the machine with the drain),
#   5. resumes it and times its consumer group's lag from its first commit to 0 (the bench's DrainTimer).
# Prints commands/s and the projector's CPU time per command (steadier than the rate on a shared machine). With PROFILE=1 it also records a JFR of the projector over the drain (/tmp/drain-<bucket>.jfr).
#
#   ops/bench/drain.sh                                   # the stack at MOCKS3_PORT_OFFSET (0), home ~/.mocks3
#   OFFSET=14000 STACK_HOME=/tmp/h1-stack COUNT=20000 ops/bench/drain.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
offset=${OFFSET:-${MOCKS3_PORT_OFFSET:-0}}
home=${STACK_HOME:-$HOME/.mocks3}
count=${COUNT:-40000}
size=${SIZE:-4KiB}
clients=${CLIENTS:-16}
gateway=http://127.0.0.1:$((8080 + offset))
projector=http://127.0.0.1:$((8081 + offset))
bootstrap=127.0.0.1:$((9092 + offset))
group=mocks3-metadata-projector
bucket=drain-$(date +%s)
bench_jar=${BENCH_JAR:-$repo/ops/bench/target/bench.jar}
auth=()
if [ -n "${MOCKS3_CONTROL_TOKEN:-}" ]; then auth=(-H "Authorization: Bearer $MOCKS3_CONTROL_TOKEN"); fi

lag() { java -cp "$bench_jar" io.mocks3.ops.bench.DrainTimer "$bootstrap" "$group" "$@"; }
resume() { curl -fsS "${auth[@]}" -X POST "$projector/admin/commands/resume" -o /dev/null; }

curl -fsS -X PUT "$gateway/$bucket" -o /dev/null
pid=$(cut -d' ' -f1 "$home/run/metadata-projector.pid")
if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$pid" JFR.start name=drain settings=profile >/dev/null
fi
curl -fsS "${auth[@]}" -X POST "$projector/admin/commands/pause" -o /dev/null
trap resume EXIT   # never leave the projector paused
echo "bucket $bucket created; projector (pid $pid) paused"
java -jar "$bench_jar" --target "drain=$gateway,x-mocks3-consistency:eventual" --bucket "$bucket" \
  --workload "put:$size:$clients" --count "$count" --rounds 1 --warmup 0s --keep --progress 0 --bootstrap none | tail -4
lag lag
lag stored 600   # the storage nodes store the burst's blobs first: the drain is the projector's alone

out=$(mktemp)
lag drain 900 "server.port=$((8081 + offset))" > >(tee "$out") &
timer=$!
until grep -q "waiting for the first commit" "$out"; do   # its first sample is taken: resume
  kill -0 $timer 2>/dev/null || { echo "the drain timer ended early" >&2; exit 1; }
  sleep 0.1
done
resume
wait $timer
rm -f "$out"
if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$pid" JFR.stop name=drain filename="/tmp/drain-$bucket.jfr" >/dev/null
  echo "profile of the projector (pid $pid): /tmp/drain-$bucket.jfr (jfr print --events jdk.ExecutionSample --stack-depth 30 FILE)"
fi
