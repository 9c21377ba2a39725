-- One wrk scenario, configured by the environment (bench/run.py sets it):
--   BENCH_MODE   "get" | "login" | "filing" | "post"
--   BENCH_PATH   the path for "get"; BENCH_COOKIE its Cookie header (a logged-in session)
--   BENCH_EXPECT the expected status of "get" (anything else is counted as unexpected)
--   BENCH_DATA   a file of lines (identifiants for "login", SIRETs for "filing", items for
--                "post")
-- "filing" chains « Créer mon espace » step 1 POST then step 2 POST on one connection per
-- thread (run with -t = -c), step 2 carrying the signed SIRET cookie that step 1 set; a
-- filing counts when step 2 redirects to « demande transmise ».
-- "post" sends one POST per item to BENCH_PATH with "{}" replaced by the item, in the
-- logged-in session of BENCH_COOKIE, and counts it when it redirects to BENCH_LOCATION
-- (same "{}"); each item is posted once (an item posted again, once the file is used up,
-- counts as unexpected). One connection per thread, so a response is its request's.
local mode = os.getenv("BENCH_MODE") or "get"
local path = os.getenv("BENCH_PATH") or "/"
local cookie = os.getenv("BENCH_COOKIE") or ""
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
local location_of = os.getenv("BENCH_LOCATION") or ""
local token = "benchcsrftoken0123456789abcdefgh" -- double-submit: our cookie, our field
local debug = os.getenv("BENCH_DEBUG") == "1"

local function complain(what, status, location)
   if debug then io.stderr:write(what .. " " .. status .. " " .. location .. "\n") end
end
local threads = {}
local counter = 1

function setup(thread)
   thread:set("id", counter)
   thread:set("step", 1)
   counter = counter + 1
   table.insert(threads, thread)
end

local function lines(file)
   local list = {}
   if file and file ~= "" then
      for line in io.lines(file) do table.insert(list, line) end
   end
   return list
end

local function letters(n)
   -- Names may not contain digits (they would not look like a person's).
   local s = ""
   repeat
      s = string.char(97 + n % 26) .. s
      n = math.floor(n / 26)
   until n == 0
   return s
end

local function urlencode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function fill(template, item)
   local at = string.find(template, "{}", 1, true)
   return string.sub(template, 1, at - 1) .. item .. string.sub(template, at + 2)
end

local function form(fields)
   local parts = {}
   for i = 1, #fields, 2 do
      table.insert(parts, fields[i] .. "=" .. urlencode(fields[i + 1]))
   end
   return table.concat(parts, "&")
end

function init(args)
   data = lines(os.getenv("BENCH_DATA"))
   index = id
   stride = tonumber(os.getenv("BENCH_THREADS") or "1")
   step = 1
   unexpected = 0
   done_ok = 0
   siret_cookie = nil
end

function request()
   local headers = {}
   if mode == "get" then
      headers["Cookie"] = cookie
      return wrk.format("GET", path, headers)
   end
   headers["Content-Type"] = "application/x-www-form-urlencoded"
   headers["Cookie"] = "csrftoken=" .. token
   local n = index
   local item = data[((n - 1) % #data) + 1]
   if mode == "post" then
      -- The session's cookie and our double-submit CSRF cookie, in one header.
      headers["Cookie"] = cookie .. "; csrftoken=" .. token
      posted, reposted = item, n > #data
      index = index + stride
      return wrk.format("POST", fill(path, item), headers, form({"csrfmiddlewaretoken", token}))
   end
   if mode == "login" then
      index = index + stride
      return wrk.format("POST", "/compte/connexion/", headers, form({
         "csrfmiddlewaretoken", token, "username", item, "password", "Bench-2020!"}))
   end
   if step == 1 then
      return wrk.format("POST", "/habilitations/creer-mon-espace/", headers, form({
         "csrfmiddlewaretoken", token, "siret", item, "captcha_0", "bench",
         "captcha_1", "PASSED", "accept_terms", "on"}))
   end
   headers["Cookie"] = headers["Cookie"] .. "; creer_mon_espace_siret=" .. (siret_cookie or "")
   local email = "depot" .. n .. "@bench.exemple.fr"
   return wrk.format("POST", "/habilitations/creer-mon-espace/demande/", headers, form({
      "csrfmiddlewaretoken", token, "denomination", "SOCIETE BENCH", "street_label", "RUE",
      "postal_code", "75001", "city", "75101",
      "establishment_email", "contact@bench.exemple.fr",
      "establishment_email_confirm", "contact@bench.exemple.fr", "phone", "0145000000",
      "last_name", "Dupont" .. letters(n), "first_name", "Camille", "user_phone", "0612345678",
      "email", email, "email_confirm", email, "secret_question", "Ville de naissance ?",
      "secret_answer", "Limoges", "captcha_0", "bench", "captcha_1", "PASSED"}))
end

function response(status, headers, body)
   local location = headers["Location"] or headers["location"] or ""
   if mode == "get" then
      if status ~= expect then unexpected = unexpected + 1 else done_ok = done_ok + 1 end
   elseif mode == "post" then
      if status == 302 and location == fill(location_of, posted) and not reposted then
         done_ok = done_ok + 1
      else
         unexpected = unexpected + 1
         complain("post", status, location)
      end
   elseif mode == "login" then
      if status == 302 then
         done_ok = done_ok + 1
      else
         unexpected = unexpected + 1
         complain("login", status, location)
      end
   elseif step == 1 then
      local set = headers["Set-Cookie"] or headers["set-cookie"] or ""
      siret_cookie = string.match(set, "creer_mon_espace_siret=([^;]+)")
      if status == 302 and siret_cookie then
         step = 2
      else
         unexpected = unexpected + 1
         complain("step1", status, location)
         index = index + stride
      end
   else
      if status == 302 and string.find(location, "demande-transmise", 1, true) then
         done_ok = done_ok + 1
      else
         unexpected = unexpected + 1
         complain("step2", status, location)
      end
      step = 1
      index = index + stride
   end
end

function done(summary, latency, requests)
   local unexpected_total, ok_total = 0, 0
   for _, thread in ipairs(threads) do
      unexpected_total = unexpected_total + thread:get("unexpected")
      ok_total = ok_total + thread:get("done_ok")
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
      '"p99_us": %d, "socket_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
      '"unexpected": %d, "ok": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), e.connect + e.read + e.write, e.status, e.timeout,
      unexpected_total, ok_total))
end
