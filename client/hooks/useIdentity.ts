/** This device's profile (name, sector, where), loaded from and saved to localStorage. */
import { useCallback, useState } from 'react';
import { loadProfile, saveProfile, type Profile } from '../lib/identity';

export function useProfile(): [Profile | null, (profile: Profile) => void] {
  const [profile, setProfile] = useState<Profile | null>(loadProfile);
  const update = useCallback((p: Profile) => {
    setProfile(saveProfile(p));
  }, []);
  return [profile, update];
}
