// Cross-key rules of the overload model: every call names a service that
// exists, layers do not call themselves round in a circle (a call would never
// end), and every window ends after it starts.
import type { Scenario } from './schema.ts';

type Path = readonly (string | number)[];

export function checkOverload(s: Scenario, add: (path: Path, message: string) => void): void {
  const services = s.services ?? {};
  const names = Object.keys(services);
  const known = `known: ${names.length === 0 ? '(none; add a services map)' : names.join(', ')}`;
  const mustExist = (service: string, at: Path) => {
    if (!(service in services)) add([...at, 'service'], `unknown service "${service}"; ${known}`);
  };
  if (s.calls) mustExist(s.calls.service, ['calls']);
  for (const [name, type] of Object.entries(s.jobTypes)) if (type.calls) mustExist(type.calls.service, ['jobTypes', name, 'calls']);
  for (const [name, svc] of Object.entries(services)) {
    svc.windows.forEach((w, i) => {
      if (w.to < w.from) add(['services', name, 'windows', i, 'to'], `expected a time >= from (${w.from}), got ${w.to}`);
    });
    if (!svc.calls) continue;
    mustExist(svc.calls.service, ['services', name, 'calls']);
    const chain = layerChain(services, name);
    if (chain.cycle) add(['services', name, 'calls', 'service'], `calls form a loop (${chain.path.join(' -> ')}); a call would never end`);
  }
}

/** The services a call to `start` goes through, and whether they loop back. */
export function layerChain(services: NonNullable<Scenario['services']>, start: string): { path: string[]; cycle: boolean } {
  const path = [start];
  let at = services[start]?.calls?.service;
  while (at !== undefined && at in services) {
    if (path.includes(at)) return { path: [...path, at], cycle: true };
    path.push(at);
    at = services[at]?.calls?.service;
  }
  return { path, cycle: false };
}
