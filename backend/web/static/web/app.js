// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  // Upload progress for attachments (htmx reports XHR progress events).
  document.body.addEventListener("htmx:xhr:progress", (event) => {
    const bar = event.target.querySelector("progress");
    if (bar && event.detail.lengthComputable) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
});
