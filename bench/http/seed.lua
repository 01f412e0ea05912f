-- Loaded by the wrk scripts beside it. wrk gives every thread its own Lua state, all seeded alike:
-- without a seed of its own, every thread, and every run, sends the same sequence of requests, so
-- two threads send each request twice and a warm-up never reaches the recordings and artists a
-- later phase asks about (its first touches then land in the measured phase).
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
end
