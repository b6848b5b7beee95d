-- wrk script for closed-loop throughput: a fixed GET, with BENCH_TOKEN as a bearer token when set.
-- No response() callback (it would run Lua on every answer and slow wrk down for every row alike);
-- non-2xx/3xx answers are counted by wrk itself (summary.errors.status).
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d"
    .. " socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
