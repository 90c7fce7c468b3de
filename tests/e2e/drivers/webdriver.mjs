// Minimal W3C WebDriver client over HTTP (node fetch) for geckodriver on 127.0.0.1, with the
// Firefox-specific endpoints the e2e tests use (add-on install, chrome/content context).
// No selenium dependency: each command is one JSON request.

export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
export const SHADOW_KEY = 'shadow-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {
  constructor(command, status, value) {
    super(`${command}: ${value?.error ?? status}: ${value?.message ?? ''}`.trim());
    this.code = value?.error;
  }
}

export class WebDriverSession {
  constructor(baseUrl, sessionId, capabilities) {
    this.baseUrl = baseUrl;
    this.sessionId = sessionId;
    this.capabilities = capabilities;
  }

  /** Creates a session on the driver at `baseUrl` with the given capabilities. */
  static async create(baseUrl, capabilities) {
    const value = await request(baseUrl, 'POST', '/session', { capabilities });
    return new WebDriverSession(baseUrl, value.sessionId, value.capabilities);
  }

  send(method, path, body) {
    return request(this.baseUrl, method, `/session/${this.sessionId}${path}`, body);
  }

  navigate(url) { return this.send('POST', '/url', { url }); }
  refresh() { return this.send('POST', '/refresh', {}); }
  currentUrl() { return this.send('GET', '/url'); }
  setContext(context) { return this.send('POST', '/moz/context', { context }); }
  execute(script, args = []) { return this.send('POST', '/execute/sync', { script, args }); }
  executeAsync(script, args = []) { return this.send('POST', '/execute/async', { script, args }); }
  findElement(css) { return this.send('POST', '/element', { using: 'css selector', value: css }); }
  findElements(css) { return this.send('POST', '/elements', { using: 'css selector', value: css }); }
  shadowRoot(element) { return this.send('GET', `/element/${element[ELEMENT_KEY]}/shadow`); }
  click(element) { return this.send('POST', `/element/${element[ELEMENT_KEY]}/click`, {}); }
  sendKeys(element, text) { return this.send('POST', `/element/${element[ELEMENT_KEY]}/value`, { text }); }
  performActions(actions) { return this.send('POST', '/actions', { actions }); }
  releaseActions() { return this.send('DELETE', '/actions'); }
  screenshot() { return this.send('GET', '/screenshot'); }
  setWindowRect(rect) { return this.send('POST', '/window/rect', rect); }
  installAddon(path, temporary = true) { return this.send('POST', '/moz/addon/install', { path, temporary }); }
  setTimeouts(timeouts) { return this.send('POST', '/timeouts', timeouts); }
  deleteSession() { return this.send('DELETE', ''); }
}

async function request(baseUrl, method, path, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}`, response.status, { message: text.slice(0, 300) });
  }
  if (!response.ok) throw new WebDriverError(`${method} ${path}`, response.status, payload.value);
  return payload.value;
}
