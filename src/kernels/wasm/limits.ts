/** The most threads a pool runs (the calling thread included). */
export const MAX_THREADS = 16;
/** Bytes of stack each worker's instance gets. */
export const WORKER_STACK_BYTES = 65536;
