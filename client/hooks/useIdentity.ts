/** This device's participant, loaded from and saved to localStorage. */
import { useCallback, useState } from 'react';
import type { Sector } from '../../shared/schema';
import { loadIdentity, saveIdentity, type Identity } from '../lib/identity';

export function useIdentity(): [Identity | null, (name: string, sector: Sector) => void] {
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);
  const update = useCallback((name: string, sector: Sector) => {
    setIdentity((prev) => saveIdentity(name, sector, prev));
  }, []);
  return [identity, update];
}
