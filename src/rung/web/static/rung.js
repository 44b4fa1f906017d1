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
