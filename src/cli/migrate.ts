import type { Command } from './cli.js';

export const migrate: Command = {
  summary: 'not yet available',
  usage: 'hearth migrate',
  async run(_args, io) {
    io.stderr.write('hearth: migrate is not yet available\n');
    return 1;
  },
};
