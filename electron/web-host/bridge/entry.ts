// Entry of /desk-bridge.js: runs as a classic script before the app's module script.
// `window` itself is the BridgeEnv (env.fetch(...) is called with window as its receiver).
import { installDeskBridge, type BridgeEnv } from './desk-bridge';

installDeskBridge(globalThis as unknown as BridgeEnv);
