import { startBackground } from '../background/background-service.ts';

export default defineBackground(() => {
  startBackground();
});
