import 'reflect-metadata';
import { loadConfig, MagpieConfig } from '@magpie/config';
const c: MagpieConfig = loadConfig(process.env);
console.log('ok', c.gateway.port);
