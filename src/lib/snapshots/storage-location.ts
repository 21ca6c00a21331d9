import type {CloudProvider} from '../domain/types.js'

/**
 * Where Atlas stores the snapshots of an M2/M5 shared cluster (seed: "Backup Snapshot Storage Locations"). The seed
 * names countries, not regions: each provider's regions in those countries are listed here (names as in
 * tiers/catalog.ts); every other region is an "other cluster location", stored in Ireland.
 */
export type SharedTierStorageLocation = 'Asia' | 'Australia' | 'Germany' | 'Ireland' | 'USA'

/** The countries the seed's table names, and where each one's snapshots go. */
type NamedLocation = 'Australia' | 'Germany' | 'Hong Kong' | 'India' | 'Singapore' | 'Taiwan' | 'USA'

const STORED_IN: Record<NamedLocation, SharedTierStorageLocation> = {
  Australia: 'Australia',
  Germany: 'Germany',
  'Hong Kong': 'Australia',
  India: 'Asia',
  Singapore: 'Asia',
  Taiwan: 'Asia',
  USA: 'USA',
}

const US_AWS = ['US_GOV_WEST_1', 'US_GOV_EAST_1', 'US_EAST_1', 'US_EAST_2', 'US_WEST_1', 'US_WEST_2']
const US_AZURE = [
  'US_CENTRAL', 'US_EAST', 'US_EAST_2', 'US_NORTH_CENTRAL', 'US_WEST', 'US_SOUTH_CENTRAL', 'US_WEST_CENTRAL', 'US_WEST_2', 'US_WEST_3',
  'US_GOV_VIRGINIA', 'US_GOV_ARIZONA', 'US_GOV_TEXAS',
]
const US_GCP = ['EASTERN_US', 'US_EAST_4', 'US_EAST_5', 'US_WEST_2', 'US_WEST_3', 'US_WEST_4', 'US_SOUTH_1', 'CENTRAL_US', 'WESTERN_US']

/** The regions of each provider that lie in a country the seed names (GCP's _AW twins share their region's place). */
export const REGION_LOCATIONS: Record<CloudProvider, Readonly<Record<string, NamedLocation>>> = {
  AWS: {
    ...Object.fromEntries(US_AWS.map((region) => [region, 'USA' as const])),
    AP_SOUTHEAST_2: 'Australia', // Sydney
    AP_SOUTHEAST_4: 'Australia', // Melbourne
    EU_CENTRAL_1: 'Germany', // Frankfurt
    AP_EAST_1: 'Hong Kong',
    AP_SOUTH_1: 'India', // Mumbai
    AP_SOUTH_2: 'India', // Hyderabad
    AP_SOUTHEAST_1: 'Singapore',
    AP_EAST_2: 'Taiwan', // Taipei
  },
  AZURE: {
    ...Object.fromEntries(US_AZURE.map((region) => [region, 'USA' as const])),
    AUSTRALIA_CENTRAL: 'Australia',
    AUSTRALIA_CENTRAL_2: 'Australia',
    AUSTRALIA_EAST: 'Australia',
    AUSTRALIA_SOUTH_EAST: 'Australia',
    GERMANY_WEST_CENTRAL: 'Germany',
    GERMANY_NORTH: 'Germany',
    ASIA_EAST: 'Hong Kong',
    INDIA_CENTRAL: 'India',
    INDIA_SOUTH: 'India',
    INDIA_WEST: 'India',
    ASIA_SOUTH_EAST: 'Singapore',
  },
  GCP: {
    ...Object.fromEntries(US_GCP.flatMap((region) => [[region, 'USA' as const], [`${region}_AW`, 'USA' as const]])),
    AUSTRALIA_SOUTHEAST_1: 'Australia', // Sydney
    AUSTRALIA_SOUTHEAST_2: 'Australia', // Melbourne
    EUROPE_WEST_3: 'Germany', // Frankfurt
    EUROPE_WEST_10: 'Germany', // Berlin
    ASIA_EAST_2: 'Hong Kong',
    ASIA_SOUTH_1: 'India', // Mumbai
    ASIA_SOUTH_2: 'India', // Delhi
    SOUTHEASTERN_ASIA_PACIFIC: 'Singapore',
    EASTERN_ASIA_PACIFIC: 'Taiwan',
  },
}

export interface StorageLocationFact {
  location: SharedTierStorageLocation
  /** The seed's "cluster location" the region falls under, or undefined for "all other cluster locations". */
  clusterLocation?: NamedLocation
}

/** Where Atlas stores the snapshots of an M2/M5 cluster deployed in `regionName` of `provider`. */
export function sharedTierStorageLocation(provider: CloudProvider, regionName: string): StorageLocationFact {
  const clusterLocation = REGION_LOCATIONS[provider][regionName.toUpperCase()]
  return clusterLocation ? {location: STORED_IN[clusterLocation], clusterLocation} : {location: 'Ireland'}
}
