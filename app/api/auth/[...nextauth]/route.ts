import { methodNotAllowed } from '@/lib/server/api';
import { handlers } from '@/lib/server/auth';

export const { GET, POST } = handlers;

// other methods: a JSON 405 with Allow, as on every route
const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
