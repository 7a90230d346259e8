# Sourced by the project's scripts, after ensure-node.sh. Installs the npm
# dependencies exactly as locked when node_modules is missing or older than
# the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "egisz-bridge: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
