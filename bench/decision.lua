-- wrk script: POST the example decision with the key from the environment (ADVISOR_API_KEY); METHOD=GET sends the
-- key alone (the floor: GET /api/v1/session). ok_rps counts 2xx answers only: a 429 from the rate limiter or a 503
-- is not an answer, and is reported apart (non2xx, errors).
local method = os.getenv("METHOD") or "POST"
wrk.method = method
if method == "POST" then
  local f = io.open(os.getenv("BODY_FILE") or "examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json", "r")
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
wrk.headers["X-API-Key"] = os.getenv("ADVISOR_API_KEY") or "bench-key"

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT ok_rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d duration_s=%.2f errors=%d non2xx=%d\n",
    (summary.requests - summary.errors.status) / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, seconds, errors, summary.errors.status))
end
