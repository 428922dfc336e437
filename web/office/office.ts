import type { PageConfig } from '../../src/web/page-config.js';
import type { Api, Me } from '../shared/api.js';
import type { I18n } from '../shared/i18n.js';
import type { Live } from './live.js';
import type { OfficeKey } from './strings.js';

/** What every dashboard view gets: the API, labels, the signed-in user and live events. */
export interface Office {
  api: Api;
  /** The signed-in token, for links a new tab opens (the printable pickup sheets). */
  token: string;
  i18n: I18n<OfficeKey>;
  me: Me;
  config: PageConfig;
  live: Live;
}

/** A view draws into its container and returns how to tear itself down. */
export type View = (office: Office, root: HTMLElement, params: string[]) => () => void;
