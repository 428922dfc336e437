import { h } from '../shared/dom.js';
import { fmtDateTime } from '../shared/i18n.js';
import { alertBin, alertText } from './alert-text.js';
import type { Office, View } from './office.js';
import type { OfficeKey } from './strings.js';
import type { Alert } from './types.js';

type Filter = 'open' | 'active';

function row(office: Office, alert: Alert, onAck: (alert: Alert, tr: HTMLElement) => void) {
  const { t, lang } = office.i18n;
  const tr = h(
    'tr',
    { 'data-alert-id': alert.id, 'data-kind': alert.kind, class: `severity-${alert.severity}` },
    h('td', {}, fmtDateTime(alert.openedAt, lang())),
    h('td', {}, alertBin(office.i18n, alert)),
    h('td', {}, office.i18n.label(`kind.${alert.kind}`, alert.kind)),
    h('td', {}, office.i18n.label(`severity.${alert.severity}`, alert.severity)),
    // The server's own words stay at hand as a tooltip (they match the logs).
    h('td', { class: 'alert-text', title: alert.message }, alertText(office.i18n, alert)),
  );
  const action =
    alert.status === 'open'
      ? h(
          'button',
          { type: 'button', class: 'ack', onclick: () => onAck(alert, tr) },
          t('acknowledge'),
        )
      : h(
          'span',
          { class: 'muted' },
          t('acknowledgedBy', {
            who: alert.acknowledgedBy ?? '?',
            time: fmtDateTime(alert.acknowledgedAt, lang()),
          }),
        );
  tr.append(h('td', {}, action));

  return tr;
}

/** Open alerts with acknowledgement; the list follows alert events live. */
export const alertsView: View = (office, root) => {
  const { t } = office.i18n;
  let filter: Filter = 'open';
  const body = h('tbody', { id: 'alert-rows' });
  const empty = h('p', { class: 'muted', hidden: true }, t('alerts.none'));
  const status = h('p', { class: 'error', hidden: true });
  const tabs = h('div', { class: 'ranges', role: 'group' });

  const ack = (alert: Alert, tr: HTMLElement) => {
    tr.querySelector('button')?.setAttribute('disabled', '');
    office
      .api<Alert>(`/api/v1/alerts/${alert.id}/ack`, { method: 'POST' })
      .then(() => (filter === 'open' ? tr.remove() : load()))
      .then(() => {
        empty.hidden = body.children.length > 0;
      })
      .catch((error: Error) => {
        status.hidden = false;
        status.textContent = t('error', { message: error.message });
      });
  };

  const load = async () => {
    const { alerts } = await office.api<{ alerts: Alert[] }>(`/api/v1/alerts?status=${filter}`);
    body.replaceChildren(...alerts.map((a) => row(office, a, ack)));
    empty.hidden = alerts.length > 0;
    body.dataset.loaded = filter;
  };
  const reload = () =>
    load().catch((error: Error) => {
      status.hidden = false;
      status.textContent = t('error', { message: error.message });
    });

  const renderTabs = () =>
    tabs.replaceChildren(
      ...(['open', 'active'] as Filter[]).map((f) =>
        h(
          'button',
          {
            type: 'button',
            class: f === filter ? 'active' : '',
            onclick: () => {
              filter = f;
              renderTabs();
              reload();
            },
          },
          t(`alerts.${f}`),
        ),
      ),
    );
  renderTabs();

  root.replaceChildren(
    h('h1', {}, t('nav.alerts')),
    tabs,
    status,
    h(
      'table',
      { class: 'table alerts' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          (
            [
              'alerts.opened',
              'alerts.bin',
              'alerts.kind',
              'alerts.severity',
              'alerts.message',
              'alerts.action',
            ] as OfficeKey[]
          ).map((k) => h('th', {}, t(k))),
        ),
      ),
      body,
    ),
    empty,
  );
  reload();

  let pending: ReturnType<typeof setTimeout> | undefined;
  const off = office.live.on('alert', () => {
    // Bursts of alert changes (a sweep) reload the list once.
    clearTimeout(pending);
    pending = setTimeout(reload, 300);
  });

  return () => {
    off();
    clearTimeout(pending);
  };
};
