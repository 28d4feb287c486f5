# Shared by up, down and smoke. Sourced, not run.
# shellcheck shell=bash disable=SC2034

OS_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${ESCALATOR_OPENSTACK_DIR:-/tmp/escalator-openstack}"
PIDS="$DIR/pids"
PY=/usr/bin/python3            # Debian's python, where the OpenStack packages live (not pyenv's)
PASSWORD="${ESCALATOR_OPENSTACK_PASSWORD:-escalator}"
REGION=RegionOne
# name port: every TCP listener we start, all on 127.0.0.1
PORTS=(keystone:5000 placement:8778 glance:9292 nova-api:8774 neutron-fake:9696 rabbitmq:5672 rabbitmq-dist:25672 epmd:4369)

log()  { printf '%s escalator-openstack: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

# starttime of a pid (field 22 of /proc/PID/stat), to tell a recycled pid from ours
proc_start() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"                       # drop "pid (comm) "
  # shellcheck disable=SC2086
  set -- $stat
  case "$1" in Z|X|x) return 1 ;; esac       # a zombie is dead: PID 1 here may reap it late
  echo "${20}"
}

# alive NAME PID START: the recorded process still runs and is the same process
pid_alive() {
  local now
  now="$(proc_start "$2")" || return 1
  [ "$now" = "$3" ]
}

# Every line of the pids file: NAME PID STARTTIME. Each PID leads its own session and
# process group (we start everything under setsid), so down signals the whole group.
record_pid() {
  local name="$1" pid="$2" st
  st="$(proc_start "$pid")" || die "$name (pid $pid) exited at once; see $DIR/log/$name.log: $(tail -n 20 "$DIR/log/$name.log" 2>/dev/null)"
  echo "$name $pid $st" >> "$PIDS"
}

port_busy() { # port_busy PORT -> 0 when something listens on 127.0.0.1:PORT (or any address)
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# every recorded process of ours alive?
all_alive() {
  [ -s "$PIDS" ] || return 1
  local name pid st
  while read -r name pid st; do
    [ -n "$pid" ] || continue
    pid_alive "$name" "$pid" "$st" || return 1
  done < "$PIDS"
}
