// Cookies as a browser keeps them, for one person: what the HTTP benchmark (scripts/bench-http.ts)
// and the replica test (tests/replicas/replicas.test.ts) sign in with.

export class Jar {
  private cookies = new Map<string, string>();
  /** keeps what a response sets, and forgets what it expires */
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  /** the Cookie header to send */
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(prefix: string) {
    return [...this.cookies.keys()].some((k) => k.startsWith(prefix));
  }
}
