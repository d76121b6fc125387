// Keeps a background job's progress bar current while its page is open, and reloads the page once
// the job has ended so its result shows. Without JavaScript the page refreshes itself instead
// (a <meta http-equiv="refresh"> inside <noscript>).
(function () {
  const job = document.getElementById("job");
  if (!job || ["succeeded", "failed", "cancelled"].includes(job.dataset.jobState)) {
    return;
  }
  const bar = document.getElementById("job-progress");
  const text = document.getElementById("job-progress-text");
  const state = document.getElementById("job-state");
  function tick() {
    fetch(job.dataset.jobStatus, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(response => response.ok ? response.json() : Promise.reject(response.status))
      .then(status => {
        if (status.finished) {
          window.location.reload();
          return;
        }
        bar.max = status.total > 0 ? status.total : 1;
        bar.value = status.total > 0 ? status.done : 0;
        bar.textContent = status.percent + " %";
        text.textContent = status.progressText;
        state.textContent = status.state;
        setTimeout(tick, 1000);
      })
      .catch(() => setTimeout(tick, 3000));
  }
  setTimeout(tick, 1000);
})();
