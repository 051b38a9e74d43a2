import type { Command } from './cli.js';

export const createAdmin: Command = {
  summary: 'not yet available',
  usage: 'hearth create-admin',
  async run(_args, io) {
    io.stderr.write('hearth: create-admin is not yet available\n');
    return 1;
  },
};
