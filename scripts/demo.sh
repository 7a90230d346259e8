#!/usr/bin/env bash
# The main job: sets everything up on a fresh machine and runs the demo —
# the agent with the EGISZ sandbox, the SoftHSM2 demo token and the demo MIS,
# plus the built extension. Options are passed to `egisz-agent start`
# (e.g. --port 17346). With --browser it also opens Chromium with the
# extension loaded, its options page and the demo MIS (needs a display;
# scripts/open-browser.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-system.sh
source scripts/lib/ensure-node.sh
source scripts/lib/ensure-deps.sh

browser=0
args=()
for a in "$@"; do
  if [ "$a" = "--browser" ]; then browser=1; else args+=("$a"); fi
done

npx wxt build >&2
echo "Расширение собрано: $(pwd)/.output/chrome-mv3"
echo "  Chrome/Chromium: chrome://extensions → «Режим разработчика» → «Загрузить распакованное» → эта папка."
echo "  Затем в настройках расширения введите код сопряжения, который агент покажет ниже."
agent=(node agent/bin/egisz-agent.js start --demo --data-dir .data/demo "${args[@]}")
if [ "$browser" = 0 ]; then exec "${agent[@]}"; fi

# The browser waits for the agent and closes with it.
node scripts/open-browser.ts "${args[@]}" &
opener=$!
trap 'kill "$opener" 2>/dev/null; wait "$opener" 2>/dev/null' EXIT
"${agent[@]}"
