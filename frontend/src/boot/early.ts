// Imported first by main.ts, so that it runs before the modules of the
// rest of the page are evaluated: what the first screen needs from Go is
// asked now and arrives while the page's code is still being run.
import { askStatusEarly } from '../api/shell';
import { bootMark } from './marks';

bootMark('script');
askStatusEarly();
