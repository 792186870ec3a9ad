/** This device's profile (name, sector, where), loaded from and saved to localStorage. */
import { useCallback, useState } from 'react';
import type { Sector, Where } from '../../shared/schema';
import { loadProfile, saveProfile, type Profile } from '../lib/identity';

export function useProfile(): [Profile | null, (name: string, sector: Sector, where: Where) => void] {
  const [profile, setProfile] = useState<Profile | null>(loadProfile);
  const update = useCallback((name: string, sector: Sector, where: Where) => {
    setProfile(saveProfile(name, sector, where));
  }, []);
  return [profile, update];
}
