// proto/ is the one source of the gRPC contract; both apps load the files from there.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Repository (or image) root: libs/contracts/src is three levels down, in sources and in dist/. */
const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/dist\/$/, '');

export const PROTO_DIR = join(root, 'proto');
export const HEALTH_PROTO = join(PROTO_DIR, 'grpc/health/v1/health.proto');
export const HEALTH_PACKAGE = 'grpc.health.v1';
export const GUARD_PROTO = join(PROTO_DIR, 'guard/v1/guard.proto');
export const GUARD_PACKAGE = 'guard.v1';
