/*
 * Chat window of the assistant médical career bot. Embed on any page with:
 *   <script src="https://BOT-HOST/webhooks/webchat/widget.js" defer></script>
 * No dependency. Every text (visitor's or bot's) is inserted with textContent, never as HTML.
 * The conversation (sender id and messages) is kept in this browser's localStorage only.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = new URL(".", script.src).href; // .../webhooks/webchat/
  var maxLength = parseInt(script.getAttribute("data-max-length"), 10) || 500;
  var KEY = "amchat:" + base;
  var HISTORY_LIMIT = 200;
  var LINK = /(https?:\/\/[^\s<>"')]+)/g;

  var state = load();

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages)) return saved;
    } catch (e) {
      /* unreadable: start over */
    }
    return { sender: newSender(), messages: [], open: false };
  }

  function save() {
    state.messages = state.messages.slice(-HISTORY_LIMIT);
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* private mode or full: the chat still works for this page */
    }
  }

  function newSender() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- DOM
  var css = el("link", { rel: "stylesheet", href: base + "widget.css" });
  if (!document.querySelector('link[href="' + base + 'widget.css"]')) document.head.appendChild(css);

  var root = el("div", { class: "amchat" });
  var launcher = el("button", { type: "button", class: "amchat-launcher", "aria-expanded": "false", "aria-controls": "amchat-panel" }, "Une question sur le métier ?");
  var panel = el("section", { id: "amchat-panel", class: "amchat-panel", role: "dialog", "aria-labelledby": "amchat-title" });
  panel.hidden = true;
  var header = el("div", { class: "amchat-header" });
  var title = el("h2", { id: "amchat-title" }, "Assistant métier · assistant médical");
  var restart = el("button", { type: "button", class: "amchat-restart" }, "Recommencer");
  var close = el("button", { type: "button", class: "amchat-close", "aria-label": "Fermer la fenêtre de discussion" }, "×");
  header.append(title, restart, close);
  var log = el("div", { class: "amchat-log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
  var typing = el("p", { class: "amchat-typing", role: "status" });
  var form = el("form", { class: "amchat-form" });
  var label = el("label", { for: "amchat-input", class: "amchat-sr" }, "Votre message");
  var input = el("textarea", { id: "amchat-input", rows: "2", placeholder: "Écrivez votre question…", "aria-describedby": "amchat-hint amchat-error" });
  var hint = el("p", { id: "amchat-hint", class: "amchat-hint" }, "Entrée pour envoyer, Maj+Entrée pour aller à la ligne. " + maxLength + " caractères au maximum.");
  var error = el("p", { id: "amchat-error", class: "amchat-error", role: "alert" });
  var send = el("button", { type: "submit", class: "amchat-send" }, "Envoyer");
  form.append(label, input, send, hint, error);
  panel.append(header, log, typing, form);
  root.append(launcher, panel);

  // ---- rendering (text only)
  function appendText(container, text) {
    // "27 000 €" stays on one line: narrow no-break space between digit groups and before units.
    text = text.replace(/(\d) (?=\d{3}\b)/g, "$1\u202f").replace(/(\d) (?=[€%h])/g, "$1\u00a0");
    text.split(LINK).forEach(function (part, index) {
      if (index % 2 === 1) {
        var a = el("a", { href: part, target: "_blank", rel: "noopener noreferrer" }, part);
        container.appendChild(a);
      } else if (part) {
        container.appendChild(document.createTextNode(part));
      }
    });
  }

  function renderBody(text) {
    var body = el("div", { class: "amchat-text" });
    var list = null;
    text.split("\n").forEach(function (line) {
      var item = /^\s*[-•]\s+(.*)$/.exec(line);
      if (item) {
        if (!list) list = body.appendChild(el("ul"));
        var li = list.appendChild(el("li"));
        appendText(li, item[1]);
      } else {
        list = null;
        if (line.trim()) appendText(body.appendChild(el("p")), line);
      }
    });
    return body;
  }

  function render(message) {
    var who = message.from === "user" ? "Vous" : "Assistant";
    var bubble = el("div", { class: "amchat-message amchat-" + message.from });
    bubble.appendChild(el("span", { class: "amchat-sr" }, who + " : "));
    bubble.appendChild(renderBody(message.text || ""));
    if (message.buttons && message.buttons.length) {
      var group = el("div", { class: "amchat-buttons", role: "group", "aria-label": "Suggestions" });
      message.buttons.forEach(function (button) {
        var b = el("button", { type: "button", class: "amchat-choice" }, button.title);
        b.addEventListener("click", function () { post(button.payload, button.title); });
        group.appendChild(b);
      });
      bubble.appendChild(group);
    }
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
  }

  function add(message) {
    state.messages.push(message);
    save();
    render(message);
  }

  function showError(text) {
    error.textContent = text || "";
  }

  // ---- talking to the bot
  function request(path, options) {
    return fetch(base + path, options).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) throw new Error((body && body.error) || "");
        return body;
      });
    });
  }

  var busy = false;
  function post(payload, shown) {
    if (busy) return;
    var text = (payload || "").trim();
    if (!text) return showError("Votre message est vide : écrivez votre question, s'il vous plaît.");
    if (text.length > maxLength) {
      return showError("Votre message est trop long (" + text.length + " caractères) : " + maxLength + " caractères au maximum, merci de le raccourcir.");
    }
    showError("");
    add({ from: "user", text: shown || text });
    busy = true;
    send.disabled = true;
    typing.textContent = "L'assistant écrit…";
    request("webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message: text }),
    })
      .then(function (messages) {
        (messages || []).forEach(function (m) {
          if (m.forget) forgetHere();
          add({ from: "bot", text: m.text, buttons: m.buttons });
        });
      })
      .catch(function (e) {
        add({ from: "bot", text: e.message || "Désolé, le service ne répond pas pour le moment. Réessayez dans un instant." });
      })
      .then(function () {
        busy = false;
        send.disabled = false;
        typing.textContent = "";
      });
  }

  // The server deleted the conversation: delete this browser's copy and start a new one.
  function forgetHere() {
    state = { sender: newSender(), messages: [], open: true };
    save();
    log.textContent = "";
  }

  function welcome() {
    request("welcome")
      .then(function (m) { add({ from: "bot", text: m.text, buttons: m.buttons }); })
      .catch(function () {
        add({ from: "bot", text: "Bonjour, je suis un assistant automatisé. Posez votre question sur le métier d'assistant médical." });
      });
  }

  function setOpen(open) {
    state.open = open;
    save();
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.hidden = open;
    if (open) {
      if (!state.messages.length) welcome();
      input.focus();
      log.scrollTop = log.scrollHeight;
    } else {
      launcher.focus();
    }
  }

  launcher.addEventListener("click", function () { setOpen(true); });
  close.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") setOpen(false);
  });
  restart.addEventListener("click", function () {
    forgetHere();
    showError("");
    welcome();
    input.focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (text.trim().length > maxLength || !text.trim()) return post(text);
    input.value = "";
    post(text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function mount() {
    document.body.appendChild(root);
    state.messages.forEach(render);
    if (state.open) setOpen(true);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
