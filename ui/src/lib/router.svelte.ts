// A small hash router: the window has one page; the part after `#` says
// which screen shows. Links are plain `<a href="#/participants">`.

function read() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?');
  return { path, params: new URLSearchParams(query) };
}

class Router {
  path = $state('/');
  params = $state(new URLSearchParams());

  constructor() {
    if (typeof window !== 'undefined') {
      this.sync();
      window.addEventListener('hashchange', () => this.sync());
    }
  }

  sync() {
    const r = read();
    // A new screen starts at its top, as a new page would.
    if (r.path !== this.path) window.scrollTo?.(0, 0);
    this.path = r.path;
    this.params = r.params;
  }

  go(to: string) {
    const target = to.startsWith('#') ? to : `#${to}`;
    if (window.location.hash === target) this.sync();
    else window.location.hash = target;
  }
}

export const router = new Router();
