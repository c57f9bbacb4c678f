import { TEST_PASSWORD } from './accounts';
/** A minimal browser-like client for portal pages: keeps cookies, reads the form's CSRF token. */
export function portalClient(baseUrl: string) {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair.split('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name.trim());
      else cookies.set(name.trim(), value);
    }
  };
  const request = async (method: string, path: string, form?: Record<string, string>) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'text/html', cookie: cookieHeader(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    remember(response);
    return { status: response.status, location: response.headers.get('location'), html: await response.text(), headers: response.headers };
  };
  return {
    cookies,
    get: (path: string) => request('GET', path),
    post: (path: string, form: Record<string, string>) => request('POST', path, form),
    /** The CSRF token of the first form of a page. */
    csrfOf: (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '',
  };
}

/** A portal session of `email`, signed in through the login page as a person does. */
export async function signedInPortal(baseUrl: string, email: string, password: string = TEST_PASSWORD) {
  const browser = portalClient(baseUrl);
  const login = await browser.get('/login');
  await browser.post('/login', { _csrf: browser.csrfOf(login.html), email, password });
  return browser;
}
