// The web POS page: renders from the JSON API, updates live from /api/events (no reloads).
import { api } from './api.js';
import { renderCart, renderLayout, renderReceipt, renderSearchResults, renderStatus, setButtonLabel, showMessage } from './render.js';

const $ = (id) => document.getElementById(id);
let status = null;
let cart = null;

/** Runs an action; any API error goes to the message bar in the cashier's words. */
async function attempt(action) {
  try {
    showMessage('');
    return await action();
  } catch (error) {
    showMessage(error.message);
    return undefined;
  }
}

async function refreshStatus() {
  status = await api('GET', '/api/status');
  renderStatus(status);
}

async function refreshLayout() {
  renderLayout(await api('GET', '/api/layout'), pressButton);
}

function showCart(next) {
  cart = next;
  renderCart(cart, (lineNumber, quantity) => attempt(async () => showCart(await api('PUT', `/api/cart/lines/${lineNumber}`, { quantity }))));
}

async function addLine(barcode, quantity = 1) {
  await attempt(async () => {
    showCart(await api('POST', '/api/cart/lines', { barcode, quantity }));
    renderReceipt(null);
  });
}

async function pay(method) {
  await attempt(async () => {
    if (!cart) throw new Error('No transaction is open.');
    const typed = Number($('tender-amount').value);
    const amount = method === 'cash' && typed > 0 ? typed : cart.total;
    const result = await api('POST', '/api/cart/checkout', { tenders: [{ method, amount }] });
    renderReceipt(result);
    showCart(null);
  });
}

/** 917 asks before going offline (the host's dialog is the page's confirm), then toggles. */
async function runConnectionOperation() {
  await attempt(async () => {
    const online = status?.connectionStatus === 'Online';
    if (online && !window.confirm('This device will disconnect from the Commerce Scale Unit and work offline. Continue?')) return;
    const result = await api('POST', '/api/operations/917', online ? { confirm: true } : {});
    if (result.canceled) showMessage('Canceled.', 'info');
    await Promise.all([refreshStatus(), refreshLayout()]);
  });
}

async function syncNow() {
  await attempt(async () => {
    showMessage('Syncing…', 'info');
    await api('POST', '/api/sync', {});
    showMessage('Sync done.', 'info');
    await refreshStatus();
  });
}

async function pressButton(button) {
  if (button.pageAction === 'payCash') return pay('cash');
  if (button.pageAction === 'payCard') return pay('card');
  if (button.pageAction === 'voidTransaction') {
    return attempt(async () => {
      await api('POST', '/api/cart/void', {});
      showCart(null);
    });
  }
  if (button.operationId === 917) return runConnectionOperation();
  if (button.operationId === 918) return syncNow();
  if (button.handledBy === 'unavailable') return showMessage(`${button.label} is not available on this register.`);
  return attempt(async () => {
    const result = await api('POST', `/api/operations/${button.operationId}`, { actionParameters: button.actionParameters });
    if (result.canceled) showMessage('Canceled.', 'info');
  });
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('status', (e) => {
    status = JSON.parse(e.data);
    renderStatus(status);
  });
  events.addEventListener('cart', (e) => showCart(JSON.parse(e.data)));
  events.addEventListener('buttonLabel', (e) => {
    const { operationId, label } = JSON.parse(e.data);
    setButtonLabel(operationId, label);
  });
  events.addEventListener('failure', (e) => {
    const f = JSON.parse(e.data);
    showMessage(`${f.extensionName}: ${f.target} failed: ${f.message}`);
  });
  // After a reconnect the labels may have moved on without us.
  events.addEventListener('open', () => void refreshLayout().catch(() => undefined));
  window.posEvents = events;
}

function wire() {
  $('logon-form').addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      await api('POST', '/api/logon', { operatorId: $('operator-input').value, password: $('password-input').value });
      await refreshStatus();
    });
  });
  $('barcode-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const barcode = $('barcode-input').value.trim();
    if (!barcode) return;
    addLine(barcode, Number($('quantity-input').value) || 1).then(() => {
      $('barcode-input').value = '';
      $('barcode-input').focus();
    });
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const query = new URLSearchParams({ search: $('search-input').value.trim(), top: '20' });
      renderSearchResults(await api('GET', `/api/products?${query}`), (p) => addLine(p.barcode, 1));
    });
  });
  $('pay-cash').addEventListener('click', () => pay('cash'));
  $('pay-card').addEventListener('click', () => pay('card'));
  $('open-connection-status').addEventListener('click', () => ($('connection-window').hidden = !$('connection-window').hidden));
  $('close-connection-status').addEventListener('click', () => ($('connection-window').hidden = true));
  $('connection-917').addEventListener('click', runConnectionOperation);
  $('sync-data').addEventListener('click', syncNow);
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const t of document.querySelectorAll('[data-tab]')) t.classList.toggle('active', t === tab);
      for (const panel of document.querySelectorAll('[data-tab-panel]')) panel.hidden = panel.dataset.tabPanel !== tab.dataset.tab;
    });
  }
  $('set-fault').addEventListener('click', () =>
    attempt(async () => {
      const mode = $('fault-mode').value;
      const body = mode === 'latency' ? { mode, latencyMs: Number($('fault-latency').value) || 0 } : { mode };
      const result = await api('POST', '/api/demo/faults', body);
      $('fault-current').textContent = result.mode;
    }),
  );
}

wire();
await attempt(async () => {
  await Promise.all([refreshStatus(), refreshLayout(), api('GET', '/api/cart').then(showCart)]);
});
listen();
document.body.dataset.ready = 'true';
