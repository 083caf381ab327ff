/**
 * How a scale run spreads its agents and member clusters over processes so that none runs out
 * of file descriptors. The open-file hard limit is per process and an unprivileged container
 * cannot raise it (20,000 here), so every process is planned against a budget well under it:
 * each agent holds its own hub watch and a kept-alive request connection to the hub (the
 * heartbeat reuses it, since it beats more often than an idle connection is closed) and a
 * connection to its member; the hub API server holds the other end of the first two, a member
 * API server the other end of the third. Agent hosts and member API servers can be multiplied;
 * the hub cannot, so a run whose hub would pass the hard limit is refused up front, naming it,
 * instead of failing thousands of agents in with EMFILE. Pure: the caller reads the limit.
 */

/**
 * Descriptors per agent, from /proc/<pid>/fd: at 200 × 3 with agents beating every 45 s the
 * hub held 1.2 per agent at rest and 2.3 at the push's peak, a member API server 1.1 and 2.3;
 * at 1,000 × 10 (15-s beats) the hub held up to 2.4 per agent, the member API server up to 3.2
 * (3,168 for 1,000) and an agent host up to 8.6 (2,162 for 250 agents: each busy agent holds
 * several hub and member connections at once); at 3,000 × 10 (45-s beats, hosts of 1,000) the
 * hub held up to 2.5, the member API server up to 3.9 (11,824) and a host up to 8.9 a fifth of
 * the way into the push, still climbing. With the default 15-s beat an agent also keeps its
 * request connection to the hub open at rest (2 per agent at 60 clusters).
 */
export interface DescriptorCosts {
  /** On the hub API server for the whole run: the agent's watch, plus its kept-alive request connection when its beat keeps it open. */
  hubPerAgent: number;
  /** On the hub API server while the agent works through a rollout: a request connection or two beside the watch. */
  hubBurstPerAgent: number;
  /** On a member API server at a rollout's peak. */
  memberPerAgent: number;
  /** In an agent host at a rollout's peak: all of the above from the agent's side. */
  agentHostPerAgent: number;
  /** Any process's own: listening sockets, pipes, epoll, the controller's and benchmark's connections to the hub. */
  perProcess: number;
}

/**
 * An agent whose heartbeat comes more often than its client closes an idle connection (30 s)
 * keeps that connection open between beats; beating less often frees it, leaving the watch.
 */
export const AGENT_IDLE_CONNECTION_MS = 30_000;

export function descriptorCosts(options: { heartbeatMs: number }): DescriptorCosts {
  const keepsRequestConnection = options.heartbeatMs < AGENT_IDLE_CONNECTION_MS;
  return { hubPerAgent: keepsRequestConnection ? 2 : 1.2, hubBurstPerAgent: 3, memberPerAgent: 5, agentHostPerAgent: 10, perProcess: 300 };
}

export interface PlanInput {
  clusters: number;
  /** The most agents one host may run (the --agents-per-host option). */
  agentsPerHost: number;
  /** The hard open-file limit, or undefined when unlimited or unknown (then nothing is split for descriptors). */
  hardLimit: number | undefined;
  /** The share of the hard limit a process is planned to use at most. */
  budgetShare: number;
  costs: DescriptorCosts;
}

export interface PlannedProcess {
  /** Agents it runs (agent host) or serves (member API server, hub). */
  agents: number;
  descriptors: number;
}

export interface ScalePlan {
  hardLimit: number | undefined;
  budget: number | undefined;
  hub: PlannedProcess;
  /** Said before the run when the hub may pass the hard limit at a rollout's peak (connections it cannot accept are retried by the agents). */
  warning?: string;
  memberServers: PlannedProcess[];
  agentHosts: PlannedProcess[];
}

export type PlanOutcome = { ok: true; plan: ScalePlan } | { ok: false; reason: string };

/** `total` split into `parts` counts as even as can be, the larger first. */
export function evenSplit(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/** The fewest processes whose share of `agents` each fits the budget at `perAgent` descriptors (at most `cap` agents each). */
function processesFor(agents: number, perAgent: number, overhead: number, limits: { budget: number | undefined; cap: number }): PlannedProcess[] {
  const byBudget = limits.budget === undefined ? Infinity : Math.max(1, Math.floor((limits.budget - overhead) / perAgent));
  const perProcess = Math.max(1, Math.min(limits.cap, byBudget, agents));
  return evenSplit(agents, Math.ceil(agents / perProcess)).map((n) => ({ agents: n, descriptors: Math.ceil(overhead + n * perAgent) }));
}

export function planScaleRun(input: PlanInput): PlanOutcome {
  const { clusters, costs, hardLimit } = input;
  const budget = hardLimit === undefined ? undefined : Math.floor(hardLimit * input.budgetShare);
  const hub = { agents: clusters, descriptors: Math.ceil(costs.perProcess + clusters * costs.hubPerAgent) };
  if (hardLimit !== undefined && hub.descriptors > hardLimit) {
    return {
      ok: false,
      reason:
        `refused: the hub API server would hold about ${hub.descriptors} file descriptors for ${clusters} agents ` +
        `(${costs.hubPerAgent} each: its watch${costs.hubPerAgent >= 2 ? ' and the request connection its heartbeat keeps open' : ''}, plus ${costs.perProcess} of its own), ` +
        `over the open-file hard limit of ${hardLimit} per process (ulimit -Hn), which this container cannot raise; ` +
        `the hub is one process and cannot be split. Run fewer clusters${costs.hubPerAgent >= 2 ? `, or beat less often than agents close an idle connection (--heartbeat-interval above ${AGENT_IDLE_CONNECTION_MS / 1000}s) so the hub holds only the watches` : ''}.`,
    };
  }
  const memberServers = processesFor(clusters, costs.memberPerAgent, costs.perProcess, { budget, cap: Infinity });
  const agentHosts = processesFor(clusters, costs.agentHostPerAgent, costs.perProcess, { budget, cap: input.agentsPerHost });
  const burst = Math.ceil(costs.perProcess + clusters * costs.hubBurstPerAgent);
  const warning =
    hardLimit !== undefined && burst > hardLimit
      ? `warning: at a rollout's peak the hub API server may hold up to ~${burst} descriptors (${costs.hubBurstPerAgent} per busy agent), over the hard limit of ${hardLimit}; connections it cannot accept and files it cannot open then fail and are retried by their clients, so rollouts may be slower and show errors`
      : undefined;
  return { ok: true, plan: { hardLimit, budget, hub, memberServers, agentHosts, ...(warning ? { warning } : {}) } };
}

function group(processes: readonly PlannedProcess[]): string {
  const agents = processes.map((p) => p.agents);
  const most = Math.max(...processes.map((p) => p.descriptors));
  return `${processes.length} process${processes.length === 1 ? '' : 'es'} (${Math.min(...agents)}–${Math.max(...agents)} clusters each, up to ~${most} descriptors)`;
}

/** The plan as the run prints it before starting anything. */
export function describePlan(plan: ScalePlan): string {
  const limit = plan.hardLimit === undefined ? 'no known open-file hard limit' : `open-file hard limit ${plan.hardLimit} per process, planned budget ${plan.budget}`;
  return [
    `process plan (${limit}):`,
    `  hub API server: ${plan.hub.agents} agents' connections, ~${plan.hub.descriptors} descriptors`,
    `  member API servers: ${group(plan.memberServers)}`,
    `  agent hosts: ${group(plan.agentHosts)}`,
    ...(plan.warning ? [plan.warning] : []),
  ].join('\n');
}
