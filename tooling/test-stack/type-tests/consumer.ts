import type {} from '@kitty-collect/test-stack/vitest-setup';
import { inject } from 'vitest';

export const url: string = inject('prometheusApiUrl');
// @ts-expect-error the provided value is a string
export const wrong: number = inject('prometheusApiUrl');
// @ts-expect-error unknown keys stay unknown
inject('somethingElse');
