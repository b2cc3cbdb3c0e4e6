// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  // A search box above long checkbox lists (activity cards): filters the options as you type.
  document.querySelectorAll(".choice-list").forEach((list) => {
    if (!list.querySelector("[data-searchable]")) return;
    const search = document.createElement("input");
    search.type = "search";
    search.className = "choice-search";
    search.setAttribute("aria-label", list.dataset.searchLabel || "Search");
    list.before(search);
    search.addEventListener("input", () => {
      const needle = search.value.trim().toLowerCase();
      list.querySelectorAll("label").forEach((label) => {
        const item = label.closest("div") || label;
        item.hidden = needle !== "" && !label.textContent.toLowerCase().includes(needle);
      });
    });
  });
  // The new plan's current capacity follows the network register of the chosen call's
  // period (the server puts the register's numbers on the input); a number the person typed
  // is replaced only when they pick another call or service.
  const current = document.querySelector("input[data-register]");
  const call = document.getElementById("plan_call");
  const service = document.getElementById("plan_service");
  if (current && call && service) {
    const register = JSON.parse(current.dataset.register);
    const prefill = () => {
      const known = register[`${call.value}-${service.value}`];
      if (known !== undefined) current.value = known;
      else if (current.dataset.prefilled === "1") current.value = "";
      current.dataset.prefilled = known !== undefined ? "1" : "";
    };
    call.addEventListener("change", prefill);
    service.addEventListener("change", prefill);
  }
  // Refusals (bad input, a state conflict, a file too large) carry the form with its errors:
  // show them in place instead of dropping the response.
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    if ([400, 409, 413].includes(event.detail.xhr.status)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // Upload progress for attachments (htmx reports XHR progress events).
  document.body.addEventListener("htmx:xhr:progress", (event) => {
    const bar = event.target.querySelector("progress");
    if (bar && event.detail.lengthComputable) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
});
