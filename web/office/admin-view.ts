import type { Crew, Vehicle } from '../../src/domain/registry.js';
import { ApiError } from '../shared/api.js';
import { h } from '../shared/dom.js';
import { fmtNumber } from '../shared/i18n.js';
import type { Office, View } from './office.js';
import type { OfficeKey } from './strings.js';

interface CsvProblem {
  line: number;
  column: string | null;
  message: string;
}

const errorText = (office: Office, error: unknown) =>
  office.i18n.t('error', { message: error instanceof Error ? error.message : String(error) });

/**
 * Copies text to the clipboard. The async clipboard API exists only on secure origins; the
 * dashboard is often opened over plain http on the office LAN, where selecting the text and
 * the older copy command is what still works.
 */
async function copyText(text: string, source: HTMLElement): Promise<void> {
  if (navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(source);
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  if (!document.execCommand('copy')) throw new Error('copy refused by the browser');
}

function copyButton(office: Office, text: string, source: HTMLElement): HTMLButtonElement {
  const { t } = office.i18n;
  const button = h('button', { type: 'button', class: 'copy' }, t('admin.copy'));
  button.addEventListener('click', () => {
    copyText(text, source)
      .then(() => {
        button.textContent = t('admin.copied');
      })
      .catch(() => {
        // The secret stays on screen: the admin can still select and copy it by hand.
        button.textContent = t('admin.copyFailed');
      });
  });

  return button;
}

interface Provisioned {
  id: string;
  devEui: string | null;
  secret: string;
  mqtt: { username: string; telemetryTopic: string };
}

function deviceSection(office: Office): HTMLElement {
  const { t } = office.i18n;
  const result = h('div', { id: 'device-result' });
  const field = (key: OfficeKey, input: HTMLInputElement, help?: OfficeKey) =>
    h(
      'label',
      { class: 'field' },
      h('span', {}, t(key)),
      input,
      help ? h('small', {}, t(help)) : null,
    );
  // No API lists the model ids (codecs and configured mappings), so the model stays free text;
  // the server names the known ones when it refuses a LoRaWAN model.
  const form = h(
    'form',
    { id: 'device-form', class: 'card' },
    h('h2', {}, t('admin.device')),
    field('admin.deviceId', h('input', { name: 'id', required: true })),
    field('admin.binId', h('input', { name: 'binId', required: true })),
    field('admin.model', h('input', { name: 'model', value: 'pesan-native', required: true })),
    field(
      'admin.devEui',
      h('input', {
        name: 'devEui',
        pattern: '[0-9A-Fa-f]{16}',
        maxlength: 16,
        autocomplete: 'off',
        spellcheck: 'false',
      }),
      'admin.devEuiHelp',
    ),
    h('button', { type: 'submit' }, t('admin.provision')),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const devEui = data.devEui?.trim();
    office
      .api<Provisioned>('/api/v1/devices', {
        method: 'POST',
        body: {
          id: data.id,
          binId: data.binId,
          model: data.model,
          ...(devEui ? { devEui } : {}),
        },
      })
      .then((device) => {
        const secret = h('code', { id: 'device-secret' }, device.secret);
        result.replaceChildren(
          h('p', { class: 'warn' }, t('admin.secretOnce')),
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, t('admin.username')),
            h('dd', {}, device.mqtt.username),
            h('dt', {}, t('admin.secret')),
            h('dd', {}, secret, copyButton(office, device.secret, secret)),
            h('dt', {}, t('admin.topic')),
            h('dd', {}, h('code', {}, device.mqtt.telemetryTopic)),
            device.devEui ? h('dt', {}, t('admin.devEui')) : null,
            device.devEui ? h('dd', {}, h('code', { id: 'device-deveui' }, device.devEui)) : null,
          ),
        );
      })
      .catch((error) =>
        result.replaceChildren(h('p', { class: 'error' }, errorText(office, error))),
      );
  });

  return form;
}

function importSection(office: Office): HTMLElement {
  const { t } = office.i18n;
  const text = h('textarea', { id: 'csv-text', rows: 6, spellcheck: 'false' });
  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  file.addEventListener('change', () => {
    file.files?.[0]
      ?.text()
      .then((content) => {
        text.value = content;
      })
      .catch((error) =>
        result.replaceChildren(h('p', { class: 'error' }, errorText(office, error))),
      );
  });
  const result = h('div', { id: 'import-result' });
  const form = h(
    'form',
    { id: 'import-form', class: 'card' },
    h('h2', {}, t('admin.import')),
    h('p', { class: 'muted' }, t('admin.importHelp')),
    file,
    text,
    h('button', { type: 'submit' }, t('admin.importSend')),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    office
      .api<{ imported: number; created: number; updated: number }>('/api/v1/bins/import', {
        method: 'POST',
        body: text.value,
        contentType: 'text/csv',
      })
      .then((r) =>
        result.replaceChildren(
          h(
            'p',
            { class: 'ok' },
            t('admin.imported', {
              n: fmtNumber(r.imported),
              created: fmtNumber(r.created),
              updated: fmtNumber(r.updated),
            }),
          ),
        ),
      )
      .catch((error) => {
        const problems = error instanceof ApiError ? (error.details as CsvProblem[] | null) : null;
        if (!Array.isArray(problems)) {
          result.replaceChildren(h('p', { class: 'error' }, errorText(office, error)));
          return;
        }
        result.replaceChildren(
          h('p', { class: 'error' }, t('admin.importErrors')),
          h(
            'table',
            { class: 'table csv-problems' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, t('admin.line')),
                h('th', {}, t('admin.column')),
                h('th', {}, t('admin.problem')),
              ),
            ),
            h(
              'tbody',
              {},
              problems.map((p) =>
                h(
                  'tr',
                  { 'data-line': p.line },
                  h('td', { class: 'num' }, p.line),
                  h('td', {}, p.column ?? ''),
                  h('td', {}, p.message),
                ),
              ),
            ),
          ),
        );
      });
  });

  return form;
}

function vehiclesSection(office: Office, vehicles: Vehicle[]): HTMLElement {
  const { t } = office.i18n;
  const status = h('p', { class: 'error', hidden: true });

  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('admin.vehicles')),
    status,
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('plan.vehicle')),
          h('th', {}, t('admin.capacity')),
          h('th', {}, t('admin.available')),
        ),
      ),
      h(
        'tbody',
        {},
        vehicles.map((v) => {
          const box = h('input', {
            type: 'checkbox',
            checked: v.available,
            'data-vehicle-id': v.id,
          });
          box.addEventListener('change', () => {
            office
              .api<Vehicle>(`/api/v1/vehicles/${encodeURIComponent(v.id)}`, {
                method: 'PATCH',
                body: { available: box.checked },
              })
              .catch((error) => {
                box.checked = !box.checked;
                status.hidden = false;
                status.textContent = errorText(office, error);
              });
          });

          return h(
            'tr',
            {},
            h('td', {}, `${v.id} (${v.kind})`),
            h(
              'td',
              { class: 'num' },
              `${fmtNumber(v.capacityM3, 1)} m³ · ${fmtNumber(v.capacityKg)} kg`,
            ),
            h('td', {}, box),
          );
        }),
      ),
    ),
  );
}

function crewLinksSection(office: Office, crews: Crew[]): HTMLElement {
  const { t } = office.i18n;

  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('admin.crewLinks')),
    h('p', { class: 'muted' }, t('admin.linkHelp')),
    h(
      'table',
      { class: 'table' },
      h(
        'tbody',
        {},
        crews.map((crew) => {
          const cell = h('td', {});
          const button = h('button', { type: 'button' }, t('admin.makeLink'));
          button.addEventListener('click', () => {
            office
              .api<{ token: string }>('/api/v1/tokens', {
                method: 'POST',
                body: { role: 'crew', label: `link ${crew.id}`, crewId: crew.id },
              })
              .then(({ token }) => {
                const url = `${location.origin}/crew#token=${encodeURIComponent(token)}`;
                cell.replaceChildren(
                  h('input', {
                    readonly: true,
                    value: url,
                    class: 'link',
                    'data-crew-id': crew.id,
                  }),
                );
              })
              .catch((error) =>
                cell.replaceChildren(h('span', { class: 'error' }, errorText(office, error))),
              );
          });
          cell.append(button);

          return h('tr', {}, h('td', {}, `${crew.name} · ${crew.vehicleId}`), cell);
        }),
      ),
    ),
  );
}

/** Provisioning, CSV bin import, vehicle availability and crew links (admin token only). */
export const adminView: View = (office, root) => {
  const { t } = office.i18n;
  if (office.me.role !== 'admin') {
    root.replaceChildren(h('p', { class: 'card' }, t('admin.only')));
    return () => {};
  }
  root.replaceChildren(h('p', {}, t('loading')));
  office
    .api<{ crews: Crew[]; vehicles: Vehicle[] }>('/api/v1/crews')
    .then(({ crews, vehicles }) =>
      root.replaceChildren(
        h('h1', {}, t('nav.admin')),
        h(
          'div',
          { class: 'admin-grid' },
          deviceSection(office),
          importSection(office),
          vehiclesSection(office, vehicles),
          crewLinksSection(office, crews),
        ),
      ),
    )
    .catch((error) => root.replaceChildren(h('p', { class: 'error' }, errorText(office, error))));

  return () => {};
};
