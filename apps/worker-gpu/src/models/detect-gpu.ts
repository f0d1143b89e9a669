import { existsSync } from 'node:fs';

/** Where models run: `auto` picks CUDA when this machine has an NVIDIA driver loaded, else the CPU. */
export type ModelDevice = 'auto' | 'cpu' | 'cuda';

/**
 * The device `auto` means here. The driver's proc file is present exactly when the kernel module is
 * loaded (as on a GPU node with the device plugin); the runtimes still fall back to the CPU, and say
 * so, when their CUDA build cannot start.
 */
export function resolveModelDevice(device: ModelDevice): 'cpu' | 'cuda' {
  if (device !== 'auto') return device;
  return existsSync('/proc/driver/nvidia/version') || existsSync('/dev/nvidiactl') ? 'cuda' : 'cpu';
}
