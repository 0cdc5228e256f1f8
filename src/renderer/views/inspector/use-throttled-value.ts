// A live run bumps `version` many times a second; views that re-read the
// store on a version change read at most once per `ms`, and always read the
// last value once things calm down.
import { useEffect, useRef, useState } from 'react';

export function useThrottledValue<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastAt.current + ms - Date.now();
    const timer = setTimeout(() => {
      lastAt.current = Date.now();
      setShown(value);
    }, Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
