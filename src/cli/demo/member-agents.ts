/**
 * Agents for member clusters of the embedded hub, joined the way `flotilla agent --token`
 * joins them (connectAgent: register with the token, store the credential on the member,
 * run a ClusterAgent with the credential the hub granted), all in this process as
 * `flotilla agent --simulate N` runs them. The member side of each is a logical cluster of
 * the embedded API server.
 */
import type { Logger } from 'pino';
import { connectAgent, type ConnectedAgent } from '../../agent/runtime/index.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { EmbeddedHub } from './embedded-hub.js';

export interface MemberSpec {
  /** The logical cluster on the embedded server, also the Cluster name asked for. */
  name: string;
  labels: Readonly<Record<string, string>>;
}

export interface JoinOptions {
  hub: EmbeddedHub;
  members: readonly MemberSpec[];
  token: string;
  version: string;
  clock: Clock;
  logger: Logger;
}

/** Joins every member at once; if one fails, the others are stopped and the first error thrown. */
export async function joinMembers(options: JoinOptions): Promise<ConnectedAgent[]> {
  const { hub } = options;
  const settled = await Promise.allSettled(
    options.members.map((member) =>
      connectAgent({
        memberKubeConfig: hub.kubeConfig(member.name),
        hubServer: hub.server.url,
        ...(hub.server.ca ? { hubCaPem: hub.server.ca } : {}),
        token: options.token,
        clusterName: member.name,
        labels: member.labels,
        version: options.version,
        clock: options.clock,
        logger: options.logger.child({ member: member.name }),
        // Short intervals: a demo should show state changes within a second or two.
        heartbeatInterval: Duration.seconds(2),
        resyncInterval: Duration.seconds(30),
        registrationTimeout: Duration.seconds(30),
      }),
    ),
  );
  const joined = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.findIndex((s) => s.status === 'rejected');
  if (failed >= 0) {
    await Promise.all(joined.map((a) => a.stop()));
    const reason = (settled[failed] as PromiseRejectedResult).reason as unknown;
    throw new Error(`member ${options.members[failed]?.name ?? failed} could not join the hub: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
  }
  return joined;
}
