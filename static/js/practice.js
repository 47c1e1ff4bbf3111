// The case form: choosing a pair fills in its form of mentoring and its mentor and mentees
// as authors, unless the user has already changed them. Without JS the server does the same
// for the fields left empty.
(function () {
  const data = document.getElementById("pair-defaults");
  const pair = document.getElementById("id_mentorship");
  if (!data || !pair) {
    return;
  }
  const defaults = JSON.parse(data.textContent);
  const form = document.getElementById("id_form");
  const authorInputs = () => [
    ...document.querySelectorAll('input[name="authors"]'),
    ...document.querySelectorAll('select[name="authors"] option'),
  ];
  const chosen = () =>
    authorInputs()
      .filter((input) => input.checked || input.selected)
      .map((input) => input.value)
      .sort()
      .join(",");
  let previous = defaults[pair.value] || null;

  pair.addEventListener("change", () => {
    const next = defaults[pair.value] || null;
    if (form && (!form.value || (previous && form.value === String(previous.form)))) {
      form.value = next ? String(next.form) : "";
    }
    const before = previous ? previous.authors.map(String).sort().join(",") : "";
    if (chosen() === "" || chosen() === before) {
      const wanted = new Set(next ? next.authors.map(String) : []);
      authorInputs().forEach((input) => {
        if ("checked" in input && input.type === "checkbox") {
          input.checked = wanted.has(input.value);
        } else {
          input.selected = wanted.has(input.value);
        }
      });
    }
    previous = next;
  });
})();
