#!/usr/bin/env bash
# A real OpenSearch 2.19.1 cluster (k-NN plugin, lucene engine) on 127.0.0.1 for paperchat's tests
# and CI, built from Maven Central jars (pom.xml) and run with LocalNode.java. No Docker, no
# security plugin (plain HTTP, no auth).
#
#   cluster.sh build                      mvn package (offline when the jars are already local)
#   cluster.sh start [--nodes N] [--base-port P] [--heap SIZE] [--java-home DIR] [--timeout S]
#                    [--without-knn]      start N nodes (builds first if needed), wait for health,
#                                         print the URL of node 0 on stdout
#   cluster.sh stop                       stop the nodes this script started, wait for them to exit
#   cluster.sh kill-node I                SIGKILL node I (failover tests)
#   cluster.sh start-node I               start node I again and wait until it has rejoined
#   cluster.sh status                     nodes, pids, health
#   cluster.sh url                        the URL of node 0
#   cluster.sh clean                      delete the cluster's data (refused while a node runs)
#
# --java-home (default $OPENSEARCH_JAVA_HOME, else the java on PATH) is the JDK the nodes run on.
# On JDK 20 or later they get the vector module, as OpenSearch's own jvm.options give it
# ("20-:--add-modules=jdk.incubator.vector"): Lucene then computes vector distances with SIMD.
#
# Every verb takes --cluster NAME (default $OPENSEARCH_CLUSTER or paperchat-test). Node I listens
# on HTTP port P+I and transport port P+100+I (P defaults to 9250, away from a real cluster's 9200).
# Node 0 is the only cluster-manager-eligible node, so a cluster of two has a fixed manager (two
# eligible nodes cannot outvote each other); kill-node 0 therefore leaves no cluster manager.
#
# Writes only under .cache/opensearch/<cluster>/ (data, logs, pid files) and
# scripts/opensearch/target/ (the build). Signals only processes whose pid file it wrote and whose
# command line is one of its own nodes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="$here/target"
main_class="paperchat.opensearch.LocalNode"

cluster="${OPENSEARCH_CLUSTER:-paperchat-test}"
nodes=1
base_port=9250
heap="${OPENSEARCH_HEAP:-512m}"
java_home="${OPENSEARCH_JAVA_HOME:-}"
timeout_s=120
knn=true

say() { echo "opensearch: $*" >&2; }
die() {
  say "$*"
  exit 1
}

usage() {
  sed -n '6,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---- options -------------------------------------------------------------------------------
verb="${1:-}"
[ -n "$verb" ] || usage
shift
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
  --cluster) cluster="$2" && shift 2 ;;
  --nodes) nodes="$2" && shift 2 ;;
  --base-port) base_port="$2" && shift 2 ;;
  --heap) heap="$2" && shift 2 ;;
  --java-home) java_home="$2" && shift 2 ;;
  --timeout) timeout_s="$2" && shift 2 ;;
  --without-knn) knn=false && shift ;;
  -h | --help) usage ;;
  -*) die "unknown option $1" ;;
  *) positional+=("$1") && shift ;;
  esac
done
[[ "$cluster" =~ ^[a-z0-9][a-z0-9_-]*$ ]] || die "--cluster: lowercase letters, digits, - and _ only"
[[ "$nodes" =~ ^[1-9]$ ]] || die "--nodes: 1 to 9"
[[ "$base_port" =~ ^[0-9]+$ ]] && [ "$base_port" -ge 1024 ] && [ "$base_port" -le 65000 ] ||
  die "--base-port: 1024 to 65000"
[[ "$timeout_s" =~ ^[0-9]+$ ]] || die "--timeout: seconds"

cluster_dir="$repo/.cache/opensearch/$cluster"
# Written by start, read by every other verb: the shape of the running cluster.
conf="$cluster_dir/cluster.conf"

load_conf() {
  [ -f "$conf" ] || die "no cluster $cluster here (run: cluster.sh start)"
  # shellcheck source=/dev/null
  . "$conf"
}

node_dir() { echo "$cluster_dir/node-$1"; }
http_port() { echo $((base_port + $1)); }
transport_port() { echo $((base_port + 100 + $1)); }
url() { echo "http://127.0.0.1:$(http_port "$1")"; }

# ---- processes: only ours ----------------------------------------------------------------
# The pid of the node whose home is folder $1 if it runs and is ours (its command line names our
# main class and that home); otherwise nothing, and a stale pid file is removed.
pid_in() {
  local pid_file="$1/pid" pid
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] &&
    tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx "path.home=$1" &&
    tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx "$main_class"; then
    echo "$pid"
  else
    rm -f "$pid_file"
  fi
}

live_pid() { pid_in "$(node_dir "$1")"; }

wait_gone() { # pid seconds
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- build ----------------------------------------------------------------------------------
build() {
  local log="$repo/.cache/opensearch/build.log" dir
  # A running node reads its jars from target/: replacing them under it would break it.
  for dir in "$repo"/.cache/opensearch/*/node-*; do
    [ -d "$dir" ] && [ -n "$(pid_in "$dir")" ] && die "a node still runs from $dir: stop it first"
  done
  say "building the node (mvn package, log in $log)"
  mkdir -p "$(dirname "$log")"
  # Offline first: a second build needs nothing from the network; the first one downloads ~90 MB.
  if ! (cd "$here" && { mvn -q -B -o package || mvn -q -B package; }) >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "mvn package failed"
  fi
  touch "$target/built"
}

# Built, and neither pom.xml nor the launcher changed since.
built() {
  [ -f "$target/built" ] &&
    [ -z "$(find "$here/pom.xml" "$here/src" -newer "$target/built" -print -quit)" ]
}

# ---- the JDK -----------------------------------------------------------------------------------
java_bin() { echo "${java_home:+$java_home/bin/}java"; }

# The JVM options OpenSearch's jvm.options add for this JDK: on 20 or later, the vector module,
# and Lucene told that it may use it on a JDK newer than it was built for (Lucene 9.12 knows 21).
jdk_options() {
  local version
  version="$("$(java_bin)" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = //p')"
  [[ "$version" =~ ^[0-9]+$ ]] || die "$(java_bin) is not a JDK that runs here (--java-home)"
  if [ "$version" -ge 20 ]; then
    echo "--add-modules=jdk.incubator.vector -Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=$version"
  fi
}

# ---- one node --------------------------------------------------------------------------------
launch() { # I
  local i="$1" j dir seeds="" roles
  dir="$(node_dir "$i")"
  [ -z "$(live_pid "$i")" ] || die "node $i already runs (pid $(live_pid "$i"))"
  port_in_use "$(http_port "$i")" && die "port $(http_port "$i") is in use: pass --base-port"
  port_in_use "$(transport_port "$i")" && die "port $(transport_port "$i") is in use: pass --base-port"
  for ((j = 0; j < nodes; j++)); do seeds+="${seeds:+,}127.0.0.1:$(transport_port "$j")"; done
  if [ "$i" -eq 0 ]; then roles="cluster_manager,data,ingest"; else roles="data,ingest"; fi
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  local settings=(
    "cluster.name=$cluster" # a node joins only a cluster of its own name
    "node.name=node-$i"     # what initial_cluster_manager_nodes and _cat/nodes call it
    "node.roles=$roles"     # node 0 alone may manage the cluster (see the top of this file)
    "path.home=$dir"        # where config/ would be (there is none); the pid check keys on it
    "path.data=$dir/data"   # shards and cluster state: kept by stop/start, wiped by clean
    "path.logs=$dir/logs"   # the node's own log files, beside stdout.log
    # Fixed ports, not the first free one of 9200-9300, so that the URL is known in advance.
    "http.port=$(http_port "$i")"
    "transport.port=$(transport_port "$i")"
    # Where a node looks for the others: every node's transport port.
    "discovery.seed_hosts=$seeds"
    # Bootstraps a new cluster (first start only; later starts read the cluster state from disk).
    "cluster.initial_cluster_manager_nodes=node-0"
  )
  local options jdk=()
  options="$(jdk_options)"
  read -r -a jdk <<<"$options"
  # -Xms = -Xmx: the heap is taken once, as OpenSearch's own jvm.options do.
  # ExitOnOutOfMemoryError: a node out of heap dies (and tests see it) rather than limping on.
  # tmpdir: keep the node's temporary files under .cache with the rest.
  nohup "$(java_bin)" "-Xms$heap" "-Xmx$heap" -XX:+ExitOnOutOfMemoryError \
    "-Djava.io.tmpdir=$dir/tmp" -Dlog4j2.disable.jmx=true "-Dpaperchat.knn=$knn" \
    "${jdk[@]}" -cp "$target/opensearch-local-node.jar:$target/lib/*:$target/knn/*" \
    "$main_class" "${settings[@]}" >>"$dir/logs/stdout.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$dir/pid"
  # Until the forked shell has become java, its command line is this script's: pid_in would call
  # the pid file stale. Wait for the exec before anyone looks.
  while ! tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qx "$main_class"; do
    kill -0 "$pid" 2>/dev/null || die "node $i did not start: $(tail -n 20 "$dir/logs/stdout.log")"
    sleep 0.05
  done
  say "node $i: pid $pid, $(url "$i"), log $dir/logs/stdout.log"
}

# Waits until node I answers and the cluster has all its nodes at the wanted health: green, or
# yellow with a single node (a replica has nowhere to go).
wait_healthy() { # I
  local i="$1" j want=green deadline=$((SECONDS + timeout_s)) body=""
  [ "$nodes" -gt 1 ] || want=yellow
  while [ $SECONDS -lt $deadline ]; do
    for ((j = 0; j < nodes; j++)); do
      [ -n "$(live_pid "$j")" ] || die "node $j exited; last lines of its log:
$(tail -n 20 "$(node_dir "$j")/logs/stdout.log")"
    done
    body="$(curl -s --max-time 10 \
      "$(url "$i")/_cluster/health?wait_for_status=$want&wait_for_nodes=$nodes&timeout=5s" || true)"
    if [[ "$body" == *'"timed_out":false'* ]]; then return 0; fi
    sleep 0.5
  done
  die "cluster $cluster not $want with $nodes node(s) after ${timeout_s}s: ${body:-no answer}"
}

# ---- verbs -----------------------------------------------------------------------------------
start() {
  local i running=0 started
  if [ -f "$conf" ]; then
    for ((i = 0; i < 9; i++)); do [ -z "$(live_pid "$i")" ] || running=1; done
    if [ $running -eq 1 ]; then
      # Already up: report it as it is (its own shape wins over the options given now).
      # shellcheck source=/dev/null
      . "$conf"
      wait_healthy 0
      url 0
      return 0
    fi
  fi
  built || build
  mkdir -p "$cluster_dir"
  printf 'nodes=%s\nbase_port=%s\nheap=%s\nknn=%s\njava_home=%q\n' \
    "$nodes" "$base_port" "$heap" "$knn" "$java_home" >"$conf"
  started=$SECONDS
  for ((i = 0; i < nodes; i++)); do launch "$i"; done
  wait_healthy 0
  say "cluster $cluster healthy with $nodes node(s) in $((SECONDS - started)) s"
  url 0
}

stop() {
  local i pid
  load_conf
  for ((i = 0; i < 9; i++)); do
    pid="$(live_pid "$i")"
    [ -n "$pid" ] || continue
    kill -TERM "$pid"
    if ! wait_gone "$pid" 30; then
      say "node $i did not stop in 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || die "node $i (pid $pid) will not exit"
    fi
    rm -f "$(node_dir "$i")/pid"
    say "node $i stopped"
  done
}

node_index() {
  local i="${positional[0]:-}"
  [[ "$i" =~ ^[0-9]$ ]] && [ "$i" -lt "$nodes" ] || die "node index: 0 to $((nodes - 1))"
  echo "$i"
}

kill_node() {
  local i pid
  load_conf
  i="$(node_index)"
  pid="$(live_pid "$i")"
  [ -n "$pid" ] || die "node $i is not running"
  kill -KILL "$pid"
  wait_gone "$pid" 10 || die "node $i (pid $pid) will not exit"
  rm -f "$(node_dir "$i")/pid"
  say "node $i (pid $pid) killed"
}

start_node() {
  local i started=$SECONDS
  load_conf
  i="$(node_index)"
  launch "$i"
  wait_healthy "$i"
  say "node $i back, cluster healthy in $((SECONDS - started)) s"
}

status() {
  local i pid any=0
  load_conf
  for ((i = 0; i < nodes; i++)); do
    pid="$(live_pid "$i")"
    if [ -n "$pid" ]; then
      any=1
      echo "node $i: running, pid $pid, $(url "$i"), rss $(($(awk '/VmRSS/{print $2}' "/proc/$pid/status") / 1024)) MiB"
    else
      echo "node $i: stopped"
    fi
  done
  [ $any -eq 1 ] || return 3
  for ((i = 0; i < nodes; i++)); do
    [ -n "$(live_pid "$i")" ] || continue
    curl -s --max-time 5 "$(url "$i")/_cat/health?v&h=cluster,status,node.total,shards,unassign" || true
    curl -s --max-time 5 "$(url "$i")/_cat/nodes?v&h=name,node.role,cluster_manager,heap.percent" || true
    break
  done
}

clean() {
  local i
  if [ -f "$conf" ]; then
    for ((i = 0; i < 9; i++)); do
      [ -z "$(live_pid "$i")" ] || die "node $i still runs: cluster.sh stop first"
    done
  fi
  rm -rf "$cluster_dir"
  say "removed $cluster_dir"
}

case "$verb" in
build) build ;;
start) start ;;
stop) stop ;;
kill-node) kill_node ;;
start-node) start_node ;;
status) status ;;
url) load_conf && url 0 ;;
clean) clean ;;
*) usage ;;
esac
