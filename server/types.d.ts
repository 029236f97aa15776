import 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook: the API key's owner or the JWT's subject. */
    principal?: { name: string; max?: number };
  }
}
