#!/usr/bin/env bash
# Runs every DirectDelivery benchmark and prints one results table: JMH micro-benchmarks,
# end-to-end throughput against Postfix's smtp-source and Angus Mail's SMTPTransport, heap use
# with -Xmx64m, and durable submit against a Postfix queue of its own. bench/README.md describes
# each part and how to read the numbers.
#
# Everything stays on this machine: the clients reach a Postfix smtp-sink on 127.0.1.1 through
# an in-process DNS server on 127.0.0.1, and the JVMs run with
# io.github.directdelivery.loopbackOnly=true, under which the library refuses any other address.
#
# Settings, from the environment (defaults in brackets):
#   BENCH_ROUNDS          timed throughput rounds per workload [9]
#   BENCH_WARMUP_RUNS     untimed throughput runs of each contender per workload, for the JIT [2]
#   BENCH_SMALL_MESSAGES  messages per throughput run with a 2 KB body [10000]
#   BENCH_LARGE_MESSAGES  messages per throughput run with a 100 KB body [1000]
#   BENCH_JMH_ARGS        options for JMH [-f 1 -wi 2 -w 1s -i 3 -r 1s]
#   BENCH_JFR             1 to record the throughput JVM with JFR into bench/target/throughput.jfr [0]
#   BENCH_SKIP_BUILD      1 to use the classes of the previous build [0]
#   BENCH_SUBMIT_MESSAGES     messages per durable submit run [2000]
#   BENCH_SUBMIT_SESSIONS     smtp-source sessions, and threads calling submit [8]
#   BENCH_SUBMIT_ROUNDS       timed durable submit rounds [5]
#   BENCH_SUBMIT_WARMUP_RUNS  untimed durable submit runs of each contender [1]
#   BENCH_SUBMIT_DIR          where both queues live, not on tmpfs [/var/tmp/direct-delivery-bench-submit]
# Installing the peers and starting the Postfix instance of the durable submit part need root;
# the rest does not.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${BENCH_ROUNDS:-9}
warm_up_runs=${BENCH_WARMUP_RUNS:-2}
small_messages=${BENCH_SMALL_MESSAGES:-10000}
large_messages=${BENCH_LARGE_MESSAGES:-1000}
jmh_args=${BENCH_JMH_ARGS:--f 1 -wi 2 -w 1s -i 3 -r 1s}
submit_messages=${BENCH_SUBMIT_MESSAGES:-2000}
submit_sessions=${BENCH_SUBMIT_SESSIONS:-8}
submit_rounds=${BENCH_SUBMIT_ROUNDS:-5}
submit_warm_up_runs=${BENCH_SUBMIT_WARMUP_RUNS:-1}
target=bench/target
results=$target/results.md
# shellcheck source=bench/postfix/queue.sh
. bench/postfix/queue.sh

log() {
    printf 'bench: %s\n' "$*" >&2
}

install_missing_packages() {
    local packages=()
    command -v mvn >/dev/null || packages+=(maven)
    command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
    [[ -x /usr/sbin/smtp-sink && -x /usr/sbin/smtp-source ]] || packages+=(postfix)
    if [[ ${#packages[@]} -eq 0 ]]; then
        return
    fi
    if [[ $(id -u) -ne 0 ]]; then
        log "missing packages: ${packages[*]}; run this script as root once to install them"
        exit 1
    fi
    log "installing ${packages[*]}"
    # Postfix is only wanted for smtp-sink and smtp-source: install it unconfigured, so that no
    # mail system is set up or started.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
}

build() {
    log "building the core, the test kit and the benchmarks, with the benchmarks' own tests"
    mvn -B -q -P bench verify -pl bench -am \
        -Dtest='io.github.directdelivery.bench.**.*Test' -Dsurefire.failIfNoSpecifiedTests=false
}

# The JVM options that every benchmark JVM shares.
java_run() {
    java -Dio.github.directdelivery.loopbackOnly=true -cp "$target/direct-delivery-bench.jar:$target/lib/*" "$@"
}

run_jmh() {
    log "JMH micro-benchmarks ($jmh_args)"
    # shellcheck disable=SC2086 # the JMH options are meant to be split into words
    java_run org.openjdk.jmh.Main $jmh_args -rf text -rff "$target/jmh.txt"
}

run_throughput() {
    log "throughput: $rounds rounds of $small_messages 2 KB and $large_messages 100 KB messages per contender"
    local jfr=()
    if [[ ${BENCH_JFR:-0} == 1 ]]; then
        jfr=("-XX:StartFlightRecording=filename=$target/throughput.jfr,settings=profile")
    fi
    java_run -Xms1g -Xmx1g "${jfr[@]}" io.github.directdelivery.bench.throughput.ThroughputBenchmark \
        --warm-up-runs="$warm_up_runs" --rounds="$rounds" --small-messages="$small_messages" --large-messages="$large_messages" \
        --work-dir="$target" --out="$target/throughput.md"
}

run_heap() {
    log "heap: one 50 MB message and ten concurrent 5 MB messages with -Xmx64m"
    java_run -Xmx64m -Xlog:gc:file="$target/heap-gc.log" io.github.directdelivery.bench.heap.HeapBenchmark \
        --work-dir="$target/heap" --out="$target/heap.md"
}

# The durable submit path (submit() into the spool, fsync, delivery by the spool's workers)
# against Postfix's own queue (smtpd -> queue -> smtp -> smtp-sink), both queues on the same
# disk-backed file system under $submit_dir. The Postfix instance is stopped and its queue
# deleted when the comparison ends, also when it fails.
run_submit() {
    if [[ $(id -u) -ne 0 ]]; then
        log "durable submit: not measured, because starting a Postfix instance needs root"
        printf '### Durable submit\n\nNot measured: starting the Postfix instance needs root; run bench/run.sh as root.\n' \
            >"$target/submit.md"
        return
    fi
    log "durable submit: $submit_rounds rounds of $submit_messages 2 KB messages from $submit_sessions sessions per contender"
    local jfr=()
    if [[ ${BENCH_JFR:-0} == 1 ]]; then
        jfr=("-XX:StartFlightRecording=filename=$target/submit.jfr,settings=profile")
    fi
    trap postfix_queue_stop EXIT
    postfix_queue_start
    java_run -Xms512m -Xmx512m "${jfr[@]}" io.github.directdelivery.bench.submit.SubmitBenchmark \
        --messages="$submit_messages" --sessions="$submit_sessions" \
        --warm-up-runs="$submit_warm_up_runs" --rounds="$submit_rounds" \
        --postfix="$submit_smtpd_address:$submit_smtpd_port" --sink="$submit_sink_address:$submit_sink_port" \
        --spool-dir="$submit_dir/spool" --postfix-queue-dir="$submit_dir/postfix-queue" \
        --out="$target/submit.md"
    postfix_queue_stop
    trap - EXIT
}

write_results() {
    {
        printf '## Benchmark results\n\n'
        # shellcheck disable=SC2016 # the backquotes are Markdown, not a command
        printf 'Run by `bench/run.sh` on %s, commit %s; %s cores, load average at the start %s.\n\n' \
            "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git rev-parse --short HEAD)" "$(nproc)" "$load_at_start"
        printf '### JMH micro-benchmarks\n\n```\n'
        cat "$target/jmh.txt"
        printf '```\n\n'
        cat "$target/throughput.md"
        printf '\n'
        cat "$target/heap.md"
        printf '\n'
        cat "$target/submit.md"
    } >"$results"
}

# Checks the settings before anything is built or run, so that a bad value fails at once.
check_settings() {
    local name value minimum
    for setting in BENCH_ROUNDS:rounds:1 BENCH_WARMUP_RUNS:warm_up_runs:0 \
        BENCH_SMALL_MESSAGES:small_messages:1 BENCH_LARGE_MESSAGES:large_messages:1 \
        BENCH_SUBMIT_MESSAGES:submit_messages:1 BENCH_SUBMIT_SESSIONS:submit_sessions:1 \
        BENCH_SUBMIT_ROUNDS:submit_rounds:1 BENCH_SUBMIT_WARMUP_RUNS:submit_warm_up_runs:0; do
        IFS=: read -r name value minimum <<<"$setting"
        value=${!value}
        if [[ ! $value =~ ^[0-9]+$ ]] || ((10#$value < minimum)); then
            log "error: $name must be an integer of at least $minimum, not \"$value\""
            exit 64
        fi
    done
    if [[ $(id -u) -eq 0 ]]; then
        # The submit directory's parent is what exists before the run creates the directory.
        local existing=$submit_dir
        while [[ ! -e $existing ]]; do
            existing=$(dirname "$existing")
        done
        require_disk_backed "$existing" || exit 64
    fi
}

started=$SECONDS
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
check_settings
install_missing_packages
if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
    build
fi
run_jmh
run_throughput
run_heap
run_submit
write_results
log "done in $((SECONDS - started)) s; results in $results"
printf '\n'
cat "$results"
