#!/usr/bin/env bash
# Check every provider for drift and keep one GitHub issue per provider in step with it:
# open it when drift appears, update its body while drift lasts, close it when drift is gone.
# Each report also goes to the job's step summary. Needs GH_TOKEN (issues: write) and `gh`.
# SYNC_ARGS adds flags to every sync call (tests use --from-file).
set -euo pipefail

MODELCAT=${MODELCAT:-.venv/bin/modelcat}
LABEL=catalog-drift
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
failed=0

gh label create "$LABEL" --color d93f0b --description "The catalog differs from a live API" --force >/dev/null

for provider_file in catalog/*/provider.yaml; do
  provider=$(basename "$(dirname "$provider_file")")
  report="drift-report-$provider.md"
  set +e
  # shellcheck disable=SC2086  # SYNC_ARGS is a list of flags
  "$MODELCAT" sync --provider "$provider" --format markdown ${SYNC_ARGS:-} >"$report"
  code=$?
  set -e
  cat "$report" >>"$summary"

  export TITLE="Catalog drift: $provider"
  existing=$(gh issue list --label "$LABEL" --state open --limit 100 --json number,title \
    --jq '.[] | select(.title == env.TITLE) | .number' | head -n 1)

  case $code in
    0)
      if [ -n "$existing" ]; then
        gh issue close "$existing" --comment "The catalog matches the live API again."
      fi
      ;;
    1)
      if [ -n "$existing" ]; then
        gh issue edit "$existing" --body-file "$report"
      else
        gh issue create --title "$TITLE" --label "$LABEL" --body-file "$report"
      fi
      ;;
    *)
      echo "::error title=drift: $provider::$provider could not be checked (sync exited $code); see the step summary"
      failed=1
      ;;
  esac
done

exit "$failed"
