/**
 * bench/scale: the parts of `npm run bench -- scale` (bench/scale.ts): the processes of a
 * scale run and how they are started, the git repository it pushes, the rollout waves it
 * times and the watch that feeds them, the hub's request counters, /proc readings by
 * process role, the peer comparisons (agent apply against kubectl, hub writes against etcd,
 * poll against git ls-remote, resolution against the nested loop), the result files and the
 * partial results written as each phase completes, the Cluster watch registration waits on,
 * the process plan by file descriptors (against the per-process open-file hard limit), and the
 * resource watch that reports RSS and descriptors per process and stops a run short of memory.
 */
export { compareAgentApply, type ApplyComparison } from './agent-apply-peer.js';
export { ClusterWatch, compactCluster, hasJoined } from './cluster-watch.js';
export { processOpenFileLimit } from './open-file-limit.js';
export { AGENT_IDLE_CONNECTION_MS, describePlan, descriptorCosts, evenSplit, planScaleRun, type DescriptorCosts, type PlanOutcome, type PlannedProcess, type ScalePlan } from './scale-plan.js';
export { availableMemoryBytes, censusLine, memoryShortfall, readProcess, ResourceWatch, type ProcessReading, type WatchedProcess } from './resource-watch.js';
export { PartialResults } from './partial-results.js';
export { compactDeployment, DeploymentWatch } from './deployment-watch.js';
export { between, HubMetrics, type RequestDelta } from './hub-metrics.js';
export { hubWritesVsEtcd, pollVsLsRemote, resolutionVsNestedLoop, type HubWritesFigures, type PollFigures, type ResolutionRatio } from './peer-ratios.js';
export { cpuBetween, readGroup, type GroupReading, type ProcessGroup } from './process-group.js';
export { changeRollout, GITREPO_NAME, pushRollout, relabelRollout, type RolloutEnv } from './rollouts.js';
export { deploymentKey, isReadyAsSpecified, RolloutWave, type WaveOptions } from './rollout-wave.js';
export { scaleMarkdown, scaleResult, scaleRows, scaleTargets, scaleText, type ScaleMeasurements, type ProcessPeak, type ScaleParameters, type ScaleResult, type TargetVerdict, peaksText } from './scale-result.js';
export { APPLY_BENCH_CLUSTER, joinAgents, memberNames, scaleClusters, startScaleSession, unlessDied, type ScaleSession } from './scale-session.js';
export { bundleFiles, bundleFolder, SCALE_LABEL, ScaleRepo, TRACK_LABEL } from './scale-repo.js';
export { createRegistrationToken, startAgentHosts, startApiServerProcess, startControllerProcess } from './scale-processes.js';
