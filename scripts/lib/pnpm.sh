# Runs the pnpm version the workspace pins, whether or not pnpm is
# installed: corepack cannot fetch it on every machine, npx can.
pnpm() {
  # `type -P` looks only at files: this function is named pnpm too.
  if type -P pnpm >/dev/null 2>&1 &&
    [ "$(command pnpm --version)" = "9.15.9" ]; then
    command pnpm "$@"
  else
    npx --yes pnpm@9.15.9 "$@"
  fi
}

# Installs dependencies exactly as locked; quick when nothing changed.
install_dependencies() {
  pnpm install --frozen-lockfile --prefer-offline --reporter=append-only \
    | grep -v -E '^(Progress|\s*$)' || true
  [ -d node_modules/.pnpm ] || {
    echo "dependency install failed" >&2
    return 1
  }
}
