#!/usr/bin/env bash
# Check one provider for drift and keep its GitHub issue in step with it: open it when drift
# appears, update its body while drift lasts, close it when drift is gone. The report also
# goes to the job's step summary. One run per provider: the drift workflow runs it in one
# matrix entry per provider of `modelcat providers --format json`.
#
# Environment:
#   PROVIDER      the provider's ID (a folder of catalog/)
#   KEY_ENV       the variable its provider.yaml names in api_key_env (GROQ_API_KEY)
#   PROVIDER_KEY  the key, from the repository secret named KEY_ENV; empty or unset when the
#                 secret is not set (a key already exported as KEY_ENV is then used as it is)
#   GH_TOKEN      for `gh` (issues: write)
#   RUNNER_TEMP   where the report and the capture go: never the checkout, whose changes the
#                 drift pull request commits (default: a new temporary folder)
#   SYNC_ARGS     flags added to the sync call (tests use --from-file or --base-url)
#   MODELCAT      the modelcat command (default .venv/bin/modelcat)
# Step outputs ($GITHUB_OUTPUT): outcome=clean|drift|skipped, report=PATH, capture=PATH.
# Exit 0 when the provider was checked (drift or not) or skipped for want of a key; 1 when
# it could not be checked (sync exit 2: a fault, a refused key, an invalid catalog).
set -euo pipefail

MODELCAT=${MODELCAT:-.venv/bin/modelcat}
LABEL=catalog-drift
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
outputs=${GITHUB_OUTPUT:-/dev/null}

provider=${PROVIDER:-}
key_env=${KEY_ENV:-}
# Both end up in file names, issue titles and `export`: refuse anything but the forms the
# provider schema allows.
if [[ ! $provider =~ ^[a-z0-9][a-z0-9-]*$ ]]; then
  echo "::error title=drift::PROVIDER must be a provider ID such as groq (got '${provider:0:64}')"
  exit 1
fi
if [ -n "$key_env" ] && [[ ! $key_env =~ ^[A-Z][A-Z0-9_]*_API_KEY$ ]]; then
  echo "::error title=drift: $provider::KEY_ENV must be a variable name ending in _API_KEY"
  exit 1
fi
if [ -n "$key_env" ] && [ -n "${PROVIDER_KEY:-}" ]; then
  export "$key_env=$PROVIDER_KEY"
fi
unset PROVIDER_KEY # sync reads the key from KEY_ENV alone

out=${RUNNER_TEMP:-$(mktemp -d)}
report="$out/drift-report-$provider.md"
capture="$out/drift-capture-$provider.json"
rm -f "$capture"

set +e
# shellcheck disable=SC2086  # SYNC_ARGS is a list of flags
"$MODELCAT" sync --provider "$provider" --format markdown --snapshot "$capture" \
  ${SYNC_ARGS:-} >"$report"
code=$?
set -e
cat "$report" >>"$summary"

# sync skips a provider whose list needs a key that is not set (exit 0, nothing read, so no
# capture saved); the issue stays as it is, since nothing was compared.
if [ "$code" -eq 0 ] && [ ! -s "$capture" ]; then
  if [ -n "$key_env" ]; then
    why="$key_env is not set: add a repository secret named $key_env (Settings, Secrets and variables, Actions) to check $provider"
  else
    why="its API key is not set; see the step summary"
  fi
  echo "::notice title=drift: $provider skipped::$why"
  printf '%s\n' "outcome=skipped" "report=$report" "capture=" >>"$outputs"
  exit 0
fi

case $code in
  0 | 1)
    gh label create "$LABEL" --color d93f0b --description "The catalog differs from a live API" \
      --force >/dev/null
    export TITLE="Catalog drift: $provider"
    existing=$(gh issue list --label "$LABEL" --state open --limit 100 --json number,title \
      --jq '.[] | select(.title == env.TITLE) | .number' | head -n 1)
    if [ "$code" -eq 0 ]; then
      outcome=clean
      if [ -n "$existing" ]; then
        gh issue close "$existing" --comment "The catalog matches the live API again."
      fi
    else
      outcome=drift
      if [ -n "$existing" ]; then
        gh issue edit "$existing" --body-file "$report"
      else
        gh issue create --title "$TITLE" --label "$LABEL" --body-file "$report"
      fi
    fi
    printf '%s\n' "outcome=$outcome" "report=$report" "capture=$capture" >>"$outputs"
    ;;
  *)
    echo "::error title=drift: $provider::$provider could not be checked (sync exited $code); see the step summary"
    exit 1
    ;;
esac
