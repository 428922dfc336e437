import Database from 'better-sqlite3';

/**
 * Opens the telemetry file with the settings every connection needs: WAL so readers never wait
 * for the writer, and synchronous=FULL so a committed batch survives a crash or power loss.
 */
export function openTelemetryDb(file: string): Database.Database {
  const db = new Database(file);

  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');

    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
