#!/usr/bin/env bash
# The first hour with Stave in curl (docs/first-hour.md): check the node is ready, deliver a
# release, consents and split sheets through the HTTP feed, ask for decisions in JSON and XML,
# read why, look at the recording, and start a rule change as a policy author.
# ObservabilityIT runs this script against the server of the integration tests, so every command
# here works as shown.
#
#   STAVE_URL             the node's HTTP address (default http://localhost:8080)
#   STAVE_MANAGEMENT_URL  its management address (default http://localhost:9990)
set -euo pipefail

url="${STAVE_URL:-http://localhost:8080}"
management="${STAVE_MANAGEMENT_URL:-http://localhost:9990}"
demo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../deploy/src/main/demo" && pwd)"
# -f: an HTTP error stops the walk-through; -sS: quiet, but errors are shown.
curl=(curl -fsS --max-time 30)

step() { printf '\n== %s\n' "$*"; }

step "1. Is the node ready? (database, cluster, Camel and policy all UP)"
"${curl[@]}" "$management/health/ready"
echo

step "2. Deliver a release (DDEX ERN 4.3) as the label's feed integration"
"${curl[@]}" -u feeds:feeds -H 'Content-Type: application/xml' \
  --data-binary @"$demo/release-00000.xml" "$url/api/v1/feeds/ern"
echo

step "3. Deliver the artists' consents and the split sheets (CSV)"
"${curl[@]}" -u feeds:feeds -H 'Content-Type: text/csv' \
  --data-binary @"$demo/demo.consents.csv" "$url/api/v1/feeds/consents"
echo
"${curl[@]}" -u feeds:feeds -H 'Content-Type: text/csv' \
  --data-binary @"$demo/demo.splits.csv" "$url/api/v1/feeds/splits"
echo

step "4. Ask: may the AI DJ pick this recording for a listener in Sweden?"
"${curl[@]}" -u client:client -H 'Content-Type: application/json' \
  -d '{"requestId":"walkthrough-1","feature":"ai-dj","useType":"AI_CURATION","isrc":"GBQZS2600000","territory":"SE"}' \
  "$url/api/v1/decisions"
echo

step "5. Ask: may the AI DJ talk about it (AI_VOICEOVER)? The artist opted out."
deny="$("${curl[@]}" -u client:client -H 'Content-Type: application/json' \
  -d '{"requestId":"walkthrough-2","feature":"ai-dj","useType":"AI_VOICEOVER","isrc":"GBQZS2600000","territory":"SE"}' \
  "$url/api/v1/decisions")"
echo "$deny"

step "6. Read why, later, from the decision log"
decision_id="$(printf '%s' "$deny" | sed -E 's/.*"decisionId":"([^"]+)".*/\1/')"
"${curl[@]}" -u client:client "$url/api/v1/decisions/$decision_id"
echo

step "7. The same question in XML"
"${curl[@]}" -u client:client -H 'Content-Type: application/xml' -H 'Accept: application/xml' \
  -d '<decisionRequest><feature>ai-dj</feature><useType>AI_TRAINING</useType><isrc>GBQZS2600000</isrc><territory>SE</territory></decisionRequest>' \
  "$url/api/v1/decisions"
echo

step "8. What the feeds delivered for the recording (parties, deals, consents, split sheets)"
"${curl[@]}" -u client:client "$url/api/v1/recordings/GBQZS2600000"
echo

step "9. Change a rule: as a policy author, draft a version on top of the active one"
active="$("${curl[@]}" -u author:author "$url/api/v1/policies" \
  | grep -oE '"version":[0-9]+,"status":"ACTIVE"' | grep -oE '[0-9]+' | head -1)"
draft="$("${curl[@]}" -u author:author -H 'Content-Type: application/json' \
  -d "{\"basedOn\":$active,\"description\":\"first-hour walk-through\",\"files\":{}}" \
  "$url/api/v1/policies")"
echo "$draft"
version="$(printf '%s' "$draft" | grep -oE '"version":[0-9]+' | grep -oE '[0-9]+' | head -1)"

step "10. Validate the draft and run its scenarios"
"${curl[@]}" -u author:author -X POST "$url/api/v1/policies/$version/validate"
echo
# The report is long: its first 600 characters. (Not "curl | head -c": head may close the pipe
# before curl has written all, and curl then fails the step with a write error.)
report="$("${curl[@]}" -u author:author -X POST "$url/api/v1/policies/$version/test")"
printf '%s\n' "${report:0:600}"
echo
echo "Next: edit a file with PUT /api/v1/policies/$version, submit it, and have an approver"
echo "approve and activate it (docs/first-hour.md, step 5)."
