-- wrk script: a flood of made-up ISRCs, each (almost surely) one the catalogue has never seen:
-- what a broken or hostile client does. Every answer must still be a logged DENY UNKNOWN_RECORDING.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "seed.lua")
local uses = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS", "AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"}
local letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y2xpZW50OmNsaWVudA=="  -- client:client (development user)

local function letter()
  local i = math.random(1, 26)
  return string.sub(letters, i, i)
end

function request()
  local isrc = "ZZ" .. letter() .. letter() .. letter() .. string.format("26%05d", math.random(0, 99999))
  local body = string.format('{"feature":"flood","useType":"%s","isrc":"%s","territory":"SE"}',
    uses[math.random(#uses)], isrc)
  return wrk.format(nil, "/api/v1/decisions", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end
