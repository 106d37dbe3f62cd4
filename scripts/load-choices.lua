-- wrk script: POSTs consent choices as fetch does, and writes the receipt of every acknowledged (200) choice to
-- receipts-<thread>.txt in $RECEIPTS_DIR, so the caller can check each one against the database.
-- CONSENT_MODULE / OPTOUT_MODULE name the modules used (defaults: the flagship sample's); CHOICES_PATH the endpoint.
local consent = os.getenv("CONSENT_MODULE") or "google-analytics"
local optout = os.getenv("OPTOUT_MODULE") or "line-tag"
local path = os.getenv("CHOICES_PATH") or "/external-transmission/choices"
local actions = {
  '{"action":"accept-all"}',
  '{"action":"reject-all"}',
  '{"action":"withdraw","modules":["' .. consent .. '"]}',
  '{"action":"grant","modules":["' .. consent .. '"]}',
  '{"action":"opt-out","modules":["' .. optout .. '"]}',
}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  n = 0
  acks = 0
  failures = 0
  local dir = os.getenv("RECEIPTS_DIR") or "."
  out = io.open(dir .. "/receipts-" .. id .. ".txt", "w")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Origin"] = "http://" .. wrk.host .. ":" .. wrk.port
end

function request()
  n = n + 1
  return wrk.format(nil, path, nil, actions[(n % #actions) + 1])
end

function response(status, headers, body)
  if status == 200 then
    local receipt = string.match(body, '"receipt":"(%x+)"') or string.match(body, '"ok":(true)')
    if receipt then
      acks = acks + 1
      out:write(receipt, "\n")
      out:flush()
      return
    end
  end
  failures = failures + 1
end

function done(summary, latency, requests)
  local a, f = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acks")
    f = f + t:get("failures")
  end
  io.write(string.format("acknowledged=%d failed_responses=%d socket_errors=%d p50_ms=%.1f p99_ms=%.1f\n",
    a, f, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
