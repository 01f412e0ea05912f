-- wrk script: one decision per request, over the seeded catalogue (SyntheticCatalogue.isrc),
-- random use type and country, as the AI DJ would ask.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "seed.lua")
local uses = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS", "AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"}
local countries = {"SE", "NO", "DK", "FI", "DE", "FR", "GB", "US", "JP", "BR"}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y2xpZW50OmNsaWVudA=="  -- client:client (development user)

function request()
  local isrc = string.format("QZSAA26%05d", math.random(0, 99999))
  local body = string.format('{"feature":"ai-dj","useType":"%s","isrc":"%s","territory":"%s"}',
    uses[math.random(#uses)], isrc, countries[math.random(#countries)])
  return wrk.format(nil, "/api/v1/decisions", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end
