import { Command, InvalidArgumentError, Option } from 'commander';
import { codecRegistry } from '../../lorawan/codec-registry.js';
import { type PayloadEncoding, parsePayloadText } from '../../lorawan/payload-text.js';
import { qualitySampleFromFrame } from '../../lorawan/quality-sample.js';
import { fillPctFromDistance } from '../../quality/bin-profile.js';
import type { BinQualityProfile } from '../../quality/quality-types.js';
import { assessSingleReading } from '../../quality/single-reading.js';

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
    const fillPct =
      profile !== null && frame.distanceMm !== null
        ? Math.round(fillPctFromDistance(frame.distanceMm, profile) * 10) / 10
        : null;
    const quality =
      frame.kind === 'status'
        ? null
        : assessSingleReading(
            qualitySampleFromFrame(frame, { id: 'cli', ts: Date.now(), fillPct }),
            profile,
            codecRegistry.get(model)?.lowBatteryV ?? null,
          );

    out({
      ok: true,
      model: frame.model,
      fPort,
      payloadHex: Buffer.from(text.bytes).toString('hex').toUpperCase(),
      frame,
      fillPct,
      quality,
    });
  });

  return command;
}
