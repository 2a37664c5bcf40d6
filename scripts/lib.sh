# Shared shell functions of scripts/start and scripts/test (sourced, not run).

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33mwarning: %s\033[0m\n' "$*" >&2; }

# Run a command as root: directly, or through sudo when it needs no password.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

can_be_root() { [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

# Install the Debian packages that are missing. Returns 1 when that is not possible here.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1 || ! can_be_root; then
    warn "cannot install ${missing[*]} (needs apt-get and root or sudo)"
    return 1
  fi
  say "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Create ./.venv and install innohub into it (editable), with the given extras ("" or "test").
ensure_venv() {
  local extras="$1"
  if [ ! -x .venv/bin/python ]; then
    say "Creating the virtual environment in .venv"
    if ! python3 -m venv .venv 2>/dev/null; then
      rm -rf .venv
      apt_install python3-venv || { echo "python3 -m venv does not work; install python3-venv" >&2; exit 1; }
      python3 -m venv .venv
    fi
  fi
  if [ ! -x .venv/bin/uv ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check uv
  fi
  local spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  say "Installing innohub${extras:+ with its $extras extras}"
  VIRTUAL_ENV="$PWD/.venv" .venv/bin/uv pip install -q --python .venv/bin/python -e "$spec"
}

# The directory holding initdb/pg_ctl of the newest PostgreSQL server installed, or nothing.
postgres_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Start a private PostgreSQL cluster on a free loopback port; sets PG_DIR, PG_PORT, PG_URL.
PG_DIR=""
start_postgres() {
  local bindir run_as=()
  bindir=$(postgres_bindir) || return 1
  PG_DIR=$(mktemp -d /tmp/innohub-pg.XXXXXX)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_DIR"
    run_as=(runuser -u postgres --)
  fi
  "${run_as[@]}" "$bindir/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run_as[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/innohub"
  PG_BINDIR="$bindir"
  PG_RUN_AS=("${run_as[@]}")
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_RUN_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR" || warn "could not remove $PG_DIR"
  fi
}

# Start a private Redis on a free loopback port (no persistence); sets REDIS_DIR, REDIS_URL.
REDIS_DIR=""
start_redis() {
  command -v redis-server >/dev/null 2>&1 || return 1
  REDIS_DIR=$(mktemp -d /tmp/innohub-redis.XXXXXX)
  REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" >/dev/null
  for _ in $(seq 50); do [ -s "$REDIS_DIR/redis.pid" ] && break; sleep 0.1; done
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
}

stop_redis() {
  if [ -n "$REDIS_DIR" ] && [ -s "$REDIS_DIR/redis.pid" ]; then
    local pid
    pid=$(cat "$REDIS_DIR/redis.pid")
    kill "$pid" 2>/dev/null || true
    # Redis writes its last log lines as it exits: remove its directory only once it is gone.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [ -n "$REDIS_DIR" ]; then rm -rf "$REDIS_DIR" || warn "could not remove $REDIS_DIR"; fi
  REDIS_DIR=""
}
