// Resident simulator (development only). Plays a resident's LINE app against this server:
// actions go to POST api/events (which signs a real webhook event and posts it to /webhooks/line),
// answers come from GET api/messages (what the LINE stand-in delivered to this resident).
// No framework and no build step; the page's CSP allows only scripts and styles from this origin.
'use strict';

(() => {
  const STORE_KEY = 'yorisoi.simulator.v1';
  const POLL_MS = 700;

  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /** @type {{ serviceName: string, richMenu: { label: string, data: string }[] }} */
  let settings = { serviceName: 'よりそいチャット', richMenu: [] };
  /** The buttons of the menu LINE shows the current resident (their language's once linked), from the stand-in; null: the profile's Japanese ones. */
  let shownMenu = null;
  let state = load();
  let renderedUserId = null;
  let renderedCount = 0;

  // ---------------------------------------------------------------------------------------------
  // Stored state: pretend residents and their conversations, kept in localStorage.

  function load() {
    try {
      const stored = JSON.parse(localStorage.getItem(STORE_KEY) || 'null');
      if (stored && Array.isArray(stored.residents)) return stored;
    } catch {
      // A broken entry is replaced below.
    }
    return { currentId: null, residents: [] };
  }

  function save() {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch {
      showError('ブラウザに保存できませんでした（localStorage がいっぱいかもしれません）。');
    }
  }

  function current() {
    return state.residents.find((r) => r.userId === state.currentId) || null;
  }

  function newUserId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'U' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function createResident() {
    const number = state.residents.reduce((max, r) => Math.max(max, r.number || 0), 0) + 1;
    const resident = { userId: newUserId(), number, name: `住民 ${number}`, friend: 'none', log: [], lastSeq: -1, startedAt: null };
    state.residents.push(resident);
    state.currentId = resident.userId;
    save();
    renderAll();
  }

  function append(resident, entry) {
    resident.log.push({ at: Date.now(), ...entry });
    save();
    if (resident.userId === state.currentId) renderLog();
  }

  // ---------------------------------------------------------------------------------------------
  // Talking to the simulator backend.

  let toastTimer;
  function showError(message) {
    const toast = $('toast');
    toast.textContent = message;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), 6000);
  }

  async function getJson(url) {
    const res = await fetch(url, { cache: 'no-store' });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((body.error && body.error.message) || `サーバーが ${res.status} を返しました。`);
    return body;
  }

  /** Sends one LINE event for the current resident; `echo` is what the resident's own screen shows. */
  async function sendEvent(event, echo) {
    const resident = current();
    if (!resident) return;
    if (echo) append(resident, { from: echo.from || 'me', ...echo });
    try {
      const res = await fetch('api/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: resident.userId, event }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error((body.error && body.error.message) || `送信できませんでした（${res.status}）。`);
      if (body.status !== 200) showError(`Webhook が ${body.status} を返しました。サーバーのログを確かめてください。`);
    } catch (err) {
      showError(err instanceof Error ? err.message : String(err));
    }
  }

  /** What LINE would show for one message object the service sent. */
  function describeMessage(message) {
    switch (message.type) {
      case 'text':
      case 'textV2':
        return { kind: 'text', text: message.text };
      case 'sticker':
        return { kind: 'sticker', text: '(＾▽＾)' };
      case 'image':
        return { kind: 'attachment', text: '［画像］' };
      case 'template':
      case 'flex':
        return { kind: 'attachment', text: message.altText || `［${message.type} メッセージ］` };
      default:
        return { kind: 'attachment', text: `［${message.type} メッセージ］` };
    }
  }

  async function poll() {
    const resident = current();
    if (resident) {
      try {
        const body = await getJson(`api/messages?userId=${encodeURIComponent(resident.userId)}&after=${resident.lastSeq}`);
        if (resident.startedAt && body.startedAt !== resident.startedAt) {
          // The stand-in restarted (npm start again): its numbering starts over, so read everything it has.
          resident.startedAt = body.startedAt;
          resident.lastSeq = -1;
          save();
          return schedulePoll(0);
        }
        resident.startedAt = body.startedAt;
        for (const delivery of body.messages) {
          if (delivery.seq <= resident.lastSeq) continue;
          resident.lastSeq = delivery.seq;
          for (const message of delivery.messages) {
            const quickReply = message.quickReply && Array.isArray(message.quickReply.items) ? message.quickReply.items : undefined;
            resident.log.push({ from: 'bot', at: Date.parse(delivery.at) || Date.now(), via: delivery.via, quickReply, ...describeMessage(message) });
          }
        }
        if (body.messages.length > 0) {
          save();
          if (resident.userId === state.currentId) renderLog();
        }
        if (resident.userId === state.currentId) showMenu(body.richMenu ? body.richMenu.buttons : null);
        if ($('toast').dataset.offline === 'true') hideOffline();
      } catch (err) {
        showOffline(err instanceof Error ? err.message : String(err));
      }
    }
    schedulePoll(POLL_MS);
  }

  function schedulePoll(ms) {
    setTimeout(() => void poll(), ms);
  }

  function showOffline(message) {
    $('toast').dataset.offline = 'true';
    showError(`答えを読み込めません: ${message}`);
  }

  function hideOffline() {
    $('toast').dataset.offline = 'false';
    $('toast').hidden = true;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering.

  const timeOf = (ms) => new Date(ms).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });

  function entryNode(entry) {
    if (entry.from === 'system') {
      const node = el('div', 'system');
      node.append(el('span', '', entry.text));
      return node;
    }
    const node = el('div', `msg ${entry.from === 'bot' ? 'bot' : 'me'}`);
    const bubble = el('div', `bubble ${entry.kind === 'text' ? '' : entry.kind}`.trim(), entry.text);
    const meta = el('div', 'meta', timeOf(entry.at));
    const row = el('div', 'bubble-row');
    row.append(bubble, meta);
    if (entry.from === 'bot') {
      const body = el('div', 'bot-body');
      body.append(el('div', 'bot-name', settings.serviceName), row);
      node.append(el('div', 'avatar', (settings.serviceName || 'よ').trim().slice(0, 1)), body);
    } else {
      node.append(row);
    }
    return node;
  }

  function renderLog() {
    const log = $('chat-log');
    const resident = current();
    if (!resident || resident.userId !== renderedUserId || resident.log.length < renderedCount) {
      log.replaceChildren();
      renderedUserId = resident ? resident.userId : null;
      renderedCount = 0;
    }
    log.querySelector('.empty')?.remove();
    if (!resident) {
      log.append(el('p', 'empty', '左の「新しい住民を作る」で、なりすます住民を作ってください。'));
    } else if (resident.log.length === 0) {
      log.append(el('p', 'empty', '「友だち追加」を押すと会話が始まります。'));
    } else {
      for (const entry of resident.log.slice(renderedCount)) log.append(entryNode(entry));
      renderedCount = resident.log.length;
      log.scrollTop = log.scrollHeight;
    }
    renderQuickReplies();
  }

  /** LINE shows quick replies only while the message that carries them is the last one in the chat. */
  function renderQuickReplies() {
    const box = $('quick-replies');
    box.replaceChildren();
    const resident = current();
    const last = resident && resident.log[resident.log.length - 1];
    const items = last && last.from === 'bot' && resident.friend === 'friend' ? last.quickReply : undefined;
    box.hidden = !items || items.length === 0;
    if (box.hidden) return;
    for (const item of items) {
      const action = item.action || {};
      const button = el('button', '', action.label || '');
      button.type = 'button';
      if (action.type === 'postback') {
        button.addEventListener('click', () => sendEvent({ type: 'postback', data: action.data }, action.displayText ? { kind: 'text', text: action.displayText } : { from: 'system', text: `（${action.label} を選びました）` }));
      } else if (action.type === 'message') {
        button.addEventListener('click', () => sendEvent({ type: 'text', text: action.text }, { kind: 'text', text: action.text }));
      } else {
        button.disabled = true;
        button.title = 'シミュレーターでは使えない種類のボタンです';
      }
      box.append(button);
    }
  }

  function renderControls() {
    const select = $('resident-select');
    select.replaceChildren();
    if (state.residents.length === 0) select.append(el('option', '', '（まだいません）'));
    for (const r of state.residents) {
      const option = el('option', '', `${r.name}（${r.userId.slice(0, 9)}…）`);
      option.value = r.userId;
      option.selected = r.userId === state.currentId;
      select.append(option);
    }
    select.disabled = state.residents.length === 0;

    const resident = current();
    const friend = resident ? resident.friend : 'none';
    $('resident-id').textContent = resident ? `LINE ユーザー ID: ${resident.userId}` : '';
    $('follow').disabled = !resident || friend === 'friend';
    $('block').disabled = !resident || friend !== 'friend';
    $('friend-status').textContent = !resident
      ? ''
      : friend === 'friend'
        ? '友だちです。話しかけられます。'
        : friend === 'blocked'
          ? 'ブロック中です。友だち追加でブロックを解除します。'
          : 'まだ友だちではありません。';

    const canTalk = friend === 'friend';
    const message = $('message');
    message.disabled = !canTalk;
    message.placeholder = canTalk ? 'メッセージを入力' : '友だち追加すると送信できます';
    for (const id of ['send', 'sticker', 'image', 'location']) $(id).disabled = !canTalk;
    for (const button of $('rich-menu').querySelectorAll('button')) button.disabled = !canTalk;
  }

  /** Redraws the menu strip when the menu LINE shows the resident has changed (e.g. after a language change). */
  function showMenu(buttons) {
    if (JSON.stringify(buttons) === JSON.stringify(shownMenu)) return;
    shownMenu = buttons;
    renderRichMenu();
    renderControls();
  }

  function renderRichMenu() {
    const menu = $('rich-menu');
    menu.replaceChildren();
    for (const item of shownMenu || settings.richMenu) {
      const button = el('button', '', item.label);
      button.type = 'button';
      button.addEventListener('click', () => sendEvent({ type: 'postback', data: item.data }, { kind: 'text', text: item.label }));
      menu.append(button);
    }
  }

  function renderAll() {
    $('service-name').textContent = settings.serviceName;
    renderControls();
    renderLog();
  }

  // ---------------------------------------------------------------------------------------------
  // Wiring.

  function setFriend(friend, notice) {
    const resident = current();
    if (!resident) return;
    resident.friend = friend;
    append(resident, { from: 'system', kind: 'system', text: notice });
    renderControls();
  }

  function sendTyped() {
    const box = $('message');
    const text = box.value;
    if (!text.trim() || box.disabled) return;
    box.value = '';
    autoGrow();
    void sendEvent({ type: 'text', text }, { kind: 'text', text });
  }

  function autoGrow() {
    const box = $('message');
    box.style.height = 'auto';
    if (!box.value) return; // an empty box keeps one line (its scrollHeight would count the placeholder)
    box.style.height = `${Math.min(box.scrollHeight + 2, 120)}px`;
  }

  function wire() {
    $('new-resident').addEventListener('click', createResident);
    $('resident-select').addEventListener('change', (e) => {
      state.currentId = e.target.value;
      save();
      renderAll();
      schedulePoll(0);
    });
    $('follow').addEventListener('click', () => {
      const wasBlocked = current() && current().friend === 'blocked';
      setFriend('friend', wasBlocked ? 'ブロックを解除しました' : '友だち追加しました');
      void sendEvent({ type: 'follow' });
    });
    $('block').addEventListener('click', () => {
      setFriend('blocked', 'ブロックしました');
      void sendEvent({ type: 'unfollow' });
    });
    $('sticker').addEventListener('click', () => sendEvent({ type: 'sticker' }, { kind: 'sticker', text: '(＾▽＾)' }));
    $('image').addEventListener('click', () => sendEvent({ type: 'image' }, { kind: 'attachment', text: '［画像］' }));
    $('location').addEventListener('click', () => sendEvent({ type: 'location' }, { kind: 'attachment', text: '［位置情報］市役所' }));
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      sendTyped();
    });
    $('message').addEventListener('keydown', (e) => {
      // Enter sends; Shift+Enter is a new line; Enter that confirms a Japanese IME conversion does neither.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        sendTyped();
      }
    });
    $('message').addEventListener('input', autoGrow);
  }

  async function start() {
    wire();
    renderAll();
    try {
      settings = await getJson('api/settings');
      document.title = `住民シミュレーター – ${settings.serviceName}`;
    } catch (err) {
      showError(`シミュレーターの設定を読み込めませんでした: ${err instanceof Error ? err.message : String(err)}`);
    }
    renderRichMenu();
    renderAll();
    void poll();
  }

  void start();
})();
