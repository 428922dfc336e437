import type { Bin, Device } from '../domain/registry.js';
import type { RegistryRepo } from '../registry/registry-repo.js';

export interface DeviceEntry {
  device: Device;
  bin: Bin | null;
}

/**
 * Devices and bins, held in memory for the hot path (one lookup per message). Reloaded
 * whenever the registry changes through the API or an import.
 */
export class DeviceDirectory {
  private byId = new Map<string, DeviceEntry>();
  private byDevEui = new Map<string, DeviceEntry>();
  private binsById = new Map<string, Bin>();

  constructor(private readonly registry: RegistryRepo) {
    this.reload();
  }

  reload(): void {
    const bins = new Map(this.registry.bins().map((b) => [b.id, b]));
    this.binsById = bins;
    this.byId = new Map();
    this.byDevEui = new Map();

    for (const device of this.registry.devices()) {
      const entry = { device, bin: bins.get(device.binId) ?? null };
      this.byId.set(device.id, entry);
      if (device.devEui) this.byDevEui.set(device.devEui, entry);
    }
  }

  get(deviceId: string): DeviceEntry | undefined {
    return this.byId.get(deviceId);
  }

  getByDevEui(devEui: string): DeviceEntry | undefined {
    return this.byDevEui.get(devEui.toLowerCase());
  }

  /** Every registered bin, with or without a device. */
  bins(): Map<string, Bin> {
    return this.binsById;
  }

  get size(): number {
    return this.byId.size;
  }
}
