// ConsentKit for Interactive WebAssembly and Auto components: records a choice from the browser (same origin), so the
// browser stores the record cookie, and tells the rest of the page.
export async function choose(endpoint, body, token) {
  const headers = { "Content-Type": "application/json", "Accept": "application/json" };
  // Blazor's antiforgery token, when the server rendered one; the endpoint also checks Origin / Sec-Fetch-Site.
  if (token) headers["RequestVerificationToken"] = token;
  const response = await fetch(endpoint, {
    method: "POST",
    credentials: "same-origin",
    headers: headers,
    body: JSON.stringify(body)
  });
  if (!response.ok) throw new Error("ConsentKit: the choice was not recorded (" + response.status + ")");
  const result = await response.json();
  // Static parts of the page (consentkit.js: gated scripts in App.razor, the banner) hear of it too.
  document.dispatchEvent(new CustomEvent("consentkit:change", { detail: Object.assign({ fromComponent: true }, result) }));
  return result.modules;
}

// A choice made anywhere on the page (the static banner through consentkit.js, or another component) reaches this
// scope's components.
export function listen(receiver) {
  const handler = (e) => {
    if (e.detail && e.detail.modules) receiver.invokeMethodAsync("OnChange", e.detail.modules);
  };
  document.addEventListener("consentkit:change", handler);
  return { dispose: () => document.removeEventListener("consentkit:change", handler) };
}
