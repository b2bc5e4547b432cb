/** Facts about the machine the bench ran on, saved with the results. */
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where and how the numbers were taken. */
export interface MachineFacts {
  node: string;
  platform: string;
  arch: string;
  kernel: string;
  cpu_model: string;
  cores: number;
  total_memory_mib: number;
  /** 1-minute load average when the bench started; above `cores` means the timings are pessimistic. */
  load_average_1m: number;
  /** Milliseconds of bench/reference-workload.ts when the bench started (absent in older results). */
  reference_workload_ms?: number;
}

/** Reads the facts now. */
export function readMachineFacts(): MachineFacts {
  const list = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    kernel: release(),
    cpu_model: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    total_memory_mib: Math.round(totalmem() / 2 ** 20),
    load_average_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
