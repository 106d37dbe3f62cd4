/*! ConsentKit client. An enhancement: every choice also works as a plain form post. No dependencies, no eval. */
(function () {
"use strict";
var d = document, w = window;
var me = d.currentScript;
var endpoint = me && me.getAttribute("data-ck-choices");
var state = {};
var listeners = [];
var queue = Promise.resolve();
try { state = JSON.parse(me.getAttribute("data-ck-state")) || {}; } catch (e) { state = {}; }
function allowed(id) { return state[id] === "allowed" || state[id] === "exempt"; }
var integrity = ((me && me.getAttribute("data-ck-integrity")) || "").split(" ").filter(Boolean);
function digest(node, id) {
var parts = [id];
if (node.tagName === "SCRIPT") {
var src = node.getAttribute("data-ck-src") || "";
parts.push(src, node.getAttribute("data-ck-type") || "", src ? "" : node.text);
} else {
node.content.querySelectorAll("script").forEach(function (s) {
var inner = s.getAttribute("src") || "";
parts.push(inner, inner ? "" : s.text);
});
}
if (!w.crypto || !w.crypto.subtle) return Promise.resolve("");
return w.crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\n"))).then(function (buffer) {
return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer)));
});
}
function emittedByServer(node, id) {
return digest(node, id).then(function (value) {
var at = value ? integrity.indexOf(value) : -1;
if (at < 0) return false;
integrity.splice(at, 1);
return true;
}, function () { return false; });
}
function activate() {
d.querySelectorAll("script[data-ck-module],template[data-ck-module]").forEach(function (node) {
var id = node.getAttribute("data-ck-module");
if (!allowed(id)) return;
node.removeAttribute("data-ck-module");
queue = queue.then(function () { return emittedByServer(node, id); }).then(function (genuine) {
if (!genuine || !node.parentNode) return;
d.querySelectorAll('[data-ck-placeholder="' + id + '"]').forEach(function (p) { p.remove(); });
return node.tagName === "SCRIPT" ? swap(node, fresh(node, true)) : open(node);
});
});
}
var held = ["async", "defer", "nomodule", "crossorigin", "integrity", "referrerpolicy", "fetchpriority", "blocking"];
function fresh(old, inert) {
var s = d.createElement("script");
Array.prototype.forEach.call(old.attributes, function (a) {
if (!inert || (a.name !== "type" && a.name.indexOf("data-ck-") !== 0)) s.setAttribute(a.name, a.value);
});
if (inert) {
if (old.getAttribute("data-ck-type")) s.setAttribute("type", old.getAttribute("data-ck-type"));
held.forEach(function (name) {
if (old.hasAttribute("data-ck-" + name)) s.setAttribute(name, old.getAttribute("data-ck-" + name));
});
}
if (old.nonce) s.nonce = old.nonce;
var src = inert ? old.getAttribute("data-ck-src") : old.getAttribute("src");
if (src) {
s.src = src;
s.async = old.hasAttribute(inert ? "data-ck-async" : "async");
} else {
s.text = old.text;
}
return s;
}
function swap(old, s) {
var wait = s.src && !s.async && new Promise(function (done) {
s.onload = s.onerror = done;
setTimeout(done, 10000);
});
old.parentNode.replaceChild(s, old);
return wait;
}
function open(template) {
var part = template.content.cloneNode(true);
var scripts = part.querySelectorAll("script");
var marker = d.createComment("ck");
template.parentNode.replaceChild(marker, template);
var chain = Promise.resolve();
scripts.forEach(function (old) {
var spot = d.createComment("ck-script");
old.parentNode.replaceChild(spot, old);
chain = chain.then(function () { return swap(spot, fresh(old, false)); });
});
marker.parentNode.replaceChild(part, marker);
return chain;
}
var posting = Promise.resolve();
var channel = w.BroadcastChannel ? new BroadcastChannel("consentkit") : null;
function send(body) {
return fetch(endpoint, {
method: "POST",
credentials: "same-origin",
headers: { "Content-Type": "application/json", "Accept": "application/json" },
body: JSON.stringify(body)
}).then(function (r) {
if (!r.ok) throw new Error("ConsentKit: " + r.status);
return r.json();
});
}
function post(body) {
var run = function () { return send(body); };
var result = posting.then(function () {
return navigator.locks ? navigator.locks.request("consentkit-choice", run) : run();
});
posting = result.catch(function () {});
return result.then(function (r) {
if (channel) channel.postMessage({ modules: r.modules, consentMode: r.consentMode, pending: r.pending });
return r;
});
}
if (channel) channel.onmessage = function (e) {
if (!e.data || !e.data.modules) return;
apply(e.data);
if (!e.data.pending) closeBanner();
};
function apply(result) {
var gone = [];
Object.keys(result.modules).forEach(function (id) {
if (allowed(id) && !(result.modules[id] === "allowed" || result.modules[id] === "exempt")) gone.push(id);
});
state = result.modules;
activate();
if (typeof w.gtag === "function" && result.consentMode) w.gtag("consent", "update", result.consentMode);
if (w.dataLayer && w.dataLayer.push) w.dataLayer.push({ event: "consentkit_change", consentkit: state });
var change = { modules: result.modules, consentMode: result.consentMode, pending: result.pending };
d.dispatchEvent(new CustomEvent("consentkit:change", { detail: change }));
listeners.forEach(function (fn) { fn(change); });
if (gone.length) w.location.reload();
}
d.addEventListener("consentkit:change", function (e) {
var detail = e.detail;
if (!detail || !detail.fromComponent || !detail.modules) return;
apply({ modules: detail.modules, consentMode: detail.consentMode, pending: detail.pending });
if (!detail.pending) closeBanner();
});
function closeBanner() {
var banner = d.getElementById("ck-banner");
if (!banner) return;
var hadFocus = banner.contains(d.activeElement);
banner.remove();
var main = d.querySelector("main");
if (hadFocus && main) {
main.setAttribute("tabindex", "-1");
main.focus();
}
}
d.addEventListener("submit", function (e) {
var form = e.target;
if (!endpoint || !form.hasAttribute("data-ck-form")) return;
e.preventDefault();
var data = new FormData(form);
var button = e.submitter;
var kind = form.getAttribute("data-ck-form");
var module = form.getAttribute("data-ck-module");
var inert = module && d.querySelector('script[data-ck-module="' + module + '"],template[data-ck-module="' + module + '"]');
post({
action: button && button.name === "action" ? button.value : data.get("action"),
modules: data.getAll("module"),
allowed: data.getAll("allow"),
source: data.get("source"),
lang: data.get("lang")
}).then(function (result) {
if (kind !== "accept") closeBanner();
apply(result);
if (kind === "accept" && !inert) w.location.reload();
}, function () {
if (button && button.name) {
var field = d.createElement("input");
field.type = "hidden";
field.name = button.name;
field.value = button.value;
form.appendChild(field);
}
form.removeAttribute("data-ck-form");
form.submit();
});
});
function toggleSettings(show) {
var panel = d.getElementById("ck-settings"), link = d.querySelector("[data-ck-settings]");
if (!panel) return false;
panel.hidden = show === undefined ? !panel.hidden : !show;
if (link) link.setAttribute("aria-expanded", String(!panel.hidden));
if (!panel.hidden) panel.querySelector("input[type=checkbox],button").focus();
return true;
}
var settings = d.querySelector("[data-ck-settings]");
if (settings) {
settings.setAttribute("role", "button");
settings.setAttribute("aria-expanded", "false");
settings.addEventListener("click", function (e) { if (toggleSettings()) e.preventDefault(); });
settings.addEventListener("keydown", function (e) {
if (e.key === " ") { e.preventDefault(); toggleSettings(); }
});
}
if (d.getElementById("ck-banner")) {
((me && me.getAttribute("data-ck-shown")) || "").split(" ").forEach(function (id) { if (id) state[id] = "allowed"; });
}
activate();
if (w.Blazor && w.Blazor.addEventListener) {
w.Blazor.addEventListener("enhancedload", function () {
var tag = Array.prototype.filter.call(d.querySelectorAll("script[data-ck-state]"), function (s) {
return me && s.getAttribute("src") === me.getAttribute("src");
}).pop();
if (tag) {
try { state = JSON.parse(tag.getAttribute("data-ck-state")) || state; } catch (e) { /* keep the state we have */ }
integrity = (tag.getAttribute("data-ck-integrity") || "").split(" ").filter(Boolean);
}
activate();
});
}
w.ConsentKit = {
state: function () { return JSON.parse(JSON.stringify(state)); },
isAllowed: allowed,
openSettings: function () { return toggleSettings(true); },
choose: function (action, modules) {
return post({ action: action, modules: modules, source: "api" }).then(function (result) { apply(result); return result; });
},
onChange: function (fn) { listeners.push(fn); }
};
})();
