// Buttons marked data-print open the browser's print dialog (no inline scripts: CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// Buttons marked data-clear="#id" empty that element (closes an inline form).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-clear]");
  if (button) {
    document.querySelector(button.dataset.clear)?.replaceChildren();
  }
});

// Forms marked data-confirm="…" ask before they are sent (revoking a link, a mass mailing).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// The questionnaire builder: a question form shows only the settings of the chosen kind
// (blocks marked data-for-kinds="single multiple"); without JS every block stays visible.
function showSettingsOfKind(select) {
  select.form?.querySelectorAll("[data-for-kinds]").forEach((block) => {
    block.hidden = !block.dataset.forKinds.split(" ").includes(select.value);
  });
}
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-kind-switch]")) {
    showSettingsOfKind(event.target);
  }
});
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-kind-switch]").forEach(showSettingsOfKind);
});

// A summary of form errors (marked data-focus-on-load) takes the focus, so that keyboard and
// screen-reader users start from it; its links lead to the fields.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("[data-focus-on-load]")?.focus();
});
