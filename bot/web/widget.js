/*
 * Chat window of the assistant médical career bot. Embed on any page with:
 *   <script src="https://BOT-HOST/webhooks/webchat/widget.js" defer></script>
 * No dependency. Every text (visitor's or bot's) is inserted with textContent, never as HTML.
 * The conversation (sender id, messages, votes) is kept in this browser's localStorage only,
 * and dropped after the retention period the server announces (RETENTION_DAYS).
 * Bot texts arrive typeset (French no-break spaces, bot/typography.py); the few texts written
 * here carry them too.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = new URL(".", script.src).href; // .../webhooks/webchat/
  var maxLength = parseInt(script.getAttribute("data-max-length"), 10) || 1000;
  var KEY = "amchat:" + base;
  var HISTORY_LIMIT = 200;
  var DAY_MS = 86400000;
  var LINK = /(https?:\/\/[^\s<>"')]+)/g;
  var DELETE_PAYLOAD = "/delete_my_data";
  var SVG = "http://www.w3.org/2000/svg";
  // Material icons (Apache 2.0): thumb up (turned for thumb down), refresh.
  var THUMB = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
  var REFRESH = "M17.65 6.35A7.958 7.958 0 0 0 12 4c-4.42 0-7.99 3.58-7.99 8s3.57 8 7.99 8c3.73 0 6.84-2.55 7.73-6h-2.08A5.99 5.99 0 0 1 12 18c-3.31 0-6-2.69-6-6s2.69-6 6-6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z";
  var TEXT = {
    launcher: "Une question sur le métier\u202f?",
    welcome: "Bonjour, je suis un assistant automatisé. Posez votre question sur le métier d'assistant médical.",
    empty: "Votre message est vide\u00a0: écrivez votre question, s'il vous plaît.",
    network: "Impossible de joindre l'assistant pour le moment. Vérifiez votre connexion, puis réessayez.",
    server: "L'assistant ne répond pas pour le moment. Réessayez dans un instant.",
    typing: "L'assistant écrit…",
    forgotten: "C'est fait\u00a0: vos données sont effacées.",
  };

  var coarse = window.matchMedia("(pointer: coarse)");
  var phone = window.matchMedia("(max-width: 480px)");
  var state = load();

  function fresh() {
    return { sender: newSender(), messages: [], open: false, unread: 0, last: 0, retentionDays: 0 };
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages)) {
        // Kept no longer than on the server: after the retention period the copy here goes too.
        var days = saved.retentionDays || 0;
        if (!days || !saved.last || Date.now() - saved.last < days * DAY_MS) return saved;
      }
    } catch (e) {
      /* unreadable: start over */
    }
    return fresh();
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

  function icon(path, className) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "amchat-icon " + (className || ""));
    var shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", path);
    svg.appendChild(shape);
    return svg;
  }

  // ---- DOM
  if (!document.querySelector('link[href="' + base + 'widget.css"]')) {
    document.head.appendChild(el("link", { rel: "stylesheet", href: base + "widget.css" }));
  }

  var root = el("div", { class: "amchat" });
  var launcher = el("button", { type: "button", class: "amchat-launcher", "aria-expanded": "false", "aria-controls": "amchat-panel" });
  var badge = el("span", { class: "amchat-badge" });
  launcher.append(el("span", {}, TEXT.launcher), badge);
  var panel = el("section", { id: "amchat-panel", class: "amchat-panel", role: "dialog", "aria-labelledby": "amchat-title", "aria-describedby": "amchat-label" });
  panel.hidden = true;
  var header = el("div", { class: "amchat-header" });
  var titles = el("div", { class: "amchat-titles" });
  // The disclosure stays in view whatever the log shows (AI Act art. 50, CNIL's chatbot guidance).
  titles.append(el("h2", { id: "amchat-title" }, "Assistant métier"), el("p", { id: "amchat-label", class: "amchat-label" }, "Assistant automatisé, sans avis médical"));
  var restart = el("button", { type: "button", class: "amchat-restart", "aria-label": "Recommencer", title: "Recommencer la conversation" });
  restart.append(icon(REFRESH), el("span", { class: "amchat-wide" }, "Recommencer"));
  var close = el("button", { type: "button", class: "amchat-close", "aria-label": "Fermer la fenêtre de discussion" }, "×");
  header.append(titles, restart, close);
  var body = el("div", { class: "amchat-body" });
  var log = el("div", { class: "amchat-log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
  var below = el("button", { type: "button", class: "amchat-below" }, "Nouveau message en dessous ↓");
  below.hidden = true;
  body.append(log, below);
  var typing = el("p", { class: "amchat-typing", role: "status" });
  var form = el("form", { class: "amchat-form" });
  var label = el("label", { for: "amchat-input", class: "amchat-sr" }, "Votre message");
  var input = el("textarea", { id: "amchat-input", rows: "2", placeholder: "Écrivez votre question…", "aria-describedby": "amchat-hint amchat-error" });
  var hint = el("p", { id: "amchat-hint", class: "amchat-hint" });
  hint.append(el("span", { class: "amchat-keys" }, "Entrée pour envoyer, Maj+Entrée pour aller à la ligne. "), document.createTextNode(maxLength + " caractères au maximum."));
  var error = el("p", { id: "amchat-error", class: "amchat-error", role: "alert" });
  var send = el("button", { type: "submit", class: "amchat-send" }, "Envoyer");
  form.append(label, input, send, hint, error);
  var privacy = el("p", { class: "amchat-privacy" });
  var privacyText = el("span", {});
  var erase = el("button", { type: "button", class: "amchat-erase" }, "Effacer mes données");
  privacy.append(privacyText, " ", erase);
  panel.append(header, body, typing, form, privacy);
  root.append(launcher, panel);

  function showPrivacy() {
    var days = state.retentionDays;
    privacyText.textContent =
      "Votre conversation et vos avis sont gardés " +
      (days ? days + "\u00a0jours après votre dernier message" : "pour une durée limitée") +
      ", dans ce navigateur et sur nos serveurs.";
  }

  // ---- rendering (text only)
  function appendText(container, text) {
    text.split(LINK).forEach(function (part, index) {
      if (index % 2 === 1) {
        container.appendChild(el("a", { href: part, target: "_blank", rel: "noopener noreferrer" }, part));
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
        appendText(list.appendChild(el("li")), item[1]);
      } else {
        list = null;
        if (line.trim()) appendText(body.appendChild(el("p")), line);
      }
    });
    return body;
  }

  // The rating the server sets apart (bot/webchat.py): two icons on the answer, one vote.
  function renderRating(message, bubble) {
    var group = el("div", { class: "amchat-rating", role: "group", "aria-label": "Votre avis sur cette réponse" });
    var note = el("p", { class: "amchat-note", role: "status" }, message.note || "");
    var choices = message.rating.map(function (choice, index) {
      var b = el("button", { type: "button", class: "amchat-vote", "aria-label": choice.title, title: choice.title, "aria-pressed": String(message.vote === choice.payload) });
      b.appendChild(icon(THUMB, index ? "amchat-down" : ""));
      b.disabled = !!message.vote;
      b.addEventListener("click", function (event) {
        if (message.vote) return;
        message.vote = choice.payload;
        save();
        choices.forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === b));
          other.disabled = true;
        });
        refocus(event);
        enqueue({
          quiet: true,
          body: function () { return { sender: state.sender, message: choice.payload, rated: message.question || "" }; },
          // Only the thanks, as a note on the answer: a pending question is already on screen.
          done: function (replies) {
            message.note = (replies[0] && replies[0].text) || "";
            note.textContent = message.note;
            save();
          },
        });
      });
      group.appendChild(b);
      return b;
    });
    group.appendChild(note);
    bubble.appendChild(group);
  }

  function render(message) {
    var bubble = el("div", { class: "amchat-message amchat-" + message.from });
    bubble.appendChild(el("span", { class: "amchat-sr" }, (message.from === "user" ? "Vous" : "Assistant") + "\u00a0: "));
    bubble.appendChild(renderBody(message.text || ""));
    if (message.buttons && message.buttons.length) {
      var group = el("div", { class: "amchat-buttons", role: "group", "aria-label": "Suggestions" });
      message.buttons.forEach(function (button) {
        var b = el("button", { type: "button", class: "amchat-choice" }, button.title);
        b.disabled = busy;
        b.addEventListener("click", function (event) {
          post(button.payload, button.title);
          refocus(event);
        });
        group.appendChild(b);
      });
      bubble.appendChild(group);
    }
    if (message.rating && message.rating.length) renderRating(message, bubble);
    log.appendChild(bubble);
    return bubble;
  }

  var lastQuestion = "";
  var unseen = null; // the reply that came while the window was closed
  // Saves and shows a message; `standIn` is the unsaved welcome shown while the real one could
  // not be fetched: the real one takes its place, first, before what the visitor typed meanwhile.
  function add(message, standIn) {
    if (message.from === "user") lastQuestion = message.text;
    else if (message.rating) message.question = lastQuestion;
    if (standIn) state.messages.unshift(message);
    else state.messages.push(message);
    state.last = Date.now();
    save();
    var bubble = render(message);
    if (standIn) standIn.replaceWith(bubble);
    if (notice) log.appendChild(notice); // an error stays last, next to its « Réessayer »
    return bubble;
  }

  function showError(text) {
    error.textContent = text || "";
  }

  // After a button is used from the keyboard, typing goes on in the box; on a touch screen a
  // tap does not open the keyboard uninvited.
  function refocus(event) {
    if (event.detail === 0 || !coarse.matches) input.focus({ preventScroll: true });
  }

  // ---- scrolling: a new answer is read from its start, like a page, not from its end
  function atBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 8;
  }

  function toBottom() {
    log.scrollTop = log.scrollHeight;
    below.hidden = true;
  }

  function reveal(question, answer) {
    var room = log.clientHeight;
    var top = (question || answer).offsetTop - 8;
    // A question longer than half the log would push the answer out: start nearer the answer.
    if (answer.offsetTop - top > room / 2) top = answer.offsetTop - Math.round(room / 4);
    log.scrollTop = Math.min(top, log.scrollHeight - room);
    below.hidden = atBottom();
  }

  log.addEventListener("scroll", function () {
    if (atBottom()) below.hidden = true;
  });
  below.addEventListener("click", function (event) {
    toBottom();
    refocus(event);
  });

  // ---- unread badge, when a reply arrives while the window is closed
  function showBadge() {
    badge.textContent = "";
    if (state.unread) {
      badge.append(el("span", { "aria-hidden": "true" }, String(state.unread)), el("span", { class: "amchat-sr" }, ", " + state.unread + (state.unread > 1 ? " nouveaux messages" : " nouveau message")));
    }
  }

  // ---- talking to the bot: one request at a time, in order; nothing typed is lost
  var queue = [];
  var busy = false;
  var running = false;
  var failed = false;
  var notice = null;

  function request(path, options) {
    return fetch(base + path, options).then(
      function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (response.ok) return body;
          var failure = new Error((body && body.error) || TEXT.server);
          // A refused request (too long, malformed) would be refused again; a 429 or 5xx may pass later.
          failure.final = response.status >= 400 && response.status < 500 && response.status !== 429;
          throw failure;
        });
      },
      function () {
        // The browser says "Failed to fetch" (network down, or another site not allowed by CORS).
        if (new URL(base).origin !== location.origin) {
          console.warn(
            "[amchat] The chat server " + base + " could not be reached from " + location.origin +
            ". If it is running, allow this site's origin on the bot's server: WEBCHAT_ALLOWED_ORIGINS=" +
            location.origin + " (space or comma separated), then restart it."
          );
        }
        throw new Error(TEXT.network);
      }
    );
  }

  function setBusy(value, quiet) {
    busy = value;
    typing.textContent = value && !quiet ? TEXT.typing : "";
    log.querySelectorAll(".amchat-choice").forEach(function (b) { b.disabled = value; });
  }

  function enqueue(job) {
    queue.push(job);
    pump();
  }

  // Sends the first job of the queue; on a failure the queue waits for « Réessayer ».
  function pump() {
    if (running || failed) return;
    if (!queue.length) return setBusy(false);
    var job = queue[0];
    running = true;
    setBusy(true, job.quiet);
    var sent = job.run ? job.run() : request("webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(job.body()),
    });
    sent
      .then(function (result) {
        if (queue[0] !== job) return; // "Recommencer" was pressed meanwhile: a stale reply
        queue.shift();
        job.done(result || []);
      }, function (failure) {
        if (queue[0] !== job) return;
        if (failure.final) queue.shift();
        else failed = true;
        showNotice(failure.message, !failure.final);
      })
      .then(next, function (bug) {
        next(); // the queue goes on; the error still reaches the console
        throw bug;
      });

    function next() {
      running = false;
      if (failed) setBusy(false);
      else pump();
    }
  }

  // Errors are shown in the log but never saved in the history.
  function showNotice(text, retry) {
    clearNotice();
    notice = el("div", { class: "amchat-notice", role: "alert" });
    notice.appendChild(el("p", {}, text));
    if (retry) {
      var again = el("button", { type: "button", class: "amchat-retry" }, "Réessayer");
      again.addEventListener("click", function (event) {
        clearNotice();
        failed = false;
        pump();
        refocus(event);
      });
      notice.appendChild(again);
    }
    log.appendChild(notice);
    toBottom();
  }

  function clearNotice() {
    if (notice) notice.remove();
    notice = null;
  }

  function post(payload, shown) {
    var text = (payload || "").trim();
    if (!text) return showError(TEXT.empty);
    if (text.length > maxLength) {
      return showError("Votre message est trop long (" + text.length + " caractères)\u00a0: " + maxLength + " caractères au maximum, merci de le raccourcir.");
    }
    showError("");
    var question = add({ from: "user", text: shown || text });
    toBottom();
    enqueue({
      body: function () { return { sender: state.sender, message: text }; },
      done: function (replies) { answer(replies, question); },
    });
  }

  function answer(replies, question) {
    var first = null;
    var forgot = false;
    replies.forEach(function (m) {
      if (m.forget) {
        forgetHere();
        forgot = true;
        first = first || render({ from: "bot", text: TEXT.forgotten }); // shown, not kept
        return;
      }
      var bubble = add({ from: "bot", text: m.text, buttons: m.buttons, rating: m.rating });
      first = first || bubble;
    });
    if (forgot) welcome();
    if (!first) return;
    if (panel.hidden) {
      unseen = { question: forgot ? null : question, first: first };
      state.unread = (state.unread || 0) + replies.length;
      save();
      showBadge();
    } else {
      reveal(forgot ? null : question, first);
    }
  }

  // The server deleted the conversation, or the visitor starts over: a new one, with the welcome.
  function forgetHere() {
    var keep = { open: state.open, retentionDays: state.retentionDays };
    state = fresh();
    state.open = keep.open;
    state.retentionDays = keep.retentionDays;
    save();
    log.textContent = "";
    notice = null;
    lastQuestion = "";
  }

  function welcome() {
    var fallback = null;
    enqueue({
      run: function () {
        return request("welcome").catch(function (failure) {
          // The disclosure is shown even so, but not kept: the real welcome comes on retry.
          if (!fallback) fallback = render({ from: "bot", text: TEXT.welcome });
          throw failure;
        });
      },
      done: function (m) {
        if (m.retention_days) {
          state.retentionDays = m.retention_days;
          showPrivacy();
        }
        add({ from: "bot", text: m.text, buttons: m.buttons }, fallback);
      },
    });
  }

  function setOpen(open, quiet) {
    state.open = open;
    if (open) state.unread = 0;
    save();
    showBadge();
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.hidden = open;
    if (open) {
      if (!state.messages.length && !queue.length) welcome();
      input.focus({ preventScroll: true }); // a short window shows its header first
      if (unseen) reveal(unseen.question, unseen.first);
      else toBottom();
      unseen = null;
    } else if (!quiet) {
      launcher.focus();
    }
  }

  launcher.addEventListener("click", function () { setOpen(true); });
  close.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") setOpen(false);
  });
  restart.addEventListener("click", function (event) {
    queue = [];
    failed = false; // a request still on its way is ignored when it returns (see pump)
    setBusy(false);
    forgetHere();
    showError("");
    welcome();
    refocus(event);
  });
  // Same request as typing « supprimez mes données »: the server deletes the conversation and
  // the votes, its reply says so (forget), and the window starts again with the welcome.
  erase.addEventListener("click", function (event) {
    showError("");
    enqueue({
      body: function () { return { sender: state.sender, message: DELETE_PAYLOAD }; },
      done: function (replies) { answer(replies, null); },
    });
    refocus(event);
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

  // On a phone the open window covers the page: a new page starts with it closed (a reload
  // keeps it as it was); on a larger screen it stays as the visitor left it.
  function reloaded() {
    var navigation = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    return !!navigation && navigation.type === "reload";
  }

  function mount() {
    document.body.appendChild(root);
    showPrivacy();
    showBadge();
    state.messages.forEach(function (message) {
      if (message.from === "user") lastQuestion = message.text;
      render(message);
    });
    if (state.open && (!phone.matches || reloaded())) setOpen(true);
    else if (state.open) setOpen(false, true);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
