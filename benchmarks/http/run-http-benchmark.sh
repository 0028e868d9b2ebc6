#!/usr/bin/env bash
# The HTTP benchmark: one Tomcat on loopback serving the same response unprotected, behind Gatehouse (API key or
# a signed context snapshot, + @RequireRole) and behind Spring Security (filter chain + @PreAuthorize), driven by
# wrk.
#
# Precondition: the benchmarks jar is built (this script builds nothing):
#   mvn -B -q package -pl benchmarks -am -DskipTests
# Run from anywhere:
#   benchmarks/http/run-http-benchmark.sh          # published settings: 10 s warm-up, 3 rounds of 30 s each
#                                                  # per endpoint, taken in 5 slices of 6 s
#   QUICK=1 benchmarks/http/run-http-benchmark.sh  # a quick look: 2 s warm-up, 1 round of 5 s (not publishable)
# In each round the endpoints take turns slice by slice, so drift in the machine's speed spreads over all of
# them; the table shows medians over the rounds, and the ratio is the median of each round's ratio.
# Every setting below can be overridden from the environment, e.g. PORT=9000 CONNECTIONS=64 ...
#
# Prints a Markdown table (requests/s, p99 latency, throughput relative to unprotected, and the server's CPU time per
# request from /proc, which the shared cores do not blur as much as throughput). Exits non-zero when
# wrk is missing, the application does not start, an endpoint does not answer 200 with its credential, or wrk
# saw non-2xx responses. Never run by `mvn verify` or CI: the numbers need a quiet machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
MAIN_CLASS=dev.gatehouse.benchmarks.http.HttpBenchmarkApplication
PORT="${PORT:-8089}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
if [[ "${QUICK:-0}" == 1 ]]; then
	WARMUP="${WARMUP:-2s}"
	DURATION="${DURATION:-5s}"
	ROUNDS="${ROUNDS:-1}"
	SLICES="${SLICES:-1}"
else
	WARMUP="${WARMUP:-10s}"
	DURATION="${DURATION:-30s}"
	ROUNDS="${ROUNDS:-3}"
	SLICES="${SLICES:-5}"
fi
# Each round measures every endpoint for DURATION in SLICES turns (6 s each by default), the endpoints taking
# turns slice by slice: drift in the shared machine's speed, which over 30 s moved one endpoint's throughput by
# several percent, then falls on all of them alike.
if [[ ! "$DURATION" =~ ^[0-9]+s$ ]] || ((${DURATION%s} % SLICES != 0)); then
	echo "DURATION must be whole seconds divisible by SLICES ($SLICES), like 30s; got $DURATION" >&2
	exit 2
fi
SLICE="$((${DURATION%s} / SLICES))s"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-60}"
# A fixed, pre-touched heap, and Commons Logging bridged through the Log4j API so that disabled debug messages
# are not rendered (Spring Security's method interceptor logs on every call): the same settings as the JMH
# enforcement benchmarks (see docs/benchmarks.md, "Logging and the Spring Security peer").
LAZY_COMMONS_LOGGING=-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.Log4jApiLogFactory
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch $LAZY_COMMONS_LOGGING}"
LOG="${LOG:-$ROOT/benchmarks/target/http-benchmark-app.log}"

if ! command -v wrk > /dev/null; then
	echo "wrk is not installed: apt-get install -y wrk (Debian package wrk 4.1.0)" >&2
	exit 2
fi
if [[ ! -f "$JAR" ]]; then
	echo "$JAR not found: build it first with mvn -B -q package -pl benchmarks -am -DskipTests" >&2
	exit 2
fi

# The application's fixed benchmark keys (HttpBenchmarkApplication.REPORTER_KEY and the two header names), and a
# snapshot signed as an upstream service would sign it (UpstreamSnapshot, valid for 50 minutes).
KEY=bench-reporter-key-7f3a91c2
SNAPSHOT="$(java -cp "$JAR" dev.gatehouse.benchmarks.http.UpstreamSnapshot)"
BASE="http://127.0.0.1:$PORT"
# name|path|header ("" = no credential: with one, Gatehouse's filter would authenticate it, as in a real app)
ENDPOINTS=(
	"unprotected|/unprotected/hello|"
	"Gatehouse (API key + @RequireRole)|/gatehouse/hello|X-API-Key: $KEY"
	"Gatehouse (HS256 snapshot + @RequireRole)|/gatehouse/hello|X-Auth-Context-Snapshot: $SNAPSHOT"
	"Spring Security (filter chain + @PreAuthorize)|/security/hello|X-Security-Key: $KEY"
)
# FILTER_ONLY=1 adds the unprotected endpoint called with each Gatehouse credential: the filter authenticates
# any request that carries one, so these rows cost the filter alone, without the proxy and the role check.
if [[ "${FILTER_ONLY:-0}" == 1 ]]; then
	ENDPOINTS+=(
		"Gatehouse filter only (API key, unprotected handler)|/unprotected/hello|X-API-Key: $KEY"
		"Gatehouse filter only (HS256 snapshot, unprotected handler)|/unprotected/hello|X-Auth-Context-Snapshot: $SNAPSHOT"
	)
fi

# Answers the HTTP status of GET <path> [header], or nothing when nobody listens. Bash's /dev/tcp: no curl needed.
status() {
	local path="$1" header="${2:-}" request
	request="GET $path HTTP/1.1"$'\r\n'"Host: 127.0.0.1"$'\r\n'
	if [[ -n "$header" ]]; then
		request+="$header"$'\r\n'
	fi
	request+="Connection: close"$'\r\n\r\n'
	timeout 5 bash -c 'exec 3<> "/dev/tcp/127.0.0.1/$1" && printf "%s" "$2" >&3 && read -r _ code _ <&3 && echo "$code"' \
		_ "$PORT" "$request" 2> /dev/null || true
}

APP_PID=""
stop_app() {
	if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2> /dev/null; then
		kill "$APP_PID" 2> /dev/null || true
		wait "$APP_PID" 2> /dev/null || true
	fi
}
trap stop_app EXIT
# So that Ctrl-C and kill also run the EXIT trap; the application, started in the background, ignores SIGINT.
trap 'exit 130' INT TERM

if [[ -n "$(status /)" ]]; then
	echo "Something already listens on 127.0.0.1:$PORT; stop it or choose another PORT." >&2
	exit 1
fi

mkdir -p "$(dirname "$LOG")"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java $JAVA_OPTS -cp "$JAR" "$MAIN_CLASS" --server.port="$PORT" > "$LOG" 2>&1 &
APP_PID=$!

started=0
for ((i = 0; i < STARTUP_TIMEOUT * 4; i++)); do
	if ! kill -0 "$APP_PID" 2> /dev/null; then
		break
	fi
	if [[ "$(status /unprotected/hello)" == 200 ]]; then
		started=1
		break
	fi
	sleep 0.25
done
if [[ "$started" != 1 ]]; then
	echo "The application did not start within ${STARTUP_TIMEOUT}s; its output ($LOG):" >&2
	tail -n 40 "$LOG" >&2
	exit 1
fi

# Never measure a broken setup: each endpoint must answer 200 with its credential and, if protected, 401
# without.
for endpoint in "${ENDPOINTS[@]}"; do
	IFS='|' read -r name path header <<< "$endpoint"
	code="$(status "$path" "$header")"
	if [[ "$code" != 200 ]]; then
		echo "$path answered ${code:-nothing} instead of 200 with its credential; not measuring." >&2
		exit 1
	fi
	if [[ -n "$header" ]] && [[ "$path" != /unprotected/* ]] && [[ "$(status "$path")" != 401 ]]; then
		echo "$path did not answer 401 without a credential; not measuring." >&2
		exit 1
	fi
done

# Runs wrk against one endpoint; the output goes to stdout.
run_wrk() {
	local duration="$1" path="$2" header="$3"
	local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency)
	if [[ -n "$header" ]]; then
		args+=(-H "$header")
	fi
	wrk "${args[@]}" "$BASE$path"
}

# wrk prints latencies as 812.00us, 1.23ms or 1.02s; answers milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; else if (v ~ /m$/) n *= 60000
		printf "%.2f", n }'
}

# CPU time (user + system, in clock ticks) the application process has used so far: read before and after each
# wrk run, it gives the server's CPU time per request, which wrk's share of the two cores does not blur.
TICKS_PER_SECOND="$(getconf CLK_TCK)"
app_ticks() {
	awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"
}

echo "load before: $(uptime)"
echo "wrk: $(wrk -v 2>&1 | awk 'NR == 1 {print $2}'); java: $(java -version 2>&1 | head -n 1)"
echo "settings: warm-up $WARMUP, then $ROUNDS round(s) of $DURATION per endpoint in $SLICES slice(s) of $SLICE," \
	"wrk -t$THREADS -c$CONNECTIONS --latency"
echo "application JVM options: $JAVA_OPTS"

for endpoint in "${ENDPOINTS[@]}"; do
	IFS='|' read -r name path header <<< "$endpoint"
	echo "warming $path for $WARMUP" >&2
	run_wrk "$WARMUP" "$path" "$header" > /dev/null
done

median() {
	tr ' ' '\n' <<< "$1" | grep . | sort -g \
		| awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One list of values per endpoint, a value per round.
rps=()
p99=()
cpu=()
for _ in "${ENDPOINTS[@]}"; do
	rps+=("")
	p99+=("")
	cpu+=("")
done
for ((round = 1; round <= ROUNDS; round++)); do
	round_requests=()
	round_seconds=()
	round_ticks=()
	round_p99=()
	for _ in "${ENDPOINTS[@]}"; do
		round_requests+=(0)
		round_seconds+=(0)
		round_ticks+=(0)
		round_p99+=("")
	done
	for ((slice = 1; slice <= SLICES; slice++)); do
		for i in "${!ENDPOINTS[@]}"; do
			IFS='|' read -r name path header <<< "${ENDPOINTS[$i]}"
			echo "round $round/$ROUNDS, slice $slice/$SLICES: measuring $path for $SLICE" >&2
			ticks_before="$(app_ticks)"
			output="$(run_wrk "$SLICE" "$path" "$header")"
			ticks_after="$(app_ticks)"
			echo "$output" | sed 's/^/    /' >&2
			if grep -q "Non-2xx or 3xx responses" <<< "$output"; then
				echo "$path answered non-2xx responses under load; the numbers would not be comparable." >&2
				exit 1
			fi
			if ! kill -0 "$APP_PID" 2> /dev/null; then
				echo "The application stopped while $path was measured; its output ($LOG):" >&2
				tail -n 40 "$LOG" >&2
				exit 1
			fi
			if grep -q "Socket errors" <<< "$output"; then
				echo "warning: wrk reported socket errors for $path (see above)" >&2
			fi
			# "1234567 requests in 6.00s, 123.45MB read"
			requests="$(awk '/ requests in / {print $1}' <<< "$output")"
			seconds="$(awk '/ requests in / {sub(/s,?$/, "", $4); print $4}' <<< "$output")"
			if [[ -z "$requests" ]] || ((requests <= 0)); then
				echo "wrk measured no requests for $path; see its output above." >&2
				exit 1
			fi
			round_requests[i]=$((round_requests[i] + requests))
			round_seconds[i]="$(awk -v a="${round_seconds[$i]}" -v b="$seconds" 'BEGIN { print a + b }')"
			round_ticks[i]=$((round_ticks[i] + ticks_after - ticks_before))
			round_p99[i]+=" $(to_ms "$(awk '$1 == "99%" {print $2}' <<< "$output")")"
		done
	done
	for i in "${!ENDPOINTS[@]}"; do
		rps[i]+=" $(awk -v q="${round_requests[$i]}" -v s="${round_seconds[$i]}" 'BEGIN { printf "%.2f", q / s }')"
		cpu[i]+=" $(awk -v t="${round_ticks[$i]}" -v q="${round_requests[$i]}" -v hz="$TICKS_PER_SECOND" \
			'BEGIN { printf "%.2f", t * 1000000 / hz / q }')"
		p99[i]+=" $(median "${round_p99[$i]}")"
	done
done


# The 1-minute average now counts this run's own busy threads (wrk's and Tomcat's), so it is not a measure of
# other load; "load before" is.
echo "load after (includes this run's own threads): $(uptime)"
echo
if ((ROUNDS > 1)); then
	echo "Medians of $ROUNDS rounds."
	echo
fi
echo "| endpoint | requests/s | p99 latency (ms) | throughput relative to unprotected | server CPU µs/request | CPU µs/request above unprotected |"
echo "|---|---|---|---|---|---|"
# Each round's ratio to the unprotected endpoint of the same round, so that a slow round does not skew it.
read -r -a base_rounds <<< "${rps[0]}"
ratios=()
for i in "${!ENDPOINTS[@]}"; do
	read -r -a rounds <<< "${rps[$i]}"
	ratios+=("")
	for r in "${!rounds[@]}"; do
		ratios[i]+=" $(awk -v a="${rounds[$r]}" -v b="${base_rounds[$r]}" 'BEGIN { printf "%.1f", 100 * a / b }')"
	done
	IFS='|' read -r name _ _ <<< "${ENDPOINTS[$i]}"
	cpu_median="$(median "${cpu[$i]}")"
	printf '| %s | %.0f | %.2f | %.1f%% | %.2f | %+.2f |\n' "$name" "$(median "${rps[$i]}")" \
		"$(median "${p99[$i]}")" "$(median "${ratios[$i]}")" "$cpu_median" \
		"$(awk -v a="$cpu_median" -v b="$(median "${cpu[0]}")" 'BEGIN { print a - b }')"
done
if ((ROUNDS > 1)); then
	echo
	for i in "${!ENDPOINTS[@]}"; do
		IFS='|' read -r name _ _ <<< "${ENDPOINTS[$i]}"
		echo "- $name, per round: requests/s${rps[$i]}; p99 ms${p99[$i]}; % of unprotected${ratios[$i]};" \
			"server CPU µs/request${cpu[$i]}"
	done
fi
