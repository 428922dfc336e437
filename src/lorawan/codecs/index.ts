import type { SensorCodec } from '../codec.js';
import { decentlabDlMbx } from './decentlab-dl-mbx.js';
import { dingtekDf702 } from './dingtek-df702.js';
import { draginoLdds04 } from './dragino-ldds04.js';
import { draginoLdds20 } from './dragino-ldds20.js';
import { milesightEm310Udl } from './milesight-em310-udl.js';
import { milesightEm400Mud } from './milesight-em400-mud.js';
import { milesightEm500Udl } from './milesight-em500-udl.js';
import { pepperlFuchsWilsenSonicLevel } from './pepperl-fuchs-wilsen-sonic-level.js';

/**
 * Every model we decode ourselves. A new model also needs its vector file, a vendor-name
 * translator in the tests and a simulator encoder: docs/lorawan.md, "Adding a model".
 */
export const CODECS: readonly SensorCodec[] = [
  decentlabDlMbx,
  dingtekDf702,
  draginoLdds04,
  draginoLdds20,
  milesightEm310Udl,
  milesightEm400Mud,
  milesightEm500Udl,
  pepperlFuchsWilsenSonicLevel,
];
