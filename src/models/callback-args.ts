import { received } from '../util/received.js';
import type { CallbackHooks } from './callbacks.js';
import { CALLBACK_HOOKS } from './callbacks.js';

/**
 * fit's `callbacks` option as a list, checked at the boundary: `undefined` and `null` are no
 * callbacks (TF.js accepts both), one callback object is a list of one. Anything else (a
 * number, a string, an array holding a non-object, a hook that is not a function) is refused,
 * rather than ignored or failing mid-training.
 * @example callbackList([earlyStopping], 'model.fit') // [earlyStopping]
 */
export function callbackList(value: unknown, method: string): CallbackHooks[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    return value.map((cb: unknown, i) => {
      if (!isObject(cb)) throw new Error(`${method}: callbacks[${i}] must be a callback object (with hooks such as onEpochEnd). Received: ${received(cb)}`);
      return checkHooks(cb, `callbacks[${i}]`, method);
    });
  }
  if (!isObject(value)) throw new Error(`${method}: callbacks must be a callback object or an array of them. Received: ${received(value)}`);
  return [checkHooks(value, 'callbacks', method)];
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every hook the object has (own or inherited) must be a function; absent or undefined hooks are fine. */
function checkHooks(cb: object, where: string, method: string): CallbackHooks {
  for (const name of CALLBACK_HOOKS) {
    const hook: unknown = (cb as Record<string, unknown>)[name];
    if (hook !== undefined && typeof hook !== 'function') throw new Error(`${method}: ${where}.${name} must be a function. Received: ${received(hook)}`);
  }
  return cb as CallbackHooks;
}
