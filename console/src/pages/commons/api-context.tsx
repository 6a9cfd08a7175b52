import { createContext, useContext } from 'react';
import { api, SqlupClient } from '../../api/client';

const ApiContext = createContext<SqlupClient>(api);

/** Tests hand pages a client on a recorded API; the app uses the same-origin one. */
export const ApiProvider = ApiContext.Provider;

export function useApi(): SqlupClient {
  return useContext(ApiContext);
}
