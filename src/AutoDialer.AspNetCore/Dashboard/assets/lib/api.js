// Every call goes to this server only (paths relative to the dashboard's address, which always ends in "/").
// State-changing calls carry the antiforgery token the page was given. A refusal arrives as an ApiError carrying the
// RFC 9457 problem and its field errors (the API's 400s name each invalid field), for a form to show beside its fields.

const csrfMeta = document.querySelector('meta[name="csrf-token"]');
const csrf = { header: csrfMeta?.dataset.header ?? 'RequestVerificationToken', token: csrfMeta?.content ?? '' };

export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status
   * @param {object|string|null} problem the problem body (application/problem+json), or the response text
   * @param {string} fallback what to say when the body says nothing
   */
  constructor(status, problem, fallback) {
    const details = problem && typeof problem === 'object' ? problem : {};
    /** Field name ("" for the body as a whole) → its messages. */
    const fieldErrors = details.errors && typeof details.errors === 'object' ? details.errors : {};
    const lines = Object.entries(fieldErrors).map(([field, messages]) => (field ? field + ': ' : '') + [].concat(messages).join(' '));
    super([details.detail || details.title || fallback, ...lines].join('\n'));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = fieldErrors;
  }
}

function parse(contentType, text) {
  if (!contentType.includes('json') || text === '') return text;
  try { return JSON.parse(text); } catch { return text; }
}

/**
 * fetch('api/' + path). options: method (GET), json (a body to send as JSON), body (FormData or text), signal.
 * Resolves with the parsed body; rejects with an ApiError when the server refuses.
 */
export async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers[csrf.header] = csrf.token;
  let body = options.body;
  if (options.json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(options.json); }
  const response = await fetch('api/' + path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  const data = parse(response.headers.get('Content-Type') ?? '', await response.text());
  if (!response.ok) throw new ApiError(response.status, data, `${response.status} ${response.statusText}`);
  return data;
}

/**
 * POSTs a form with a file to 'api/' + path, reporting upload progress (fetch cannot, and it matters for a 1 GB list)
 * as onProgress(fraction). Resolves with the parsed body; rejects with an ApiError.
 */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'api/' + path);
    xhr.setRequestHeader(csrf.header, csrf.token);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onload = () => {
      const data = parse(xhr.getResponseHeader('Content-Type') ?? '', xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, data, `${xhr.status} ${xhr.statusText}`));
    };
    xhr.onerror = () => reject(new ApiError(0, null, 'network error'));
    xhr.send(form);
  });
}
