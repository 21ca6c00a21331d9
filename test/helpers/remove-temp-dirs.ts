import {afterAll} from 'vitest'

import {removeTempDirs} from './temp-dirs.js'

// Registered before each test file's own hooks, so it runs after them (vitest runs after-hooks in reverse order):
// servers and children they stop are gone before their homes are removed.
afterAll(removeTempDirs)
