import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import authRoutes from './auth.routes.ts';
import userRoutes from './users.routes.ts';
import alertRoutes from './alerts.routes.ts';
import orgRoutes from './org.routes.ts';
import overviewRoutes from './overview.routes.ts';
import drillRoutes from './drill.routes.ts';
import drillPublicRoutes from './drill.public.ts';
import trainRoutes from './train.routes.ts';
import trainPublicRoutes from './train.public.ts';
import mailRoutes from './mail.routes.ts';
import domainRoutes from './domains.routes.ts';
import watchRoutes from './watch.routes.ts';
import watchConnectorRoutes from './watch-connectors.routes.ts';
import blurRoutes from './blur.routes.ts';
import intelRoutes from './intel.routes.ts';
import taxiiRoutes from './taxii.routes.ts';
import sensorsPublic from './sensors.public.ts';
import sensorsRoutes from './sensors.routes.ts';

export type RouteModule = (api: FastifyInstance, ctx: AppContext) => void | Promise<void>;

/** Every API route module, mounted under /api/v1. Adding a capability is a file and a line here. */
export const routeModules: RouteModule[] = [authRoutes, userRoutes, alertRoutes, orgRoutes, overviewRoutes, drillRoutes, trainRoutes, mailRoutes, domainRoutes, watchRoutes, watchConnectorRoutes, blurRoutes, intelRoutes, sensorsRoutes];

/**
 * Modules mounted at the root with no login: canary endpoints, honey portals, public lessons.
 * They must bound and rate-limit everything themselves.
 */
export const publicRouteModules: RouteModule[] = [drillPublicRoutes, trainPublicRoutes, taxiiRoutes, sensorsPublic];
