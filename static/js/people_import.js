// The people import preview: with rows in error, importing needs the explicit «skip» tick
// (the server checks it too). A file of its own: the CSP allows no inline scripts.
(function () {
  const box = document.querySelector("#import-confirm input[name='skip_errors']");
  const button = document.querySelector("#import-confirm button[type='submit']");
  if (!box || !button) {
    return;
  }
  const sync = () => {
    button.disabled = !box.checked;
  };
  box.addEventListener("change", sync);
  sync();
})();
