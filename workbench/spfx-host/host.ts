// A minimal SPFx host for the *shipped* bundle (dist/, what the .sppkg carries): an AMD loader that resolves the
// bundle's externals, the web part's lifecycle as SharePoint drives it (construct, context, onInit, render), and a
// fake page context, Teams context and Graph client. React and React DOM are the real packages. SPFx's own runtime
// modules (@microsoft/sp-webpart-base and friends) are stand-ins with only what the web part uses: the real ones are
// started by SharePoint's page framework (sp-loader with the server-rendered page context and its services), which
// cannot run outside SharePoint. What runs unchanged is everything we ship: the minified bundle, its lazily loaded
// chunks, the strings files, PnPjs inside it, against the emulator's REST and Graph on this origin.
import * as React from 'react';
import * as ReactDom from 'react-dom';

type Factory = (...deps: unknown[]) => unknown;
interface Definition {
  deps: string[];
  factory: Factory | unknown;
}

const definitions: Record<string, Definition> = {};
const instances: Record<string, unknown> = {};
let anonymousName: string | undefined;

function define(nameOrDeps: string | string[] | Factory, depsOrFactory?: string[] | Factory, maybeFactory?: Factory): void {
  let name: string | undefined;
  let deps: string[] = [];
  let factory: unknown;
  if (typeof nameOrDeps === 'string') {
    name = nameOrDeps;
    if (Array.isArray(depsOrFactory)) {
      deps = depsOrFactory;
      factory = maybeFactory;
    } else factory = depsOrFactory;
  } else if (Array.isArray(nameOrDeps)) {
    deps = nameOrDeps;
    factory = depsOrFactory;
  } else factory = nameOrDeps;
  // Anonymous modules (the strings files) take the name they were loaded under, as in RequireJS.
  const key = name || anonymousName;
  if (!key) throw new Error('An anonymous AMD module was defined outside loadModule().');
  definitions[key] = { deps, factory };
}
(define as unknown as { amd: object }).amd = {};

function requireModule(name: string): unknown {
  if (name in instances) return instances[name];
  const definition = definitions[name];
  if (!definition) throw new Error(`AMD module '${name}' is not defined (missing external of the ship bundle?).`);
  const exports: Record<string, unknown> = {};
  const deps = definition.deps.map((dep) => (dep === 'exports' ? exports : dep === 'require' ? requireModule : requireModule(dep)));
  const value = typeof definition.factory === 'function' ? (definition.factory as Factory)(...deps) : definition.factory;
  instances[name] = value === undefined ? exports : value;
  return instances[name];
}

function loadScript(src: string, name?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    anonymousName = name;
    script.onload = () => {
      anonymousName = undefined;
      resolve();
    };
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.appendChild(script);
  });
}

// --- Stand-ins for SPFx's runtime modules: the surface the web part calls, nothing more. --------------------------

/** BaseClientSideWebPart as SharePoint drives it: a plain constructor, since the ES5 bundle calls `_super.apply(this)`. */
function BaseClientSideWebPart(this: Record<string, unknown>): void {
  this.properties = {};
}
BaseClientSideWebPart.prototype.onInit = function (): Promise<void> {
  return Promise.resolve();
};
BaseClientSideWebPart.prototype.onDispose = function (): void {
  /* the web part overrides it */
};

interface EventGroup {
  add(owner: unknown, handler: (args: unknown) => void): void;
}

const themeHandlers: Array<(args: unknown) => void> = [];
const themeProvider = {
  tryGetTheme: (): unknown => undefined,
  themeChangedEvent: {
    add(owner: unknown, handler: (args: unknown) => void): void {
      themeHandlers.push(handler.bind(owner));
    }
  } as EventGroup
};
const THEME_PROVIDER_KEY = { id: 'ThemeProvider' };

// A plain copy, so the host can watch createElement (esbuild's namespace object is read-only).
const reactModule: Record<string, unknown> = { ...(React as unknown as Record<string, unknown>) };
defineValue('react', reactModule);
defineValue('react-dom', ReactDom);
defineValue('@microsoft/sp-core-library', { Version: { parse: (value: string) => ({ toString: () => value }) } });
defineValue('@microsoft/sp-property-pane', {
  PropertyPaneLabel: (targetProperty: string, properties: unknown) => ({ type: 'Label', targetProperty, properties })
});
defineValue('@microsoft/sp-webpart-base', { BaseClientSideWebPart });
defineValue('@microsoft/sp-component-base', { ThemeProvider: { serviceKey: THEME_PROVIDER_KEY } });

function defineValue(name: string, value: unknown): void {
  definitions[name] = { deps: [], factory: () => value };
}

// --- The fake context ---------------------------------------------------------------------------------------------

export interface HostOptions {
  /** Absolute URL of the web the page runs in (pageContext.web.absoluteUrl). */
  webUrl: string;
  /** Script URLs from dist/: the web part bundle and the two strings files (the loader reads them from the manifest). */
  bundle: string;
  webPartStrings: string;
  pageStrings: string;
  /** The component's AMD name: `<component id>_<version>`. */
  moduleName: string;
  userDisplayName: string;
  uiCulture: string;
  /** Saved web part properties (e.g. an old siteUrl). */
  properties?: Record<string, unknown>;
  /** Run as a Teams tab with this Teams context. */
  teams?: { theme: string; locale: string };
}

interface HostState {
  /** Teams theme change handlers the web part registered. */
  teamsThemeHandlers: Array<(theme: string) => void>;
  graphRequests: string[];
  renders: number;
  webPart: Record<string, unknown> & { render(): void; onInit(): Promise<void>; properties: Record<string, unknown> };
  /** What the web part gave the page on its last render. */
  lastPageProps?: Record<string, unknown>;
}

function graphClient(state: HostState): unknown {
  return {
    api(path: string) {
      const headers: Record<string, string> = {};
      const request = {
        header(name: string, value: string) {
          headers[name] = value;
          return request;
        },
        async get(): Promise<unknown> {
          state.graphRequests.push(path);
          const url = /^https?:/i.test(path) ? path : `${window.location.origin}/graph/v1.0${path}`;
          const response = await fetch(url, { headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' });
          if (!response.ok) throw new Error(`Graph answered ${response.status}`);
          return response.json();
        }
      };
      return request;
    }
  };
}

async function mount(options: HostOptions): Promise<HostState> {
  await loadScript(options.webPartStrings, 'ApiKeyManagementWebPartStrings');
  await loadScript(options.pageStrings, 'ApiKeyManagementStrings');
  await loadScript(options.bundle);
  const exported = requireModule(options.moduleName) as { default: new () => HostState['webPart'] };
  const webPart = new exported.default();
  const state: HostState = { teamsThemeHandlers: [], graphRequests: [], renders: 0, webPart };

  // Observe what the page receives: React.createElement(ApiKeyManagementPage, props) is the shell's only element.
  const createElement = React.createElement as (...args: unknown[]) => unknown;
  reactModule.createElement = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): unknown => {
    if (props && 'store' in props && 'roleChecker' in props) {
      state.lastPageProps = props;
      state.renders += 1;
    }
    return createElement(type, props, ...children);
  };

  const domElement = document.getElementById('webpart') as HTMLElement;
  const sdks: Record<string, unknown> = {};
  if (options.teams) {
    const teamsContext = { app: { theme: options.teams.theme, locale: options.teams.locale } };
    sdks.microsoftTeams = {
      teamsJs: {
        app: {
          getContext: async () => teamsContext,
          registerOnThemeChangeHandler: (handler: (theme: string) => void) => state.teamsThemeHandlers.push(handler)
        }
      }
    };
  }
  const context = {
    pageContext: {
      web: { absoluteUrl: options.webUrl },
      user: { displayName: options.userDisplayName },
      cultureInfo: { currentUICultureName: options.uiCulture, currentCultureName: options.uiCulture },
      legacyPageContext: {}
    },
    serviceScope: { consume: (key: unknown) => (key === THEME_PROVIDER_KEY ? themeProvider : undefined) },
    sdks,
    msGraphClientFactory: { getClient: async (version: string) => (version === '3' ? graphClient(state) : undefined) }
  };
  Object.defineProperty(webPart, 'context', { value: context });
  Object.defineProperty(webPart, 'domElement', { value: domElement });
  webPart.properties = { ...(options.properties || {}) };
  await webPart.onInit();
  webPart.render();
  return state;
}

let current: HostState | undefined;

(window as unknown as Record<string, unknown>).define = define;
(window as unknown as Record<string, unknown>).akmHost = {
  async mount(options: HostOptions): Promise<void> {
    current = await mount(options);
  },
  /** The SharePoint site's theme changes (ThemeProvider.themeChangedEvent, as SPFx raises it). */
  siteThemeChanged(theme: unknown): void {
    themeHandlers.forEach((handler) => handler({ theme }));
  },
  /** Teams switches theme (as teams-js calls the registered handler). */
  teamsThemeChanged(theme: string): void {
    if (!current) throw new Error('not mounted');
    current.teamsThemeHandlers.forEach((handler) => handler(theme));
  },
  pageProps(): Record<string, unknown> {
    const props = (current && current.lastPageProps) || {};
    return { locale: props.locale, currentUserName: props.currentUserName, hasTheme: props.theme !== undefined, renders: current ? current.renders : 0 };
  },
  graphRequests: (): string[] => (current ? current.graphRequests : []),
  teamsHandlers: (): number => (current ? current.teamsThemeHandlers.length : 0)
};
