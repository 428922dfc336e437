import type { SensorEncoder } from '../sim-reading.js';
import { encodeDecentlabDlMbx } from './decentlab-dl-mbx.js';
import { encodeDingtekDf702 } from './dingtek-df702.js';
import { encodeDraginoLdds04, encodeDraginoLdds20 } from './dragino.js';
import { encodeEm310Udl, encodeEm400Mud, encodeEm500Udl } from './milesight.js';
import { encodeWilsenSonicLevel } from './pepperl-fuchs-wilsen.js';

/** One encoder per codec id in src/lorawan/codecs, writing the same byte layouts. */
export const ENCODERS: Readonly<Record<string, SensorEncoder>> = {
  'decentlab-dl-mbx': (r) => encodeDecentlabDlMbx(r),
  'dingtek-df702': (r) => encodeDingtekDf702(r),
  'dragino-ldds04': encodeDraginoLdds04,
  'dragino-ldds20': encodeDraginoLdds20,
  'milesight-em310-udl': encodeEm310Udl,
  'milesight-em400-mud': encodeEm400Mud,
  'milesight-em500-udl': encodeEm500Udl,
  'pepperl-fuchs-wilsen-sonic-level': encodeWilsenSonicLevel,
};

export function encoderFor(model: string): SensorEncoder {
  const encoder = ENCODERS[model];
  if (encoder === undefined) throw new Error(`the simulator has no encoder for model "${model}"`);

  return encoder;
}
