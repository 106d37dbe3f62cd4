// ConsentKit for interactive Razor components: records a choice from the browser, so the browser stores the cookie.
export async function choose(endpoint, body) {
  const response = await fetch(endpoint, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "Accept": "application/json" },
    body: JSON.stringify(body)
  });
  if (!response.ok) throw new Error("ConsentKit: " + response.status);
  const result = await response.json();
  // Static parts of the page (consentkit.js) hear of it too.
  document.dispatchEvent(new CustomEvent("consentkit:change", { detail: result }));
  return result.modules;
}
