#!/usr/bin/env bash
# PID 1 of the all-in-one image (Dockerfile target all-in-one): starts the local stack, with every part
# as a child process, under the launcher; marks and prints when every part is healthy (the image's
# HEALTHCHECK and MockS3Container wait for that); stops every part on `docker stop`.
# MOCKS3_CONSISTENCY (strong | eventual) sets the gateway's default consistency mode; MOCKS3_CONTROL_TOKEN,
# when set, is required by the control plane. Inside the container every service listens on every interface
# (MOCKS3_BIND_ADDRESS, default 0.0.0.0 here), or Docker's port mapping could not reach it. MOCKS3_DIST is
# where the image laid out the jars (a checkout's target/ folders); set it to try the script outside Docker.
set -euo pipefail
dist="${MOCKS3_DIST:-/opt/mocks3}"
home="${MOCKS3_HOME:-/data/stack}"
healthy="$(dirname "$home")/all-healthy"
launcher=(java -Xmx256m -jar "$dist/ops/local-stack/target/local-stack.jar" --repo "$dist" --home "$home"
  --bind-address "${MOCKS3_BIND_ADDRESS:-0.0.0.0}")

stop() {
  rm -f "$healthy"
  "${launcher[@]}" down
  exit 0
}
trap stop TERM INT

rm -f "$healthy"
# --fresh: a container starts empty, whatever a previous start left in a mounted volume.
"${launcher[@]}" up --fresh
touch "$healthy"
echo "MockS3 all-in-one: every part is healthy"
# Wait in the background so that the trap runs as soon as a signal arrives.
while true; do
  sleep 5 &
  wait $! || true
done
