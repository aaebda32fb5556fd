-- wrk script: POST web chat messages to /webhooks/webchat, each with a unique client message id, spread
-- over the visitor session tokens in perf/wrk/tokens.txt (one "jisr_visitor" token a line, made by perf/wrk/run.sh).
local tokens = {}
for line in io.lines(os.getenv("JISR_TOKENS") or "perf/wrk/tokens.txt") do tokens[#tokens + 1] = line end
local counter = 0
local thread_id = 0
local questions = { "What is the Government Communication Center?", "ما هو مركز التواصل الحكومي؟", "HELP", "xyzzy plugh" }

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local q = questions[(counter % #questions) + 1]
  local body = '{"id":"bench-' .. tid .. '-' .. counter .. '-' .. math.random(100000000) .. '","text":"' .. q .. '"}'
  return wrk.format("POST", "/webhooks/webchat", { ["Content-Type"] = "application/json", ["Cookie"] = "jisr_visitor=" .. token }, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, errors: status %d, connect %d, timeout %d\n", summary.requests,
    summary.errors.status, summary.errors.connect, summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
