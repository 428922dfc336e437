import { Command, InvalidArgumentError, Option } from 'commander';
import { codecRegistry } from '../../lorawan/codec-registry.js';
import { type PayloadEncoding, parsePayloadText } from '../../lorawan/payload-text.js';
import { qualitySampleFromFrame } from '../../lorawan/quality-sample.js';
import { fillPctFromDistance } from '../../quality/bin-profile.js';
import type { BinQualityProfile, QualityVerdict } from '../../quality/quality-types.js';
import { assessSingleReading } from '../../quality/single-reading.js';
import { levelIsTrusted } from '../../quality/trust.js';

/**
 * `pesan decode <model> <fPort> <hex-or-base64>`: the field tool for a sensor that misbehaves.
 * Prints the decoded reading and its quality verdict as JSON, or the rejection (JSON on stdout,
 * a one-line reason on stderr) with exit code 1. `pesan decode --list` lists the models.
 */
interface DecodeOptions {
  list?: boolean;
  encoding?: PayloadEncoding;
  mountMm?: number;
  usableMm?: number;
}

function positiveMm(value: string): number {
  const mm = Number(value);
  if (!Number.isFinite(mm) || mm <= 0)
    throw new InvalidArgumentError('must be a positive number of mm');

  return mm;
}

function fPortArgument(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 255) {
    throw new InvalidArgumentError('must be an integer FPort between 0 and 255');
  }

  return port;
}

function geometry(options: DecodeOptions): BinQualityProfile | null {
  if (options.mountMm === undefined || options.usableMm === undefined) return null;

  return {
    mountHeightMm: options.mountMm,
    usableDepthMm: options.usableMm,
    // A single spot check has no history: rates only matter for spikes and stuck values.
    maxRisePctPerH: 0,
    typicalRisePctPerH: 0,
    lowBatteryV: null,
  };
}

/**
 * The fill the technician sees. A suspect verdict (no echo, tilted, blind zone, past the floor)
 * means the distance is not the waste level: many sensors send 0 mm for "no echo", which would
 * print as over 100 % full. The reason says why no number is shown.
 */
function printedFill(
  measuredFill: number | null,
  profile: BinQualityProfile | null,
  quality: QualityVerdict | null,
): { fillPct: number | null; reason: string | null } {
  if (profile === null) {
    return { fillPct: null, reason: 'give --mount-mm and --usable-mm to work out the fill' };
  }
  if (quality !== null && !levelIsTrusted(quality.quality)) {
    return { fillPct: null, reason: `level not trusted (${quality.quality}): no fill shown` };
  }
  if (measuredFill === null) return { fillPct: null, reason: 'frame carries no distance' };

  return { fillPct: Math.round(measuredFill * 10) / 10, reason: null };
}

export function decodeCommand(): Command {
  const command = new Command('decode')
    .description('decode a LoRaWAN sensor payload and judge its quality')
    .argument('[model]', 'sensor model id (see --list)')
    .argument('[fPort]', 'LoRaWAN FPort the frame arrived on', fPortArgument)
    .argument('[payload]', 'FRMPayload as hex (01755C...) or base64 (AXVc...)')
    .option('--list', 'list the supported models')
    .addOption(
      new Option('--encoding <encoding>', 'force how the payload is read').choices([
        'hex',
        'base64',
      ]),
    )
    .option('--mount-mm <mm>', 'bin: sensor face to floor, for fill % and range checks', positiveMm)
    .option('--usable-mm <mm>', 'bin: depth that holds waste (100 % full)', positiveMm);

  command.action(function (this: Command, model?: string, fPort?: number, payload?: string) {
    const options = this.opts<DecodeOptions>();
    const out = (value: unknown) => {
      const text = `${JSON.stringify(value, null, 2)}\n`;
      const write = this.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s));
      write(text);
    };
    const refuse = (code: string, reason: string): never => {
      out({ ok: false, code, reason });
      return this.error(`rejected (${code}): ${reason}`, {
        exitCode: 1,
        code: 'pesan.decode.rejected',
      });
    };

    if (options.list === true) {
      out(
        codecRegistry.list().map((c) => ({
          model: c.id,
          vendor: c.vendor,
          name: c.model,
          ports: c.ports,
          carries: c.summary,
        })),
      );
      return;
    }
    if (model === undefined || fPort === undefined || payload === undefined) {
      return refuse('usage', 'give <model> <fPort> <payload>, or --list');
    }

    const text = parsePayloadText(payload, options.encoding);
    if (!text.ok) return refuse('bad-payload-text', text.reason);
    const decoded = codecRegistry.decode(model, fPort, text.bytes);
    if (!decoded.ok) return refuse(decoded.code, decoded.reason);

    const frame = decoded.frame;
    const profile = geometry(options);
    // Unrounded and unclamped for the gate, so a level over the rim is judged as such.
    const measuredFill =
      profile !== null && frame.distanceMm !== null && !frame.noEcho
        ? fillPctFromDistance(frame.distanceMm, profile)
        : null;
    const quality =
      frame.kind === 'status'
        ? null
        : assessSingleReading(
            qualitySampleFromFrame(frame, { id: 'cli', ts: Date.now(), fillPct: measuredFill }),
            profile,
            codecRegistry.get(model)?.lowBatteryV ?? null,
          );
    const fill = printedFill(measuredFill, profile, quality);

    out({
      ok: true,
      model: frame.model,
      fPort,
      payloadHex: Buffer.from(text.bytes).toString('hex').toUpperCase(),
      frame,
      fillPct: fill.fillPct,
      fillPctReason: fill.reason,
      quality,
    });
  });

  return command;
}
