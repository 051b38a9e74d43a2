import { resolve } from 'node:path';

// src/ and dist/ sit at the same depth, so this holds for both.
export const projectRoot = resolve(import.meta.dirname, '..');
export const publicDir = resolve(projectRoot, 'public');
export const assetsDir = resolve(projectRoot, 'assets');
