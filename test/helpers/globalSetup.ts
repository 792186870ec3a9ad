/**
 * Once per test run: bundles the server into build/server (as `npm start`
 * does), so every test that starts one runs the code as it is now.
 */
import { bundleServer } from '../../scripts/build-server.mjs';

export default async function setup(): Promise<void> {
  await bundleServer();
}
