// The floor any Node proxy pays: Fastify in, undici out, nothing else. The benchmark runs it
// side by side with the gateway so the gateway's own cost can be told apart from Node's.
import Fastify from 'fastify';
import { Pool } from 'undici';

const upstream = new Pool(process.env.UPSTREAM_URL, { connections: 256 });
const app = Fastify({ bodyLimit: 32 * 1024 ** 2 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.all('/*', async (req, reply) => {
  const res = await upstream.request({ method: req.method, path: req.url, headers: { 'content-type': 'application/json' }, body: req.body ?? null });
  const { connection, 'transfer-encoding': _te, 'keep-alive': _ka, ...headers } = res.headers;
  return reply.code(res.statusCode).headers(headers).send(res.body);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log(`minimal proxy listening on ${process.env.PORT}`);
