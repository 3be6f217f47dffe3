export { createRedisSharing } from './redisSharing';
export type { RedisSharingOptions } from './redisSharing';
