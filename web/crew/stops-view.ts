import type { PickupList, PickupStop } from '../../src/routing/crew-pickups.js';
import { h } from '../shared/dom.js';
import { fmtNumber, fmtTime, type I18n } from '../shared/i18n.js';
import type { CrewKey } from './strings.js';

export const REASONS = ['no-access', 'bin-missing', 'over-capacity', 'other'] as const;
export type Reason = (typeof REASONS)[number];

/** What the phone knows about a stop it confirmed. */
export interface StopMark {
  status: 'collected' | 'not-collected';
  reason?: Reason;
  at: string;
  state: 'queued' | 'sent' | 'refused';
  message?: string;
  /** The confirmation's id: deliveries of an older, replaced mark must not touch this one. */
  clientRef?: string;
  note?: string;
}

export interface StopsViewProps {
  i18n: I18n<CrewKey>;
  list: PickupList;
  marks: Record<string, StopMark>;
  onConfirm: (stop: PickupStop, status: StopMark['status'], reason?: Reason, note?: string) => void;
  /** Sends a refused mark again as it was. */
  onRetry: (stop: PickupStop) => void;
}

function markLine(i18n: I18n<CrewKey>, mark: StopMark, ...buttons: HTMLElement[]): HTMLElement {
  const what =
    mark.status === 'collected'
      ? i18n.t('collected')
      : `${i18n.t('notCollected')} — ${i18n.t(`reason.${mark.reason ?? 'other'}`)}`;
  const state =
    mark.state === 'sent'
      ? i18n.t('sent')
      : mark.state === 'queued'
        ? i18n.t('queued')
        : i18n.t('refused', { message: mark.message ?? '' });

  return h(
    'p',
    { class: `mark mark-${mark.state} mark-${mark.status}` },
    h('strong', {}, what),
    ` ${i18n.t('at', { time: fmtTime(mark.at, i18n.lang()) })} · `,
    h('span', { class: 'mark-state' }, state),
    buttons.length > 0 ? h('span', { class: 'actions' }, buttons) : null,
  );
}

function reasonForm(props: StopsViewProps, stop: PickupStop, close: () => void): HTMLElement {
  const { i18n } = props;
  const name = `reason-${stop.binId}`;
  const note = h('input', { type: 'text', maxlength: 200, placeholder: i18n.t('note') });
  const form = h(
    'form',
    { class: 'reasons' },
    h('p', {}, h('strong', {}, i18n.t('reasonTitle'))),
    REASONS.map((r, i) =>
      h(
        'label',
        { class: 'reason' },
        h('input', { type: 'radio', name, value: r, checked: i === 0 }),
        ` ${i18n.t(`reason.${r}`)}`,
      ),
    ),
    note,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'send' }, i18n.t('send')),
      h('button', { type: 'button', class: 'cancel', onclick: close }, i18n.t('cancel')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
    const reason = (picked?.value ?? 'other') as Reason;
    props.onConfirm(stop, 'not-collected', reason, note.value.trim() || undefined);
  });

  return form;
}

/**
 * A marked stop: its mark, and while the server has not taken it, a way to change it (the
 * crew tapped the wrong button) or, once refused, to send it again.
 */
function markSlot(
  props: StopsViewProps,
  stop: PickupStop,
  mark: StopMark,
  actions: HTMLElement,
): HTMLElement {
  const { i18n } = props;
  actions.hidden = true;
  const buttons: HTMLElement[] = [];
  if (mark.state === 'refused') {
    buttons.push(
      h(
        'button',
        { type: 'button', class: 'retry', onclick: () => props.onRetry(stop) },
        i18n.t('retry'),
      ),
    );
  }
  if (mark.state !== 'sent') {
    const change = h('button', { type: 'button', class: 'change' }, i18n.t('change'));
    change.addEventListener('click', () => {
      actions.hidden = false;
      change.hidden = true;
    });
    buttons.push(change);
  }

  return h('div', { class: 'marked' }, markLine(i18n, mark, ...buttons), actions);
}

function pickupCard(props: StopsViewProps, stop: PickupStop): HTMLElement {
  const { i18n } = props;
  const mark = stop.binId ? props.marks[stop.binId] : undefined;
  const actions = h('div', { class: 'actions' });
  const state = !mark ? '' : mark.state === 'refused' ? ' refused' : ` done ${mark.status}`;
  const card = h(
    'li',
    {
      class: `stop pickup${state}`,
      'data-bin-id': stop.binId ?? '',
      'data-order': stop.order,
    },
    h('span', { class: 'order' }, stop.order),
    h(
      'div',
      { class: 'body' },
      h('h3', {}, stop.name),
      h(
        'p',
        { class: 'meta' },
        [stop.kecamatan, i18n.t('bin', { id: stop.binId ?? '' })].filter(Boolean).join(' · '),
      ),
      h(
        'p',
        { class: 'meta' },
        i18n.t('eta', { time: stop.eta }),
        ' · ',
        i18n.t('volume', { v: fmtNumber(stop.expectedVolumeM3, 2) }),
      ),
      h(
        'a',
        { class: 'nav', href: stop.navigationUrl, target: '_blank', rel: 'noopener' },
        i18n.t('navigate'),
      ),
      mark ? markSlot(props, stop, mark, actions) : actions,
    ),
  );

  const showButtons = () => {
    actions.replaceChildren(
      h(
        'button',
        {
          type: 'button',
          class: 'collect',
          onclick: () => props.onConfirm(stop, 'collected'),
        },
        `✓ ${i18n.t('collected')}`,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'not-collect',
          onclick: () => actions.replaceChildren(reasonForm(props, stop, showButtons)),
        },
        `✗ ${i18n.t('notCollected')}`,
      ),
    );
  };
  showButtons();

  return card;
}

function disposalCard(i18n: I18n<CrewKey>, stop: PickupStop): HTMLElement {
  return h(
    'li',
    { class: 'stop disposal', 'data-order': stop.order },
    h('span', { class: 'order' }, '⇩'),
    h(
      'div',
      { class: 'body' },
      h('h3', {}, i18n.t('disposal', { name: stop.name })),
      h('p', { class: 'meta' }, i18n.t('eta', { time: stop.eta })),
      h(
        'a',
        { class: 'nav', href: stop.navigationUrl, target: '_blank', rel: 'noopener' },
        i18n.t('navigate'),
      ),
    ),
  );
}

/** Today's trips, each an ordered list of stops, in the order the planner chose. */
export function stopsView(props: StopsViewProps): HTMLElement {
  const trips = new Map<number, PickupStop[]>();
  for (const stop of props.list.stops) {
    trips.set(stop.trip, [...(trips.get(stop.trip) ?? []), stop]);
  }

  return h(
    'div',
    { class: 'trips' },
    [...trips.entries()].map(([trip, stops]) =>
      h(
        'section',
        { class: 'trip' },
        h('h2', {}, props.i18n.t('trip', { n: trip })),
        h(
          'ol',
          { class: 'stops' },
          stops.map((s) =>
            s.type === 'pickup' ? pickupCard(props, s) : disposalCard(props.i18n, s),
          ),
        ),
      ),
    ),
  );
}
