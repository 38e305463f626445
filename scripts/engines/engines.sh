#!/usr/bin/env bash
# Install, start, stop and inspect the real engines behind the scale adapters:
# PostgreSQL, Redis, Kafka (KRaft, one node) and FerretDB (MongoDB wire
# protocol). Everything is installed from the package registries on first use
# and cached (apt, ~/.cache/algochat, ~/.m2, ~/go), so a fresh machine or CI
# clone needs nothing but this script. Data lives in <repo>/.engines/.
#
#   engines.sh up                 install what is missing, start all, wait
#   engines.sh down               stop all (data is kept)
#   engines.sh status             one line per engine; exit 1 if any is down
#   engines.sh start|stop|restart|kill NAME
#                                 NAME: postgres | redis | kafka | ferretdb
#                                 (kill sends SIGKILL, for fault tests)
#   engines.sh install            install/build everything, start nothing
#   engines.sh check              end-to-end smoke test with the real clients
#   engines.sh env                print the export lines for the scale set
#   engines.sh reset              stop all and wipe .engines/ (data, logs)
#   engines.sh install-chromium   apt-install Debian's chromium for browser
#                                 tests (/usr/bin/chromium)
#
# `eval "$(scripts/engines/engines.sh up)"` starts everything and exports the
# URLs: progress goes to stderr, the export lines to stdout.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ENG="$ROOT/.engines"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/algochat"

PG_PORT=55432
REDIS_PORT=16379
KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093
MONGO_PORT=27018

# Kafka 4.x speaks to kafkajs 2.2.4 fine: the protocol versions 4.0 removed
# (KIP-896) are older than the ones kafkajs negotiates, and check-kafka.mjs
# exercises topic creation, the idempotent producer and consumer groups.
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KAFKA_SCALA=2.13
# The broker jars pull in log4j-core but no SLF4J binding; without one the
# broker logs nothing at all.
KAFKA_LOG4J_VERSION=2.25.5
MAVEN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"

FERRETDB_MODULE=github.com/FerretDB/FerretDB
FERRETDB_VERSION=v1.24.2
# What the built binary reports; the suffix names the local fix below and
# changing it forces a rebuild of cached binaries.
FERRETDB_BUILD="$FERRETDB_VERSION+algochat.1"

# Seconds to wait for an engine to answer after it was started.
READY_TIMEOUT="${ENGINES_TIMEOUT:-90}"

ENGINES=(postgres redis kafka ferretdb)

# Go's official install lives outside the default PATH of non-login shells.
if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then
  PATH="$PATH:/usr/local/go/bin"
fi

# ---------------------------------------------------------------- helpers

say() { printf '%s\n' "$*" >&2; }
die() { say "engines: $*"; exit 1; }
now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# Prints the last lines of a log so a failure explains itself.
log_tail() {
  local log="$1"
  if [[ -s "$log" ]]; then
    say "---- last lines of $log"
    tail -n "${2:-30}" "$log" >&2
    say "----"
  else
    say "(no log at $log)"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when PID is alive and its command line contains PATTERN; guards
# against a stale pid file whose number was reused by another process.
pid_is() {
  local pid="$1" pattern="$2" cmdline
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$pattern"* ]]
}

# SIGKILLs the given pids and waits until they are gone, so that a fault
# test can restart the engine right away.
kill_hard() {
  local pid
  kill -9 "$@" 2>/dev/null || true
  for pid in "$@"; do wait_exit "$pid" 10 || true; done
}

read_pid() {
  if [[ -r "$1" ]]; then head -n 1 "$1" 2>/dev/null || true; fi
}

# Waits for PID to exit, up to SECONDS; returns 1 if it is still alive.
wait_exit() {
  local pid="$1" limit="$2" i
  for ((i = 0; i < limit * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

# wait_ready NAME CHECK_FN LOG
# Polls CHECK_FN until it succeeds, the engine's process dies, or the
# timeout passes; on failure prints the engine's log tail and exits.
wait_ready() {
  local name="$1" check="$2" log="$3" start deadline
  start="$(now)"
  deadline=$((SECONDS + READY_TIMEOUT))
  until "$check"; do
    if ! "${name}_running"; then
      say "engines: $name exited while starting"
      log_tail "$log"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "engines: $name not ready after ${READY_TIMEOUT}s"
      log_tail "$log"
      exit 1
    fi
    sleep 0.2
  done
  say "$name: ready in $(since "$start")"
}

# Refuses to start over a port that some other process already holds, which
# would otherwise show up later as a confusing readiness failure.
claim_port() {
  local name="$1" port="$2"
  if port_open "$port"; then
    die "$name: 127.0.0.1:$port is already in use by another process" \
      "(not one this script started); stop it or free the port"
  fi
}

# apt-get update runs at most once per invocation, and only when a package
# is actually missing, so cached runs never touch the network.
APT_UPDATED=0
apt_ensure() {
  local missing=() p
  for p in "$@"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" \
      != installed ]]; then
      missing+=("$p")
    fi
  done
  ((${#missing[@]})) || return 0
  local log="$ENG/install-apt.log" start
  start="$(now)"
  mkdir -p "$ENG"
  if ((APT_UPDATED == 0)); then
    say "apt: updating package lists"
    apt-get -o DPkg::Lock::Timeout=600 update >>"$log" 2>&1 ||
      { log_tail "$log"; die "apt-get update failed"; }
    APT_UPDATED=1
  fi
  say "apt: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
    install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1 ||
    { log_tail "$log"; die "apt-get install ${missing[*]} failed"; }
  say "apt: installed ${missing[*]} in $(since "$start")"
}

need_node() {
  command -v node >/dev/null || die "node is required (Node.js 20+)"
}

# --------------------------------------------------------------- postgres
# A private cluster owned by the postgres OS user (the server refuses to run
# as root), TCP on loopback only, trust auth: it holds only test data.

PG_HOME="$ENG/postgres"
PG_DATA="$PG_HOME/data"
PG_LOG="$PG_HOME/postgres.log"

# The server binaries of the cluster's own major version when it exists
# (a cluster cannot be opened by another major), else the newest installed.
pg_bin() {
  local d="" v
  v="$(cat "$PG_DATA/PG_VERSION" 2>/dev/null || true)"
  if [[ -n "$v" && -x "/usr/lib/postgresql/$v/bin/postgres" ]]; then
    d="/usr/lib/postgresql/$v/bin"
  else
    d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin \
      2>/dev/null | sort -V | tail -n 1)"
  fi
  [[ -n "$d" && -x "$d/postgres" ]] && printf '%s' "$d"
}

postgres_install() {
  if [[ -z "$(pg_bin)" ]]; then
    apt_ensure postgresql
  fi
  [[ -n "$(pg_bin)" ]] || die "postgres: no server under /usr/lib/postgresql"
  id postgres >/dev/null 2>&1 || die "postgres: no 'postgres' OS user"
}

postgres_installed() { [[ -n "$(pg_bin)" ]]; }

# The postgres user must be able to reach its data directory. When the
# clone sits below a directory it cannot enter (a checkout under /root, for
# instance), keep the cluster under /var/lib and link it into .engines.
pg_prepare_home() {
  [[ -e "$PG_HOME" ]] && return 0
  mkdir -p "$ENG"
  chmod 755 "$ENG"
  if runuser -u postgres -- test -x "$ENG"; then
    mkdir -p "$PG_HOME"
  else
    local alt
    alt="/var/lib/algochat-engines/$(printf '%s' "$ROOT" | sha1sum |
      cut -c1-12)/postgres"
    mkdir -p "$alt"
    ln -s "$alt" "$PG_HOME"
    say "postgres: $ENG is not reachable by the postgres user;" \
      "data kept in $alt"
  fi
  chown postgres:postgres "$PG_HOME/"
  chmod 700 "$PG_HOME/"
}

pg_as_postgres() { (cd / && runuser -u postgres -- "$@"); }

pg_init() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  local bin
  bin="$(pg_bin)"
  say "postgres: creating cluster in $PG_DATA"
  pg_as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 \
    --no-locale --auth=trust >"$ENG/install-postgres.log" 2>&1 ||
    { log_tail "$ENG/install-postgres.log"; die "postgres: initdb failed"; }
  # No Unix socket: the Debian default directory may be missing or shared
  # with a system cluster, and every client here uses TCP anyway. fsync is
  # off because this is disposable test data; a killed server (kill -9)
  # still recovers, only a machine crash could lose writes.
  cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- algochat test engine (scripts/engines/engines.sh)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
log_min_messages = warning
EOF
}

postgres_pid() { read_pid "$PG_DATA/postmaster.pid"; }

postgres_running() { pid_is "$(postgres_pid)" postgres; }

postgres_ready() {
  "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres
}

# Creates the application role and database once; a single query tells
# whether there is anything to do, so warm starts stay fast.
pg_bootstrap() {
  local psql state
  psql=("$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1
    -p "$PG_PORT" -U postgres -d postgres)
  state="$("${psql[@]}" -Atc "select
    (select count(*) from pg_roles where rolname = 'algochat')::text ||
    (select count(*) from pg_database where datname = 'algochat')::text")"
  [[ "$state" == 11 ]] && return 0
  "${psql[@]}" -c "do \$\$ begin
    if not exists (select from pg_roles where rolname = 'algochat') then
      create role algochat login createdb;
    end if; end \$\$;"
  if [[ "$state" != ?1 ]]; then
    "${psql[@]}" -c "create database algochat owner algochat"
  fi
}

postgres_start() {
  postgres_running && return 0
  postgres_install
  claim_port postgres "$PG_PORT"
  pg_prepare_home
  pg_init
  # A SIGKILLed postmaster leaves its children for a moment; wait for them
  # to go so the new server does not find its shared memory still in use.
  local old
  old="$(postgres_pid)"
  if [[ -n "$old" ]] && kill -0 "$old" 2>/dev/null &&
    [[ "$(cat "/proc/$old/comm" 2>/dev/null)" == postgres ]]; then
    wait_exit "$old" 10 || true
  fi
  say "postgres: starting on 127.0.0.1:$PG_PORT"
  touch "$PG_LOG"
  chown postgres:postgres "$PG_LOG"
  pg_as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -W start \
    >/dev/null 2>>"$PG_LOG" 9>&- ||
    { log_tail "$PG_LOG"; die "postgres: pg_ctl start failed"; }
}

postgres_wait() { wait_ready postgres postgres_ready "$PG_LOG"; }

postgres_stop() {
  postgres_running || return 0
  say "postgres: stopping"
  pg_as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop \
    >/dev/null
}

postgres_kill() {
  local pid children
  pid="$(postgres_pid)"
  pid_is "$pid" postgres || { say "postgres: not running"; return 0; }
  # the children too: a backend outliving its postmaster would keep the
  # shared memory busy and stop the next start
  children="$(pgrep -P "$pid" || true)"
  # shellcheck disable=SC2086
  kill_hard "$pid" $children
  say "postgres: killed (pid $pid)"
}

# ------------------------------------------------------------------ redis
# Its own daemon on a private port; no RDB/AOF, since the bus only carries
# ephemeral pub/sub traffic and caches.

REDIS_HOME="$ENG/redis"
REDIS_PIDFILE="$REDIS_HOME/redis.pid"
REDIS_LOG="$REDIS_HOME/redis.log"

redis_installed() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null
}

redis_install() { redis_installed || apt_ensure redis-server redis-tools; }

redis_pid() { read_pid "$REDIS_PIDFILE"; }

redis_running() { pid_is "$(redis_pid)" redis-server; }

redis_ready() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

redis_start() {
  redis_running && return 0
  redis_install
  claim_port redis "$REDIS_PORT"
  mkdir -p "$REDIS_HOME"
  cat >"$REDIS_HOME/redis.conf" <<EOF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize yes
pidfile $REDIS_PIDFILE
logfile $REDIS_LOG
dir $REDIS_HOME
save ""
appendonly no
EOF
  say "redis: starting on 127.0.0.1:$REDIS_PORT"
  redis-server "$REDIS_HOME/redis.conf" 9>&- ||
    { log_tail "$REDIS_LOG"; die "redis: redis-server failed to start"; }
}

redis_wait() {
  # daemonize returns before the pid file is written
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$REDIS_PIDFILE" ]] && break
    sleep 0.1
  done
  wait_ready redis redis_ready "$REDIS_LOG"
}

redis_stop() {
  local pid
  pid="$(redis_pid)"
  pid_is "$pid" redis-server || return 0
  say "redis: stopping"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 ||
    kill "$pid" 2>/dev/null || true
  wait_exit "$pid" 20 || kill -9 "$pid" 2>/dev/null || true
}

redis_kill() {
  local pid
  pid="$(redis_pid)"
  pid_is "$pid" redis-server || { say "redis: not running"; return 0; }
  kill_hard "$pid"
  say "redis: killed (pid $pid)"
}

# ------------------------------------------------------------------ kafka
# The broker jars come from Maven Central (there is no registry package of
# the Kafka distribution); Maven resolves kafka_2.13 with its runtime
# dependencies into a lib directory cached per version. One JVM runs broker
# and controller together in KRaft mode.

KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
KAFKA_HOME="$ENG/kafka"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOG="$KAFKA_HOME/kafka.log"
KAFKA_PIDFILE="$KAFKA_HOME/kafka.pid"

need_java() {
  if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    apt_ensure default-jre-headless maven
  fi
}

kafka_installed() { [[ -f "$KAFKA_LIBS/.complete" ]]; }

kafka_install() {
  kafka_installed && return 0
  need_java
  local dir="$CACHE/kafka-$KAFKA_VERSION" start
  start="$(now)"
  mkdir -p "$dir"
  say "kafka: resolving $KAFKA_VERSION jars from Maven Central (into $dir)"
  cat >"$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.algochat.engines</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$KAFKA_SCALA</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>$KAFKA_LOG4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  rm -rf "$dir/libs.tmp"
  (cd "$dir" && mvn -B -ntp -f pom.xml \
    "$MAVEN_DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$dir/libs.tmp") \
    >"$dir/mvn.log" 2>&1 ||
    { log_tail "$dir/mvn.log"; die "kafka: maven could not resolve the jars"; }
  rm -rf "$KAFKA_LIBS"
  mv "$dir/libs.tmp" "$KAFKA_LIBS"
  touch "$KAFKA_LIBS/.complete"
  say "kafka: $(ls "$KAFKA_LIBS" | wc -l) jars ready in $(since "$start")"
}

# C1 only: a test broker never runs long enough to profit from C2, and the
# two cores are better left to the tests.
# shellcheck disable=SC2206
KAFKA_JVM=($KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20
  -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Xlog:cds=off
  -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties"
  -cp "$KAFKA_LIBS/*")

# Class-data sharing roughly halves the broker's start (about 5s to 2-3s on
# two cores), which fault tests that restart it pay again and again. The
# JVM writes the archive when a broker exits normally (stop, down,
# restart); the next start adopts it. It is keyed by the JVM build, which
# rejects archives from any other build.
kafka_cds_flag() {
  local jvm key jsa
  jvm="$(readlink -f "$(command -v java)")"
  key="$(stat -c %Y-%s "$(dirname "$jvm")/../lib/server/libjvm.so" \
    2>/dev/null || echo unknown)"
  jsa="$CACHE/kafka-$KAFKA_VERSION/broker-$key.jsa"
  if [[ -s "$jsa.new" ]] && ! kafka_running; then mv "$jsa.new" "$jsa"; fi
  if [[ -s "$jsa" ]]; then
    printf '%s' "-XX:SharedArchiveFile=$jsa"
  else
    printf '%s' "-XX:ArchiveClassesAtExit=$jsa.new"
  fi
}

kafka_config() {
  mkdir -p "$KAFKA_DATA"
  # Replication factors of 1 everywhere: a single broker could never
  # satisfy the defaults of 3, and the idempotent producer needs the
  # transaction state topic to be creatable.
  cat >"$KAFKA_HOME/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After a kill -9 the restarted broker cannot register until the session of
# its previous incarnation expires (9s by default); fault tests restart it
# often, so keep that short.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=2000
num.network.threads=2
num.io.threads=4
EOF
  # Everything to stdout (kafka.log); the per-config dumps at startup are
  # hundreds of lines of noise, so those loggers stay at WARN.
  cat >"$KAFKA_HOME/log4j2.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
logger.config.name = org.apache.kafka.common.config
logger.config.level = warn
logger.state.name = state.change.logger
logger.state.level = warn
EOF
}

# Formats the log directory once with a fresh cluster id; --standalone makes
# this node the single voter of the metadata quorum.
kafka_format() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  local id
  id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  say "kafka: formatting storage (cluster id $id)"
  java "${KAFKA_JVM[@]}" kafka.tools.StorageTool format --standalone -t "$id" \
    -c "$KAFKA_HOME/server.properties" >>"$KAFKA_LOG" 2>&1 ||
    { log_tail "$KAFKA_LOG"; die "kafka: storage format failed"; }
}

kafka_pid() { read_pid "$KAFKA_PIDFILE"; }

kafka_running() { pid_is "$(kafka_pid)" kafka.Kafka; }

kafka_ready() {
  node "$HERE/probe.mjs" kafka "127.0.0.1:$KAFKA_PORT" 2>/dev/null
}

kafka_start() {
  kafka_running && return 0
  kafka_install
  need_java
  need_node
  claim_port kafka "$KAFKA_PORT"
  claim_port kafka-controller "$KAFKA_CONTROLLER_PORT"
  kafka_config
  kafka_format
  say "kafka: starting $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT"
  # setsid: the broker must outlive this shell and not get the terminal's
  # Ctrl-C. A backgrounded simple command is exec'd in the forked child and
  # setsid execs in place when not a group leader, so $! is the JVM's pid.
  setsid java "${KAFKA_JVM[@]}" "$(kafka_cds_flag)" \
    kafka.Kafka "$KAFKA_HOME/server.properties" \
    >>"$KAFKA_LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$KAFKA_PIDFILE"
}

kafka_wait() { wait_ready kafka kafka_ready "$KAFKA_LOG"; }

kafka_stop() {
  local pid
  pid="$(kafka_pid)"
  pid_is "$pid" kafka.Kafka || return 0
  say "kafka: stopping"
  kill "$pid" 2>/dev/null || true
  # a controlled shutdown usually takes a few seconds
  if ! wait_exit "$pid" 60; then
    say "kafka: did not stop in 60s, killing"
    kill -9 "$pid" 2>/dev/null || true
  fi
}

kafka_kill() {
  local pid
  pid="$(kafka_pid)"
  pid_is "$pid" kafka.Kafka || { say "kafka: not running"; return 0; }
  kill_hard "$pid"
  say "kafka: killed (pid $pid)"
}

# --------------------------------------------------------------- ferretdb
# MongoDB wire protocol in front of SQLite files. SQLite rather than the
# PostgreSQL handler keeps the message store and the account store separate
# fault domains, as they are with a real MongoDB: killing postgres in a
# fault test must not take the message store down with it.

FERRETDB_HOME="$ENG/ferretdb"
FERRETDB_LOG="$FERRETDB_HOME/ferretdb.log"
FERRETDB_PIDFILE="$FERRETDB_HOME/ferretdb.pid"

ferretdb_bin() {
  local gobin
  gobin="$(go env GOBIN 2>/dev/null || true)"
  [[ -n "$gobin" ]] || gobin="$(go env GOPATH 2>/dev/null || true)/bin"
  [[ "$gobin" != /bin ]] || gobin="$HOME/go/bin"
  printf '%s/ferretdb' "$gobin"
}

# The binary path is cached per process: `go env` costs a few tens of ms.
FERRETDB_BIN=""
ferretdb_path() {
  if [[ -z "$FERRETDB_BIN" ]]; then
    if command -v go >/dev/null; then
      FERRETDB_BIN="$(ferretdb_bin)"
    else
      FERRETDB_BIN="$HOME/go/bin/ferretdb"
    fi
  fi
  printf '%s' "$FERRETDB_BIN"
}

ferretdb_installed() {
  local bin
  bin="$(ferretdb_path)"
  [[ -x "$bin" ]] &&
    [[ "$("$bin" --version 2>/dev/null | head -n 1)" == \
      "version: $FERRETDB_BUILD" ]]
}

# Built from the module source rather than with `go install module@version`:
# the released module lacks build/version/version.txt (its release tooling
# generates it from git), and a binary built without it panics at startup.
# So fetch the module through the Go proxy, copy it, write that one file,
# apply one fix, and build the real command.
#
# The fix: v1.24.2's createIndexes drops the already-existing indexes from
# its to-do list by their position in the request, but the list shrinks as
# it goes, so asking again for two or more existing indexes removes the
# wrong entries or panics (slice bounds out of range) and closes the
# connection. The server asks for all its indexes at every start, so every
# start after the first would fail. Removing the entry by name is what the
# code means to do.
ferretdb_patch() {
  local file="$1/internal/handler/msg_createindexes.go" text
  local old='filteredToCreate = slices.Delete(filteredToCreate, i, i+1)'
  local new='filteredToCreate = slices.DeleteFunc(filteredToCreate,
					func(idx backends.IndexInfo) bool { return idx.Name == newIdx.Name })'
  text="$(<"$file")"
  [[ "$text" == *"$old"* ]] ||
    die "ferretdb: $file changed; the createIndexes fix no longer applies"
  printf '%s\n' "${text/"$old"/"$new"}" >"$file"
}

ferretdb_install() {
  ferretdb_installed && return 0
  command -v go >/dev/null ||
    die "ferretdb: Go is required to build FerretDB (go 1.24 or newer)"
  local src="$CACHE/ferretdb-$FERRETDB_VERSION" log start dir bin
  log="$CACHE/ferretdb-$FERRETDB_VERSION.log"
  bin="$(ferretdb_path)"
  start="$(now)"
  mkdir -p "$CACHE"
  say "ferretdb: building $FERRETDB_BUILD (a few minutes on 2 cores)"
  : >"$log"
  dir="$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" 2>>"$log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$dir" && -d "$dir" ]] ||
    { log_tail "$log"; die "ferretdb: could not download the module"; }
  rm -rf "$src"
  cp -r "$dir" "$src"
  chmod -R u+w "$src"
  printf '%s\n' "$FERRETDB_BUILD" >"$src/build/version/version.txt"
  ferretdb_patch "$src"
  mkdir -p "$(dirname "$bin")"
  (cd "$src" && GOFLAGS=-buildvcs=false go build -trimpath \
    -o "$bin.tmp" ./cmd/ferretdb) >>"$log" 2>&1 ||
    { log_tail "$log"; die "ferretdb: build failed"; }
  mv "$bin.tmp" "$bin"
  say "ferretdb: built $bin in $(since "$start")"
}

ferretdb_pid() { read_pid "$FERRETDB_PIDFILE"; }

ferretdb_running() { pid_is "$(ferretdb_pid)" ferretdb; }

ferretdb_ready() {
  node "$HERE/probe.mjs" mongo "127.0.0.1:$MONGO_PORT" 2>/dev/null
}

ferretdb_start() {
  ferretdb_running && return 0
  ferretdb_install
  need_node
  claim_port ferretdb "$MONGO_PORT"
  mkdir -p "$FERRETDB_HOME/data" "$FERRETDB_HOME/state"
  say "ferretdb: starting on 127.0.0.1:$MONGO_PORT"
  # --debug-addr=- : the default debug listener (8088) could collide with
  # something else on the machine. Log level error: the sequencer relies on
  # duplicate-key errors, which FerretDB would log at length at warn.
  setsid "$(ferretdb_path)" \
    --handler=sqlite \
    --sqlite-url="file:$FERRETDB_HOME/data/" \
    --state-dir="$FERRETDB_HOME/state" \
    --listen-addr="127.0.0.1:$MONGO_PORT" \
    --debug-addr=- \
    --telemetry=disable \
    --log-level=error \
    >>"$FERRETDB_LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$FERRETDB_PIDFILE"
}

ferretdb_wait() { wait_ready ferretdb ferretdb_ready "$FERRETDB_LOG"; }

ferretdb_stop() {
  local pid
  pid="$(ferretdb_pid)"
  pid_is "$pid" ferretdb || return 0
  say "ferretdb: stopping"
  kill "$pid" 2>/dev/null || true
  wait_exit "$pid" 20 || kill -9 "$pid" 2>/dev/null || true
}

ferretdb_kill() {
  local pid
  pid="$(ferretdb_pid)"
  pid_is "$pid" ferretdb || { say "ferretdb: not running"; return 0; }
  kill_hard "$pid"
  say "ferretdb: killed (pid $pid)"
}

# -------------------------------------------------------------- commands

env_lines() {
  cat <<EOF
export POSTGRES_URL=postgres://algochat@127.0.0.1:$PG_PORT/algochat
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
export MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT/algochat
EOF
}

write_env() {
  mkdir -p "$ENG"
  env_lines >"$ENG/env.tmp"
  mv "$ENG/env.tmp" "$ENG/env"
}

# Serialises commands that change engine state, so that two shells (or two
# test runners) calling `up` at once do not start everything twice. Every
# daemon is started with `9>&-`: a server that inherited the descriptor
# would hold the lock for as long as it runs.
take_lock() {
  mkdir -p "$ENG"
  exec 9>"$ENG/.lock"
  flock -w 900 9 || die "another engines.sh is still running"
}

check_name() {
  local n
  for n in "${ENGINES[@]}"; do [[ "$1" == "$n" ]] && return 0; done
  die "unknown engine '${1:-}' (expected: ${ENGINES[*]})"
}

# The FerretDB build is the slow part of a first install and mostly CPU,
# while apt and Maven mostly wait on the network, so it runs alongside.
install_all() {
  local fpid="" flog="$ENG/install-ferretdb.log"
  mkdir -p "$ENG"
  if ! ferretdb_installed; then
    ferretdb_install 2>&1 | tee "$flog" >&2 &
    fpid=$!
  fi
  postgres_install
  redis_install
  kafka_install
  need_node
  if [[ -n "$fpid" ]]; then
    wait "$fpid" || true
    ferretdb_installed || die "ferretdb: install failed (see $flog)"
  fi
}

cmd_up() {
  local start n
  start="$(now)"
  take_lock
  install_all
  # start everything first and wait afterwards, so the engines boot in
  # parallel (the JVM is the slowest)
  local started=()
  for n in "${ENGINES[@]}"; do
    if ! "${n}_running"; then
      "${n}_start"
      started+=("$n")
    fi
  done
  for n in "${ENGINES[@]}"; do
    if [[ " ${started[*]} " == *" $n "* ]]; then
      "${n}_wait"
    elif ! "${n}_ready"; then
      "${n}_wait"
    fi
  done
  # role/database may be missing even when the cluster was already up
  pg_bootstrap
  write_env
  say "engines: up in $(since "$start") (env in $ENG/env)"
  env_lines
}

cmd_down() {
  take_lock
  local n
  for n in ferretdb kafka redis postgres; do "${n}_stop"; done
}

cmd_status() {
  local n pid state ready port all=0
  for n in "${ENGINES[@]}"; do
    case "$n" in
      postgres) port=$PG_PORT ;;
      redis) port=$REDIS_PORT ;;
      kafka) port=$KAFKA_PORT ;;
      ferretdb) port=$MONGO_PORT ;;
    esac
    pid="$("${n}_pid")"
    if "${n}_running"; then
      state="running (pid $pid)"
      if "${n}_ready"; then ready=ready; else ready="not ready"; all=1; fi
    else
      state=stopped
      ready=""
      all=1
      if port_open "$port"; then ready="(port held by another process)"; fi
    fi
    printf '%-9s %-22s 127.0.0.1:%-6s %s\n' "$n" "$state" "$port" "$ready"
  done
  return "$all"
}

cmd_start() {
  check_name "$1"
  take_lock
  "$1_start"
  "$1_wait"
  if [[ "$1" == postgres ]]; then pg_bootstrap; fi
}

cmd_stop() {
  check_name "$1"
  take_lock
  "$1_stop"
}

cmd_restart() {
  check_name "$1"
  take_lock
  "$1_stop"
  "$1_start"
  "$1_wait"
  if [[ "$1" == postgres ]]; then pg_bootstrap; fi
}

cmd_kill() {
  check_name "$1"
  "$1_kill"
}

cmd_check() {
  need_node
  local failed=0
  if "$(pg_bin)/psql" -X -Atq -h 127.0.0.1 -p "$PG_PORT" -U algochat \
    -d algochat -c 'select 1' >/dev/null; then
    say "postgres ok: algochat@127.0.0.1:$PG_PORT/algochat"
  else
    say "postgres check failed"
    failed=1
  fi
  if redis_ready; then
    say "redis ok: 127.0.0.1:$REDIS_PORT"
  else
    say "redis check failed"
    failed=1
  fi
  KAFKAJS_NO_PARTITIONER_WARNING=1 node "$HERE/check-kafka.mjs" \
    "127.0.0.1:$KAFKA_PORT" || failed=1
  node "$HERE/check-mongo.mjs" \
    "mongodb://127.0.0.1:$MONGO_PORT/algochat" || failed=1
  return "$failed"
}

cmd_reset() {
  cmd_down
  local target=""
  if [[ -L "$PG_HOME" ]]; then target="$(readlink -f "$PG_HOME")"; fi
  say "engines: wiping $ENG"
  rm -rf "${ENG:?}"/postgres "${ENG:?}"/redis "${ENG:?}"/kafka \
    "${ENG:?}"/ferretdb "${ENG:?}"/env "${ENG:?}"/install-*.log
  if [[ -n "$target" ]]; then rm -rf "$target"; fi
}

# fonts-liberation: metric-compatible Arial/Times/Courier, so that pages
# lay out as they do on other machines (it is only a recommendation of the
# chromium package, and apt_ensure skips recommendations).
cmd_install_chromium() {
  apt_ensure chromium fonts-liberation
  /usr/bin/chromium --version >&2 2>/dev/null
}

usage() {
  local text
  text="$(sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' |
    sed 's/^# \{0,1\}//')"
  if [[ "${1:-0}" == 0 ]]; then printf '%s\n' "$text"; else say "$text"; fi
  exit "${1:-0}"
}

main() {
  (($# > 0)) || usage 1
  [[ "$(id -u)" == 0 ]] ||
    die "run as root (it installs packages and runs postgres as its user)"
  local cmd="$1"
  shift
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    start | stop | restart | kill) "cmd_$cmd" "${1:-}" ;;
    install)
      take_lock
      install_all
      ;;
    check) cmd_check ;;
    env) env_lines ;;
    reset)
      cmd_reset
      ;;
    install-chromium) cmd_install_chromium ;;
    -h | --help | help) usage 0 ;;
    *)
      say "engines: unknown command '$cmd'"
      usage 1
      ;;
  esac
}

main "$@"
