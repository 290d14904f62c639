/**
 * A job that runs every `intervalMs` in this process, one round at a time (a slow round is never overlapped),
 * without keeping the process alive. Returns a stop function; starting a name twice keeps the first loop.
 */
const loops = new Map<string, NodeJS.Timeout>();

export function runEvery(name: string, intervalMs: number, round: () => Promise<unknown>): () => void {
  const stop = () => {
    clearInterval(loops.get(name));
    loops.delete(name);
  };
  if (loops.has(name)) return stop;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await round();
    } catch (error) {
      console.error(`[${name}] round failed`, error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  loops.set(name, timer);
  return stop;
}
