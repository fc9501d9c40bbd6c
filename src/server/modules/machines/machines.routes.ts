import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireActor, setEtag } from '../../http/request.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, scopeFilter, type Action } from '../../policies/policies.ts';
import { findMachineByKey, listMachines, type MachineWithSite } from './machines.repository.ts';
import { machineView, type MachineView } from './machines.schema.ts';

const machineActions: Action[] = ['machine.read'];

function presentMachine(actor: Actor, machine: MachineWithSite): MachineView {
  return {
    id: machine.id,
    machine_id: machine.machine_id,
    name: machine.name,
    site_id: machine.site_id,
    site_key: machine.site_key,
    decommissioned_at: machine.decommissioned_at,
    version: machine.version,
    allowed_actions: allowedActions(actor, machineActions, { siteId: machine.site_id, machineId: machine.id }),
  };
}

/** Machines under /api/v1. */
export function machinesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/machines', { schema: { tags: ['inventory'], response: { 200: z.object({ items: z.array(machineView) }) } } }, async (request) => {
      const actor = requireActor(request);
      const machines = await listMachines(ctx.db, scopeFilter(actor, 'machine.read'));
      return { items: machines.map((machine) => presentMachine(actor, machine)) };
    });

    app.get(
      '/machines/:machine_id',
      { schema: { tags: ['inventory'], params: z.object({ machine_id: z.string().min(1) }), response: { 200: machineView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const machine = await findMachineByKey(ctx.db, request.params.machine_id);
        if (!machine) throw new AppError('NOT_FOUND');
        authorize(actor, 'machine.read', { siteId: machine.site_id, machineId: machine.id });
        setEtag(reply, machine.version);
        return presentMachine(actor, machine);
      },
    );
  };
}
