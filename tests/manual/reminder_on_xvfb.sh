#!/usr/bin/env bash
# The reminder for real, on a virtual screen with a system tray: the app starts over a small database
# whose alarm rings SECONDS later, the main window is closed (the app keeps running in the tray), and
# the screen is captured when the reminder window appears. Fails when it does not appear within a
# second of its time, or when the app quits on closing its main window. Then the app is stopped before
# a third alarm, started again after it, and the reminder window must show it at start, marked missed.
#   tests/manual/reminder_on_xvfb.sh [OUT_DIR (default /tmp/shots)] [SECONDS (default 20)]
# Needs Xvfb, trayer, xdotool, xwd and ImageMagick (Debian: xvfb trayer xdotool x11-apps imagemagick).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-/tmp/shots}
seconds=${2:-20}
python=${PYTHON:-/tmp/venv/bin/python}
mkdir -p "$out"
work=$(mktemp -d)
for n in $(seq 140 180); do [ -e /tmp/.X11-unix/X$n ] || { display=:$n; break; }; done
export DISPLAY=$display
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
sleep 1
# A panel with a system tray along the top right (there is no window manager on the bare screen).
trayer --edge top --align right --widthtype request --height 36 --SetDockType true --transparent false \
  --tint 0x404040 >/dev/null 2>&1 & pids+=($!)
sleep 1
shot() { xwd -root -silent | convert xwd:- png:"$out/$1"; echo "saved $out/$1"; }

alarm=$(PYTHONPATH=. "$python" tests/manual/make_reminder_db.py "$work/reminders.sqlite3" "$seconds")
XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data QT_QPA_PLATFORM=xcb PYTHONPATH=. \
  "$python" -m crm_desktop --db "$work/reminders.sqlite3" >"$work/app.log" 2>&1 & app=$!; pids+=($app)
main=$(timeout 30 xdotool search --sync --onlyvisible --name "reminders.sqlite3" | head -1)
sleep 2
shot reminder-1-main-and-tray.png
"$python" tests/manual/x_close_window.py "$main"
sleep 1
kill -0 "$app" || { echo "FAIL: closing the main window quit the app"; cat "$work/app.log"; exit 1; }
if xwininfo -id "$main" | grep -q "IsViewable"; then echo "FAIL: the main window is still shown"; exit 1; fi
shot reminder-2-main-closed.png
echo "waiting for the alarm at $(date -d @"$alarm" +%T) ..."
until xdotool search --onlyvisible --name "^Reminders" >/dev/null 2>&1; do
  [ "$(date +%s)" -le $((alarm + 5)) ] || { echo "FAIL: no reminder window"; cat "$work/app.log"; exit 1; }
  sleep 0.05
done
seen=$(date +%s.%N)
late=$(echo "$seen - $alarm" | bc)
echo "reminder window shown $late s after its alarm"
sleep 0.5
shot reminder-3-popped-up.png
xwininfo -root -tree | grep -i -E "crm|trayer|Reminders" || true
if [ "$(echo "$late < 1.0" | bc)" != 1 ]; then echo "FAIL: more than a second late"; exit 1; fi
kill "$app"; wait "$app" 2>/dev/null || true
echo "stopped the app; its third alarm rings at $(date -d @$((alarm + 8)) +%T) while it is not running"
while [ "$(date +%s)" -le $((alarm + 9)) ]; do sleep 0.2; done
XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data QT_QPA_PLATFORM=xcb PYTHONPATH=. \
  "$python" -m crm_desktop --db "$work/reminders.sqlite3" >>"$work/app.log" 2>&1 & app=$!; pids+=($app)
timeout 30 xdotool search --sync --onlyvisible --name "^Reminders" >/dev/null || { echo "FAIL: nothing at start"; exit 1; }
sleep 2
shot reminder-4-missed-at-start.png
cat "$work/app.log"
echo "OK"
