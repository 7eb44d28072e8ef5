#!/bin/sh
# The app as WebKitWebDriver starts it in the end-to-end tests (`tauri:options.application`):
# runs the real binary ($CAREDESK_E2E_APP_BINARY) with the same arguments, appends its
# stderr to $CAREDESK_E2E_APP_STDERR, forwards TERM/INT/HUP to it, waits for it, and
# writes its exit status to $CAREDESK_E2E_APP_STATUS (128+N when signal N ended it).
# webdriver.mjs sets the three variables, one set per launch.

app=${CAREDESK_E2E_APP_BINARY:?CAREDESK_E2E_APP_BINARY is not set}
stderr=${CAREDESK_E2E_APP_STDERR:-/dev/null}
status=${CAREDESK_E2E_APP_STATUS:-/dev/null}

# A background command of a script starts with SIGINT and SIGQUIT ignored; give the app
# the default actions back where env can (coreutils 8.31 and later).
if env --default-signal=INT true 2>/dev/null; then
  env --default-signal=INT,QUIT "$app" "$@" 2>>"$stderr" &
else
  "$app" "$@" 2>>"$stderr" &
fi
child=$!

trap 'kill -TERM "$child" 2>/dev/null' TERM
trap 'kill -INT "$child" 2>/dev/null' INT
trap 'kill -HUP "$child" 2>/dev/null' HUP

# A forwarded signal interrupts `wait`; wait again until the app itself has ended.
while :; do
  wait "$child"
  code=$?
  kill -0 "$child" 2>/dev/null || break
done
echo "$code" >"$status"
exit "$code"
