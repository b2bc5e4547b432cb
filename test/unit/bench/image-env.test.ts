import { describe, expect, it } from 'vitest';
import { imageMemoryEnv, runtimeStageEnv } from '../../../bench/image-env.js';
import { readRepoText } from '../packaging/repo-files.js';

const DOCKERFILE = `FROM node:22-bookworm-slim AS build
ENV NODE_ENV=development
FROM ghcr.io/home-assistant/base-debian:bookworm
ENV NODE_ENV=production \\
    MALLOC_ARENA_MAX=2 \\
    MAJORDOME_PORT=8099
ENV MALLOC_TRIM_THRESHOLD_=131072
`;

describe("the image's environment, as the bench runs the server with it", () => {
  it("reads every ENV of the last stage only, continued lines included", () => {
    expect(runtimeStageEnv(DOCKERFILE)).toEqual({
      NODE_ENV: 'production',
      MALLOC_ARENA_MAX: '2',
      MAJORDOME_PORT: '8099',
      MALLOC_TRIM_THRESHOLD_: '131072',
    });
  });

  it("keeps the allocator's settings, which change how much memory the server holds", () => {
    expect(imageMemoryEnv(DOCKERFILE)).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
  });

  it("finds the repository Dockerfile's allocator settings (what users run is what the bench measures)", () => {
    const env = imageMemoryEnv(readRepoText('Dockerfile'));
    expect(Number(env.MALLOC_ARENA_MAX)).toBeGreaterThan(0);
    expect(Number(env.MALLOC_TRIM_THRESHOLD_)).toBeGreaterThan(0);
  });
});
