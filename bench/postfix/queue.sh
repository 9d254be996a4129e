# shellcheck shell=bash
# Starts and stops the Postfix instance of the durable submit benchmark. Sourced by bench/run.sh,
# not run. The instance has its own configuration, queue and log under $submit_dir, listens on
# $submit_smtpd_address:$submit_smtpd_port only, and delivers mail for bench.test to the
# benchmark's smtp-sink on $submit_sink_address:$submit_sink_port. main.cf.in describes it.

submit_dir=${BENCH_SUBMIT_DIR:-/var/tmp/direct-delivery-bench-submit}
submit_smtpd_address=127.0.2.1
submit_smtpd_port=10025
# The throughput benchmark's sink is on 127.0.1.1; this one has an address of its own.
submit_sink_address=127.0.1.2
submit_sink_port=10026
# File that marks a directory as created by this script, which may therefore delete it.
submit_dir_marker=.direct-delivery-bench-submit
postfix_templates=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Prints the file system type of directory $1: findmnt names ext4 as such, while stat reports
# ext2/ext3 for all three.
file_system_type() {
    local type
    # With mounts stacked on one mount point, findmnt lists each, and the last one is in effect.
    type=$(findmnt -n -o FSTYPE --target "$1" 2>/dev/null | tail -n 1) || true
    if [[ -z $type ]]; then
        type=$(stat -f -c %T "$1")
    fi
    printf '%s
' "$type"
}

# Fails unless $1 is on a disk-backed file system: on tmpfs or ramfs, fsync costs nothing, and
# the comparison of two queues that sync would mean nothing.
require_disk_backed() {
    local type
    type=$(file_system_type "$1")
    case $type in
    tmpfs | ramfs)
        log "error: $1 is on $type, where fsync costs nothing; set BENCH_SUBMIT_DIR to a directory on a disk-backed file system such as ext4"
        return 1
        ;;
    esac
}

# Creates an empty $submit_dir, deleting the previous run's, but never a directory that this script
# did not create.
create_submit_dir() {
    if [[ ! $submit_dir =~ ^/[A-Za-z0-9._/-]+$ ]]; then
        log "error: BENCH_SUBMIT_DIR must be an absolute path of letters, digits and ._/- only: $submit_dir"
        return 1
    fi
    if [[ -d $submit_dir && ! -e $submit_dir/$submit_dir_marker && -n $(ls -A "$submit_dir") ]]; then
        log "error: $submit_dir is not empty and lacks the file $submit_dir_marker that bench/run.sh creates; set BENCH_SUBMIT_DIR to a new or empty directory"
        return 1
    fi
    rm -rf "$submit_dir"
    mkdir -p "$submit_dir"
    chmod 755 "$submit_dir"
    touch "$submit_dir/$submit_dir_marker"
    mkdir -m 755 "$submit_dir/postfix" "$submit_dir/postfix-queue" "$submit_dir/log" "$submit_dir/spool"
    if ! setpriv --reuid="$(id -u postfix)" --regid=65534 --clear-groups test -x "$submit_dir"; then
        log "error: the postfix user cannot enter $submit_dir; set BENCH_SUBMIT_DIR to a directory whose parents everyone can search"
        return 1
    fi
}

# Prints the PID of the instance's master process when it is running.
postfix_queue_master_pid() {
    local pid_file=$submit_dir/postfix-queue/pid/master.pid pid
    [[ -r $pid_file ]] || return 1
    pid=$(tr -dc '0-9' <"$pid_file" | head -c 10)
    [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == master ]] || return 1
    printf '%s\n' "$pid"
}

# Returns 0 when something listens on TCP address $1 port $2.
port_in_use() {
    [[ -n $(ss -Htln "src $1 and sport = :$2") ]]
}

# Returns 0 when the smtpd of the instance sends a 220 greeting within 5 s.
postfix_queue_greets() {
    local line
    exec 3<>"/dev/tcp/$submit_smtpd_address/$submit_smtpd_port" || return 1
    IFS= read -r -t 5 line <&3 || line=
    printf 'QUIT\r\n' >&3 2>/dev/null || true
    exec 3>&-
    [[ $line == 220* ]]
}

# Starts the instance; on failure prints the end of its log and returns 1.
postfix_queue_start() {
    local config=$submit_dir/postfix address
    postfix_queue_stop
    create_submit_dir || return 1
    if ! require_disk_backed "$submit_dir"; then
        rm -rf "$submit_dir"
        return 1
    fi
    for address in "$submit_smtpd_address:$submit_smtpd_port" "$submit_sink_address:$submit_sink_port"; do
        port_in_use "${address%:*}" "${address#*:}" || continue
        log "error: $address is in use; stop what listens there (a previous benchmark run?) and try again"
        return 1
    done

    sed -e "s|@BASE_DIR@|$submit_dir|g" "$postfix_templates/main.cf.in" >"$config/main.cf"
    sed -e "s|@SMTPD_ADDRESS@|$submit_smtpd_address|g" -e "s|@SMTPD_PORT@|$submit_smtpd_port|g" \
        "$postfix_templates/master.cf.in" >"$config/master.cf"
    printf 'bench.test smtp:[%s]:%s\n' "$submit_sink_address" "$submit_sink_port" >"$config/transport"

    log "starting Postfix ($config, smtpd on $submit_smtpd_address:$submit_smtpd_port, queue in $submit_dir/postfix-queue on $(file_system_type "$submit_dir"))"
    if ! postfix -c "$config" start; then
        tail -n 30 "$submit_dir/log/postfix.log" >&2 2>/dev/null || true
        log "error: postfix start failed (log: $submit_dir/log/postfix.log)"
        return 1
    fi
    for _ in $(seq 1 50); do
        postfix_queue_greets 2>/dev/null && return 0
        sleep 0.1
    done
    tail -n 30 "$submit_dir/log/postfix.log" >&2 2>/dev/null || true
    log "error: no SMTP greeting from $submit_smtpd_address:$submit_smtpd_port within 5 s (log: $submit_dir/log/postfix.log)"
    return 1
}

# Stops the instance if it runs and deletes its queue and the library's spool; keeps the
# configuration and the log for inspection. Safe to call when nothing runs.
postfix_queue_stop() {
    local pid
    if pid=$(postfix_queue_master_pid); then
        log "stopping Postfix ($submit_dir/postfix, master process $pid)"
        postfix -c "$submit_dir/postfix" stop 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "Postfix master process $pid did not exit within 10 s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    if [[ -e $submit_dir/$submit_dir_marker ]]; then
        rm -rf "$submit_dir/postfix-queue" "$submit_dir/postfix-data" "$submit_dir/spool"
    fi
}
