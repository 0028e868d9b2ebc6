#!/usr/bin/env bash
# Builds the Gatehouse sample and runs both of its services until Ctrl-C:
#   documents service: API on $DOCUMENTS_PORT (8080), Actuator on $DOCUMENTS_MANAGEMENT_PORT (8081)
#   audit service:     API on $AUDIT_PORT (8090),     Actuator on $AUDIT_MANAGEMENT_PORT (8091)
# SKIP_BUILD=1 starts the jar that is already built. Needs a JDK 17+ and Maven; installs nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
documents_port="${DOCUMENTS_PORT:-8080}"
documents_management_port="${DOCUMENTS_MANAGEMENT_PORT:-8081}"
audit_port="${AUDIT_PORT:-8090}"
audit_management_port="${AUDIT_MANAGEMENT_PORT:-8091}"
jar="$root/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
	echo "Building the sample (mvn -B -q -pl sample-app -am package -DskipTests) ..."
	(cd "$root" && mvn -B -q -pl sample-app -am package -DskipTests)
fi

pids=()
stop() {
	trap - INT TERM EXIT
	if ((${#pids[@]})); then
		echo "Stopping the documents and audit services ..."
		kill "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
}
# Background jobs of a script ignore SIGINT, so Ctrl-C reaches them through this trap.
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

java -jar "$jar" --spring.profiles.active=audit --server.port="$audit_port" \
	--management.server.port="$audit_management_port" &
pids+=($!)
java -jar "$jar" --server.port="$documents_port" --management.server.port="$documents_management_port" \
	--sample.audit.base-url="http://localhost:$audit_port" &
pids+=($!)

if command -v curl >/dev/null; then
	for _ in $(seq 1 120); do
		kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null || break
		if curl -fs "http://localhost:$documents_port/api/health" >/dev/null \
			&& curl -fs "http://localhost:$audit_management_port/actuator/health" >/dev/null; then
			echo "Ready: documents on http://localhost:$documents_port, audit on http://localhost:$audit_port."
			echo "Try: curl -i -H 'X-API-Key: demo-alice-admin' http://localhost:$documents_port/api/me  (Ctrl-C stops both)"
			break
		fi
		sleep 1
	done
fi

# Runs until either service exits (a port already in use, say); the EXIT trap then stops the other. A loop
# rather than `wait -n`, which the bash 3.2 of macOS does not have.
while kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null; do
	sleep 1
done
echo "A service stopped on its own; see its log above." >&2
exit 1
