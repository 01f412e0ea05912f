-- wrk script: batches of 100 decisions per request over the seeded catalogue.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "seed.lua")
local uses = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS", "AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"}
local countries = {"SE", "NO", "DK", "FI", "DE", "FR", "GB", "US", "JP", "BR"}
local size = 100
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y2xpZW50OmNsaWVudA=="  -- client:client (development user)

function request()
  local parts = {}
  for i = 1, size do
    parts[i] = string.format('{"feature":"ai-playlist","useType":"%s","isrc":"QZSAA26%05d","territory":"%s"}',
      uses[math.random(#uses)], math.random(0, 99999), countries[math.random(#countries)])
  end
  return wrk.format(nil, "/api/v1/decisions/batch", nil, '{"requests":[' .. table.concat(parts, ",") .. ']}')
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 300) .. "\n")
  end
end
