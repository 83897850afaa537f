// The dashboard's only way from data to markup. html`…${value}…` escapes every interpolated value by default, so a
// name, an agent id or a file name can never become markup, wherever a view puts it:
//   - text and quoted attribute values: & < > " ' and ` are escaped;
//   - a nested html`…` result is inserted as it is (it was escaped when it was made), an array is each of its items;
//   - null, undefined and false are nothing (so `${ok && html`…`}` and `${x ?? ''}` read naturally);
//   - href, src, action and the other URL attributes never take a javascript:, data: or other non-web scheme from a
//     value: such an attribute value becomes about:invalid#blocked;
//   - a value in an unquoted attribute, an event handler (on…=), a style attribute, a tag name, a comment, a <script>
//     or a <style> is refused with an error: those are mistakes in the template, found the first time it renders.
// attrs({...}) writes attributes from data (true → present, false/null → absent) with the same rules.
// trusted(markup) is the one escape hatch: markup the dashboard wrote itself, never text a user, a list or a vendor
// supplied. `grep -rn "trusted(" assets/` lists every use.
// render(target, content) and append(target, content) are the only places markup enters the page (a test holds every
// other file to that).

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, c => escapes[c]);
}

const minted = Symbol('html');

/** Markup that is safe to insert: made only by html``, attrs() and trusted(). */
class Html {
  constructor(text, key) {
    if (key !== minted) throw new TypeError('Html is made by html``, attrs() or trusted() only');
    this.text = text;
    Object.freeze(this);
  }

  toString() { return this.text; }
}

/** The escape hatch: markup written by the dashboard itself. Never pass it text that came from the server or a user. */
export function trusted(markup) { return new Html(String(markup), minted); }

// Attributes whose value is fetched or followed: a value placed in one is held to the web schemes.
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'data', 'background', 'ping']);
const allowedSchemes = new Set(['http', 'https', 'mailto', 'tel']);
export const blockedUrl = 'about:invalid#blocked';

/** Relative URLs and http(s)/mailto/tel pass; anything else (javascript:, data:, vbscript:, blob:…) does not. */
export function isSafeUrl(url) {
  // Browsers drop control characters and spaces around a URL and tabs/newlines inside it: so does this check.
  const compact = String(url).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return !scheme || allowedSchemes.has(scheme[1].toLowerCase());
}

function refusesValues(attribute) {
  return attribute.startsWith('on') || attribute === 'style' || attribute === 'srcdoc';
}

/** Attributes from data: html`<option ${attrs({ value: id, selected: id === chosen })}>`. */
export function attrs(map) {
  const written = [];
  for (const [name, value] of Object.entries(map)) {
    const lower = name.toLowerCase();
    if (!/^[a-z][a-z0-9:-]*$/.test(lower) || refusesValues(lower)) throw new TypeError(`attrs(): "${name}" cannot be set from a value`);
    if (value === null || value === undefined || value === false) continue;
    if (value === true) { written.push(lower); continue; }
    const raw = String(value);
    written.push(`${lower}="${escapeHtml(urlAttributes.has(lower) && !isSafeUrl(raw) ? blockedUrl : raw)}"`);
  }
  return new Html(written.join(' '), minted);
}

// Where the template's static text stands when a value comes: a small HTML tokenizer, enough for templates.
const Mode = Object.freeze({
  text: 'text', tagName: 'tag name', tag: 'tag', attrName: 'attribute name', afterAttrName: 'after attribute name',
  beforeValue: 'before an attribute value', quoted: 'quoted attribute value', unquoted: 'unquoted attribute value',
  comment: 'comment', raw: 'script or style',
});

function textOf(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(textOf).join('');
  return escapeHtml(value);
}

function attributeValueOf(value) {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(attributeValueOf).join(' ');
  return String(value instanceof Html ? value.text : value);
}

/** The tagged template: html`<td>${name}</td>`. */
export function html(strings, ...values) {
  const s = { mode: Mode.text, tag: '', closing: false, attr: '', quote: '', event: null, urlStart: -1, urlRaw: '', urlHasValue: false };
  let out = '';
  for (let part = 0; part < strings.length; part++) {
    const chunk = strings[part];
    let copied = 0;
    for (let i = 0; i < chunk.length; i++) {
      i = step(s, chunk, i);
      if (s.event === urlOpened) {
        out += chunk.slice(copied, i + 1); copied = i + 1;
        s.urlStart = out.length; s.urlRaw = ''; s.urlHasValue = false;
      } else if (s.event === urlClosed) {
        out += chunk.slice(copied, i); copied = i;
        // Judged whole, static text and values together: "${a}${b}" cannot assemble a scheme piece by piece.
        if (s.urlHasValue && !isSafeUrl(s.urlRaw)) out = out.slice(0, s.urlStart) + blockedUrl;
        s.urlStart = -1;
      } else if (s.urlStart >= 0) s.urlRaw += chunk[i];
    }
    out += chunk.slice(copied);
    if (part < values.length) out += valueIn(s, values[part], strings, chunk);
  }
  return new Html(out, minted);
}

const urlOpened = 'url attribute value opened', urlClosed = 'url attribute value closed';

/** Reads chunk[i] (and what it must look ahead at), moving s on; returns the index of the last character read. */
function step(s, chunk, i) {
  const c = chunk[i];
  const space = c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
  s.event = null;
  switch (s.mode) {
    case Mode.text:
      if (c !== '<') return i;
      if (chunk.startsWith('!--', i + 1)) { s.mode = Mode.comment; return i + 3; }
      if (!/[a-zA-Z/]/.test(chunk[i + 1] ?? '')) return i;
      s.mode = Mode.tagName; s.tag = ''; s.closing = chunk[i + 1] === '/';
      return s.closing ? i + 1 : i;
    case Mode.tagName:
      if (space || c === '/') s.mode = Mode.tag;
      else if (c === '>') endTag(s);
      else s.tag += c.toLowerCase();
      return i;
    case Mode.tag:
    case Mode.afterAttrName:
      if (c === '=' && s.mode === Mode.afterAttrName) s.mode = Mode.beforeValue;
      else if (c === '>') endTag(s);
      else if (!space && c !== '/') { s.mode = Mode.attrName; s.attr = c.toLowerCase(); }
      return i;
    case Mode.attrName:
      if (c === '=') s.mode = Mode.beforeValue;
      else if (space) s.mode = Mode.afterAttrName;
      else if (c === '>') endTag(s);
      else if (c === '/') s.mode = Mode.tag;
      else s.attr += c.toLowerCase();
      return i;
    case Mode.beforeValue:
      if (c === '"' || c === "'") {
        s.mode = Mode.quoted; s.quote = c;
        if (urlAttributes.has(s.attr)) s.event = urlOpened;
      } else if (c === '>') endTag(s);
      else if (!space) s.mode = Mode.unquoted;
      return i;
    case Mode.quoted:
      if (c === s.quote) {
        if (s.urlStart >= 0) s.event = urlClosed;
        s.mode = Mode.tag;
      }
      return i;
    case Mode.unquoted:
      if (space) s.mode = Mode.tag;
      else if (c === '>') endTag(s);
      return i;
    case Mode.comment:
      if (!chunk.startsWith('-->', i)) return i;
      s.mode = Mode.text;
      return i + 2;
    case Mode.raw:
      if (c !== '<' || chunk[i + 1] !== '/' || chunk.slice(i + 2, i + 2 + s.tag.length).toLowerCase() !== s.tag) return i;
      s.mode = Mode.tagName; s.closing = true; s.tag = '';
      return i + 1;
  }
  return i;
}

function endTag(s) {
  s.mode = !s.closing && (s.tag === 'script' || s.tag === 'style') ? Mode.raw : Mode.text;
}

/** What value becomes where the tokenizer stands, after the static text before. */
function valueIn(s, value, strings, before) {
  const where = () => `html\`${strings.join('${…}').slice(0, 120)}\``;
  switch (s.mode) {
    case Mode.text:
      // Right after "<" or "</" a value would be a tag name, and escaping keeps spaces and "=": <${'img onerror=…'}>.
      if (/<\/?$/.test(before)) throw new TypeError(`html: a value cannot name a tag: ${where()}`);
      return textOf(value);
    case Mode.quoted: {
      if (refusesValues(s.attr)) throw new TypeError(`html: a value in ${s.attr}="…" is refused (event handlers and styles are not built from data): ${where()}`);
      const raw = attributeValueOf(value);
      if (s.urlStart >= 0) { s.urlRaw += raw; s.urlHasValue = true; }
      return escapeHtml(raw);
    }
    case Mode.tag:
    case Mode.afterAttrName:
      if (value === null || value === undefined || value === false || value === '') return '';
      if (value instanceof Html) return value.text;
      throw new TypeError(`html: only attrs({…}) may stand between attributes: ${where()}`);
    case Mode.beforeValue:
    case Mode.unquoted:
      throw new TypeError(`html: a value in an unquoted attribute is refused; write ${s.attr}="\${…}": ${where()}`);
    default:
      throw new TypeError(`html: a value in a ${s.mode} is refused: ${where()}`);
  }
}

// Inline style attributes are refused by the Content-Security-Policy, so a width that depends on data travels as
// data-width (a percentage) and is set here through the CSSOM, which the policy allows.
function applyWidths(root) {
  for (const element of root.querySelectorAll('[data-width]')) element.style.width = element.dataset.width + '%';
}

function checked(content) {
  if (!(content instanceof Html)) throw new TypeError('render/append take html`…`, never a string');
  return content.text;
}

/** Replaces what target holds with content (an html`…` result). */
export function render(target, content) {
  target.innerHTML = checked(content);
  applyWidths(target);
}

/** Adds content (an html`…` result) at the end of target. */
export function append(target, content) {
  const holder = document.createElement('template');
  holder.innerHTML = checked(content);
  applyWidths(holder.content);
  target.append(holder.content);
}
