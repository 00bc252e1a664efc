import type { MatrixFixtures } from './types';
import * as foundation from './foundation';

// Every module's fixtures. A new lib/server module that defines mutations adds a
// file in this folder and one line here; the coverage tests fail until it does.
export const ALL_FIXTURES: MatrixFixtures[] = [...Object.values(foundation)];
