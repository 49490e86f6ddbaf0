#!/usr/bin/env bash
# The metadata projector's apply rate (issue 22, goal 1), on a running local stack:
#   1. creates a bucket (strong, while the projector runs),
#   2. stops the projector (`kill`, which the watcher leaves alone; Streams restores its stores before its first commit, outside the timing),
#   3. writes COUNT eventual PUTs of SIZE into that bucket with the bench (one partition of mocks3.commands),
#   4. starts the projector and times its consumer group's lag from the first commit to 0 (the bench's DrainTimer).
# Prints commands/s and the projector's CPU time per command (steadier than the rate on a shared machine). With PROFILE=1 it also records a JFR of the projector from its start to the drain's end (/tmp/drain-<bucket>.jfr).
#
#   ops/bench/drain.sh                                   # the stack at MOCKS3_PORT_OFFSET (0), home ~/.mocks3
#   OFFSET=14000 STACK_HOME=/tmp/h1-stack STACK_REPO=/tmp/h1-repo COUNT=20000 ops/bench/drain.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
# STACK_REPO: where the stack's service jars are; a copy (and BENCH_JAR, LAUNCHER_JAR) keeps a measurement apart from rebuilds.
stack_repo=${STACK_REPO:-$repo}
offset=${OFFSET:-${MOCKS3_PORT_OFFSET:-0}}
home=${STACK_HOME:-$HOME/.mocks3}
count=${COUNT:-20000}
size=${SIZE:-1KiB}
clients=${CLIENTS:-16}
gateway=http://127.0.0.1:$((8080 + offset))
bootstrap=127.0.0.1:$((9092 + offset))
group=mocks3-metadata-projector
bucket=drain-$(date +%s)
bench_jar=${BENCH_JAR:-$repo/ops/bench/target/bench.jar}
launcher_jar=${LAUNCHER_JAR:-$repo/ops/local-stack/target/local-stack.jar}

stack() { java -Xmx256m -jar "$launcher_jar" --repo "$stack_repo" --home "$home" --port-offset "$offset" "$@"; }
lag() { java -cp "$bench_jar" io.mocks3.ops.bench.DrainTimer "$bootstrap" "$group" "$@"; }

pid=$(cut -d' ' -f1 "$home/run/metadata-projector.pid")
if ! kill -0 "$pid" 2>/dev/null; then
  stack start metadata-projector >/dev/null   # the bucket is created strong: the projector decides it
fi
curl -fsS -X PUT "$gateway/$bucket" -o /dev/null
echo "bucket $bucket created; stopping the projector"
pid=$(cut -d' ' -f1 "$home/run/metadata-projector.pid")
stack kill metadata-projector >/dev/null   # held: the launcher's watcher leaves it down until `start`
java -jar "$bench_jar" --target "drain=$gateway,x-mocks3-consistency:eventual" --bucket "$bucket" \
  --workload "put:$size:$clients" --count "$count" --rounds 1 --warmup 0s --keep --progress 0 \
  ${BENCH_ARGS---bootstrap none} | tail -4   # BENCH_ARGS= for a bench without the --bootstrap option
lag lag

lag drain 900 "server.port=$((8081 + offset))" &
timer=$!
stack start metadata-projector >/dev/null &
starter=$!
if [ "${PROFILE:-0}" = 1 ]; then
  # From the JVM's first moments to the end of the drain (the drain may be over before the part reports
  # healthy); read the stream thread's samples: jfr print --events jdk.ExecutionSample --stack-depth 30 FILE.
  until [ -f "$home/run/metadata-projector.pid" ] && new=$(cut -d' ' -f1 "$home/run/metadata-projector.pid") \
      && [ "$new" != "$pid" ] && jcmd "$new" JFR.start name=drain settings=profile >/dev/null 2>&1; do
    sleep 0.5
  done
fi
wait $timer
if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$new" JFR.stop name=drain filename="/tmp/drain-$bucket.jfr" >/dev/null
  echo "profile of the projector (pid $new): /tmp/drain-$bucket.jfr"
fi
wait $starter
