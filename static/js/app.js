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
