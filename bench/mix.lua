-- wrk replays a file of GET requests (bench/mix.py writes them), one per line: the path,
-- then `Name: value` headers, separated by tabs. Each thread starts at its own offset and
-- goes round the file from the offset given; done() prints one JSON line for bench/wrk.py.
--   wrk -t1 -c10 -d10s -s bench/mix.lua http://127.0.0.1:8044 -- var/bench/mix/mix-0.tsv 0
local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

local requests = {}
local next_one = 1

function init(args)
   for line in io.lines(args[1]) do
      table.insert(requests, line)
   end
   -- From the caller's offset (each slice of a row starts where none did before), threads
   -- far apart, so no two send the same requests.
   next_one = (tonumber(args[2] or "0") + index * 7919) % #requests + 1
end

-- Formatted when sent, not all in init(): the generator's CPU per request, which the bench
-- prints, then includes it and no start-up cost spread over a short run's few requests.
function request()
   local line = requests[next_one]
   next_one = next_one % #requests + 1
   local path, headers = nil, {}
   for field in line:gmatch("[^\t]+") do
      if path == nil then
         path = field
      else
         local name, value = field:match("^([^:]+): (.*)$")
         headers[name] = value
      end
   end
   return wrk.format("GET", path, headers)
end

-- wrk counts only statuses above 399 as errors; a redirect to the login page is one too.
not_200 = 0

function response(status, headers, body)
   if status ~= 200 then not_200 = not_200 + 1 end
end

-- Besides wrk's own percentiles, the latencies at SKETCH evenly spaced ranks: every one
-- when a slice has no more requests than that, so bench/wrk.py merges a row's slices from
-- the latencies rather than taking the slowest slice's percentiles.
local SKETCH = 200

function done(summary, latency, requests)
   local e = summary.errors
   local others = 0
   for _, thread in ipairs(threads) do others = others + thread:get("not_200") end
   local points = math.min(summary.requests, SKETCH)
   local sketch = {}
   for k = 1, points do
      sketch[k] = string.format("%d", latency:percentile(100 * (k - 0.5) / points))
   end
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "bytes": %d, "not_200": %d, ' ..
      '"socket_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "sketch_us": [%s]}\n',
      summary.requests, summary.duration, summary.bytes, others,
      e.connect + e.read + e.write + e.timeout,
      latency:percentile(50), latency:percentile(95), latency:percentile(99),
      table.concat(sketch, ", ")))
end
