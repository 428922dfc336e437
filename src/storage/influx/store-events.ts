/**
 * What the InfluxDB adapter tells the rest of the app, beyond logs and metrics: the alerts
 * module turns the spool warnings into an operator alert.
 */
export type InfluxStoreEvent =
  | { type: 'server-down'; error: string }
  | { type: 'server-up'; replayedPoints: number }
  | { type: 'spool-near-limit'; spoolBytes: number; limitBytes: number }
  | { type: 'spool-full'; spoolBytes: number; limitBytes: number }
  | { type: 'batch-rejected'; status: number; points: number; message: string }
  | { type: 'writes-paused'; status: number; message: string };
