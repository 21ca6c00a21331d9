import {createRequire} from 'node:module'

import type axiosModule from 'axios'

/**
 * axios, from its Node build: one CommonJS file with the same API. Its ES module entry is about a hundred small
 * modules, each resolved and linked on its own, which made loading axios a large part of a cloud command's start-up.
 * Every module of ours takes axios from here, so there is one copy of its classes (isAxiosError, AxiosHeaders).
 */
const axios = createRequire(import.meta.url)('axios') as typeof axiosModule

export default axios
export const {AxiosHeaders, isAxiosError} = axios
