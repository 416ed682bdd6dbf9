import { randomUUID } from 'node:crypto';
import { Boom, type Clock, Joi, type ServerRoute } from '@kaifang/sdk';
import { type Greeting, GreetingSchema } from '../entities/greeting.ts';

export interface GreetingRouteDeps {
  clock: Clock;
  compose(name: string): string;
}

const greetingOut = Joi.object({
  id: Joi.string().uuid().required(),
  name: Joi.string().required(),
  message: Joi.string().required(),
  createdAt: Joi.date().iso().required(),
}).label('Greeting');

export function greetingRoutes(deps: GreetingRouteDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/hello/greetings',
      options: {
        description: 'Greet someone and remember the greeting',
        validate: { payload: Joi.object({ name: Joi.string().trim().min(1).max(50).required() }) },
        response: { schema: greetingOut },
      },
      handler: async (request, h) => {
        const { name } = request.payload as { name: string };
        const greeting = request.em.create(GreetingSchema, {
          id: randomUUID(),
          name,
          message: deps.compose(name),
          createdAt: deps.clock.now(),
        });
        await request.em.persistAndFlush(greeting);
        return h.response(greeting).code(201);
      },
    },
    {
      method: 'GET',
      path: '/hello/greetings',
      options: {
        description: 'The latest greetings, newest first',
        validate: {
          query: Joi.object({ limit: Joi.number().integer().min(1).max(100).default(20) }),
        },
      },
      handler: async (request) => {
        const { limit } = request.query as { limit: number };
        const items = await request.em.find(
          GreetingSchema,
          {},
          { orderBy: { createdAt: 'desc' }, limit },
        );
        return { items };
      },
    },
    {
      method: 'GET',
      path: '/hello/greetings/{id}',
      options: {
        description: 'One greeting',
        validate: { params: Joi.object({ id: Joi.string().uuid().required() }) },
        response: { schema: greetingOut },
      },
      handler: async (request): Promise<Greeting> => {
        const { id } = request.params as { id: string };
        const greeting = await request.em.findOne(GreetingSchema, { id });
        if (!greeting) throw Boom.notFound(`no greeting with id ${id}`);
        return greeting;
      },
    },
  ];
}
