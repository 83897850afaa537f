// Short messages at the corner of the screen: results of an action, and errors.

export function toast(message, isError = false) {
  const node = document.createElement('div');
  node.className = isError ? 'toast error' : 'toast';
  node.setAttribute('role', 'status');
  node.textContent = message;
  document.body.append(node);
  setTimeout(() => node.remove(), 4000);
}

/** An error as a toast; a request cancelled because its view was left is no error. */
export function showError(error) {
  if (error?.name === 'AbortError') return;
  toast(error?.message ?? String(error), true);
}
