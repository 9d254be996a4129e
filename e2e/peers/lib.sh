# shellcheck shell=bash disable=SC2034  # The settings are used by the scripts that source this.
# Settings and helpers shared by e2e/peers/start, stop and check. Sourced, not run.
#
# Only one set of peers can run on a machine, because the listening addresses and ports are
# machine-wide. That is why the state directory has one fixed default for every checkout: stop
# from any checkout finds and stops the peers that another one started.

peers_dir=${E2E_PEERS_DIR:-/var/tmp/direct-delivery-e2e-peers}
dns_port=${E2E_DNS_PORT:-10053}

env_file=$peers_dir/peers.env
# File that marks a directory as created by start, which may therefore delete it.
state_marker=.direct-delivery-e2e-peers
postfix_config_dir=$peers_dir/postfix
postfix_queue_dir=$peers_dir/postfix-queue
nsd_config=$peers_dir/nsd/nsd.conf
nsd_pid_file=$peers_dir/nsd/nsd.pid

# Postfix listeners, as in postfix/master.cf.in.
mx1_address=127.0.0.2
mx2_address=127.0.0.3
mx_tls_address=127.0.0.4
mx_small_address=127.0.0.5
mx_ascii_address=127.0.0.6
mx_data_address=127.0.0.7
mx_addresses=("$mx1_address" "$mx2_address" "$mx_tls_address" "$mx_small_address" "$mx_ascii_address"
    "$mx_data_address")
# The size-limited listener's message_size_limit, in bytes.
small_size_limit=10240

# Owner of the Maildirs, so that a test suite run as the user who ran "sudo e2e/peers/start"
# can read them. virtual(8) refuses user IDs below 100, so root gets nobody:nogroup instead.
if [[ ${SUDO_UID:-0} -ge 100 && ${SUDO_GID:-0} -ge 1 ]]; then
    mailbox_uid=$SUDO_UID
    mailbox_gid=$SUDO_GID
else
    mailbox_uid=65534
    mailbox_gid=65534
fi

log() {
    printf 'e2e peers: %s\n' "$*" >&2
}

die() {
    log "error: $*"
    exit 1
}

require_root() {
    if [[ $(id -u) -ne 0 ]]; then
        die "must run as root (it installs packages and binds port 25); try: sudo $0"
    fi
}

# Prints the PID in pid file $1 when that process is alive and its command name starts with $2.
# NSD renames its processes "nsd: main", "nsd: xfrd" and so on, hence a prefix.
running_pid() {
    local pid_file=$1 command_name=$2 pid
    [[ -r $pid_file ]] || return 1
    pid=$(tr -dc '0-9' < "$pid_file" | head -c 10)
    [[ -n $pid ]] || return 1
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$command_name"* ]] || return 1
    printf '%s\n' "$pid"
}

# Waits up to 10 seconds for process $1 to exit. Returns 1 if it is still running.
wait_for_exit() {
    local pid=$1 _
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

# Sends SIGTERM to process $1 and waits up to 10 seconds for it to exit, then sends SIGKILL.
terminate() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    wait_for_exit "$pid" && return 0
    log "process $pid did not exit within 10 s of SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
}
