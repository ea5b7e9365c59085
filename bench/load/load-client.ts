import type { Connect } from '../../clients/transport.ts';
import type { LoadJob } from '../../protocol/control.ts';
import type { TransportDescriptor } from '../../transports/descriptor.ts';
import type { Scenario } from '../scenarios/scenario.ts';

/**
 * Whether a job's connections open on the transport's loadClient rather than its users' client: for a
 * scenario that drives the server to its limit, with text (a load client speaks no binary).
 */
export const usesLoadClient = (scenario: Pick<Scenario, 'drivesServerToLimit'>, transport: Pick<TransportDescriptor, 'loadClient'>, job: Pick<LoadJob, 'payloadKind'>): boolean =>
  scenario.drivesServerToLimit === true && job.payloadKind !== 'binary' && transport.loadClient !== undefined;

/** The client a job's connections open (see usesLoadClient). */
export async function loadClientFor(scenario: Pick<Scenario, 'drivesServerToLimit'>, transport: TransportDescriptor, job: Pick<LoadJob, 'payloadKind'>): Promise<Connect> {
  return ((usesLoadClient(scenario, transport, job) ? transport.loadClient : undefined) ?? transport.client)();
}
