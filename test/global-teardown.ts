export default async function globalTeardown(): Promise<void> {
  const teardown = (globalThis as Record<string, unknown>).__yorisoiTeardown as (() => Promise<void>) | undefined;
  await teardown?.();
}
