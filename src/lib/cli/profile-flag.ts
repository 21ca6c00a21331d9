import * as Flags from '@oclif/core/flags'

export const profileFlag = Flags.string({char: 'P', description: 'Name of the profile (default: MONGODB_ATLAS_PROFILE, else "default").', helpGroup: 'GLOBAL'})
