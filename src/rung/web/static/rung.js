// rung dashboard: keeps the analyst's API token and sends corrections. Plain JavaScript, no library.
"use strict";

function rungToken() {
  return window.localStorage.getItem("rung_token") || "";
}

function setToken(value) {
  window.localStorage.setItem("rung_token", value);
  // the cookie lets pages load when the server asks for a token to read
  document.cookie = "rung_token=" + encodeURIComponent(value) + "; path=/; SameSite=Strict";
}

function parseValue(text) {
  const t = text.trim();
  if (t === "true") return true;
  if (t === "false") return false;
  if (t === "" || t === "null") return null;
  return t;
}

async function sendCorrection(url, body, status) {
  status.textContent = "saving…";
  const response = await fetch(url, {
    method: "POST",
    headers: {"Content-Type": "application/json", "Authorization": "Bearer " + rungToken()},
    body: JSON.stringify(body),
  });
  if (response.ok) {
    status.textContent = "saved";
    window.location.reload();
    return;
  }
  let detail = response.statusText;
  try {
    const data = await response.json();
    detail = Array.isArray(data.detail)
      ? data.detail.map((d) => (d.loc || []).slice(-1).join("") + ": " + d.msg).join("; ")
      : data.detail;
  } catch (e) { /* not JSON */ }
  status.textContent = response.status + " " + detail;
  status.className = "error";
}

document.addEventListener("DOMContentLoaded", () => {
  const tokenForm = document.getElementById("token-form");
  const tokenInput = document.getElementById("token");
  const tokenState = document.getElementById("token-state");
  if (rungToken()) tokenState.textContent = "token set";
  tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    setToken(tokenInput.value.trim());
    tokenInput.value = "";
    tokenState.textContent = "token set";
  });
  const eventForm = document.getElementById("correct-event");
  if (eventForm) {
    eventForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(eventForm);
      const body = {field: data.get("field"), value: parseValue(data.get("value") || "")};
      if ((data.get("note") || "").trim()) body.note = data.get("note").trim();
      sendCorrection(eventForm.dataset.url, body, document.getElementById("correct-result"));
    });
  }
  for (const form of document.querySelectorAll("form.correct-claim")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(form);
      let status = form.querySelector(".status");
      if (!status) {
        status = document.createElement("span");
        status.className = "status";
        form.appendChild(status);
      }
      sendCorrection(form.dataset.url, {field: data.get("field"), value: parseValue(data.get("value") || "")}, status);
    });
  }
});

// Live updates on the overview: new events and alerts arrive as server-sent events (/api/stream).
function cell(row, text, href, lang) {
  const td = row.insertCell();
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    td.appendChild(a);
  } else {
    td.textContent = text;
  }
  if (lang) td.lang = lang;
  return td;
}

document.addEventListener("DOMContentLoaded", () => {
  const live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  const source = new EventSource("/api/stream");
  let count = 0;
  source.addEventListener("events", (message) => {
    const e = JSON.parse(message.data);
    const body = document.querySelector("table.events tbody");
    const row = body.insertRow(0);
    row.className = "new";
    cell(row, e.date || e.article.date || "");
    cell(row, (e.source_name || e.source || "—") + " → " + (e.target_name || e.target || "—"));
    cell(row, e.plover, e.links.page);
    cell(row, e.modality);
    cell(row, e.rung === null ? "–" : String(e.rung));
    cell(row, e.sentence, e.links.page, e.article.lang).className = "sentence";
    cell(row, e.article.outlet || e.article.title || e.article.id.slice(0, 8), "/articles/" + e.article.id);
    count += 1;
    live.textContent = count + " new event(s) since this page loaded";
  });
  source.addEventListener("alert", (message) => {
    const a = JSON.parse(message.data);
    const li = document.createElement("li");
    li.className = "new";
    const link = document.createElement("a");
    link.href = "/dyads/" + a.source + "/" + a.target;
    link.textContent = a.source_name + " → " + a.target_name;
    li.appendChild(link);
    li.appendChild(document.createTextNode(": crossed " + (a.threshold || a.level) + " on " + a.first +
                                           ", now at rung " + a.rung + " (" + a.rung_name + ")"));
    document.querySelector("ul.alerts").prepend(li);
  });
});
