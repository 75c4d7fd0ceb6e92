// Pure DOM updates from API data; no state lives here.
const $ = (id) => document.getElementById(id);
const money = (n) => (typeof n === 'number' ? n.toFixed(2) : '');

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

export function showMessage(text, kind = 'error') {
  const box = $('message');
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
}

export function renderStatus(status) {
  const header = $('status-header');
  header.dataset.connection = status.connectionStatus;
  const online = status.connectionStatus === 'Online';
  $('connection-text').textContent = online ? 'Connected' : 'Disconnected';
  $('offline-kind').textContent = online ? '' : status.connectionStatus === 'ManualOffline' ? '(working offline by choice)' : '(seamless offline)';
  $('register-id').textContent = status.registerId;
  $('operator-id').textContent = status.signedInOperator ?? '—';
  $('header-pending-uploads').textContent = String(status.pendingUploads);
  $('logon').hidden = Boolean(status.signedInOperator);
  $('demo-panel').hidden = !status.demoFaultsAvailable;
  $('connection-917').textContent = online ? 'Work offline' : 'Connect';
  $('sync-data').disabled = !status.syncAvailable;
  renderConnectionWindow(status);
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const attempt = (a) => (a ? `${when(a.at)}: ${a.ok ? 'succeeded' : `failed${a.error ? ` (${a.error})` : ''}`}` : 'never');
const bytes = (n) => (typeof n === 'number' ? (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`) : '—');

/** The window's fields in Store Commerce's order, then whatever else the extension published. */
const knownFields = [
  ['connected', 'Connected', (s) => (s.connectionStatus === 'Online' ? 'Yes' : 'No')],
  ['connectionStatus', 'Connection status', (s) => s.connectionStatus],
  ['since', 'Since', (s) => when(s.since)],
  ['reason', 'Reason', (s) => s.reason || '—'],
  ['scaleUnitUrl', 'Commerce Scale Unit', (s) => s.scaleUnitUrl],
  ['offlineDatabase', 'Offline database', (s) => (s.offlineDatabase ? `${s.offlineDatabase.kind}: ${s.offlineDatabase.location ?? ''} (${bytes(s.offlineDatabase.sizeBytes)})` : 'none')],
  ['pendingUploads', 'Pending transactions', (s) => String(s.pendingUploads)],
  ['oldestPendingUploadAt', 'Oldest pending since', (s) => when(s.oldestPendingUploadAt)],
  ['rejectedUploads', 'Rejected uploads', (s) => String(Array.isArray(s.rejectedUploads) ? s.rejectedUploads.length : s.rejectedUploads ?? 0)],
  ['pendingDownloads', 'Pending downloads', (s) => String(s.pendingDownloads)],
  ['lastSync', 'Last download / upload', (s) => `${attempt(s.lastSync?.download)} / ${attempt(s.lastSync?.upload)}`],
  ['offlineDataAsOf', 'Offline data as of', (s) => when(s.offlineDataAsOf)],
  ['syncStatusText', 'Offline sync status', (s) => s.syncStatusText],
  ['offlineConfigured', 'Offline functionality', (s) => (s.offlineConfigured === false ? 'not configured' : 'configured')],
  ['suspendedPackage', 'Suspended package', (s) => (s.suspendedPackage ? `${s.suspendedPackage.packageId}: ${s.suspendedPackage.reason}` : 'none')],
];
const notShown = new Set(['registerId', 'button917Label', 'button917LiveLabel', 'downloadJobs', 'uploadJobs', 'downloadProgress', 'signedInOperator', 'syncAvailable', 'demoFaultsAvailable', 'extension', 'oldestPendingUploadAgeMs', 'syncState']);

function renderConnectionWindow(status) {
  const list = $('connection-fields');
  list.replaceChildren();
  for (const [key, label, format] of knownFields) {
    list.append(el('dt', {}, label), el('dd', { 'data-testid': `field-${key}` }, format(status)));
  }
  for (const [key, value] of Object.entries(status)) {
    if (notShown.has(key) || knownFields.some(([k]) => k === key)) continue;
    list.append(el('dt', {}, key), el('dd', { 'data-testid': `field-${key}` }, typeof value === 'object' ? JSON.stringify(value) : String(value)));
  }
  const progress = status.downloadProgress;
  const fraction = progress && progress.totalBytes > 0 ? progress.bytes / progress.totalBytes : progress && progress.totalRows > 0 ? progress.rows / progress.totalRows : 0;
  $('download-progress').value = progress ? fraction : 0;
  $('download-progress-text').textContent = progress ? `${progress.phase ?? ''} ${progress.packageId ?? ''} ${Math.round(fraction * 100)}%` : 'idle';
  renderJobs('download-jobs', status.downloadJobs);
  renderJobs('upload-jobs', status.uploadJobs);
}

function renderJobs(id, jobs) {
  const body = $(id).querySelector('tbody');
  body.replaceChildren(
    ...(jobs ?? []).map((job) =>
      el('tr', { 'data-testid': `${id}-row` }, el('td', {}, job.name ?? ''), el('td', {}, job.status ?? ''), el('td', {}, when(job.at)), el('td', {}, bytes(job.sizeBytes))),
    ),
  );
}

export function renderCart(cart, onQuantity) {
  $('transaction-id').textContent = cart ? cart.transactionId : '';
  $('cart-total').textContent = money(cart?.total ?? 0);
  $('tender-amount').value = cart ? money(cart.total) : '';
  $('cart-lines').replaceChildren(
    ...(cart?.lines ?? []).map((line) =>
      el(
        'tr',
        { 'data-testid': 'cart-line', 'data-barcode': line.barcode },
        el('td', {}, String(line.lineNumber)),
        el('td', {}, line.description, ' ', line.pricedOffline ? el('span', { class: 'offline-mark', 'data-testid': 'priced-offline' }, 'priced offline') : null),
        el('td', {}, el('input', { type: 'number', min: '1', value: String(line.quantity), size: '3', 'data-testid': 'line-quantity', onchange: (e) => onQuantity(line.lineNumber, Number(e.target.value)) })),
        el('td', {}, money(line.unitPrice)),
        el('td', {}, money(line.amount)),
        el('td', {}, ''),
      ),
    ),
  );
}

export function renderReceipt(result) {
  $('receipt').hidden = !result;
  if (!result) return;
  $('receipt-id').textContent = result.receiptId;
  $('receipt-transaction-id').textContent = result.transactionId;
  $('receipt-total').textContent = money(result.total);
  $('receipt-change').textContent = money(result.change ?? 0);
  $('receipt-offline').hidden = !result.savedOffline;
}

export function renderLayout(layout, onPress) {
  const grid = layout.buttonGrids[0];
  if (!grid) return;
  $('grid-title').textContent = grid.title ?? 'Actions';
  const container = $('button-grid');
  container.style.gridTemplateColumns = `repeat(${grid.columns}, 1fr)`;
  container.replaceChildren(
    ...grid.buttons.map((button) =>
      el(
        'button',
        { type: 'button', 'data-testid': `op-${button.operationId}`, 'data-operation-id': button.operationId, 'data-handled-by': button.handledBy, title: button.designLabel, onclick: () => onPress(button) },
        button.label,
      ),
    ),
  );
}

/** A live label from a `buttonLabel` event, without refetching the layout. */
export function setButtonLabel(operationId, label) {
  for (const button of document.querySelectorAll(`[data-operation-id="${operationId}"]`)) button.textContent = label;
}

export function renderSearchResults(result, onPick) {
  $('search-source').textContent = result ? `${result.products.length} found (${result.source})` : '';
  $('search-results').replaceChildren(
    ...(result?.products ?? []).map((p) =>
      el('li', {}, el('button', { type: 'button', 'data-testid': 'search-result', 'data-barcode': p.barcode, onclick: () => onPick(p) }, `${p.name} — ${money(p.price)} (${p.barcode})`)),
    ),
  );
}
