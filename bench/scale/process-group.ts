/**
 * The run's processes by role, read together from /proc: CPU seconds (to subtract around a
 * rollout) and resident memory, summed over the member API servers and over the agent hosts. A process that is gone reads as 0, so a crash shows as a
 * figure that makes no sense rather than as a missing one, and the run fails elsewhere.
 */
import { processUsage } from '../support/process-usage.js';
import type { CpuByProcess } from './scale-result.js';

export interface ProcessGroup {
  hub: number;
  controller: number;
  /** The member API servers (one, or several when a single one would pass its descriptor budget). */
  members: readonly number[];
  agents: readonly number[];
}

export interface GroupReading {
  cpu: CpuByProcess;
  resident: { hub: number; controller: number; member: number; agents: number };
}

async function read(pid: number): Promise<{ cpuSeconds: number; residentBytes: number }> {
  return (await processUsage(pid)) ?? { cpuSeconds: 0, residentBytes: 0 };
}

export async function readGroup(group: ProcessGroup): Promise<GroupReading> {
  const [hub, controller, members, agents] = await Promise.all([read(group.hub), read(group.controller), Promise.all(group.members.map(read)), Promise.all(group.agents.map(read))]);
  type Usage = { cpuSeconds: number; residentBytes: number };
  const sum = (of: Usage[], pick: (u: Usage) => number) => of.reduce((total, u) => total + pick(u), 0);
  const cpu = { hub: hub.cpuSeconds, controller: controller.cpuSeconds, member: sum(members, (u) => u.cpuSeconds), agents: sum(agents, (u) => u.cpuSeconds) };
  return {
    cpu: { ...cpu, total: cpu.hub + cpu.controller + cpu.member + cpu.agents },
    resident: { hub: hub.residentBytes, controller: controller.residentBytes, member: sum(members, (u) => u.residentBytes), agents: sum(agents, (u) => u.residentBytes) },
  };
}

/** CPU spent between two readings, by role. */
export function cpuBetween(before: GroupReading, after: GroupReading): CpuByProcess {
  const d = (pick: (c: CpuByProcess) => number) => Math.max(0, pick(after.cpu) - pick(before.cpu));
  return { hub: d((c) => c.hub), controller: d((c) => c.controller), member: d((c) => c.member), agents: d((c) => c.agents), total: d((c) => c.total) };
}
