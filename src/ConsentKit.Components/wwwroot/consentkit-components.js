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
  // Static parts of the page hear of it too: consentkit.js activates gated tags and updates ConsentKit.isAllowed.
  document.dispatchEvent(new CustomEvent("consentkit:change", { detail: Object.assign({ fromComponent: true }, result) }));
  return result.modules;
}

// A choice made anywhere on the page (the static banner through consentkit.js, or another component) reaches the
// interactive components of this circuit.
export function listen(receiver) {
  const handler = (e) => {
    if (e.detail && e.detail.modules) receiver.invokeMethodAsync("OnChange", e.detail.modules);
  };
  document.addEventListener("consentkit:change", handler);
  return { dispose: () => document.removeEventListener("consentkit:change", handler) };
}
