// Buttons marked data-copy="#id" copy that field's value (the calendar address).
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  const field = document.querySelector(button.dataset.copy);
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand("copy"); // an http:// page has no clipboard API
  }
  const label = button.innerHTML;
  button.textContent = button.dataset.copied;
  setTimeout(() => {
    button.innerHTML = label;
  }, 2000);
});
